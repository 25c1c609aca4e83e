/**
 * TEST helper, deliberately an independent oracle: reads a libccid `parse` dump from
 * ../shared/data/ccid-readers/ into the device identity and the CCID class descriptor
 * fields of each interface, and rebuilds the 54 descriptor bytes with the test's own
 * frame builder. It does NOT reuse the virtual reader's parseReaderDump or its
 * descriptor encoder on purpose: the sweep compares parseCcidDescriptor against what
 * libccid printed, and a bug shared by our dump parser and the driver would otherwise
 * pass unseen. Loose by design (a missing field becomes NaN and shows as a mismatch);
 * parseReaderDump is the strict product parser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ccidDescriptor } from './frames';

export const DUMP_DIR = fileURLToPath(new URL('../../../../shared/data/ccid-readers', import.meta.url));

export interface DumpInterface {
  readonly interfaceClass: number;
  readonly fields: Record<string, number>;
  readonly bytes: Uint8Array;
}

export interface Dump {
  readonly file: string;
  readonly vendorId: number;
  readonly productId: number;
  readonly bcdDevice: number;
  readonly interfaces: readonly DumpInterface[];
}

function num(text: string | undefined): number {
  if (text === undefined) return NaN;
  const t = text.trim();
  if (/MHz/.test(t)) return Math.round(parseFloat(t) * 1000);
  const hexes = t.match(/0x[0-9a-fA-F]+/g);
  if (hexes && hexes.length === 2) return ((parseInt(hexes[0]!, 16) << 16) | parseInt(hexes[1]!, 16)) >>> 0;
  if (hexes) return parseInt(hexes[0]!, 16);
  if (/^\d+\.\d+/.test(t)) {
    const [major, minor] = t.split(/[.\s]/);
    return (parseInt(major!, 10) << 8) | parseInt(minor!, 16);
  }
  return parseInt(t, 10);
}

function field(block: string, name: string): number {
  const m = block.match(new RegExp(`^\\s*${name}:\\s*(.*)$`, 'm'));
  return num(m?.[1]);
}

const NAMES = [
  'bcdCCID', 'bMaxSlotIndex', 'bVoltageSupport', 'dwProtocols', 'dwDefaultClock', 'dwMaximumClock', 'bNumClockSupported',
  'dwDataRate', 'dwMaxDataRate', 'bNumDataRatesSupported', 'dwMaxIFSD', 'dwSynchProtocols', 'dwMechanical', 'dwFeatures',
  'dwMaxCCIDMessageLength', 'bClassGetResponse', 'bClassEnvelope', 'wLcdLayout', 'bPINSupport', 'bMaxCCIDBusySlots',
] as const;

export function parseDump(file: string, text: string): Dump {
  const clean = text.replace(/\r/g, '');
  const parts = clean.split('CCID Class Descriptor');
  const interfaces = parts.slice(1).map((block, i) => {
    const before = parts[i]!;
    const classes = [...before.matchAll(/bInterfaceClass:\s*(0x[0-9A-Fa-f]+)/g)];
    const fields: Record<string, number> = {};
    for (const n of NAMES) fields[n] = field(block, n);
    const bytes = ccidDescriptor({
      bcdCCID: fields.bcdCCID,
      bMaxSlotIndex: fields.bMaxSlotIndex,
      bVoltageSupport: fields.bVoltageSupport,
      dwProtocols: fields.dwProtocols!,
      bNumClockSupported: fields.bNumClockSupported,
      bNumDataRatesSupported: fields.bNumDataRatesSupported,
      dwSynchProtocols: fields.dwSynchProtocols,
      dwMechanical: fields.dwMechanical,
      wLcdLayout: fields.wLcdLayout,
      dwDefaultClock: fields.dwDefaultClock,
      dwMaximumClock: fields.dwMaximumClock,
      dwDataRate: fields.dwDataRate,
      dwMaxDataRate: fields.dwMaxDataRate,
      dwMaxIFSD: fields.dwMaxIFSD!,
      dwFeatures: fields.dwFeatures!,
      dwMaxCCIDMessageLength: fields.dwMaxCCIDMessageLength!,
      bClassGetResponse: fields.bClassGetResponse,
      bClassEnvelope: fields.bClassEnvelope,
      bPINSupport: fields.bPINSupport,
      bMaxCCIDBusySlots: fields.bMaxCCIDBusySlots,
    });
    return { interfaceClass: num(classes[classes.length - 1]?.[1]), fields, bytes };
  });
  return { file, vendorId: field(clean, 'idVendor'), productId: field(clean, 'idProduct'), bcdDevice: field(clean, 'bcdDevice'), interfaces };
}

export function allDumps(): Dump[] {
  return readdirSync(DUMP_DIR)
    .filter((f) => f.endsWith('.txt') && f !== 'supported_readers.txt')
    .sort()
    .map((f) => parseDump(f, readFileSync(join(DUMP_DIR, f), 'latin1')));
}
