/**
 * createVirtualReader: a WebUSB `USBDevice` that is a CCID reader byte for byte (issue
 * 4 §2). The driver cannot tell it from hardware (DESIGN "Seams"): it opens, selects
 * the configuration, reads descriptors with GET_DESCRIPTOR, claims (or, as Chrome, is
 * refused), and exchanges bulk and interrupt transfers with WebUSB's states, errors and
 * results. Control members (insertCard, unplug, inject, stats) sit beside them.
 */
import { CLASS_REQUEST, USB } from '../../reader/ccid/spec';
import { CcidFunction } from './ccid-function';
import {
  configurationDescriptor, descriptorStrings, deviceDescriptor, endpointsOf, stringDescriptor, usbConfiguration,
} from './descriptors';
import { VirtualReaderOptionsError } from './errors';
import { FaultBoard } from './faults';
import { ccidInterfaceIndex, READER_PROFILES, withOverrides } from './profiles';
import type { SlotCounters } from './slot';
import { INSTANT, TimingClock } from './timing';
import type { DisconnectListener, ReaderProfile, ReaderStats, VirtualReader, VirtualReaderOptions } from './types';
import { UsbState, usbError } from './usb-state';

const PACKET_SIZES = new Set([8, 16, 32, 64, 512]);
/** The bDescriptorType values live in the high byte of wValue (USB 2.0 §9.4.3). */
const DESCRIPTOR_TYPE_SHIFT = 8;
const STRING_DESCRIPTOR = 0x03;
const DEVICE_DESCRIPTOR = 0x01;

