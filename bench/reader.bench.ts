/**
 * Reader bench (issue 4 §3): USB transfers and bytes per JPKI operation through the
 * real driver and the virtual reader, at TPDU level (SCR3310-NTTCom, T=1 on the wire)
 * and APDU level (ACR1252U contact, RC-S300 contactless), against the baseline of the
 * same operation sent straight to the virtual card in this process: APDU bytes, and
 * wall time. Simulated time uses the timing model below on the virtual clock.
 */
import { JpkiCard } from '../src/card';
import { CcidReader } from '../src/reader/ccid';
import { createVirtualCard, DEFAULT_PINS, type VirtualJpkiCard } from '../src/virtual/card';
import { createVirtualReader, READER_PROFILES, type ReaderProfile, type TimingModel, type VirtualReader } from '../src/virtual/reader';

/** Full-speed USB completes a bulk transfer within a 1 ms frame (0.5 ms on average); card costs are a model, not a measurement. */
const MODEL: Omit<TimingModel, 'link'> = { usbLatencyMs: 0.5, cardMsPerApdu: 5, cardMsPerByte: 0.01, clock: 'virtual' };
/** Timed repetitions per figure; the first pass of everything is a warm-up (JIT), not timed. */
const ROUNDS = 20;

type Op = 'read auth cert' | 'PIN status' | 'verify PIN + sign';
const OPS: Record<Op, (j: JpkiCard) => Promise<unknown>> = {
  'read auth cert': async (j) => {
    j.forgetSelection();
    await j.select();
    return j.readCertificate('auth');
  },
  'PIN status': (j) => j.pinStatus('auth'),
  'verify PIN + sign': async (j) => {
    await j.verifyPin('auth', DEFAULT_PINS.auth);
    return j.sign('auth', 'SHA-256', new Uint8Array(32).fill(7));
  },
};

interface Setup {
  readonly label: string;
  readonly profile: ReaderProfile;
  readonly link: TimingModel['link'];
}

const SETUPS: readonly Setup[] = [
  { label: 'TPDU  SCR3310-NTTCom (contact T=1)', profile: READER_PROFILES['SCR3310-NTTCom'], link: 'contact' },
  { label: 'APDU  ACR1252U (contact)', profile: READER_PROFILES.ACR1252U, link: 'contact' },
  { label: 'APDU  RC-S300 (contactless 424k)', profile: READER_PROFILES['RC-S300'], link: 'contactless' },
];

async function wallMs(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) await run();
  return (performance.now() - start) / ROUNDS;
}

async function measure(setup: Setup, card: VirtualJpkiCard, baseline: Record<Op, { apduBytes: number; ms: number }>): Promise<void> {
  const device: VirtualReader = createVirtualReader({ card, profile: setup.profile, browser: 'unrestricted', timing: { ...MODEL, link: setup.link } });
  const reader = await CcidReader.open(device, { timeoutMs: 5000 });
  await reader.powerOn();
  const jpki = new JpkiCard(reader);
  await jpki.select();
  console.log(`\n${setup.label}`);
  console.log('operation           | USB out/in/ctl | bytes on wire | APDU bytes | wire/APDU | T=1 blocks | simulated ms | wall ms (x direct)');
  for (const [op, run] of Object.entries(OPS) as [Op, (j: JpkiCard) => Promise<unknown>][]) {
    device.resetStats();
    await run(jpki);
    const s = device.stats;
    const wire = s.bytesOut + s.bytesIn;
    const ms = await wallMs(() => run(jpki));
    const b = baseline[op];
    console.log([
      op.padEnd(19), `${s.transfersOut}/${s.transfersIn}/${s.controlTransfers}`.padStart(14), String(wire).padStart(13),
      String(s.apduBytes).padStart(10), (wire / s.apduBytes).toFixed(2).padStart(9), String(s.t1Blocks).padStart(10),
      s.simulatedMs.toFixed(1).padStart(12), `${ms.toFixed(2)} (x${(ms / b.ms).toFixed(1)})`.padStart(18),
    ].join(' | '));
    if (s.apduBytes !== b.apduBytes) console.log(`  note: ${s.apduBytes} APDU bytes through the reader, ${b.apduBytes} direct`);
  }
  await reader.close();
}

/** The same operations sent straight to the card: the APDU bytes and wall time every reader is compared with. */
async function directBaseline(card: VirtualJpkiCard): Promise<Record<Op, { apduBytes: number; ms: number }>> {
  let bytes = 0;
  const counting = { transmit: async (c: Uint8Array) => { const r = await card.transmit(c); bytes += c.length + r.length; return r; } };
  const jpki = new JpkiCard(counting);
  await jpki.select();
  const out = {} as Record<Op, { apduBytes: number; ms: number }>;
  for (const [op, run] of Object.entries(OPS) as [Op, (j: JpkiCard) => Promise<unknown>][]) {
    bytes = 0;
    await run(jpki);
    const apduBytes = bytes;
    out[op] = { apduBytes, ms: await wallMs(() => run(jpki)) };
  }
  return out;
}

export default async function readerBench(): Promise<void> {
  const card = await createVirtualCard();
  await directBaseline(card); // warm-up
  const baseline = await directBaseline(card);
  console.log('baseline: JpkiCard straight on the virtual card (no USB, no CCID)');
  for (const [op, b] of Object.entries(baseline)) console.log(`  ${op.padEnd(19)} ${String(b.apduBytes).padStart(5)} APDU bytes  ${b.ms.toFixed(2)} ms wall`);
  console.log(`timing model: USB ${MODEL.usbLatencyMs} ms/transfer, card ${MODEL.cardMsPerApdu} ms/APDU + ${MODEL.cardMsPerByte} ms/byte, contact link at the ATR rate (12 etu/byte), contactless 424 kbit/s`);
  for (const setup of SETUPS) await measure(setup, card, baseline);
}
