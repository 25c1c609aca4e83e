import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../src/bytes';
import { CountingTransport } from '../../src/card/counting-transport';
import { CardResponseError } from '../../src/card/errors';
import { GetResponseTransport } from '../../src/card/get-response';
import { drainWireLog } from '../../src/wire-log';
import { ScriptedTransport } from './scripted-transport';

describe('GetResponseTransport hides 61xx and 6Cxx from callers', () => {
  it('fetches 61xx data with GET RESPONSE and appends it', async () => {
    const card = new ScriptedTransport([
      ['00 B0 00 00 00', '01 02 61 02'],
      ['00 C0 00 00 02', '03 04 61 00'],
      ['00 C0 00 00 00', '05 90 00'],
    ]);
    const out = await new GetResponseTransport(card).transmit(fromHex('00 B0 00 00 00'));
    expect(hex(out)).toBe('01 02 03 04 05 90 00');
    card.expectDone();
  });

  it('resends the command with the Le the card asks for in 6Cxx', async () => {
    const card = new ScriptedTransport([
      ['00 B0 00 00 20', '6C 10'],
      ['00 B0 00 00 10', '41 42 90 00'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(fromHex('00 B0 00 00 20')))).toBe('41 42 90 00');
    card.expectDone();
  });

  it('reads 6C00 as Le 256, and adds an Le to a command that had none', async () => {
    const card = new ScriptedTransport([
      ['00 CA 5F 51', '6C 00'],
      ['00 CA 5F 51 00', '3B 90 00'],
    ]);
    expect(hex(await new GetResponseTransport(card).transmit(fromHex('00 CA 5F 51')))).toBe('3B 90 00');
  });

  it('never sends a VERIFY again when the card answers it 6Cxx: that would be a second PIN try', async () => {
    const card = new ScriptedTransport([['00 20 00 80 04 31 32 33 34', '6C 04']]);
    await expect(new GetResponseTransport(card).transmit(fromHex('00 20 00 80 04 31 32 33 34'))).rejects.toThrow(CardResponseError);
    card.expectDone();
    expect(card.sent).toHaveLength(1);
  });

  it('passes an error status word through with no follow-up', async () => {
    const card = new ScriptedTransport([['00 B0 00 00 04', '69 82']]);
    expect(hex(await new GetResponseTransport(card).transmit(fromHex('00 B0 00 00 04')))).toBe('69 82');
    card.expectDone();
  });

  it('stops with CardResponseError when the card answers 6Cxx to the Le it asked for', async () => {
    const card = new ScriptedTransport([
      ['00 B0 00 00 20', '6C 10'],
      ['00 B0 00 00 10', '6C 10'],
    ]);
    await expect(new GetResponseTransport(card).transmit(fromHex('00 B0 00 00 20'))).rejects.toThrow(CardResponseError);
  });

  it('stops after the configured number of GET RESPONSEs instead of looping forever', async () => {
    let sent = 0;
    const endless = { transmit: async () => (sent++, fromHex('00 61 01')) };
    await expect(new GetResponseTransport(endless, { maxFollowUps: 5 }).transmit(fromHex('00 B0 00 00 00'))).rejects.toThrow(CardResponseError);
    expect(sent).toBe(6);
  });

  it('logs every real APDU on the apdu hop, VERIFY data redacted', async () => {
    drainWireLog();
    const card = new ScriptedTransport([['00 20 00 80 04 31 32 33 34', '90 00']]);
    await new GetResponseTransport(card).transmit(fromHex('00 20 00 80 04 31 32 33 34'));
    const log = drainWireLog();
    expect(log.map((r) => [r.hop, r.dir])).toEqual([['apdu', '>'], ['apdu', '<']]);
    expect(log[0]!.hex).not.toContain('31 32 33 34');
  });
});

describe('CountingTransport', () => {
  it('counts commands and bytes each way, GET RESPONSEs included, and resets', async () => {
    const card = new ScriptedTransport([
      ['00 B0 00 00 00', '01 61 01'],
      ['00 C0 00 00 01', '02 90 00'],
    ]);
    const counter = new CountingTransport(card);
    await new GetResponseTransport(counter).transmit(fromHex('00 B0 00 00 00'));
    expect(counter.counts()).toEqual({ commands: 2, bytesSent: 10, bytesReceived: 6 });
    counter.reset();
    expect(counter.counts()).toEqual({ commands: 0, bytesSent: 0, bytesReceived: 0 });
  });
});
