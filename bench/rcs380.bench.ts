/**
 * RC-S380 bench (issue 11 §4), in Node with no browser: the background's StatusService and
 * the JPKI client over the virtual RC-S380 (Port-100, Type B, ISO-DEP) beside the virtual
 * SCR3310-NTTCom (CCID, T=1), counting APDUs, USB transfers and frames per status check and
 * per signature, and the reader time the timing models charge (virtual clock: modelled,
 * not waited). Baseline: the SCR3310. It reports and asserts nothing.
 */
import { JpkiCard } from '../src/card/index';
import { ReaderHolder, SessionQueue } from '../src/extension/background/session/index';
import { CardCache, SnapshotStore, StatusService } from '../src/extension/background/status/index';
import { VIRTUAL_RCS380_TIMING, VIRTUAL_TIMING } from '../src/extension/virtual/world-state';
import { openCcidReader } from '../src/reader/ccid/index';
import { openPort100Reader } from '../src/reader/port100/index';
import type { OpenReader, ReaderSource } from '../src/reader/types';
import { DEFAULT_PINS, createVirtualCard, createVirtualRcs380, createVirtualReader, namedCardProfile } from '../src/virtual/index';
import { MemoryArea } from '../test/extension/memory-area';

const NOW = new Date('2026-11-27T03:00:00Z');

interface Counted {
  readonly stats: { readonly transfersIn: number; readonly transfersOut: number; readonly simulatedMs: number; readonly framesIn?: number; readonly framesOut?: number; readonly rfFrames?: number; readonly t1Blocks?: number };
  resetStats(): void;
}

interface Rig {
  readonly name: string;
  readonly device: USBDevice & Counted;
  readonly open: (d: USBDevice) => Promise<OpenReader>;
}

async function rigs(): Promise<Rig[]> {
  const card = () => createVirtualCard(namedCardProfile('healthy', '2026-11-27'));
  return [
    { name: 'SCR3310 (CCID, T=1)', device: createVirtualReader({ card: await card(), timing: { ...VIRTUAL_TIMING, clock: 'virtual' } }), open: (d) => openCcidReader(d, 'virtual') },
    // Before issue 11's cut: every frame at 106 kbit/s, as the driver ran before it asked the card for 424 in ATTRIB.
    { name: 'RC-S380 at 106 kbit/s', device: createVirtualRcs380({ card: await card(), timing: { ...VIRTUAL_RCS380_TIMING, clock: 'virtual' } }), open: (d) => openPort100Reader(d, 'virtual', { maxBitRate: 106 }) },
    { name: 'RC-S380 (Port-100, ISO-DEP, 424 kbit/s)', device: createVirtualRcs380({ card: await card(), timing: { ...VIRTUAL_RCS380_TIMING, clock: 'virtual' } }), open: (d) => openPort100Reader(d, 'virtual') },
  ];
}

function figures(rig: Rig, apdus: number): Record<string, number | string> {
  const s = rig.device.stats;
  return {
    apdus,
    usbTransfers: s.transfersIn + s.transfersOut,
    frames: s.framesIn !== undefined ? `${s.framesIn! + s.framesOut!} Port-100, ${s.rfFrames} RF` : `${s.t1Blocks} T=1 blocks`,
    readerMs: Math.round(s.simulatedMs * 10) / 10,
  };
}

async function statusCheck(rig: Rig): Promise<Record<string, number | string>> {
  const area = new MemoryArea();
  const source: ReaderSource = {
    kind: 'virtual',
    list: async () => [{ key: rig.name, identity: { name: rig.name, source: 'virtual' }, open: () => rig.open(rig.device), forget: async () => undefined }],
    onChange: () => () => undefined,
  };
  const holder = new ReaderHolder(source, new SessionQueue());
  const cache = new CardCache(area);
  const service = new StatusService({ holder, store: new SnapshotStore(area, true, () => undefined, () => NOW), cache, printedExpiry: async () => undefined, clock: () => NOW });
  await service.refresh(); // opens the reader; the figures below are for an open reader, as the background keeps it
  await cache.clear();
  service.invalidate();
  rig.device.resetStats();
  const cold = await service.refresh(true);
  const out = figures(rig, cold.apduCount ?? 0);
  await holder.exclusive(1_000, (access) => access.drop());
  return out;
}

async function signature(rig: Rig): Promise<Record<string, number | string>> {
  const reader = await rig.open(rig.device);
  const jpki = new JpkiCard(reader);
  await reader.powerOn();
  await jpki.select();
  rig.device.resetStats();
  await jpki.verifyPin('sign', DEFAULT_PINS.sign);
  await jpki.sign('sign', 'SHA-256', new Uint8Array(32).fill(1));
  const out = figures(rig, 2);
  await reader.close();
  return out;
}

export default async function run(): Promise<void> {
  for (const [what, measure] of [['cold status check (reader open)', statusCheck], ['VERIFY + signature', signature]] as const) {
    console.log(`\n${what}`);
    const rows = [];
    for (const rig of await rigs()) rows.push({ reader: rig.name, ...(await measure(rig)) });
    console.table(rows);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
