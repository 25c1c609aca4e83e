/**
 * Issue 4 §3: every dump of data/ccid-readers/ goes through parseReaderDump → the
 * virtual reader → CcidReader.open. The driver's info must match the dump; every reader
 * it supports powers the virtual My Number Card, selects JPKI, reads the authentication
 * certificate, verifies the PIN and signs (checked with WebCrypto); every reader it
 * refuses fails with a typed error and a reason. Chrome's verdict (claimable or
 * protected class) is taken by opening again as Chrome. The summary is printed, and
 * rewritten into docs/readers.md and README.md when UPDATE_READER_DOC=1.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { JpkiCard, parseCertificate } from '../../src/card';
import { CcidReader, DescriptorParseError, ProtectedInterfaceError, UnsupportedReaderError } from '../../src/reader/ccid';
import { FEATURE, PROTOCOL } from '../../src/spec/index';
import { createVirtualCard, DEFAULT_PINS, type VirtualJpkiCard } from '../../src/virtual/card';
import { createVirtualReader, parseReaderDump, ReaderDumpError, type ReaderProfile } from '../../src/virtual/reader';
import { READER_FILTERS } from '../../src/extension/setup/reader-filters';
import { summaryMarkdown, TABLE_BEGIN, TABLE_END, type ReaderRow, type Verdict } from '../virtual/reader/reader-table';

const DIR = join(import.meta.dirname, '../../../shared/data/ccid-readers');
// The table stands in the README's reader section and in docs/readers.md; both are kept true.
const DOCS = ['../../docs/readers.md', '../../README.md'].map((p) => join(import.meta.dirname, p));
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const LEVELS: Readonly<Record<number, string>> = {
  [FEATURE.LEVEL_CHARACTER]: 'character', [FEATURE.LEVEL_TPDU]: 'tpdu',
  [FEATURE.LEVEL_SHORT_APDU]: 'short-apdu', [FEATURE.LEVEL_EXTENDED_APDU]: 'extended-apdu',
};

let card: VirtualJpkiCard;
const rows: ReaderRow[] = [];

beforeAll(async () => {
  card = await createVirtualCard();
});

function expectInfoMatchesDump(reader: CcidReader, profile: ReaderProfile): void {
  const info = reader.info;
  const iface = profile.interfaces.find((i) => i.interfaceNumber === info.interfaceNumber)!;
  expect(iface, 'the driver picked an interface the dump has').toBeDefined();
  const c = iface.ccid;
  expect({
    vendorId: info.vendorId, productId: info.productId, interfaceClass: info.interfaceClass, level: info.exchangeLevel,
    t1: info.protocols.includes('T=1'), t0: info.protocols.includes('T=0'), slots: info.slotCount, features: info.dwFeatures,
    interrupt: info.hasInterruptEndpoint,
  }).toEqual({
    vendorId: profile.vendorId, productId: profile.productId, interfaceClass: iface.interfaceClass,
    level: LEVELS[c.dwFeatures & FEATURE.LEVEL_MASK], t1: (c.dwProtocols & PROTOCOL.T1) !== 0, t0: (c.dwProtocols & PROTOCOL.T0) !== 0,
    slots: c.bMaxSlotIndex + 1, features: c.dwFeatures, interrupt: iface.numEndpoints >= 3,
  });
  expect(info.maxMessageLength).toBeLessThanOrEqual(c.dwMaxCCIDMessageLength);
}

/** SELECT JPKI, read the authentication certificate, verify the PIN, sign, and check the signature. */
async function useCard(reader: CcidReader): Promise<void> {
  expect((await reader.powerOn())[0]).toBe(0x3b);
  const jpki = new JpkiCard(reader);
  await jpki.select();
  const der = await jpki.readCertificate('auth');
  await jpki.verifyPin('auth', DEFAULT_PINS.auth);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('all readers')));
  const signature = await jpki.sign('auth', 'SHA-256', digest);
  const key = await crypto.subtle.importKey('spki', parseCertificate(der).spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  expect(await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new TextEncoder().encode('all readers'))).toBe(true);
  await reader.powerOff();
}

async function chromeVerdict(profile: ReaderProfile): Promise<'claimable' | 'protected'> {
  try {
    const reader = await CcidReader.open(createVirtualReader({ profile, browser: 'chrome' }), { timeoutMs: 2000 });
    await reader.close();
    return 'claimable';
  } catch (e) {
    expect(e).toBeInstanceOf(ProtectedInterfaceError);
    return 'protected';
  }
}

