/**
 * Opening a reader: open the device, select its configuration, read the whole
 * configuration descriptor with GET_DESCRIPTOR (WebUSB hides class descriptors,
 * facts A1), find the CCID interface and its endpoints, and claim it — mapping
 * Chrome's refusals to errors that say what happened and what the user can do.
 */
import { USB } from '../../spec/index';
import { findCcidInterface, parseConfigurationDescriptor, parseCcidDescriptor, type EndpointInfo, type InterfaceInfo } from './descriptor';
import { withDeadline } from '../../deadline';
import { domName, type TransportEndpoints } from '../usb/index';
import {
  DescriptorParseError,
  ProtectedInterfaceError,
  ReaderBusyError,
  ReaderDisconnectedError,
  ReaderTimeoutError,
  ReaderTransferError,
  UnsupportedReaderError,
} from './errors';
import type { CcidDescriptor } from './types';

const BUSY_ADVICE = Object.freeze({
  windows:
    'Windows: a vendor or class driver owns the reader. Chrome can only use a USB function bound to WinUSB (e.g. with Zadig), which stops the official JPKI software from using this reader until the original driver is restored.',
  linux:
    'Linux: pcscd (or the port100 kernel module) holds the reader. Stop pcscd ("sudo systemctl stop pcscd.socket pcscd") and make sure your user may open /dev/bus/usb (a udev rule).',
  macos: 'macOS: the system smart-card service holds the reader. Quit apps using the card; "sudo pkill -HUP com.apple.ifdreader" releases it.',
  chromeos: 'ChromeOS: the Smart Card Connector app may hold the reader; disconnect it there.',
});

type Os = keyof typeof BUSY_ADVICE;

function currentOs(): Os | undefined {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  if (/CrOS/.test(ua)) return 'chromeos';
  if (/Windows/.test(ua)) return 'windows';
  if (/Mac OS X|Macintosh/.test(ua)) return 'macos';
  if (/Linux/.test(ua)) return 'linux';
  return undefined;
}

function readerBusyError(what: string, cause: unknown): ReaderBusyError {
  const os = currentOs();
  const advice = os ? BUSY_ADVICE[os] : Object.values(BUSY_ADVICE).join(' ');
  return new ReaderBusyError(`The operating system or another program is using the reader (${what} failed). ${advice}`, {
    during: what,
    adviceWindows: BUSY_ADVICE.windows,
    adviceLinux: BUSY_ADVICE.linux,
    adviceMacos: BUSY_ADVICE.macos,
  }, { cause });
}

function protectedInterfaceError(cause: unknown): ProtectedInterfaceError {
  return new ProtectedInterfaceError(
    'Chrome does not let extensions use USB smart-card-class (0x0B) interfaces: "The requested interface implements a protected class." ' +
      'No setting or policy changes this. Use a reader whose card interface is vendor-class (for example NTT Com SCR3310-NTTCom, 04E6:511A), ' +
      'or use this reader through the official JPKI software or a PC/SC route (a native companion program, or the Smart Card Connector on ChromeOS).',
    { interfaceClass: USB.CLASS_SMART_CARD },
    { cause },
  );
}

async function step<T>(what: string, ms: number, op: () => Promise<T>, onDom: (name: string, e: unknown) => Error | undefined): Promise<T> {
  try {
    return await withDeadline(ms, () => new ReaderTimeoutError(`${what} did not complete within ${ms} ms`, { during: what, timeoutMs: ms }), op());
  } catch (e) {
    if (e instanceof ReaderTimeoutError) throw e;
    const name = domName(e);
    if (name === 'NotFoundError') throw new ReaderDisconnectedError(`the reader was disconnected during ${what}`, { during: what }, { cause: e });
    throw onDom(name, e) ?? new ReaderTransferError(`${what} failed: ${e instanceof Error ? e.message : String(e)}`, { during: what, domError: name }, { cause: e });
  }
}

/** Opens the device and selects its first configuration unless one is active. */
export async function openDevice(device: USBDevice, ms: number): Promise<number> {
  if (!device.opened) {
    // Windows refuses open() when the function is not bound to WinUSB (facts A3).
    await step('open', ms, () => device.open(), (n, e) => (n === 'SecurityError' || n === 'NetworkError' ? readerBusyError('open', e) : undefined));
  }
  const first = device.configurations[0];
  if (!first) throw new UnsupportedReaderError('the device has no USB configuration', { reason: 'no-ccid-interface' });
  if (!device.configuration) {
    await step('selectConfiguration', ms, () => device.selectConfiguration(first.configurationValue), (n, e) =>
      n === 'NetworkError' ? readerBusyError('selectConfiguration', e) : undefined,
    );
  }
  const active = device.configuration?.configurationValue ?? first.configurationValue;
  return Math.max(0, device.configurations.findIndex((c) => c.configurationValue === active));
}

