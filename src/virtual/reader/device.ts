/**
 * createVirtualReader: a WebUSB `USBDevice` that is a CCID reader byte for byte (issue
 * 4 §2). The driver cannot tell it from hardware (DESIGN "Seams"): it opens, selects
 * the configuration, reads descriptors with GET_DESCRIPTOR, claims (or, as Chrome, is
 * refused), and exchanges bulk and interrupt transfers with WebUSB's states, errors and
 * results. Control members (insertCard, unplug, inject, stats) sit beside them.
 */
import { CLASS_REQUEST, USB } from '../../spec/index';
import { CcidFunction } from './ccid-function';
import {
  descriptorTable, endpointsOf, usbConfiguration,
} from './descriptors';
import { VirtualReaderOptionsError } from './errors';
import { FaultBoard } from './faults';
import { ccidInterfaceIndex, READER_PROFILES, withOverrides } from './profiles';
import type { SlotCounters } from './slot';
import { INSTANT, TimingClock } from './timing';
import type {
  DisconnectListener, Fault, ReaderProfile, ReaderStats, VirtualCardLike, VirtualReader, VirtualReaderOptions,
} from './types';
import { Hotplug, USB_MESSAGES, noIsochronous, toBytes } from '../usb/index';
import { UsbState, usbError } from './usb-state';

const PACKET_SIZES = new Set([8, 16, 32, 64, 512]);
const CANCELLED = USB_MESSAGES.CANCELLED;

type Counters = SlotCounters & { transfersOut: number; transfersIn: number; controlTransfers: number; bytesOut: number; bytesIn: number };

export function createVirtualReader(options: VirtualReaderOptions = {}): VirtualReader {
  return new VirtualReaderDevice(options);
}

class VirtualReaderDevice implements VirtualReader {
  readonly usbVersionMajor = 2;
  readonly usbVersionMinor = 0;
  readonly usbVersionSubminor = 0;
  readonly deviceClass = 0;
  readonly deviceSubclass = 0;
  readonly deviceProtocol = 0;
  readonly vendorId: number;
  readonly productId: number;
  readonly deviceVersionMajor: number;
  readonly deviceVersionMinor: number;
  readonly deviceVersionSubminor: number;
  readonly manufacturerName: string | null;
  readonly productName: string | null;
  readonly serialNumber: string | null;
  readonly configurations: USBConfiguration[];
  readonly profile: ReaderProfile;

  private readonly packetSize: number;
  private readonly clock: TimingClock;
  private readonly counters: Counters = {
    apdus: 0, apduBytes: 0, t1Blocks: 0, transfersOut: 0, transfersIn: 0, controlTransfers: 0, bytesOut: 0, bytesIn: 0,
  };
  private readonly state: UsbState;
  private readonly faults = new FaultBoard((endpoint) => this.stall(endpoint));
  private readonly functions: CcidFunction[];
  private readonly main: CcidFunction;
  private readonly descriptors: (wValue: number) => Uint8Array | undefined;
  private readonly hotplug = new Hotplug<USBDevice>();

  constructor(options: VirtualReaderOptions) {
    this.packetSize = options.packetSize ?? 64;
    if (!PACKET_SIZES.has(this.packetSize)) throw new VirtualReaderOptionsError(`wMaxPacketSize ${this.packetSize} is not a USB bulk size`);
    const profile = withOverrides(options.profile ?? READER_PROFILES['SCR3310-NTTCom'], options.level, options.interfaceClass);
    if (profile.interfaces.length === 0) throw new VirtualReaderOptionsError('the profile has no interface');
    this.profile = profile;
    [this.vendorId, this.productId, this.manufacturerName, this.productName] = [profile.vendorId, profile.productId, profile.manufacturerName, profile.productName];
    [this.deviceVersionMajor, this.deviceVersionMinor, this.deviceVersionSubminor] = [profile.bcdDevice >> 8, (profile.bcdDevice >> 4) & 0x0f, profile.bcdDevice & 0x0f];
    this.serialNumber = options.serialNumber === undefined
      ? `VR-${profile.vendorId.toString(16)}-${profile.productId.toString(16)}-0001`
      : options.serialNumber;
    this.clock = new TimingClock({ ...INSTANT, ...options.timing }, options.timing !== undefined);
    this.state = new UsbState(profile, options.browser ?? 'chrome');
    const endpoints = endpointsOf(profile);
    this.functions = profile.interfaces.map((iface, k) => new CcidFunction(iface, endpoints[k]!, {
      faults: this.faults, clock: this.clock, counters: this.counters, packetSize: this.packetSize,
      isClaimed: () => this.state.claimed.has(iface.interfaceNumber),
    }));
    this.main = this.functions[ccidInterfaceIndex(profile)]!;
    if (options.card) this.main.slot.insert(options.card);
    this.configurations = [usbConfiguration(profile, this.packetSize, (n) => this.state.claimed.has(n))];
    this.descriptors = descriptorTable(profile, this.packetSize, this.serialNumber);
  }

