/**
 * Reads one reader dump of `data/ccid-readers/` (the `parse` tool of libccid, folder
 * `readers/` at 5de6a96) into a ReaderProfile. A dump is one block per interface, each
 * opening with ` idVendor:`; the interface fields sit at one space of indent, the CCID
 * class descriptor's at two, and deeper lines are the tool's explanations, which we skip.
 * A block missing a field, a value in the wrong shape or a block naming another device
 * is damage: ReaderDumpError, never a guess.
 */
import { ReaderDumpError } from './errors';
import type { CcidClassFields, InterfaceProfile, ReaderProfile } from './types';

type Shape = 'hex' | 'dec' | 'bcd' | 'mhz' | 'bps' | 'bytes' | 'protocols' | 'lead';

/** Interface-level fields (one space of indent) and their value shapes. */
const INTERFACE_FIELDS: Readonly<Record<string, Shape>> = {
  idVendor: 'hex', idProduct: 'hex', bcdDevice: 'bcd', bLength: 'dec', bDescriptorType: 'dec',
  bInterfaceNumber: 'dec', bAlternateSetting: 'dec', bNumEndpoints: 'dec', bInterfaceClass: 'hex',
  bInterfaceSubClass: 'dec', bInterfaceProtocol: 'dec',
};

/** Class-descriptor fields (two spaces of indent), in descriptor order (facts B2). */
const CLASS_FIELDS: Readonly<Record<keyof CcidClassFields, Shape>> = {
  bLength: 'hex', bDescriptorType: 'hex', bcdCCID: 'bcd', bMaxSlotIndex: 'hex', bVoltageSupport: 'hex',
  dwProtocols: 'protocols', dwDefaultClock: 'mhz', dwMaximumClock: 'mhz', bNumClockSupported: 'lead',
  dwDataRate: 'bps', dwMaxDataRate: 'bps', bNumDataRatesSupported: 'lead', dwMaxIFSD: 'dec',
  dwSynchProtocols: 'hex', dwMechanical: 'hex', dwFeatures: 'hex', dwMaxCCIDMessageLength: 'bytes',
  bClassGetResponse: 'hex', bClassEnvelope: 'hex', wLcdLayout: 'hex', bPINSupport: 'hex', bMaxCCIDBusySlots: 'dec',
};

const PATTERNS: Readonly<Record<Shape, RegExp>> = {
  hex: /^0x([0-9A-Fa-f]{1,8})(?:\s.*)?$/,
  dec: /^(\d{1,10})$/,
  bcd: /^([0-9A-Fa-f]{1,2})\.([0-9A-Fa-f]{1,2})(?:\s.*)?$/,
  mhz: /^(\d{1,4})\.(\d{3}) MHz$/,
  bps: /^(\d{1,10}) bps$/,
  bytes: /^(\d{1,10}) bytes$/,
  protocols: /^0x([0-9A-Fa-f]{4}) 0x([0-9A-Fa-f]{4})$/,
  lead: /^(\d{1,10})(?:\s.*)?$/,
};

function value(shape: Shape, text: string, field: string, line: number): number {
  const m = PATTERNS[shape].exec(text.trim());
  if (!m) throw new ReaderDumpError(`dump line ${line}: ${field} has no ${shape} value: "${text.trim()}"`, { line, field });
  const [a = '', b = ''] = [m[1], m[2]];
  switch (shape) {
    case 'hex': return parseInt(a, 16);
    case 'bcd': return (parseInt(a, 16) << 8) | parseInt(b.length === 1 ? `${b}0` : b, 16);
    case 'mhz': return Number(a) * 1000 + Number(b);
    case 'protocols': return ((parseInt(a, 16) << 16) | parseInt(b, 16)) >>> 0;
    default: return Number(a);
  }
}

interface Block {
  readonly numbers: Map<string, number>;
  readonly ccid: Map<string, number>;
  readonly strings: Map<string, string | null>;
  inClass: boolean;
  readonly firstLine: number;
}

const STRING_FIELDS = ['iManufacturer', 'iProduct', 'iInterface'] as const;

/** One line: a new field in the current block, a string, or an explanation to skip. */
function readLine(block: Block, raw: string, line: number): void {
  const text = raw.replace(/\r$/, '');
  if (/^ CCID Class Descriptor\s*$/.test(text)) {
    if (block.inClass) throw new ReaderDumpError(`dump line ${line}: a second class descriptor in one interface`, { line });
    block.inClass = true;
    return;
  }
  const cant = /^ {1,2}Can't get (iManufacturer|iProduct|iInterface) string/.exec(text);
  if (cant) return void block.strings.set(cant[1]!, null);
  const m = /^( {1,2})(\w+): ?(.*)$/.exec(text);
  if (!m) return; // explanation lines ("   T=1", "   01.... TPDU level exchange", wrapped text)
  const [, indent, key = '', rest = ''] = m;
  if ((STRING_FIELDS as readonly string[]).includes(key)) return void block.strings.set(key, rest.trim() || null);
  const inClassSection = block.inClass && indent === '  ';
  const table: Readonly<Record<string, Shape>> = inClassSection ? CLASS_FIELDS : INTERFACE_FIELDS;
  const shape = table[key];
  if (shape === undefined || (!inClassSection && indent !== ' ')) return;
  const target = inClassSection ? block.ccid : block.numbers;
  if (target.has(key)) throw new ReaderDumpError(`dump line ${line}: ${key} given twice`, { line, field: key });
  target.set(key, value(shape, rest, key, line));
}

