/**
 * TEST helper: the readers and card the scripted tests use, with descriptor values
 * copied from ../shared/data/ccid-readers/ dumps (SCR3310-NTTCom, ACR39U, ACR1252).
 */
import { CcidReader } from '../../../src/reader/ccid/index';
import { ccidDescriptor, configurationDescriptor, dataBlock, MSG, out, reply, xfr, block } from './frames';
import { ScriptedDevice, type Step } from './scripted-device';

/** A My Number Card contact ATR (pcsc-tools smartcard_list, facts B3): TA1 13, TC1 FF, T=1, TA3 FB, TB3 46. */
export const MYNUMBER_ATR = '3B DA 13 FF 81 31 FB 46 80 12 39 2F 31 C1 73 C6 01 C0 3B';

export const SCR3310_NTTCOM = ccidDescriptor({ dwProtocols: 3, dwMaxIFSD: 252, dwFeatures: 0x000101ba, dwMaxCCIDMessageLength: 271 });
export const ACR39U = ccidDescriptor({ dwProtocols: 3, dwMaxIFSD: 247, dwFeatures: 0x000100b2, dwMaxCCIDMessageLength: 271, dwMaximumClock: 16000, dwMaxDataRate: 826000 });
export const ACR1252 = ccidDescriptor({
  bcdCCID: 0x0100,
  dwProtocols: 2,
  dwMaxIFSD: 254,
  dwFeatures: 0x000404ba,
  dwMaxCCIDMessageLength: 522,
  dwDefaultClock: 4000,
  dwMaximumClock: 4000,
  bClassGetResponse: 0,
  bClassEnvelope: 0,
});

export function device(interfaceClass: number, ccid: Uint8Array, opts: { interrupt?: boolean; claimError?: string; vendorId?: number; productId?: number; bcdDevice?: number } = {}): ScriptedDevice {
  return new ScriptedDevice({
    configuration: configurationDescriptor(interfaceClass, ccid, { interrupt: opts.interrupt ?? true }),
    interfaceClass,
    ...opts,
  });
}

/** The power-on conversation of SCR3310-NTTCom (TPDU, auto voltage, auto PPS, no auto IFSD) with the My Number ATR. */
export function tpduPowerOnSteps(ifsd = 'FC'): Step[] {
  return [
    { out: out(MSG.IccPowerOn, 0, '00 0000'), in: [dataBlock(0, MYNUMBER_ATR)] },
    // SetParameters T=1: Fi/Di 13, TCCKST1 10 (LRC, direct), guard FF, BWI/CWI 46, clock stop 00, IFSC FB, NAD 00.
    { out: out(MSG.SetParameters, 1, '01 0000', '13 10 FF 46 00 FB 00'), in: [reply(MSG.Parameters, 1, 0, 0, 0x01, '13 10 FF 46 00 FB 00')] },
    // S(IFS request) IFSD, answered by S(IFS response).
    { out: xfr(2, block(0xc1, ifsd)), in: [dataBlock(2, block(0xe1, ifsd))] },
  ];
}

export async function openTpdu(ccid = SCR3310_NTTCOM, ifsd = 'FC', opts: { timeoutMs?: number } = {}): Promise<{ dev: ScriptedDevice; reader: CcidReader }> {
  const dev = device(0xff, ccid).script(...tpduPowerOnSteps(ifsd));
  const reader = await CcidReader.open(dev.asUsbDevice(), opts);
  await reader.powerOn();
  return { dev, reader };
}