/** GET_DESCRIPTOR(CONFIGURATION): 9 bytes for wTotalLength, then the whole blob (facts A1). */
export async function readConfigurationDescriptor(device: USBDevice, index: number, ms: number): Promise<Uint8Array> {
  const get = async (length: number): Promise<Uint8Array> => {
    const setup: USBControlTransferParameters = {
      requestType: 'standard',
      recipient: 'device',
      request: USB.REQUEST_GET_DESCRIPTOR,
      value: (USB.DESCRIPTOR_CONFIGURATION << 8) | index,
      index: 0,
    };
    const result = await step('GET_DESCRIPTOR', ms, () => device.controlTransferIn(setup, length), () => undefined);
    if (result.status !== 'ok' || !result.data) {
      throw new DescriptorParseError(`GET_DESCRIPTOR(CONFIGURATION) returned ${result.status}`, { reason: 'get-descriptor', status: result.status });
    }
    return new Uint8Array(result.data.buffer, result.data.byteOffset, result.data.byteLength).slice();
  };
  const head = await get(USB.CONFIGURATION_HEADER_LENGTH);
  if (head.length < 4) throw new DescriptorParseError('configuration descriptor header is truncated', { reason: 'short', length: head.length });
  const total = head[2]! | (head[3]! << 8);
  return get(Math.max(total, USB.CONFIGURATION_HEADER_LENGTH));
}

export interface CcidInterface {
  readonly iface: InterfaceInfo;
  readonly descriptor: CcidDescriptor;
  readonly endpoints: TransportEndpoints;
}

/** The endpoints as WebUSB reports them, falling back to the descriptor's own list. */
function pickEndpoints(device: USBDevice, iface: InterfaceInfo): TransportEndpoints {
  const webusb = device.configuration?.interfaces.find((i) => i.interfaceNumber === iface.interfaceNumber);
  const alt = webusb?.alternates[0] ?? webusb?.alternate;
  const list: Pick<EndpointInfo, 'number' | 'direction' | 'type' | 'maxPacketSize'>[] =
    alt && alt.endpoints.length ? alt.endpoints.map((e) => ({ number: e.endpointNumber, direction: e.direction, type: e.type, maxPacketSize: e.packetSize })) : [...iface.endpoints];
  const find = (type: EndpointInfo['type'], direction: EndpointInfo['direction']) => {
    const e = list.find((x) => x.type === type && x.direction === direction);
    return e && { number: e.number, packetSize: e.maxPacketSize || 64 };
  };
  const bulkIn = find('bulk', 'in');
  const bulkOut = find('bulk', 'out');
  const interruptIn = find('interrupt', 'in');
  if (!bulkIn || !bulkOut) throw new UnsupportedReaderError('the CCID interface has no bulk-IN/bulk-OUT pair', { reason: 'no-bulk-endpoints' });
  return { interfaceNumber: iface.interfaceNumber, bulkIn, bulkOut, ...(interruptIn ? { interruptIn } : {}) };
}

export function locateCcidInterface(device: USBDevice, configuration: Uint8Array): CcidInterface {
  const found = findCcidInterface(parseConfigurationDescriptor(configuration));
  if (!found) {
    throw new UnsupportedReaderError('the device has no CCID interface (class 0x0B, or vendor class with a CCID descriptor)', { reason: 'no-ccid-interface' });
  }
  const descriptor = parseCcidDescriptor(found.raw);
  return { iface: found.iface, descriptor, endpoints: pickEndpoints(device, found.iface) };
}

/** claimInterface with Chrome's refusals mapped (facts A1, A3). */
export async function claim(device: USBDevice, interfaceNumber: number, ms: number): Promise<void> {
  await step('claimInterface', ms, () => device.claimInterface(interfaceNumber), (n, e) => {
    if (n === 'SecurityError') return protectedInterfaceError(e);
    if (n === 'NetworkError') return readerBusyError('claimInterface', e);
    return undefined;
  });
}