function need(map: Map<string, number>, key: string, block: Block): number {
  const v = map.get(key);
  if (v === undefined) throw new ReaderDumpError(`dump interface at line ${block.firstLine}: ${key} is missing`, { line: block.firstLine, field: key });
  return v;
}

function toInterface(block: Block): InterfaceProfile {
  if (!block.inClass) throw new ReaderDumpError(`dump interface at line ${block.firstLine}: no CCID class descriptor`, { line: block.firstLine });
  // CLASS_FIELDS has exactly the keys of CcidClassFields (its type says so) and need() fills each.
  const ccid = Object.fromEntries(Object.keys(CLASS_FIELDS).map((k) => [k, need(block.ccid, k, block)])) as CcidClassFields;
  const byte = (k: string): number => {
    const v = need(block.numbers, k, block);
    if (v > 0xff) throw new ReaderDumpError(`dump interface at line ${block.firstLine}: ${k} ${v} is not a byte`, { line: block.firstLine, field: k });
    return v;
  };
  return {
    interfaceNumber: byte('bInterfaceNumber'),
    alternateSetting: byte('bAlternateSetting'),
    interfaceClass: byte('bInterfaceClass'),
    interfaceSubclass: byte('bInterfaceSubClass'),
    interfaceProtocol: byte('bInterfaceProtocol'),
    interfaceName: block.strings.get('iInterface') ?? null,
    numEndpoints: byte('bNumEndpoints'),
    ccid,
  };
}

function checkClassRanges(i: InterfaceProfile, line: number): void {
  const c = i.ccid;
  const bytes: (keyof CcidClassFields)[] = ['bLength', 'bDescriptorType', 'bMaxSlotIndex', 'bVoltageSupport', 'bNumClockSupported',
    'bNumDataRatesSupported', 'bClassGetResponse', 'bClassEnvelope', 'bPINSupport', 'bMaxCCIDBusySlots'];
  for (const k of bytes) if (c[k] > 0xff) throw new ReaderDumpError(`dump interface at line ${line}: ${k} ${c[k]} is not a byte`, { line, field: k });
  for (const [k, v] of Object.entries(c)) if (v > 0xffffffff) throw new ReaderDumpError(`dump interface at line ${line}: ${k} overflows 32 bits`, { line, field: k });
  if (i.numEndpoints > 3) throw new ReaderDumpError(`dump interface at line ${line}: ${i.numEndpoints} endpoints`, { line });
}

/** Parses one dump file's text. `source` (the file name) is kept for reports. */
export function parseReaderDump(text: string, source?: string): ReaderProfile {
  if (typeof text !== 'string') throw new ReaderDumpError('dump is not text');
  const blocks: Block[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (/^ idVendor:/.test(raw)) blocks.push({ numbers: new Map(), ccid: new Map(), strings: new Map(), inClass: false, firstLine: line });
    const block = blocks[blocks.length - 1];
    if (block) readLine(block, raw, line);
    else if (raw.trim() !== '') throw new ReaderDumpError(`dump line ${line}: text before the first idVendor`, { line });
  });
  if (blocks.length === 0) throw new ReaderDumpError('dump has no interface (no idVendor line)');
  const first = blocks[0]!;
  const vendorId = need(first.numbers, 'idVendor', first);
  const productId = need(first.numbers, 'idProduct', first);
  const interfaces = blocks.map((b) => {
    if (need(b.numbers, 'idVendor', b) !== vendorId || need(b.numbers, 'idProduct', b) !== productId)
      throw new ReaderDumpError(`dump interface at line ${b.firstLine} names another device`, { line: b.firstLine });
    const i = toInterface(b);
    checkClassRanges(i, b.firstLine);
    return i;
  });
  const numbers = new Set(interfaces.map((i) => i.interfaceNumber));
  if (numbers.size !== interfaces.length) throw new ReaderDumpError('dump lists one interface number twice');
  if (vendorId > 0xffff || productId > 0xffff) throw new ReaderDumpError('dump ids are not 16-bit');
  return {
    vendorId,
    productId,
    manufacturerName: first.strings.get('iManufacturer') ?? null,
    productName: first.strings.get('iProduct') ?? null,
    bcdDevice: need(first.numbers, 'bcdDevice', first),
    interfaces,
    ...(source === undefined ? {} : { source }),
  };
}
