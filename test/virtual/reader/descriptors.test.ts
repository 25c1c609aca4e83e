/**
 * The descriptors the virtual reader builds from a dump read back, through the driver's
 * own (independent) parsers, as the dump says: every class-descriptor field of every
 * interface of every dump, and the interface the driver would pick holds the card.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseCcidDescriptor, parseConfigurationDescriptor } from '../../../src/reader/ccid';
import { createVirtualReader, parseReaderDump, type ReaderProfile } from '../../../src/virtual/reader';
import { echoCard } from './wire';

const DIR = join(import.meta.dirname, '../../../../shared/data/ccid-readers');
const PROFILES: ReaderProfile[] = readdirSync(DIR).filter((f) => f.endsWith('.txt')).flatMap((f) => {
  try {
    return [parseReaderDump(readFileSync(join(DIR, f), 'utf8'), f)];
  } catch {
    return []; // the damaged dumps are dump.test.ts's business
  }
});

async function configurationOf(profile: ReaderProfile): Promise<Uint8Array> {
  const device = createVirtualReader({ profile, card: echoCard() });
  await device.open();
  const head = await device.controlTransferIn({ requestType: 'standard', recipient: 'device', request: 6, value: 0x0200, index: 0 }, 9);
  const total = head.data!.getUint16(2, true);
  const full = await device.controlTransferIn({ requestType: 'standard', recipient: 'device', request: 6, value: 0x0200, index: 0 }, total);
  return new Uint8Array(full.data!.buffer);
}

it('rebuilds, for every dump, a configuration descriptor whose interfaces and CCID fields the driver reads back unchanged', async () => {
  // Damaged dumps are skipped above; the rest (about 590) must be here, or the loop proves nothing.
  expect(PROFILES.length).toBeGreaterThan(550);
  for (const profile of PROFILES) {
    const interfaces = parseConfigurationDescriptor(await configurationOf(profile));
    expect(interfaces.map((i) => [i.interfaceNumber, i.interfaceClass, i.endpoints.length]), profile.source)
      .toEqual(profile.interfaces.map((i) => [i.interfaceNumber, i.interfaceClass, i.numEndpoints]));
    interfaces.forEach((iface, k) => {
      const raw = iface.extra.find((d) => d[1] === 0x21);
      const want = profile.interfaces[k]!.ccid;
      if (want.bDescriptorType !== 0x21) return; // pre-standard 0xFF descriptor: the driver does not read it as CCID
      const got = parseCcidDescriptor(raw!);
      for (const key of Object.keys(want) as (keyof typeof want)[]) {
        if (key === 'bLength' || key === 'bDescriptorType') continue;
        expect(got[key as keyof typeof got], `${profile.source} if${k} ${key}`).toBe(want[key]);
      }
    });
  }
});
