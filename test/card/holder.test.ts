import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { CertificateParseError } from '../../src/card/errors';
import { birthDate, holderFromOtherNames, jpkiOtherNames } from '../../src/card/holder';

/** A SAN value: GeneralNames of otherName [0] { OID, [0] EXPLICIT value }. */
function san(...names: Array<[string, asn1js.AsnType]>): Uint8Array {
  const otherNames = names.map(
    ([oid, value]) =>
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [value] })],
      }),
  );
  return new Uint8Array(new asn1js.Sequence({ value: otherNames }).toBER(false));
}
const utf8 = (v: string): asn1js.Utf8String => new asn1js.Utf8String({ value: v });

describe('birth date EYYYYMMDD', () => {
  it.each([
    ['319800217', { birthEra: 3, birthDate: '1980-02-17' }],
    ['420000229', { birthEra: 4, birthDate: '2000-02-29' }],
    ['519990229', { birthEra: 5 }], // not a calendar date: era only
    ['019800000', { birthEra: 0 }], // 不明 day and month
    ['41990010', {}],
    ['4199001O2', {}],
    ['', {}],
  ])('%j → %j', (raw, expected) => {
    expect(birthDate(raw)).toEqual(expected);
  });
});

describe('holder fields from the SAN', () => {
  it('reads fields by OID whatever their order, and ignores other otherNames', () => {
    const values = jpkiOtherNames(
      san(['1.2.392.200149.8.5.5.6', utf8('0000')], ['1.2.3.4', utf8('not ours')], ['1.2.392.200149.8.5.5.3', utf8('1')], ['1.2.392.200149.8.5.5.1', utf8('山田　一')]),
    );
    expect(holderFromOtherNames(values)).toEqual({ name: '山田　一', addressSubstitutes: [false, false, false, false], sexCode: '1', sex: 'male' });
  });

  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['3', 'unknown'],
    ['9', 'unknown'],
    ['X', 'unknown'],
  ])('reads sex code %s as %s, keeping the code', (code, sex) => {
    expect(holderFromOtherNames(jpkiOtherNames(san(['1.2.392.200149.8.5.5.3', utf8(code)])))).toEqual({ sexCode: code, sex });
  });

  it('reads a field encoded as another string type', () => {
    const values = jpkiOtherNames(san(['1.2.392.200149.8.5.5.4', new asn1js.PrintableString({ value: '319800217' })]));
    expect(holderFromOtherNames(values)).toMatchObject({ birthDate: '1980-02-17' });
  });

  it('drops substitute flags that are not 0/1', () => {
    expect(holderFromOtherNames(jpkiOtherNames(san(['1.2.392.200149.8.5.5.2', utf8('01x')])))).toEqual({});
  });

  it('gives no holder for a SAN without JPKI fields', () => {
    expect(holderFromOtherNames(jpkiOtherNames(san(['1.2.3.4', utf8('x')])))).toBeUndefined();
  });

  it.each([
    ['a field twice', san(['1.2.392.200149.8.5.5.1', utf8('a')], ['1.2.392.200149.8.5.5.1', utf8('b')])],
    ['a value that is not a string', san(['1.2.392.200149.8.5.5.1', new asn1js.Integer({ value: 1 })])],
    ['bytes that are not a SEQUENCE', Uint8Array.of(0x04, 0x00)],
  ])('refuses %s with CertificateParseError', (_, bytes) => {
    expect(() => jpkiOtherNames(bytes)).toThrow(CertificateParseError);
  });
});
