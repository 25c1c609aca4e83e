/**
 * Every status word jpki-protocol §3 and §8 list has a name, so an error a user or a log
 * shows says what the card meant, not a bare number.
 */
import { describe, expect, it } from 'vitest';
import { describeSw, isCounterSw, swHex } from '../../src/card/index';

describe('describeSw names every status word the facts list', () => {
  it.each([
    [0x9000, 'OK'],
    [0x6300, 'VERIFY_FAILED_NO_COUNTER'],
    [0x63c3, 'VERIFY_FAILED_COUNTER(3)'],
    [0x63c0, 'VERIFY_FAILED_COUNTER(0)'],
    [0x6282, 'END_OF_FILE_WARNING'],
    [0x6700, 'WRONG_LENGTH'],
    [0x6881, 'LOGICAL_CHANNEL_NOT_SUPPORTED'],
    [0x6882, 'SECURE_MESSAGING_NOT_SUPPORTED'],
    [0x69fc, 'SECURE_MESSAGING_REFUSED'],
    [0x6982, 'SECURITY_STATUS_NOT_SATISFIED'],
    [0x6983, 'AUTH_METHOD_BLOCKED'],
    [0x6984, 'REFERENCE_DATA_BLOCKED'],
    [0x6985, 'CONDITIONS_NOT_SATISFIED'],
    [0x6986, 'NO_CURRENT_EF'],
    [0x6a82, 'FILE_NOT_FOUND'],
    [0x6a86, 'INCORRECT_P1P2'],
    [0x6a88, 'REFERENCED_DATA_NOT_FOUND'],
    [0x6b00, 'OFFSET_OUTSIDE_EF'],
    [0x6d00, 'INS_NOT_SUPPORTED'],
    [0x6e00, 'CLA_NOT_SUPPORTED'],
    [0x6f00, 'NO_PRECISE_DIAGNOSIS'],
    [0x6110, 'MORE_DATA(16)'],
    [0x6c00, 'WRONG_LE(256)'],
    [0x6c20, 'WRONG_LE(32)'],
  ])('%s', (sw, name) => {
    expect(describeSw(sw)).toBe(name);
  });

  it('names an unknown status word by its hex', () => {
    expect(describeSw(0x6a81)).toBe('SW_6A81');
    expect(swHex(0x63c2)).toBe('63C2');
  });

  it('reads 63C0..63CF as counters, and nothing else', () => {
    expect(isCounterSw(0x63c0)).toBe(true);
    expect(isCounterSw(0x63cf)).toBe(true);
    expect(isCounterSw(0x6300)).toBe(false);
    expect(isCounterSw(0x6984)).toBe(false);
  });
});
