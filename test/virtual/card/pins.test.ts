/**
 * VERIFY and the PIN counters (jpki-protocol §3.3, §4, §8): the retry query costs
 * nothing, wrong PINs count down and persist across power cycles, a correct PIN
 * refills, 63C0 then 6984 when locked, and the verified state lasts until power-off.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createVirtualCard, VirtualCardProfileError, VirtualCardUnpoweredError, type VirtualJpkiCard } from '../../../src/virtual/index';
import { selectEf, SELECT_JPKI, sws, tx, verifyCommand } from './helpers';

const AUTH_PIN = selectEf('0018');
const SIGN_PIN = selectEf('001B');
const QUERY = '00 20 00 80';

let card: VirtualJpkiCard;
beforeEach(async () => {
  card = await createVirtualCard();
});

describe('the retry query (VERIFY without data)', () => {
  it('answers 63C3 for the authentication PIN and 63C5 for the signing password, and costs no try', async () => {
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, QUERY, QUERY, SIGN_PIN, QUERY, QUERY)).toEqual(
      ['90 00', '90 00', '63 C3', '63 C3', '90 00', '63 C5', '63 C5'],
    );
  });

  it('still answers 63Cx (not 9000) once verified, as OpenSC GET_INFO needs SW1=63', async () => {
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, verifyCommand('1234'), QUERY)).toEqual(['90 00', '90 00', '90 00', '63 C3']);
  });

  it('works by short EF identifier with no SELECT: 00 20 00 98 and 00 20 00 9B', async () => {
    expect(await sws(card, SELECT_JPKI, '00 20 00 98', '00 20 00 9B')).toEqual(['90 00', '63 C3', '63 C5']);
  });
});

describe('wrong, right and blocked PINs', () => {
  it('counts the authentication PIN down 63C2, 63C1, 63C0, then 6984 for every VERIFY', async () => {
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, verifyCommand('0000'), verifyCommand('0000'), verifyCommand('0000'))).toEqual(
      ['90 00', '90 00', '63 C2', '63 C1', '63 C0'],
    );
    expect(await sws(card, verifyCommand('1234'), QUERY, '00 20 00 98')).toEqual(['69 84', '69 84', '69 84']);
    expect(card.pinTries('auth')).toEqual({ remaining: 0, max: 3 });
  });

  it('counts the signing password down from 5 and refills on the right one', async () => {
    expect(await sws(card, SELECT_JPKI, SIGN_PIN, verifyCommand('WRONG1'), verifyCommand('WRONG2'), verifyCommand('ABC123'), QUERY)).toEqual(
      ['90 00', '90 00', '63 C4', '63 C3', '90 00', '63 C5'],
    );
  });

  it('compares bytes: a lower-case signing password is a wrong one', async () => {
    expect(await sws(card, SELECT_JPKI, SIGN_PIN, verifyCommand('abc123'))).toEqual(['90 00', '90 00', '63 C4']);
  });

  it('refuses more than 16 bytes with 6700 without using a try', async () => {
    expect(await sws(card, SELECT_JPKI, SIGN_PIN, verifyCommand('ABCDEFGHIJKLMNOPQ'), QUERY)).toEqual(['90 00', '90 00', '67 00', '63 C5']);
  });

  it('keeps used tries across power cycles and warm resets', async () => {
    await sws(card, SELECT_JPKI, AUTH_PIN, verifyCommand('9999'));
    card.powerOff();
    card.powerOn();
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, QUERY)).toEqual(['90 00', '90 00', '63 C2']);
    await tx(card, verifyCommand('9999'));
    card.reset();
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, QUERY)).toEqual(['90 00', '90 00', '63 C1']);
  });

  it('forgets a verified PIN on a wrong entry', async () => {
    await sws(card, SELECT_JPKI, SIGN_PIN, verifyCommand('ABC123'), verifyCommand('NOPE00'));
    expect(await sws(card, selectEf('0001'), '00 B0 00 00 04')).toEqual(['90 00', '69 82']);
  });
});

describe('VERIFY parameters', () => {
  it.each([
    ['P1=01', [SELECT_JPKI, AUTH_PIN], '00 20 01 80', '6A 86'],
    ['P2=00', [SELECT_JPKI, AUTH_PIN], '00 20 00 00', '6A 86'],
    ['P2=A0', [SELECT_JPKI, AUTH_PIN], '00 20 00 A0', '6A 86'],
    ['P2=80 with no EF selected', [SELECT_JPKI], QUERY, '69 86'],
    ['P2=80 with a certificate EF selected', [SELECT_JPKI, selectEf('000A')], QUERY, '6A 88'],
    ['P2=97, the auth key rather than a PIN', [SELECT_JPKI], '00 20 00 97', '6A 88'],
    ['P2=9F, no such IEF', [SELECT_JPKI], '00 20 00 9F', '6A 88'],
    ['P2=98 before any AP is selected', [], '00 20 00 98', '6A 88'],
  ])('%s answers %s', async (_n, setup, command, sw) => {
    for (const s of setup) expect(await tx(card, s)).toBe('90 00');
    expect(await tx(card, command)).toBe(sw);
  });
});

describe('how long a verified PIN lasts', () => {
  async function canReadSignCert(): Promise<boolean> {
    return (await sws(card, SELECT_JPKI, selectEf('0001'), '00 B0 00 00 04'))[2] === '90 00';
  }

  it('lasts through a warm reset and selecting another AP (MC)', async () => {
    await sws(card, SELECT_JPKI, SIGN_PIN, verifyCommand('ABC123'));
    card.reset();
    await tx(card, '00 A4 04 0C 0A D3 92 10 00 31 00 01 01 04 08');
    expect(await canReadSignCert()).toBe(true);
    card.powerOn(); // already powered: a warm reset too
    expect(await canReadSignCert()).toBe(true);
  });

  it('ends at power-off', async () => {
    await sws(card, SELECT_JPKI, SIGN_PIN, verifyCommand('ABC123'));
    card.powerOff();
    card.powerOn();
    expect(await canReadSignCert()).toBe(false);
  });

  it('leaves nothing selected after power-on or reset', async () => {
    await tx(card, SELECT_JPKI);
    card.reset();
    expect(await tx(card, selectEf('000A'))).toBe('6A 82');
  });
});

describe('CHANGE REFERENCE DATA (00 24 01 80)', () => {
  it('changes the authentication PIN after VERIFY; the new one works after a power cycle', async () => {
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, '00 24 01 80 04 35 36 37 38')).toEqual(['90 00', '90 00', '69 82']);
    expect(await sws(card, verifyCommand('1234'), '00 24 01 80 04 35 36 37 38')).toEqual(['90 00', '90 00']);
    card.powerOff();
    card.powerOn();
    expect(await sws(card, SELECT_JPKI, AUTH_PIN, verifyCommand('1234'), verifyCommand('5678'))).toEqual(['90 00', '90 00', '63 C2', '90 00']);
  });

  it('answers 6A86 for P1=00 and 6700 for no new PIN', async () => {
    await sws(card, SELECT_JPKI, AUTH_PIN, verifyCommand('1234'));
    expect(await sws(card, '00 24 00 80 04 35 36 37 38', '00 24 01 80')).toEqual(['6A 86', '67 00']);
  });
});

describe('the test controls', () => {
  it('setPinTries sets what the query reports; 0 locks', async () => {
    card.setPinTries('sign', 1);
    expect(await sws(card, SELECT_JPKI, SIGN_PIN, QUERY)).toEqual(['90 00', '90 00', '63 C1']);
    card.setPinTries('auth', 0);
    expect(await sws(card, AUTH_PIN, QUERY, verifyCommand('1234'))).toEqual(['90 00', '69 84', '69 84']);
  });

  it('setPinTries refuses a count the card cannot hold', () => {
    expect(() => card.setPinTries('auth', 4)).toThrow(VirtualCardProfileError);
    expect(() => card.setPinTries('sign', -1)).toThrow(VirtualCardProfileError);
  });

  it('counts APDUs and logs VERIFY with the PIN redacted', async () => {
    card.clearLog();
    await sws(card, SELECT_JPKI, AUTH_PIN, verifyCommand('1234'));
    expect(card.apduCount).toBe(3);
    expect(card.log[2]).toEqual({ command: '00 20 00 80 04 <4 bytes redacted>', sw: 0x9000, responseLength: 2 });
    expect(JSON.stringify(card.log)).not.toContain('31 32 33 34');
  });

  it('refuses to run commands while powered off', async () => {
    card.powerOff();
    await expect(card.transmit(Uint8Array.of(0, 0xa4, 4, 0x0c))).rejects.toBeInstanceOf(VirtualCardUnpoweredError);
  });
});
