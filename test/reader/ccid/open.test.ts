import { describe, expect, it } from 'vitest';
import {
  CcidReader,
  DescriptorParseError,
  ProtectedInterfaceError,
  ReaderBusyError,
  ReaderDisconnectedError,
  ReaderTimeoutError,
  UnsupportedReaderError,
} from '../../../src/reader/ccid/index';
import { ccidDescriptor, configurationDescriptor, h } from './frames';
import { ScriptedDevice } from './scripted-device';
import { ACR1252, ACR39U, device, SCR3310_NTTCOM } from './fixtures';

describe('CcidReader.open', () => {
  it('finds the vendor-class CCID interface of SCR3310-NTTCom and reports it as a TPDU reader', async () => {
    const dev = device(0xff, SCR3310_NTTCOM, { vendorId: 0x04e6, productId: 0x511a });
    const reader = await CcidReader.open(dev.asUsbDevice());
    expect(reader.info).toMatchObject({
      vendorId: 0x04e6,
      productId: 0x511a,
      productName: 'Scripted reader',
      interfaceClass: 0xff,
      exchangeLevel: 'tpdu',
      protocols: ['T=0', 'T=1'],
      maxMessageLength: 271,
      maxIfsd: 252,
      slotCount: 1,
      dwFeatures: 0x000101ba,
      hasInterruptEndpoint: true,
    });
    expect(dev.opened).toBe(true);
    expect(dev.configuration?.configurationValue).toBe(1);
    expect(dev.claimCount).toBe(1);
    expect(dev.sent).toHaveLength(0);
  });

  it('reports ACR1252 as an extended-APDU reader with 522-byte messages', async () => {
    const reader = await CcidReader.open(device(0x0b, ACR1252).asUsbDevice());
    expect(reader.info).toMatchObject({ exchangeLevel: 'extended-apdu', protocols: ['T=1'], maxMessageLength: 522, interfaceClass: 0x0b });
  });

  it('turns Chrome\'s SecurityError on a class 0x0B interface into ProtectedInterfaceError that says what the user can do', async () => {
    const dev = device(0x0b, ACR39U, { claimError: 'SecurityError' });
    const err = await CcidReader.open(dev.asUsbDevice()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtectedInterfaceError);
    expect((err as ProtectedInterfaceError).code).toBe('reader-protected-interface');
    expect((err as Error).message).toMatch(/protected class/);
    expect((err as Error).message).toMatch(/SCR3310-NTTCom/);
    expect((err as Error).message).toMatch(/JPKI software|PC\/SC/);
  });

  it('turns a NetworkError on claim (the OS holds the reader) into ReaderBusyError with advice for every OS', async () => {
    const dev = device(0xff, SCR3310_NTTCOM, { claimError: 'NetworkError' });
    const err = (await CcidReader.open(dev.asUsbDevice()).catch((e: unknown) => e)) as ReaderBusyError;
    expect(err).toBeInstanceOf(ReaderBusyError);
    expect(err.details.adviceLinux).toMatch(/pcscd/);
    expect(err.details.adviceWindows).toMatch(/WinUSB/);
    expect(err.details.adviceMacos).toMatch(/ifdreader/);
    // The message itself is what the user reads: what happened, then this system's steps (all of them when unknown).
    expect(err.message).toMatch(/^The operating system or another program is using the reader/);
    expect(err.message).toContain(err.details.adviceLinux as string);
  });

  it('refuses a character-level reader before claiming it', async () => {
    const dev = device(0x0b, ccidDescriptor({ dwProtocols: 3, dwMaxIFSD: 254, dwFeatures: 0x000000ba, dwMaxCCIDMessageLength: 271 }));
    const err = (await CcidReader.open(dev.asUsbDevice()).catch((e: unknown) => e)) as UnsupportedReaderError;
    expect(err).toBeInstanceOf(UnsupportedReaderError);
    expect(err.details.reason).toBe('character-level');
    expect(dev.claimCount).toBe(0);
  });

  it.each([
    ['T=0 only', ccidDescriptor({ dwProtocols: 1, dwMaxIFSD: 0, dwFeatures: 0x00010000, dwMaxCCIDMessageLength: 271 }), 'no-t1'],
    ['short-APDU with 64-byte messages', ccidDescriptor({ dwProtocols: 2, dwMaxIFSD: 254, dwFeatures: 0x00020000, dwMaxCCIDMessageLength: 64 }), 'message-too-small'],
    ['TPDU with 20-byte messages', ccidDescriptor({ dwProtocols: 2, dwMaxIFSD: 254, dwFeatures: 0x00010000, dwMaxCCIDMessageLength: 20 }), 'message-too-small'],
  ])('refuses a %s reader with reason %s', async (_name, ccid, reason) => {
    const err = (await CcidReader.open(device(0x0b, ccid).asUsbDevice()).catch((e: unknown) => e)) as UnsupportedReaderError;
    expect(err).toBeInstanceOf(UnsupportedReaderError);
    expect(err.details.reason).toBe(reason);
  });

  it('refuses SCR331-DI with firmware older than 6.20 (libccid bogus firmware list) but takes 6.32', async () => {
    const ccid = ccidDescriptor({ dwProtocols: 3, dwMaxIFSD: 252, dwFeatures: 0x000101ba, dwMaxCCIDMessageLength: 263 });
    const old = await CcidReader.open(device(0x0b, ccid, { productId: 0x5111, bcdDevice: 0x0618 }).asUsbDevice()).catch((e: unknown) => e);
    expect((old as UnsupportedReaderError).details.reason).toBe('bogus-firmware');
    const fine = await CcidReader.open(device(0x0b, ccid, { productId: 0x5111, bcdDevice: 0x0632 }).asUsbDevice());
    expect(fine.info.maxMessageLength).toBe(263);
  });

  it('ignores a vendor-class interface without a CCID descriptor', async () => {
    const config = configurationDescriptor(0xff, h('05 24 00 10 01'));
    const dev = new ScriptedDevice({ configuration: config, interfaceClass: 0xff });
    const err = (await CcidReader.open(dev.asUsbDevice()).catch((e: unknown) => e)) as UnsupportedReaderError;
    expect(err.details.reason).toBe('no-ccid-interface');
  });

  it('rejects a class 0x0B interface whose CCID descriptor is cut short with DescriptorParseError', async () => {
    const config = configurationDescriptor(0x0b, SCR3310_NTTCOM.slice(0, 40).map((b, i) => (i === 0 ? 40 : b)));
    const dev = new ScriptedDevice({ configuration: config, interfaceClass: 0x0b });
    await expect(CcidReader.open(dev.asUsbDevice())).rejects.toBeInstanceOf(DescriptorParseError);
  });

  it('gives up with ReaderTimeoutError when GET_DESCRIPTOR never completes', async () => {
    const dev = device(0xff, SCR3310_NTTCOM);
    (dev as unknown as { controlTransferIn: () => Promise<never> }).controlTransferIn = () => new Promise<never>(() => undefined);
    const started = Date.now();
    await expect(CcidReader.open(dev.asUsbDevice(), { timeoutMs: 100 })).rejects.toBeInstanceOf(ReaderTimeoutError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a reader unplugged before opening as ReaderDisconnectedError', async () => {
    const dev = device(0xff, SCR3310_NTTCOM);
    dev.unplug();
    await expect(CcidReader.open(dev.asUsbDevice())).rejects.toBeInstanceOf(ReaderDisconnectedError);
  });

  it('uses the endpoints from the descriptor when WebUSB lists none', async () => {
    const dev = device(0xff, SCR3310_NTTCOM);
    for (const i of dev.configurations[0]!.interfaces) (i.alternates[0] as { endpoints: USBEndpoint[] }).endpoints = [];
    const reader = await CcidReader.open(dev.asUsbDevice());
    expect(reader.info.hasInterruptEndpoint).toBe(true);
  });
});
