/** Pairing-page states for the preview: each verdict, with a plausible list of paired readers. */
import type { PairedReader } from '../messages';
import type { PairingState } from '../setup/use-pairing';
import { usbIdsOf } from '../setup/pairing';

const NTT: PairedReader = {
  key: '04e6:511a:53311A0001',
  identity: { name: 'SCR3310-NTTCom', vendorId: 0x04e6, productId: 0x511a, source: 'webusb-ccid' },
  verdict: 'ready',
};
const ACR: PairedReader = {
  key: '072f:b100:#1',
  identity: { name: 'ACS ACR39U ICC Reader', vendorId: 0x072f, productId: 0xb100, source: 'webusb-ccid' },
  verdict: 'protected-class',
  problemCode: 'reader-protected-interface',
};
const BUSY: PairedReader = { ...NTT, verdict: 'os-busy', problemCode: 'reader-busy' };

const base: PairingState = { lang: 'ja', os: 'linux', usbAvailable: true, busy: null, result: null, readers: [], forgotten: null, virtual: false };

export const SETUP_CASES: Readonly<Record<string, PairingState>> = {
  intro: base,
  trying: { ...base, busy: 'trying' },
  ready: { ...base, result: { verdict: 'ready', chosen: usbIdsOf(NTT.identity)!, reader: NTT }, readers: [NTT, ACR] },
  cancelled: { ...base, result: { verdict: 'cancelled' }, readers: [NTT] },
  protected: { ...base, result: { verdict: 'protected-class', chosen: usbIdsOf(ACR.identity)!, reader: ACR }, readers: [NTT, ACR] },
  'busy-linux': { ...base, result: { verdict: 'os-busy', chosen: usbIdsOf(BUSY.identity)!, reader: BUSY }, readers: [BUSY] },
  'busy-windows': { ...base, os: 'windows', result: { verdict: 'os-busy', chosen: usbIdsOf(BUSY.identity)!, reader: BUSY }, readers: [BUSY] },
  'no-permission': { ...base, result: { verdict: 'no-permission' }, readers: [] },
  virtual: { ...base, virtual: true, readers: [{ ...NTT, identity: { ...NTT.identity, source: 'virtual' } }] },
  error: { ...base, result: { verdict: 'error', chosen: usbIdsOf(NTT.identity)!, reader: { ...NTT, verdict: 'error', problemCode: 'reader-timeout' } }, readers: [NTT] },
};
