/**
 * CCID message level against a scripted APDU-level reader (ACR1252 descriptor): one
 * test per message type, per bError class, and per transport rule of facts B1/B4.
 */
import { describe, expect, it } from 'vitest';
import {
  CardMuteError,
  CcidReader,
  NoCardError,
  ReaderClosedError,
  ReaderCommandError,
  ReaderDisconnectedError,
  ReaderFramingError,
  ReaderHardwareError,
  ReaderStallError,
  ReaderTimeoutError,
  SlotBusyError,
} from '../../../src/reader/ccid/index';
import { dataBlock, failed, h, MSG, out, reply, slotStatus, xfr } from './frames';
import { ACR1252, device, MYNUMBER_ATR } from './fixtures';
import type { ScriptedDevice } from './scripted-device';

const SELECT = '00 A4 04 0C 0A D2 39 2F 00 01 00 01 00 00 00';
const OK = '90 00';

async function apduReader(opts: { timeoutMs?: number; interrupt?: boolean; pollIntervalMs?: number } = {}): Promise<{ dev: ScriptedDevice; reader: CcidReader }> {
  const dev = device(0x0b, ACR1252, { interrupt: opts.interrupt ?? true });
  dev.script({ out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, MYNUMBER_ATR)] });
  const reader = await CcidReader.open(dev.asUsbDevice(), opts);
  await reader.powerOn();
  return { dev, reader };
}

function done(dev: ScriptedDevice): void {
  expect(dev.problems).toEqual([]);
  expect(dev.remainingSteps).toBe(0);
}

