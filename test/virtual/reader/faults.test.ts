/**
 * Each fault the virtual reader plays ends, through the real CCID driver and JPKI
 * client, in its typed error within a deadline; after the fault is cleared the next
 * operation succeeds on the same device object (nothing the user would redo: no
 * re-pairing). TPDU runs on SCR3310-NTTCom, APDU level on ACR1252U.
 */
import { describe, expect, it } from 'vitest';
import { JpkiCard } from '../../../src/card';
import { CcidReader } from '../../../src/reader/ccid';
import { createVirtualCard, type VirtualJpkiCard } from '../../../src/virtual/card';
import { createVirtualReader, READER_PROFILES, type Fault, type ReaderProfile, type VirtualReader } from '../../../src/virtual/reader';

/** The driver's own deadline is BWT from the ATR (about 2.7 s for BWI 4) or timeoutMs; 6 s says "it ended". */
const DEADLINE_MS = 6000;
const TIMEOUT_MS = 400;

interface Rig {
  readonly device: VirtualReader;
  readonly card: VirtualJpkiCard;
  readonly jpki: JpkiCard;
  readonly reader: CcidReader;
}

async function rig(level: 'tpdu' | 'apdu', profile = level === 'tpdu' ? READER_PROFILES['SCR3310-NTTCom'] : READER_PROFILES.ACR1252U): Promise<Rig> {
  const card = await createVirtualCard();
  const device = createVirtualReader({ card, profile, browser: 'unrestricted' });
  const reader = await CcidReader.open(device, { timeoutMs: TIMEOUT_MS });
  const jpki = new JpkiCard(reader);
  await jpki.select();
  return { device, card, jpki, reader };
}

/** Runs `op` and returns the error's name (or 'ok') and how long it took. */
async function outcome(op: () => Promise<unknown>): Promise<{ result: string; ms: number }> {
  const start = Date.now();
  try {
    await op();
    return { result: 'ok', ms: Date.now() - start };
  } catch (e) {
    return { result: (e as Error).name, ms: Date.now() - start };
  }
}

async function afterClearing(r: Rig): Promise<string> {
  r.device.clearFaults();
  if (!r.device.cardPresent) r.device.insertCard(r.card);
  r.jpki.forgetSelection();
  return (await outcome(async () => {
    await r.jpki.select();
    await r.jpki.pinStatus('auth');
  })).result;
}

const CASES: readonly (readonly [string, Fault, 'tpdu' | 'apdu', string])[] = [
  ['card pulled mid-exchange', { kind: 'card-removed-mid-exchange' }, 'tpdu', 'NoCardError'],
  ['card pulled mid-exchange', { kind: 'card-removed-mid-exchange' }, 'apdu', 'NoCardError'],
  ['bulk-OUT stalled', { kind: 'stall', endpoint: 'bulk-out' }, 'tpdu', 'UsbStallError'],
  ['bulk-IN stalled', { kind: 'stall', endpoint: 'bulk-in' }, 'apdu', 'UsbStallError'],
  // The card already answered the lost block: the driver must resynchronise T=1 before the next APDU.
  ['bulk-IN stalled', { kind: 'stall', endpoint: 'bulk-in' }, 'tpdu', 'UsbStallError'],
  ['more stale replies than the driver discards', { kind: 'wrong-bseq', stale: 20 }, 'tpdu', 'ReaderFramingError'],
  ['reader stops answering', { kind: 'silent' }, 'tpdu', 'UsbTimeoutError'],
  ['reader stops answering', { kind: 'silent' }, 'apdu', 'UsbTimeoutError'],
  ['replies never carry the right bSeq', { kind: 'wrong-bseq', always: true }, 'apdu', 'UsbTimeoutError'],
  ['more stale replies than the driver discards', { kind: 'wrong-bseq', stale: 20 }, 'apdu', 'ReaderFramingError'],
  ['truncated reply', { kind: 'truncated-reply' }, 'tpdu', 'UsbTimeoutError'],
  ['truncated reply', { kind: 'truncated-reply' }, 'apdu', 'UsbTimeoutError'],
  ['T=1 blocks keep arriving with a bad LRC', { kind: 't1-bad-edc', count: 20 }, 'tpdu', 'T1ResyncFailedError'],
  // More S(WTX) in a row than CONFIG.reader.maxTimeExtensionFactor: the card could hold the reader forever.
  ['a storm of time extensions longer than the driver allows', { kind: 'time-extension-storm', extensions: 40 }, 'tpdu', 'UsbTimeoutError'],
];

