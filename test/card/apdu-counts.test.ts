/**
 * APDU cost of each JpkiCard operation against the virtual card, the figures in
 * docs/card.md. Each is asserted against the budget so a regression fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { AssistCard, CardChannel, CommonCard, JpkiCard } from '../../src/card/index';
import type { ApduCounts } from '../../src/card/index';
import { createVirtualCard } from '../../src/virtual/index';

const rows: string[] = [];

/** Anything that counts its APDUs: a JpkiCard, an AssistCard, a CommonCard or their shared CardChannel. */
interface Counted {
  resetApduCounts?(): void;
  apduCounts?(): ApduCounts;
  resetCounts?(): void;
  counts?(): ApduCounts;
}

async function measure(name: string, jpki: Counted, op: () => Promise<unknown>): Promise<ApduCounts> {
  if (jpki.resetApduCounts) jpki.resetApduCounts();
  else jpki.resetCounts?.();
  await op();
  const c = (jpki.apduCounts ?? jpki.counts)!.call(jpki);
  rows.push(`| ${name} | ${c.commands} | ${c.bytesSent} | ${c.bytesReceived} |`);
  return c;
}

afterAll(() => {
  console.log(['| operation | APDUs | bytes sent | bytes received |', '|---|---|---|---|', ...rows].join('\n'));
});

describe('APDUs per operation', () => {
  it('from a freshly powered card, each operation on its own JpkiCard', async () => {
    const card = await createVirtualCard();
    const fresh = (): JpkiCard => {
      card.powerOff();
      card.powerOn();
      return new JpkiCard(card);
    };
    const authLength = card.certificates.auth.length;
    let j = fresh();
    expect((await measure('cold: select + token label', j, async () => { await j.select(); await j.tokenLabel(); })).commands).toBe(3);
    j = fresh();
    const authRead = await measure(`cold: read auth certificate (${authLength} bytes)`, j, () => j.readCertificate('auth'));
    expect(authRead.commands).toBeLessThanOrEqual(Math.ceil(authLength / 256) + 3);
    j = fresh();
    expect((await measure('cold: auth PIN status', j, () => j.pinStatus('auth'))).commands).toBe(2);
    j = fresh();
    expect((await measure('cold: verify auth PIN', j, () => j.verifyPin('auth', '1234'))).commands).toBe(3);
  });

  it('the warm status read fits 4 APDUs: select, certificate serial head, both PINs\' tries (issue 13 §5)', async () => {
    const card = await createVirtualCard();
    card.powerOff();
    card.powerOn();
    const j = new JpkiCard(card);
    // What the background's status action sends for a card already in its cache.
    const warm = await measure('cold card, warm status: select + auth serial + both PIN statuses', j, async () => {
      await j.select();
      await j.certificateSerial('auth');
      await j.pinStatus('auth');
      await j.pinStatus('sign');
    });
    expect(warm.commands).toBe(4);
  });

  it('stays within the certificate budget on a card that answers 6F00 to its first command (MC)', async () => {
    const card = await createVirtualCard({ quirks: { mute6F00AfterPowerOn: true } });
    card.powerOff();
    card.powerOn();
    const j = new JpkiCard(card);
    const read = await measure('cold, 6F00 card: read auth certificate', j, () => j.readCertificate('auth'));
    expect(read.commands).toBe(Math.ceil(card.certificates.auth.length / 256) + 3);
  });

  it('in one session: select, label, auth certificate, PIN status, verify, sign, sign certificate', async () => {
    const card = await createVirtualCard();
    card.powerOn();
    const j = new JpkiCard(card);
    const auth = card.certificates.auth.length;
    const sign = card.certificates.sign!.length;
    expect((await measure('select + token label', j, async () => { await j.select(); await j.tokenLabel(); })).commands).toBe(3);
    const read = await measure(`read auth certificate (${auth} bytes)`, j, () => j.readCertificate('auth'));
    expect(read.commands).toBe(Math.ceil(auth / 256) + 1);
    expect((await measure('auth PIN status', j, () => j.pinStatus('auth'))).commands).toBe(1);
    expect((await measure('verify auth PIN', j, () => j.verifyPin('auth', '1234'))).commands).toBe(2);
    expect((await measure('auth PIN status again (PIN EF current after VERIFY)', j, () => j.pinStatus('auth'))).commands).toBe(1);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(8)));
    expect((await measure('sign with the auth key (SHA-256)', j, () => j.sign('auth', 'SHA-256', digest))).commands).toBe(2);
    expect((await measure('sign again with the auth key', j, () => j.sign('auth', 'SHA-256', digest))).commands).toBe(1);
    expect((await measure('sign password status', j, () => j.pinStatus('sign'))).commands).toBe(1);
    expect((await measure('verify sign password', j, () => j.verifyPin('sign', 'ABC123'))).commands).toBe(2);
    const signRead = await measure(`read sign certificate (${sign} bytes)`, j, () => j.readCertificate('sign'));
    expect(signRead.commands).toBe(Math.ceil(sign / 256) + 1);
    expect((await measure('sign with the sign key (SHA-256)', j, () => j.sign('sign', 'SHA-256', digest))).commands).toBe(2);
    expect((await measure('has sign certificate (EF 0008)', j, () => j.hasSignCertificate())).commands).toBe(2);
  });

  it('the portal\'s modes (portal-protocol §4) from a freshly powered card, on one channel shared by the three clients', async () => {
    const card = await createVirtualCard();
    const fresh = (): { channel: CardChannel; jpki: JpkiCard; assist: AssistCard; common: CommonCard } => {
      card.powerOff();
      card.powerOn();
      const channel = new CardChannel(card);
      return { channel, jpki: new JpkiCard(channel), assist: new AssistCard(channel), common: new CommonCard(channel) };
    };
    const auth = card.certificates.auth.length;
    const sign = card.certificates.sign!.length;
    const digestInfo = new Uint8Array(51).fill(1);
    let c = fresh();
    expect((await measure('cold: assist PIN status', c.channel, () => c.assist.pinStatus())).commands).toBe(3);
    c = fresh();
    expect((await measure('cold: 共通カードAP record (manufacture number)', c.channel, () => c.common.manufactureNumber())).commands).toBe(2);
    c = fresh();
    const mode04 = await measure('mode 04: verify assist PIN, read 基本4情報, record', c.channel, async () => {
      await c.assist.verifyPin('1234');
      await c.assist.readBasicInfo();
      await c.common.manufactureNumber();
    });
    expect(mode04.commands).toBe(3 + 2 + 2);
    c = fresh();
    const mode01 = await measure(`mode 01: verify auth PIN, raw signature, auth certificate (${auth} bytes), record`, c.channel, async () => {
      await c.jpki.verifyPin('auth', '1234');
      await c.jpki.signRaw('auth', digestInfo);
      await c.jpki.readCertificate('auth');
      await c.common.manufactureNumber();
    });
    expect(mode01.commands).toBe(3 + 2 + (1 + Math.ceil(auth / 256)) + 2);
    c = fresh();
    const mode02 = await measure(`mode 02: verify sign password, two raw signatures, sign certificate (${sign} bytes), record`, c.channel, async () => {
      await c.jpki.verifyPin('sign', 'ABC123');
      await c.jpki.signRaw('sign', digestInfo);
      await c.jpki.signRaw('sign', digestInfo);
      await c.jpki.readCertificate('sign');
      await c.common.manufactureNumber();
    });
    expect(mode02.commands).toBe(3 + 2 + 1 + (1 + Math.ceil(sign / 256)) + 2);
  });
});
