/**
 * A card's identity for the status cache: the serial number of its authentication
 * certificate (issue 5 §1). The serial sits in the first ~35 bytes of the certificate
 * (SEQUENCE, TBSCertificate SEQUENCE, [0] version, INTEGER serial — RFC 5280 §4.1), so
 * a warm check reads only the head of EF 000A: one SELECT and one short READ BINARY,
 * instead of ceil(length / 256) + 1 commands for the whole certificate.
 * The same function computes the serial from a full certificate, so cache keys always
 * come from one parser.
 */
import { hex } from '../../bytes';
import { decodeResponse, encodeCommand } from '../../card/apdu';
import { readDerHeader } from '../../card/der';
import { CLA, EF, INS, SELECT_P1, SELECT_P2_NO_FCI } from '../../card/jpki-constants';
import type { ApduTransport } from '../../card/transport';
import { SW } from '../../card/status-words';
import { CardIdentityError } from './errors';

/** Bytes of the head read: 4 + 4 (two SEQUENCE headers) + 5 ([0] version) + 22 (INTEGER of ≤ 20 octets, RFC 5280 §4.1.2.2). */
export const IDENTITY_HEAD_LENGTH = 35;

const TAG_SEQUENCE = 0x30;
const TAG_VERSION = 0xa0;
const TAG_INTEGER = 0x02;

/** The serial (hex) from the first bytes of a DER certificate; CardIdentityError when they are not one. */
export function serialFromCertificateHead(head: Uint8Array): string {
  try {
    const outer = readDerHeader(head);
    if (outer.tag !== TAG_SEQUENCE) throw new CardIdentityError('certificate does not start with a SEQUENCE');
    let at = outer.headerLength;
    const tbs = readDerHeader(head.subarray(at));
    if (tbs.tag !== TAG_SEQUENCE) throw new CardIdentityError('TBSCertificate is not a SEQUENCE');
    at += tbs.headerLength;
    if (head[at] === TAG_VERSION) at += readDerHeader(head.subarray(at)).totalLength;
    const serial = readDerHeader(head.subarray(at));
    if (serial.tag !== TAG_INTEGER) throw new CardIdentityError('no serial number INTEGER where RFC 5280 puts it');
    const start = at + serial.headerLength;
    if (serial.contentLength === 0 || start + serial.contentLength > head.length) {
      throw new CardIdentityError(`serial of ${serial.contentLength} bytes does not fit the ${head.length} bytes read`);
    }
    return hex(head.subarray(start, start + serial.contentLength)).replace(/ /g, '');
  } catch (error) {
    if (error instanceof CardIdentityError) throw error;
    throw new CardIdentityError('certificate head is not DER', {}, { cause: error });
  }
}

/** Reads the head of EF 000A (the JPKI AP must be selected) and returns the serial. */
export async function readAuthCertificateSerial(transport: ApduTransport): Promise<string> {
  const select = decodeResponse(
    await transport.transmit(
      encodeCommand({
        cla: CLA.ISO,
        ins: INS.SELECT,
        p1: SELECT_P1.EF_UNDER_CURRENT_DF,
        p2: SELECT_P2_NO_FCI,
        data: Uint8Array.of(EF.authCert >> 8, EF.authCert & 0xff),
      }),
    ),
  );
  if (select.sw !== SW.OK) throw new CardIdentityError(`SELECT EF 000A answered ${select.sw.toString(16)}`);
  const read = decodeResponse(
    await transport.transmit(
      encodeCommand({ cla: CLA.ISO, ins: INS.READ_BINARY, p1: 0, p2: 0, data: new Uint8Array(0), le: IDENTITY_HEAD_LENGTH }),
    ),
  );
  if (read.sw !== SW.OK) throw new CardIdentityError(`READ BINARY of EF 000A answered ${read.sw.toString(16)}`);
  return serialFromCertificateHead(read.data);
}
