/**
 * STYLE §5: the exchange path is chosen from the descriptor, and tested against every
 * descriptor in ../shared/data/ccid-readers/. Each dump's CCID interface goes through
 * parseCcidDescriptor (every field must match the dump) and CcidReader.open on a
 * scripted device (info must match, or a typed refusal with a reason). The product's
 * support table comes from the end-to-end sweep, test/reader/all-readers.test.ts
 * (virtual reader + virtual card), and is kept in docs/readers.md.
 */
import { describe, expect, it } from 'vitest';
import { CcidReader, parseCcidDescriptor, UnsupportedReaderError } from '../../../src/reader/ccid/index';
import { configurationDescriptor } from './frames';
import { ScriptedDevice } from './scripted-device';
import { allDumps } from './dumps';

const dumps = allDumps();

describe('every reader dump', () => {
  it('there are about 600 dumps to sweep', () => {
    expect(dumps.length).toBeGreaterThan(550);
  });

  it('parseCcidDescriptor reads every field exactly as libccid printed it', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const d of dumps) {
      for (const iface of d.interfaces) {
        compared++;
        const parsed = parseCcidDescriptor(iface.bytes) as unknown as Record<string, number>;
        for (const [name, value] of Object.entries(iface.fields)) {
          if (parsed[name] !== value) mismatches.push(`${d.file} ${name}: dump ${value}, parsed ${parsed[name]}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Not vacuous: every dump yields at least one class descriptor to compare.
    expect(compared).toBeGreaterThanOrEqual(dumps.length);
  });

  it('CcidReader.open reports each reader\'s info from its descriptor or refuses it with a reason', async () => {
    const rows = new Map<string, { count: number; chrome0x0B: number; vendor0xFF: number }>();
    const count = (key: string, cls: number) => {
      const row = rows.get(key) ?? { count: 0, chrome0x0B: 0, vendor0xFF: 0 };
      row.count++;
      if (cls === 0x0b) row.chrome0x0B++;
      else row.vendor0xFF++;
      rows.set(key, row);
    };
    for (const d of dumps) {
      const iface = d.interfaces[0];
      if (!iface) continue;
      const dev = new ScriptedDevice({
        configuration: configurationDescriptor(iface.interfaceClass, iface.bytes),
        interfaceClass: iface.interfaceClass,
        vendorId: d.vendorId,
        productId: d.productId,
        bcdDevice: d.bcdDevice,
      });
      try {
        const reader = await CcidReader.open(dev.asUsbDevice());
        expect(reader.info.vendorId).toBe(d.vendorId);
        expect(reader.info.productId).toBe(d.productId);
        expect(reader.info.dwFeatures).toBe(iface.fields.dwFeatures);
        expect(reader.info.maxIfsd).toBe(iface.fields.dwMaxIFSD);
        expect(reader.info.maxMessageLength).toBe(iface.fields.dwMaxCCIDMessageLength);
        expect(reader.info.slotCount).toBe(iface.fields.bMaxSlotIndex! + 1);
        count(`supported: ${reader.info.exchangeLevel}`, iface.interfaceClass);
        await reader.close();
      } catch (e) {
        expect(e, d.file).toBeInstanceOf(UnsupportedReaderError);
        count(`unsupported: ${(e as UnsupportedReaderError).details.reason}`, iface.interfaceClass);
      }
    }
    expect([...rows.keys()].some((k) => k.startsWith('supported: tpdu'))).toBe(true);
  });
});
