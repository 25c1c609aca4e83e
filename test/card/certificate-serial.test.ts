import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../src/bytes';
import { CERTIFICATE_HEAD_LENGTH, serialFromCertificateHead } from '../../src/card/certificate-serial';
import { CertificateParseError } from '../../src/card/errors';

// SEQUENCE(0x04D2) { SEQUENCE(0x03BA) { [0] { INTEGER 2 } INTEGER <serial> ...
const head = (serial: string) => fromHex(`30 82 04 D2 30 82 03 BA A0 03 02 01 02 02 ${(serial.length / 2).toString(16).padStart(2, '0')} ${serial}`);

describe('a certificate\'s serial from the head of its EF (the status cache\'s card identity)', () => {
  it('reads the serial where RFC 5280 puts it, within the bytes a warm check reads', () => {
    const bytes = head('0123456789ABCDEF0123456789ABCDEF01234567');
    expect(bytes.length).toBeLessThanOrEqual(CERTIFICATE_HEAD_LENGTH);
    expect(serialFromCertificateHead(bytes)).toBe('0123456789ABCDEF0123456789ABCDEF01234567');
  });

  it('reads a v1 certificate without the [0] version field', () => {
    expect(serialFromCertificateHead(fromHex('30 82 04 D2 30 82 03 BA 02 03 01 02 03'))).toBe('010203');
  });

  it.each([
    ['a serial cut off by the read length', fromHex('30 82 04 D2 30 82 03 BA A0 03 02 01 02 02 14 01 02')],
    ['not a SEQUENCE', fromHex('31 82 04 D2 30 82 03 BA A0 03 02 01 02 02 01 05')],
    ['no INTEGER after the version', fromHex('30 82 04 D2 30 82 03 BA A0 03 02 01 02 04 01 05')],
    ['an empty file', new Uint8Array(0)],
    ['padding only', new Uint8Array(35).fill(0xff)],
  ])('refuses %s with certificate-parse, so the status read goes cold', (_, bytes) => {
    expect(() => serialFromCertificateHead(bytes)).toThrow(CertificateParseError);
  });

  it('never fails with anything but CertificateParseError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          const serial = serialFromCertificateHead(bytes);
          expect(serial).toMatch(/^[0-9A-F]+$/);
        } catch (error) {
          expect(error).toBeInstanceOf(CertificateParseError);
        }
      }),
    );
  });
});