  get configuration(): USBConfiguration | null {
    return this.state.configured ? this.configurations[0]! : null;
  }

  get opened(): boolean {
    return this.state.opened;
  }

  async open(): Promise<void> {
    this.state.requirePlugged();
    this.state.opened = true;
  }

  async close(): Promise<void> {
    this.state.requirePlugged();
    this.failPending('AbortError', CANCELLED);
    this.state.claimed.clear();
    this.state.opened = false;
  }

  async forget(): Promise<void> {
    if (this.state.opened) await this.close();
  }

  async selectConfiguration(value: number): Promise<void> {
    this.state.requireOpen();
    if (value !== this.configurations[0]!.configurationValue) throw usbError('NotFoundError', USB_MESSAGES.NO_CONFIGURATION);
    this.state.configured = true;
  }

  async claimInterface(n: number): Promise<void> {
    this.state.requireOpen();
    this.state.requireUnprotected(this.state.interfaceOf(n));
    if (this.faults.heldByOs) throw usbError('NetworkError', USB_MESSAGES.UNABLE_TO_CLAIM);
    this.state.claimed.add(n);
  }

  async releaseInterface(n: number): Promise<void> {
    this.state.requireOpen();
    this.state.interfaceOf(n);
    this.functions.find((f) => f.iface.interfaceNumber === n)?.fail(usbError('AbortError', CANCELLED));
    this.state.claimed.delete(n);
  }

  async selectAlternateInterface(n: number, alternate: number): Promise<void> {
    this.state.requireProfileClaimed(n);
    const iface = this.state.interfaceOf(n);
    if (alternate !== iface.alternateSetting) throw usbError('NotFoundError', USB_MESSAGES.NO_ALTERNATE);
    this.state.requireUnprotected(iface);
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    this.state.requireOpen();
    this.state.checkControl(setup);
    this.counters.controlTransfers++;
    await this.clock.usb();
    const isGetDescriptor = setup.requestType === 'standard' && setup.recipient === 'device' && setup.request === USB.REQUEST_GET_DESCRIPTOR;
    const bytes = isGetDescriptor ? this.descriptors(setup.value) : undefined;
    // GET_CLOCK_FREQUENCIES / GET_DATA_RATES: most dumps say the reader does not support them, so it stalls.
    if (bytes === undefined) return { status: 'stall' };
    return { status: 'ok', data: new DataView(bytes.slice(0, Math.max(0, length)).buffer) };
  }

  async controlTransferOut(setup: USBControlTransferParameters, data?: BufferSource): Promise<USBOutTransferResult> {
    this.state.requireOpen();
    this.state.checkControl(setup);
    this.counters.controlTransfers++;
    await this.clock.usb();
    const target = this.functions.find((f) => f.iface.interfaceNumber === (setup.index & 0xff));
    if (setup.requestType === 'class' && setup.recipient === 'interface' && setup.request === CLASS_REQUEST.ABORT && target) {
      // wValue = bSeq << 8 | bSlot (facts B1).
      target.slot.classAbort(setup.value & 0xff, setup.value >> 8);
      return { status: 'ok', bytesWritten: data ? data.byteLength : 0 };
    }
    return { status: 'stall', bytesWritten: 0 };
  }

  async clearHalt(direction: USBDirection, endpointNumber: number): Promise<void> {
    this.state.requireOpen();
    this.functionOf(endpointNumber, direction);
    this.state.halted.delete(`${direction}:${endpointNumber}`);
  }