async function verdictFor(file: string): Promise<{ verdict: Verdict; profile?: ReaderProfile }> {
  let profile: ReaderProfile;
  try {
    profile = parseReaderDump(readFileSync(join(DIR, file), 'utf8'), file);
  } catch (e) {
    expect(e).toBeInstanceOf(ReaderDumpError);
    return { verdict: { supported: false, reason: 'damaged-dump' } };
  }
  let reader: CcidReader;
  try {
    reader = await CcidReader.open(createVirtualReader({ profile, card, browser: 'unrestricted' }), { timeoutMs: 2000 });
  } catch (e) {
    if (e instanceof UnsupportedReaderError) return { verdict: { supported: false, reason: String(e.details.reason) }, profile };
    if (e instanceof DescriptorParseError) return { verdict: { supported: false, reason: 'damaged-descriptor' }, profile };
    throw e;
  }
  expectInfoMatchesDump(reader, profile);
  await useCard(reader);
  await reader.close();
  return { verdict: { supported: true, level: reader.info.exchangeLevel, chrome: await chromeVerdict(profile) }, profile };
}

it.each(FILES)('%s: the driver\'s verdict, and a full JPKI session when it supports the reader', async (file) => {
  const { verdict, profile } = await verdictFor(file);
  rows.push({
    file,
    name: profile ? [profile.manufacturerName, profile.productName].filter((x) => x !== null).join(' ') : file.replace(/\.txt$/, ''),
    ids: profile ? `${profile.vendorId.toString(16).padStart(4, '0')}:${profile.productId.toString(16).padStart(4, '0')}`.toUpperCase() : '-',
    interfaceClass: profile?.interfaces[0]?.interfaceClass ?? null,
    verdict,
  });
});

it('sums up: supported / unsupported by reason, and which readers Chrome lets an extension claim', () => {
  expect(rows).toHaveLength(FILES.length);
  const table = summaryMarkdown(rows);
  console.log(`\nReader support over ${rows.length} dumps:\n${table}\n`);
  const byFile = new Map(rows.map((r) => [r.file, r.verdict]));
  // The readers the facts call out (B3), each with the verdict the facts predict.
  expect(byFile.get('SCR3310-NTTCom.txt')).toEqual({ supported: true, level: 'tpdu', chrome: 'claimable' });
  expect(byFile.get('ACS_ACR39U_ICC_Reader.txt')).toEqual({ supported: true, level: 'tpdu', chrome: 'protected' });
  expect(byFile.get('ACS_ACR1252_Reader.txt')).toEqual({ supported: true, level: 'extended-apdu', chrome: 'protected' });
  expect(byFile.get('SONY_FeliCa_RC-S300_S.txt')).toEqual({ supported: true, level: 'extended-apdu', chrome: 'protected' });
  expect(byFile.get('Oz776S.txt')).toEqual({ supported: false, reason: 'character-level' });
  expect(byFile.get('ELYCTIS_CL_reader.txt')).toEqual({ supported: false, reason: 'damaged-dump' });
  updateDoc(table);
});

it('the pairing chooser offers every reader the driver supports and Chrome lets an extension claim', () => {
  const claimable = rows.filter((r) => r.verdict.supported && r.verdict.chrome === 'claimable');
  expect(claimable.length).toBeGreaterThan(0);
  const offered = (ids: string): boolean => {
    const [vid, pid] = ids.split(':').map((x) => parseInt(x, 16));
    return READER_FILTERS.some((f) => f.vendorId === vid && f.productId === pid);
  };
  expect(claimable.filter((r) => !offered(r.ids)).map((r) => `${r.name} ${r.ids}`)).toEqual([]);
});

function updateDoc(table: string): void {
  for (const file of DOCS) {
    const doc = readFileSync(file, 'utf8');
    const begin = doc.indexOf(TABLE_BEGIN);
    const end = doc.indexOf(TABLE_END);
    if (begin < 0 || end < begin) throw new TypeError(`${file} lost its reader-table markers`);
    const current = doc.slice(begin + TABLE_BEGIN.length, end).trim();
    if (current === table.trim()) continue;
    if (process.env.UPDATE_READER_DOC === '1') {
      writeFileSync(file, `${doc.slice(0, begin + TABLE_BEGIN.length)}\n${table}\n${doc.slice(end)}`);
    } else {
      console.warn(`${file} is out of date with the driver: run UPDATE_READER_DOC=1 npx vitest run --project unit test/reader/all-readers.test.ts`);
    }
  }
}