describe('CCID messages (facts B1)', () => {
  it('IccPowerOn with bPowerSelect 00 on a reader that selects the voltage itself returns the ATR', async () => {
    const { dev } = await apduReader();
    done(dev);
  });

  it('IccPowerOn is tried once more after an ICC-mute answer when the reader selects the voltage itself', async () => {
    const dev = device(0x0b, ACR1252).script(
      { out: out(MSG.IccPowerOn, 0, '00 0000'), in: [failed(MSG.DataBlock, 0, 0xfe, 0x01)] },
      { out: out(MSG.IccPowerOff, 1, '00 0000'), in: [slotStatus(1, 0x01)] },
      { out: out(MSG.IccPowerOn, 2, '00 0000'), in: [dataBlock(2, MYNUMBER_ATR)] },
    );
    const reader = await CcidReader.open(dev.asUsbDevice());
    expect(await reader.powerOn()).toEqual(h(MYNUMBER_ATR));
    done(dev);
  });

  it('XfrBlock carries a whole short APDU to an APDU-level reader and returns data + SW', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: [dataBlock(1, OK)] });
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it('IccPowerOff is answered by SlotStatus and the next transmit powers the card again', async () => {
    const { dev, reader } = await apduReader();
    dev.script(
      { out: out(MSG.IccPowerOff, 1, '00 0000'), in: [slotStatus(1, 0x01)] },
      { out: out(MSG.IccPowerOn, 2, '00 0000'), in: [dataBlock(2, MYNUMBER_ATR)] },
      { out: xfr(3, SELECT), in: [dataBlock(3, OK)] },
    );
    await reader.powerOff();
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it.each([
    ['active', 0x00, 0x00],
    ['inactive', 0x01, 0x00],
    ['absent', 0x42, 0xfe],
  ] as const)('GetSlotStatus reports %s (bStatus %i) without throwing', async (state, bStatus, bError) => {
    const { dev, reader } = await apduReader();
    dev.script({ out: out(MSG.GetSlotStatus, 1, '00 0000'), in: [slotStatus(1, bStatus, bError)] });
    expect(await reader.slotStatus()).toBe(state);
    done(dev);
  });

  it('sends an extended APDU longer than one message as XfrBlocks with wLevelParameter 01 then 02', async () => {
    const { dev, reader } = await apduReader();
    const apdu = new Uint8Array(600).map((_, i) => i & 0xff);
    dev.script(
      { out: xfr(1, apdu.slice(0, 512), 0, 0x01), in: [dataBlock(1, '', 0x10)] },
      { out: xfr(2, apdu.slice(512), 0, 0x02), in: [dataBlock(2, OK)] },
    );
    expect(await reader.transmit(apdu)).toEqual(h(OK));
    done(dev);
  });

  it('collects a chained response (bChainParameter 01, 03, 02) by sending empty XfrBlocks with wLevelParameter 0x10', async () => {
    const { dev, reader } = await apduReader();
    dev.script(
      { out: xfr(1, SELECT), in: [dataBlock(1, 'AA BB', 0x01)] },
      { out: xfr(2, '', 0, 0x10), in: [dataBlock(2, 'CC', 0x03)] },
      { out: xfr(3, '', 0, 0x10), in: [dataBlock(3, OK, 0x02)] },
    );
    expect(await reader.transmit(h(SELECT))).toEqual(h('AA BB CC', OK));
    done(dev);
  });

  it('refuses a chained response whose parts stop carrying data (ReaderFramingError chain-empty) instead of asking forever', async () => {
    const { dev, reader } = await apduReader();
    dev.script(
      { out: xfr(1, SELECT), in: [dataBlock(1, 'AA BB', 0x01)] },
      { out: xfr(2, '', 0, 0x10), in: [dataBlock(2, '', 0x03)] },
      ...Array.from({ length: 20 }, (_, i) => ({ out: xfr(3 + i, '', 0, 0x10), in: [dataBlock(3 + i, '', 0x03)] })),
    );
    const err = await reader.transmit(h(SELECT)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderFramingError);
    expect((err as ReaderFramingError).details.reason).toBe('chain-empty');
    expect(dev.sent).toHaveLength(3);
  });

  it('Abort: after a timeout sends the class ABORT request and a bulk Abort with the same bSeq, then works again', async () => {
    const { dev, reader } = await apduReader({ timeoutMs: 80 });
    dev.script(
      { out: xfr(1, SELECT) },
      { out: out(MSG.Abort, 2, '00 0000'), in: [slotStatus(2)] },
      { out: xfr(3, SELECT), in: [dataBlock(3, OK)] },
    );
    const started = Date.now();
    await expect(reader.transmit(h(SELECT))).rejects.toBeInstanceOf(ReaderTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(dev.controlOuts).toEqual([{ requestType: 'class', recipient: 'interface', request: 0x01, value: 0x0200, index: 0 }]);
    expect(dev.releaseCount).toBe(1);
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });
});

describe('reply handling (facts B4)', () => {
  it('discards a late reply with an old bSeq and reads on to the one that matches', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: [dataBlock(0, '6A 82'), dataBlock(1, OK)] });
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it('gives up with ReaderFramingError after ten replies with the wrong bSeq', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: Array.from({ length: 11 }, () => dataBlock(7, OK)) });
    const err = await reader.transmit(h(SELECT)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderFramingError);
    expect((err as ReaderFramingError).details.reason).toBe('stale-replies');
  });

  it('keeps reading the same bSeq after a time extension (bStatus 0x80) without resending the command', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: [reply(MSG.DataBlock, 1, 0x80, 0x02, 0), reply(MSG.DataBlock, 1, 0x80, 0x02, 0), dataBlock(1, OK)] });
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    expect(dev.sent).toHaveLength(2);
    done(dev);
  });

  it('ends a storm of time extensions with ReaderTimeoutError within the extension limit', async () => {
    const { dev, reader } = await apduReader({ timeoutMs: 20 });
    const storm = Array.from({ length: 2000 }, () => reply(MSG.DataBlock, 1, 0x80, 0x01, 0));
    dev.script({ out: xfr(1, SELECT), in: storm });
    const started = Date.now();
    const err = await reader.transmit(h(SELECT)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderTimeoutError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('skips zero-length packets before a reply', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: ['zlp', 'zlp', dataBlock(1, OK)] });
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it('ends an endless stream of zero-length packets with ReaderTimeoutError at the command deadline', async () => {
    const { dev, reader } = await apduReader({ timeoutMs: 50 });
    dev.script({ out: xfr(1, SELECT) }, { out: out(MSG.Abort, 2, '00 0000') });
    // A broken reader that answers every bulk-IN read at once with an empty packet, forever.
    dev.transferIn = () => new Promise((resolve) => setTimeout(() => resolve({ status: 'ok', data: new DataView(new ArrayBuffer(0)) }), 0));
    const started = Date.now();
    const err = await reader.transmit(h(SELECT)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReaderTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('trusts dwLength and ignores zeros a reader appends after the message', async () => {
    const { dev, reader } = await apduReader();
    const padded = Uint8Array.from([...dataBlock(1, OK), 0, 0, 0, 0]);
    dev.script({ out: xfr(1, SELECT), in: [padded] });
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it('drops padding that spilled into the next packet instead of reading it as the next reply', async () => {
    const { dev, reader } = await apduReader();
    const data = new Uint8Array(54).fill(0x5a);
    const padded = Uint8Array.from([...dataBlock(1, data), 0, 0, 0, 0]);
    dev.script({ out: xfr(1, SELECT), in: [padded] }, { out: xfr(2, SELECT), in: [dataBlock(2, OK)] });
    expect(await reader.transmit(h(SELECT))).toEqual(data);
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it('reads a 268-byte reply in whole packets (64, then 256) so no read overflows', async () => {
    const { dev, reader } = await apduReader();
    const data = new Uint8Array(258).map((_, i) => i & 0xff);
    dev.script({ out: xfr(1, SELECT), in: [dataBlock(1, data)] });
    expect(await reader.transmit(h(SELECT))).toEqual(data);
    done(dev);
  });

  it('refuses a reply whose type does not answer the command', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: [slotStatus(1)] });
    await expect(reader.transmit(h(SELECT))).rejects.toBeInstanceOf(ReaderFramingError);
  });

  it.each([
    ['card removed (bmICCStatus 2)', failed(MSG.DataBlock, 1, 0xfe, 0x02), NoCardError],
    ['ICC mute (0xFE, card present)', failed(MSG.DataBlock, 1, 0xfe, 0x00), CardMuteError],
    ['hardware error (0xFB)', failed(MSG.DataBlock, 1, 0xfb, 0x00), ReaderHardwareError],
    ['slot busy (0xE0)', failed(MSG.DataBlock, 1, 0xe0, 0x00), SlotBusyError],
    ['bad length byte (0x01)', failed(MSG.DataBlock, 1, 0x01, 0x00), ReaderCommandError],
  ])('maps bError for %s to its typed error', async (_name, frame, type) => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: [frame] });
    await expect(reader.transmit(h(SELECT))).rejects.toBeInstanceOf(type);
  });

  it('a stalled bulk-IN becomes ReaderStallError, and the next command works', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT), in: ['stall'] }, { out: xfr(2, SELECT), in: [dataBlock(2, OK)] });
    await expect(reader.transmit(h(SELECT))).rejects.toBeInstanceOf(ReaderStallError);
    expect(await reader.transmit(h(SELECT))).toEqual(h(OK));
    done(dev);
  });

  it('unplugging during an exchange becomes ReaderDisconnectedError at once', async () => {
    const { dev, reader } = await apduReader();
    dev.script({ out: xfr(1, SELECT) });
    const pending = reader.transmit(h(SELECT));
    setTimeout(() => dev.unplug(), 10);
    await expect(pending).rejects.toBeInstanceOf(ReaderDisconnectedError);
  });

  it('refuses every call after close() with ReaderClosedError', async () => {
    const { reader } = await apduReader();
    await reader.close();
    await expect(reader.transmit(h(SELECT))).rejects.toBeInstanceOf(ReaderClosedError);
  });

  it('close() returns within the control deadline when the reader never finishes releasing its interface', async () => {
    const { dev, reader } = await apduReader({ timeoutMs: 50 });
    dev.releaseInterface = () => new Promise<void>(() => undefined);
    const started = Date.now();
    await reader.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(dev.opened).toBe(false);
  });
});

describe('slot changes', () => {
  it('reports insertion and removal from NotifySlotChange on the interrupt endpoint', async () => {
    const { dev, reader } = await apduReader();
    const events: boolean[] = [];
    reader.onSlotChange((e) => events.push(e.present));
    dev.notify(h('50 02'));
    dev.notify(h('50 03'));
    dev.notify(h('50 01'));
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual([false, true]);
    await reader.close();
  });

  it('polls GetSlotStatus when the reader has no interrupt endpoint', async () => {
    const { dev, reader } = await apduReader({ interrupt: false, pollIntervalMs: 10 });
    dev.script(
      { out: out(MSG.GetSlotStatus, 1, '00 0000'), in: [slotStatus(1, 0x00)] },
      { out: out(MSG.GetSlotStatus, 2, '00 0000'), in: [slotStatus(2, 0x42, 0xfe)] },
    );
    const events: { present: boolean; source: string }[] = [];
    reader.onSlotChange((e) => events.push({ present: e.present, source: e.source }));
    await new Promise((r) => setTimeout(r, 60));
    await reader.close();
    expect(events).toEqual([{ present: false, source: 'poll' }]);
  });
});
