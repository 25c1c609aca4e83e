/**
 * Opening an RC-S380 (facts sony-readers.md §2.1, §5): open the device, select
 * configuration 1 only when none is active (a real SET_CONFIGURATION resets the reader
 * and can corrupt its first ACK, felica-rs), take the first vendor-class interface with a
 * bulk IN/OUT pair (nfcpy and the kernel do the same), and claim it. Chrome's refusals
 * become errors that tell the resident what their operating system must let go of.
 */
import { withDeadline } from '../../deadline';
import { USB } from '../../spec/index';
import { domName, type TransportEndpoints } from '../usb/index';
import { Port100BusyError, Port100UnsupportedError, UsbDisconnectedError, UsbTimeoutError, UsbTransferError } from './errors';

/** What the resident must do once so Chrome may claim the reader (facts §5); the setup page says the same. */
export const OS_ADVICE = Object.freeze({
  windows:
    'Windows: the RC-S380 must use the WinUSB driver (for example with Zadig). While it does, Sony\'s NFC Port Software and the official JPKI client cannot use it; switch back in Device Manager (Update driver → the Sony driver) to use them again.',
  linux:
    'Linux: the port100 kernel driver holds the reader. Unbind it ("echo -n <bus-port>:1.0 | sudo tee /sys/bus/usb/drivers/port100/unbind") or blacklist it ("blacklist port100" in /etc/modprobe.d/), and allow your user to open it with a udev rule (SUBSYSTEM=="usb", ATTRS{idVendor}=="054c", ATTRS{idProduct}=="06c1|06c3", TAG+="uaccess").',
  macos: 'macOS: nothing holds the RC-S380; quit any NFC program that is using it.',
});

function busy(what: string, cause: unknown): Port100BusyError {
  return new Port100BusyError(`The operating system or another program is using the RC-S380 (${what} failed). ${OS_ADVICE.windows} ${OS_ADVICE.linux}`, {
    during: what,
    adviceWindows: OS_ADVICE.windows,
    adviceLinux: OS_ADVICE.linux,
    adviceMacos: OS_ADVICE.macos,
  }, { cause });
}

async function step<T>(what: string, ms: number, op: () => Promise<T>, busyOn: readonly string[]): Promise<T> {
  try {
    return await withDeadline(ms, () => new UsbTimeoutError(`${what} did not complete within ${ms} ms`, { during: what, timeoutMs: ms }), op());
  } catch (e) {
    if (e instanceof UsbTimeoutError) throw e;
    const name = domName(e);
    if (name === 'NotFoundError') throw new UsbDisconnectedError(`the reader was disconnected during ${what}`, { during: what }, { cause: e });
    if (busyOn.includes(name)) throw busy(what, e);
    throw new UsbTransferError(`${what} failed: ${e instanceof Error ? e.message : String(e)}`, { during: what, domError: name }, { cause: e });
  }
}

/** The first vendor-class interface with a bulk pair, and its endpoints with their packet sizes. */
export function findPort100Interface(device: USBDevice): TransportEndpoints {
  const config = device.configuration ?? device.configurations[0];
  for (const iface of config?.interfaces ?? []) {
    const alt = iface.alternates[0] ?? iface.alternate;
    if (alt.interfaceClass !== USB.CLASS_VENDOR) continue;
    const find = (direction: USBDirection) => alt.endpoints.find((e) => e.type === 'bulk' && e.direction === direction);
    const bulkIn = find('in');
    const bulkOut = find('out');
    if (!bulkIn || !bulkOut) continue;
    return {
      interfaceNumber: iface.interfaceNumber,
      bulkIn: { number: bulkIn.endpointNumber, packetSize: bulkIn.packetSize || 64 },
      bulkOut: { number: bulkOut.endpointNumber, packetSize: bulkOut.packetSize || 64 },
    };
  }
  throw new Port100UnsupportedError('the device has no vendor-class interface with bulk endpoints', { reason: 'no-port100-interface' });
}

/** Opens, configures (only if unconfigured) and claims; returns the endpoints to drive. */
export async function openAndClaim(device: USBDevice, ms: number): Promise<TransportEndpoints> {
  // Windows refuses open() when the reader is not bound to WinUSB (facts §5).
  if (!device.opened) await step('open', ms, () => device.open(), ['SecurityError', 'NetworkError']);
  const first = device.configurations[0];
  if (!first) throw new Port100UnsupportedError('the device has no USB configuration', { reason: 'no-configuration' });
  if (!device.configuration) await step('selectConfiguration', ms, () => device.selectConfiguration(first.configurationValue), ['NetworkError']);
  const endpoints = findPort100Interface(device);
  // Linux with the port100 module bound: Chrome cannot detach it and claiming fails (facts §5).
  await step('claimInterface', ms, () => device.claimInterface(endpoints.interfaceNumber), ['NetworkError', 'SecurityError']);
  return endpoints;
}