describe('faults that end in a typed error, then recover', () => {
  it.each(CASES)('%s (%j, %s) → %s, and the next operation succeeds', async (_, fault, level, expected) => {
    const r = await rig(level);
    r.device.inject(fault);
    const { result, ms } = await outcome(() => r.jpki.pinStatus('auth'));
    expect(result).toBe(expected);
    expect(ms).toBeLessThan(DEADLINE_MS);
    expect(await afterClearing(r)).toBe('ok');
  });

  it('an interface held by the operating system ends in ReaderBusyError with advice; once freed, the same device opens', async () => {
    const card = await createVirtualCard();
    const device = createVirtualReader({ card });
    device.inject({ kind: 'claimed-by-os' });
    const { result } = await outcome(() => CcidReader.open(device, { timeoutMs: TIMEOUT_MS }));
    expect(result).toBe('ReaderBusyError');
    device.clearFaults();
    const reader = await CcidReader.open(device, { timeoutMs: TIMEOUT_MS });
    expect((await reader.powerOn())[0]).toBe(0x3b);
  });

  it('unplugging mid-read ends in ReaderDisconnectedError; after plug() the same device opens again without pairing', async () => {
    const r = await rig('tpdu');
    const pending = outcome(() => r.jpki.readCertificate('auth'));
    r.device.unplug();
    expect((await pending).result).toBe('UsbDisconnectedError');
    r.device.plug();
    const again = await CcidReader.open(r.device, { timeoutMs: TIMEOUT_MS });
    expect((await new JpkiCard(again).readCertificate('auth')).length).toBeGreaterThan(900);
  });
});

describe('faults the driver rides out', () => {
  it.each([
    ['two stale replies before each answer', { kind: 'wrong-bseq', stale: 2 }, 'tpdu'],
    ['zeros after dwLength', { kind: 'over-long-reply', count: 3 }, 'apdu'],
    ['a storm of time extensions (bStatus 0x80 and S(WTX))', { kind: 'time-extension-storm', extensions: 6 }, 'tpdu'],
    ['a storm of time extensions at APDU level', { kind: 'time-extension-storm', extensions: 6 }, 'apdu'],
    ['two T=1 blocks with a bad LRC', { kind: 't1-bad-edc', count: 2 }, 'tpdu'],
    ['a zero-length packet before each of three replies', { kind: 'zero-length-packets', count: 3 }, 'tpdu'],
    ['a zero-length packet before a reply at APDU level', { kind: 'zero-length-packets' }, 'apdu'],
  ] as const)('%s: the operation completes', async (_, fault, level) => {
    const r = await rig(level);
    r.device.inject(fault);
    const status = await r.jpki.pinStatus('auth');
    expect(status.remaining).toBe(3);
  });

  it('a card mute at the first voltage: ACR39U (no automatic voltage) powers on at the next voltage', async () => {
    const card = await createVirtualCard();
    const device = createVirtualReader({ card, profile: READER_PROFILES.ACR39U, browser: 'unrestricted' });
    const reader = await CcidReader.open(device, { timeoutMs: TIMEOUT_MS });
    device.inject({ kind: 'mute-first-voltage' });
    expect((await reader.powerOn())[0]).toBe(0x3b);
  });

  it('a card mute at the first power-on of a reader that picks the voltage itself: the driver tries once more and powers on', async () => {
    const r = await rig('tpdu');
    r.device.inject({ kind: 'mute-first-voltage' });
    expect((await r.reader.powerOn())[0]).toBe(0x3b);
  });

  it('a card that stays mute ends in CardMuteError; once it answers, power-on works on the same reader', async () => {
    const r = await rig('tpdu');
    r.device.inject({ kind: 'mute-first-voltage', count: 10 });
    const { result, ms } = await outcome(() => r.reader.powerOn());
    expect([result, ms < DEADLINE_MS]).toEqual(['CardMuteError', true]);
    r.device.clearFaults();
    expect((await r.reader.powerOn())[0]).toBe(0x3b);
  });
});

describe('card insertion and removal seen by the driver', () => {
  async function events(profile: ReaderProfile, pollIntervalMs: number): Promise<string[]> {
    const card = await createVirtualCard();
    const device = createVirtualReader({ card, profile, browser: 'unrestricted' });
    const reader = await CcidReader.open(device, { timeoutMs: TIMEOUT_MS, pollIntervalMs });
    const seen: string[] = [];
    reader.onSlotChange((e) => seen.push(`${e.present ? 'inserted' : 'removed'} via ${e.source}`));
    await new Promise((r) => setTimeout(r, 30));
    device.removeCard();
    await new Promise((r) => setTimeout(r, 4 * pollIntervalMs));
    device.insertCard(card);
    await new Promise((r) => setTimeout(r, 4 * pollIntervalMs));
    await reader.close();
    return seen;
  }

  it('reports removal and insertion from NotifySlotChange on the interrupt endpoint', async () => {
    expect(await events(READER_PROFILES['SCR3310-NTTCom'], 20)).toEqual(['removed via interrupt', 'inserted via interrupt']);
  });

  it('reports them by polling GetSlotStatus on a reader without an interrupt endpoint', async () => {
    const base = READER_PROFILES['SCR3310-NTTCom'];
    const profile = { ...base, interfaces: [{ ...base.interfaces[0]!, numEndpoints: 2 }] };
    expect(await events(profile, 20)).toEqual(['removed via poll', 'inserted via poll']);
  });
});
