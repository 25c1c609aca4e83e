/**
 * The timing model: off by default (no simulated time), per-transfer USB latency and
 * per-APDU/per-byte card time on a virtual clock, the contact link at the ATR's rate
 * against contactless 424 kbit/s, and real delays when asked.
 */
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/bytes';
import { echoCard, frame, openHost } from './wire';

const SELECT = fromHex('00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01');

async function selectOnce(options: Parameters<typeof openHost>[0]): Promise<number> {
  const host = await openHost({ card: echoCard(), level: 'short-apdu', ...options });
  await host.send(frame(0x62, 1));
  host.device.resetStats();
  await host.send(frame(0x6f, 2, [0, 0, 0], Array.from(SELECT, (b) => b.toString(16).padStart(2, '0')).join(' ')));
  return host.device.stats.simulatedMs;
}

describe('timing model', () => {
  it('charges nothing when no timing is given', async () => {
    expect(await selectOnce({})).toBe(0);
  });

  it('charges USB latency per transfer and card time per APDU and byte on the virtual clock', async () => {
    const ms = await selectOnce({ timing: { usbLatencyMs: 1, cardMsPerApdu: 10, cardMsPerByte: 0, link: 'contactless' } });
    const linkMs = ((15 + 17 + 8) * 10 * 1000) / 424_000;
    expect(ms).toBeCloseTo(2 + 10 + linkMs, 5);
  });

  it('makes the contact link at the ATR rate (372 etu / 4.8 MHz, 12 etu a byte) slower than contactless at 424 kbit/s', async () => {
    const contact = await selectOnce({ timing: { link: 'contact' } });
    const contactless = await selectOnce({ timing: { link: 'contactless' } });
    expect(contact).toBeCloseTo(40 * 12 * (372 / 4800), 5);
    expect(contact / contactless).toBeGreaterThan(30);
  });

  it('waits for real when the clock is real', async () => {
    const start = Date.now();
    const ms = await selectOnce({ timing: { usbLatencyMs: 15, clock: 'real' } });
    expect(ms).toBeGreaterThanOrEqual(30);
    expect(Date.now() - start).toBeGreaterThanOrEqual(30);
  });
});