  async transferOut(endpointNumber: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.state.requireOpen();
    const f = this.functionOf(endpointNumber, 'out');
    if (this.state.halted.has(`out:${endpointNumber}`)) return { status: 'stall', bytesWritten: 0 };
    const bytes = toBytes(data);
    this.counters.transfersOut++;
    this.counters.bytesOut += bytes.length;
    await this.clock.usb();
    f.receive(bytes);
    return { status: 'ok', bytesWritten: bytes.length };
  }

  async transferIn(endpointNumber: number, length: number): Promise<USBInTransferResult> {
    this.state.requireOpen();
    const f = this.functionOf(endpointNumber, 'in');
    if (this.state.halted.has(`in:${endpointNumber}`)) return { status: 'stall' };
    const pipe = f.bulkIn?.endpointNumber === endpointNumber ? f.bulkIn : f.interrupt!;
    const result = await pipe.read(length);
    this.counters.transfersIn++;
    this.counters.bytesIn += result.data.length;
    await this.clock.usb();
    return { status: result.status, data: new DataView(result.data.slice().buffer) };
  }

  isochronousTransferIn(): Promise<USBIsochronousInTransferResult> {
    return noIsochronous();
  }

  isochronousTransferOut(): Promise<USBIsochronousOutTransferResult> {
    return noIsochronous();
  }

  /** A port reset re-enumerates the reader: pending transfers end, buffers empty, the card loses power. */
  async reset(): Promise<void> {
    this.state.requireOpen();
    this.failPending('AbortError', CANCELLED);
    this.powerCycleFunctions();
    this.state.halted.clear();
  }

  // ---- control surface ------------------------------------------------------------

  insertCard(card: VirtualCardLike): void {
    this.main.slot.insert(card);
  }

  removeCard(): void {
    this.main.slot.remove();
  }

  unplug(): void {
    if (!this.state.plugged) return;
    this.state.unplug();
    this.failPending('NotFoundError', USB_MESSAGES.DISCONNECTED);
    this.powerCycleFunctions();
    this.hotplug.disconnected(this);
  }

  plug(): void {
    if (this.state.plugged) return;
    this.state.plugged = true;
    this.hotplug.connected(this);
  }

  get plugged(): boolean {
    return this.state.plugged;
  }

  get cardPresent(): boolean {
    return this.main.slot.card !== null;
  }

  onDisconnect(listener: DisconnectListener): () => void {
    return this.hotplug.onDisconnect(listener);
  }

  onConnect(listener: DisconnectListener): () => void {
    return this.hotplug.onConnect(listener);
  }

  inject(fault: Fault): void {
    this.faults.inject(fault);
  }

  clearFaults(): void {
    this.faults.clear();
    this.state.halted.clear();
  }

  get stats(): ReaderStats {
    return Object.freeze({ ...this.counters, simulatedMs: this.clock.simulatedMs });
  }

  resetStats(): void {
    for (const k of Object.keys(this.counters) as (keyof Counters)[]) this.counters[k] = 0;
    this.clock.simulatedMs = 0;
  }

  // ---- inside -----------------------------------------------------------------------

  private stall(endpoint: 'bulk-in' | 'bulk-out'): void {
    const n = endpoint === 'bulk-in' ? this.main.endpoints.bulkIn : this.main.endpoints.bulkOut;
    if (n === undefined) return;
    this.state.halted.add(`${endpoint === 'bulk-in' ? 'in' : 'out'}:${n}`);
    if (endpoint === 'bulk-in') this.main.bulkIn?.stallPending();
  }

  private functionOf(endpointNumber: number, direction: USBDirection): CcidFunction {
    const f = this.functions.find((fn) => {
      const e = fn.endpoints;
      return direction === 'out' ? e.bulkOut === endpointNumber : e.bulkIn === endpointNumber || e.interrupt === endpointNumber;
    });
    if (f === undefined || !this.state.claimed.has(f.iface.interfaceNumber))
      throw usbError('NotFoundError', USB_MESSAGES.NO_ENDPOINT);
    return f;
  }

  private failPending(name: 'AbortError' | 'NotFoundError', message: string): void {
    for (const f of this.functions) f.fail(usbError(name, message));
  }

  private powerCycleFunctions(): void {
    for (const f of this.functions) {
      f.flush();
      f.slot.powerDown();
    }
  }
}