export function createVirtualReader(options: VirtualReaderOptions = {}): VirtualReader {
  const packetSize = options.packetSize ?? 64;
  if (!PACKET_SIZES.has(packetSize)) throw new VirtualReaderOptionsError(`wMaxPacketSize ${packetSize} is not a USB bulk size`);
  const profile = withOverrides(options.profile ?? READER_PROFILES['SCR3310-NTTCom'], options.level, options.interfaceClass);
  if (profile.interfaces.length === 0) throw new VirtualReaderOptionsError('the profile has no interface');
  const serial = options.serialNumber === undefined ? `VR-${profile.vendorId.toString(16)}-${profile.productId.toString(16)}-0001` : options.serialNumber;
  const clock = new TimingClock({ ...INSTANT, ...options.timing }, options.timing !== undefined);
  const counters: SlotCounters & { transfersOut: number; transfersIn: number; controlTransfers: number; bytesOut: number; bytesIn: number } = {
    apdus: 0, apduBytes: 0, t1Blocks: 0, transfersOut: 0, transfersIn: 0, controlTransfers: 0, bytesOut: 0, bytesIn: 0,
  };
  const state = new UsbState(profile, options.browser ?? 'chrome');
  const faults = new FaultBoard((endpoint) => stall(endpoint));
  const endpoints = endpointsOf(profile);
  const functions = profile.interfaces.map((iface, k) => new CcidFunction(iface, endpoints[k]!, {
    faults, clock, counters, packetSize, isClaimed: () => state.claimed.has(iface.interfaceNumber),
  }));
  const main = functions[ccidInterfaceIndex(profile)]!;
  if (options.card) main.slot.insert(options.card);
  const configuration = usbConfiguration(profile, packetSize, (n) => state.claimed.has(n));
  const configBytes = configurationDescriptor(profile, packetSize);
  const strings = descriptorStrings(profile, serial);
  const disconnectListeners = new Set<DisconnectListener>();
  const connectListeners = new Set<DisconnectListener>();

  function stall(endpoint: 'bulk-in' | 'bulk-out'): void {
    const n = endpoint === 'bulk-in' ? main.endpoints.bulkIn : main.endpoints.bulkOut;
    if (n === undefined) return;
    state.halted.add(`${endpoint === 'bulk-in' ? 'in' : 'out'}:${n}`);
    if (endpoint === 'bulk-in') main.bulkIn?.stallPending();
  }

  function functionOf(endpointNumber: number, direction: USBDirection): CcidFunction {
    const f = functions.find((fn) => {
      const e = fn.endpoints;
      return direction === 'out' ? e.bulkOut === endpointNumber : e.bulkIn === endpointNumber || e.interrupt === endpointNumber;
    });
    if (f === undefined || !state.claimed.has(f.iface.interfaceNumber))
      throw usbError('NotFoundError', 'The specified endpoint is not part of a claimed and selected alternate interface.');
    return f;
  }

  function abortAll(name: 'AbortError' | 'NotFoundError', message: string): void {
    for (const f of functions) f.fail(usbError(name, message));
  }

  function descriptor(setup: USBControlTransferParameters): Uint8Array | undefined {
    const type = setup.value >> DESCRIPTOR_TYPE_SHIFT;
    const index = setup.value & 0xff;
    if (type === DEVICE_DESCRIPTOR) return deviceDescriptor(profile, packetSize, serial !== null);
    if (type === USB.DESCRIPTOR_CONFIGURATION && index === 0) return configBytes;
    if (type === STRING_DESCRIPTOR) return stringDescriptor(index, strings);
    return undefined;
  }

  const device = {
    usbVersionMajor: 2, usbVersionMinor: 0, usbVersionSubminor: 0,
    deviceClass: 0, deviceSubclass: 0, deviceProtocol: 0,
    vendorId: profile.vendorId,
    productId: profile.productId,
    deviceVersionMajor: profile.bcdDevice >> 8,
    deviceVersionMinor: (profile.bcdDevice >> 4) & 0x0f,
    deviceVersionSubminor: profile.bcdDevice & 0x0f,
    manufacturerName: profile.manufacturerName,
    productName: profile.productName,
    serialNumber: serial,
    configurations: [configuration],
    get configuration(): USBConfiguration | null {
      return state.configured ? configuration : null;
    },
    get opened(): boolean {
      return state.opened;
    },
    async open(): Promise<void> {
      state.requirePlugged();
      state.opened = true;
    },
    async close(): Promise<void> {
      state.requirePlugged();
      abortAll('AbortError', 'The transfer was cancelled.');
      state.claimed.clear();
      state.opened = false;
    },
    async forget(): Promise<void> {
      if (state.opened) await device.close();
    },
    async selectConfiguration(value: number): Promise<void> {
      state.requireOpen();
      if (value !== configuration.configurationValue) throw usbError('NotFoundError', 'The configuration value provided is not supported by the device.');
      state.configured = true;
    },
    async claimInterface(n: number): Promise<void> {
      state.requireOpen();
      state.requireUnprotected(state.interfaceOf(n));
      state.claimed.add(n);
    },
    async releaseInterface(n: number): Promise<void> {
      state.requireOpen();
      state.interfaceOf(n);
      functions.find((f) => f.iface.interfaceNumber === n)?.fail(usbError('AbortError', 'The transfer was cancelled.'));
      state.claimed.delete(n);
    },
    async selectAlternateInterface(n: number, alternate: number): Promise<void> {
      state.requireClaimed(n);
      const iface = state.interfaceOf(n);
      if (alternate !== iface.alternateSetting) throw usbError('NotFoundError', 'The alternate setting provided is not supported by the device in its current configuration.');
      state.requireUnprotected(iface);
    },
    async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
      state.requireOpen();
      state.checkControl(setup);
      counters.controlTransfers++;
      await clock.usb();
      const isGetDescriptor = setup.requestType === 'standard' && setup.recipient === 'device' && setup.request === USB.REQUEST_GET_DESCRIPTOR;
      const bytes = isGetDescriptor ? descriptor(setup) : undefined;
      // GET_CLOCK_FREQUENCIES / GET_DATA_RATES: most dumps say the reader does not support them, so it stalls.
      if (bytes === undefined) return { status: 'stall' };
      return { status: 'ok', data: new DataView(bytes.slice(0, Math.max(0, length)).buffer) };
    },
    async controlTransferOut(setup: USBControlTransferParameters, data?: BufferSource): Promise<USBOutTransferResult> {
      state.requireOpen();
      state.checkControl(setup);
      counters.controlTransfers++;
      await clock.usb();
      const target = functions.find((f) => f.iface.interfaceNumber === (setup.index & 0xff));
      if (setup.requestType === 'class' && setup.recipient === 'interface' && setup.request === CLASS_REQUEST.ABORT && target) {
        target.slot.classAbort(setup.value & 0xff, setup.value >> 8);
        return { status: 'ok', bytesWritten: data ? data.byteLength : 0 };
      }
      return { status: 'stall', bytesWritten: 0 };
    },
    async clearHalt(direction: USBDirection, endpointNumber: number): Promise<void> {
      state.requireOpen();
      functionOf(endpointNumber, direction);
      state.halted.delete(`${direction}:${endpointNumber}`);
    },
    async transferOut(endpointNumber: number, data: BufferSource): Promise<USBOutTransferResult> {
      state.requireOpen();
      const f = functionOf(endpointNumber, 'out');
      if (state.halted.has(`out:${endpointNumber}`)) return { status: 'stall', bytesWritten: 0 };
      const bytes = toBytes(data);
      counters.transfersOut++;
      counters.bytesOut += bytes.length;
      await clock.usb();
      f.receive(bytes);
      return { status: 'ok', bytesWritten: bytes.length };
    },
    async transferIn(endpointNumber: number, length: number): Promise<USBInTransferResult> {
      state.requireOpen();
      const f = functionOf(endpointNumber, 'in');
      if (state.halted.has(`in:${endpointNumber}`)) return { status: 'stall' };
      const pipe = f.bulkIn?.endpointNumber === endpointNumber ? f.bulkIn : f.interrupt!;
      const result = await pipe.read(length);
      counters.transfersIn++;
      counters.bytesIn += result.data.length;
      await clock.usb();
      return { status: result.status, data: new DataView(result.data.slice().buffer) };
    },
    async isochronousTransferIn(): Promise<USBIsochronousInTransferResult> {
      throw usbError('InvalidAccessError', 'The specified endpoint is not an isochronous endpoint.');
    },
    async isochronousTransferOut(): Promise<USBIsochronousOutTransferResult> {
      throw usbError('InvalidAccessError', 'The specified endpoint is not an isochronous endpoint.');
    },
    async reset(): Promise<void> {
      state.requireOpen();
      abortAll('AbortError', 'The transfer was cancelled.');
      for (const f of functions) {
        f.flush();
        f.slot.powerDown();
      }
      state.halted.clear();
    },

    // ---- control surface -----------------------------------------------------------
    insertCard: (card) => main.slot.insert(card),
    removeCard: () => main.slot.remove(),
    unplug(): void {
      if (!state.plugged) return;
      state.unplug();
      abortAll('NotFoundError', 'The device was disconnected.');
      for (const f of functions) {
        f.flush();
        f.slot.powerDown();
      }
      for (const l of disconnectListeners) l(device);
    },
    plug(): void {
      if (state.plugged) return;
      state.plugged = true;
      for (const l of connectListeners) l(device);
    },
    get plugged(): boolean {
      return state.plugged;
    },
    get cardPresent(): boolean {
      return main.slot.card !== null;
    },
    onDisconnect(listener: DisconnectListener): () => void {
      disconnectListeners.add(listener);
      return () => disconnectListeners.delete(listener);
    },
    onConnect(listener: DisconnectListener): () => void {
      connectListeners.add(listener);
      return () => connectListeners.delete(listener);
    },
    inject: (fault) => faults.inject(fault),
    clearFaults(): void {
      faults.clear();
      state.halted.clear();
    },
    get stats(): ReaderStats {
      const { apdus, apduBytes, t1Blocks, transfersOut, transfersIn, controlTransfers, bytesOut, bytesIn } = counters;
      return Object.freeze({ apdus, apduBytes, t1Blocks, transfersOut, transfersIn, controlTransfers, bytesOut, bytesIn, simulatedMs: clock.simulatedMs });
    },
    resetStats(): void {
      for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] = 0;
      clock.simulatedMs = 0;
    },
    profile: profile as ReaderProfile,
  } satisfies VirtualReader;
  return device;
}

function toBytes(data: BufferSource): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
