/**
 * A certificate's serial number from the head of its EF alone. RFC 5280 §4.1 puts the
 * serial right after the outer SEQUENCE, the TBSCertificate SEQUENCE and the [0] version,
 * so 35 bytes hold it; one short READ BINARY is enough to recognise a card seen before
 * (the extension's status cache) instead of reading the whole certificate. The same
 * function serves a full certificate, so cache keys always come from one parser.
 */
import { hex } from '../bytes';
import { readDerHeader } from './der';
import { CertificateParseError } from './errors';

/** 4 + 4 (two SEQUENCE headers) + 5 ([0] version) + 22 (INTEGER of ≤ 20 octets, RFC 5280 §4.1.2.2). */
export const CERTIFICATE_HEAD_LENGTH = 35;

const TAG_SEQUENCE = 0x30;
const TAG_VERSION = 0xa0;
const TAG_INTEGER = 0x02;

/** The serial (upper-case hex, no spaces) from the first bytes of a DER certificate; CertificateParseError when they are not one. */
export function serialFromCertificateHead(head: Uint8Array): string {
  try {
    const outer = readDerHeader(head);
    if (outer.tag !== TAG_SEQUENCE) throw new CertificateParseError('certificate does not start with a SEQUENCE');
    let at = outer.headerLength;
    const tbs = readDerHeader(head.subarray(at));
    if (tbs.tag !== TAG_SEQUENCE) throw new CertificateParseError('TBSCertificate is not a SEQUENCE');
    at += tbs.headerLength;
    if (head[at] === TAG_VERSION) at += readDerHeader(head.subarray(at)).totalLength;
    const serial = readDerHeader(head.subarray(at));
    if (serial.tag !== TAG_INTEGER) throw new CertificateParseError('no serial number INTEGER where RFC 5280 puts it');
    const start = at + serial.headerLength;
    if (serial.contentLength === 0 || start + serial.contentLength > head.length) {
      throw new CertificateParseError(`serial of ${serial.contentLength} bytes does not fit the ${head.length} bytes read`);
    }
    return hex(head.subarray(start, start + serial.contentLength)).replace(/ /g, '');
  } catch (error) {
    if (error instanceof CertificateParseError) throw error;
    throw new CertificateParseError('certificate head is not DER', {}, { cause: error });
  }
}
