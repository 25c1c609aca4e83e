/**
 * createVirtualRcs380: a WebUSB `USBDevice` that is a Sony RC-S380 byte for byte (issue 11
 * §2): it opens, is configured, is claimed (or held by the OS), and answers every Port-100
 * command frame with an ACK and then its response, through a chip model (chip.ts) whose
 * field powers a Type B card (picc.ts) carrying a VirtualCardLike. A host ACK cancels the
 * command in flight. Control members (insertCard, unplug, inject, stats) sit beside.
 */
import { COMM_STATUS, type TypeBBitRate } from '../../spec/index';
import type { VirtualCardLike } from '../reader/index';
import { Hotplug, InPipe, USB_MESSAGES, UsbDeviceState, noIsochronous, toBytes, usbError } from '../usb/index';
import { VirtualChip } from './chip';
import { rcs380Configuration, rcs380Descriptor, RCS380_ENDPOINTS } from './descriptors';
import { Port100Clock, Port100Faults } from './faults';
import { DEVICE_ACK, parseHostFrame, responseFrame } from './frames';
import { TypeBPicc } from './picc';
import type { Port100Fault, Port100Stats, Port100TimingModel, Rcs380Listener, VirtualRcs380, VirtualRcs380Options } from './types';

const INSTANT: Port100TimingModel = Object.freeze({ usbLatencyMs: 0, cardMsPerApdu: 0, signMs: 0, clock: 'virtual' });
const CANCELLED = USB_MESSAGES.CANCELLED;
const isOurInterface = (n: number): boolean => n === RCS380_ENDPOINTS.interfaceNumber;
const SIGN_INS = 0x2a;

type Counters = { -readonly [K in keyof Port100Stats]: Port100Stats[K] };

export function createVirtualRcs380(options: VirtualRcs380Options = {}): VirtualRcs380 {
  return new VirtualRcs380Device(options);
}

const defaultRandom = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

class VirtualRcs380Device implements VirtualRcs380 {
  readonly usbVersionMajor = 2;
  readonly usbVersionMinor = 0;
  readonly usbVersionSubminor = 0;
  readonly deviceClass = 0xff;
  readonly deviceSubclass = 0;
  readonly deviceProtocol = 0;
  readonly vendorId = 0x054c;
  readonly productId: number;
  readonly deviceVersionMajor = 1;
  readonly deviceVersionMinor = 1;
  readonly deviceVersionSubminor = 1;
  readonly manufacturerName = 'SONY';
  readonly productName = 'RC-S380';
  readonly serialNumber: string | null;
  readonly configurations: USBConfiguration[] = [rcs380Configuration()];

  private readonly state = new UsbDeviceState();
  private readonly pipe = new InPipe(RCS380_ENDPOINTS.bulkIn, RCS380_ENDPOINTS.packetSize, true);
  private picc: TypeBPicc | null = null;
  private readonly chip: VirtualChip;
  private readonly faults = new Port100Faults((endpoint) => this.stall(endpoint));
  private readonly clock: Port100Clock;
  private readonly counters: Counters = { transfersOut: 0, transfersIn: 0, controlTransfers: 0, bytesOut: 0, bytesIn: 0, framesOut: 0, framesIn: 0, rfFrames: 0, apdus: 0, apduBytes: 0, simulatedMs: 0 };
  /** Moves on every cancel, reset and unplug: a response of an older generation is never sent. */
  private generation = 0;
  private work: Promise<void> = Promise.resolve();
  private pullAfterAnswer = false;
  private readonly hotplug = new Hotplug<USBDevice>();

  constructor(private readonly options: VirtualRcs380Options) {
    this.productId = options.productId ?? 0x06c1;
    this.serialNumber = options.serialNumber === undefined ? 'VIRTUAL-RCS380-0001' : options.serialNumber;
    this.clock = new Port100Clock({ ...INSTANT, ...options.timing }, options.timing !== undefined);
    this.chip = new VirtualChip({ picc: () => this.picc, air: (frame, ms, answer, rate) => this.air(frame, ms, answer, rate) });
    if (options.card) this.insertCard(options.card);
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
    this.pipe.fail(usbError('AbortError', CANCELLED));
    this.state.claimed.clear();
    this.state.opened = false;
  }

  async forget(): Promise<void> {
    if (this.state.opened) await this.close();
  }

  async selectConfiguration(value: number): Promise<void> {
    this.state.requireOpen();
    if (value !== 1) throw usbError('NotFoundError', USB_MESSAGES.NO_CONFIGURATION);
    // A real SET_CONFIGURATION resets the RC-S380 (felica-rs): its chip forgets everything.
    this.chip.reset();
    this.state.configured = true;
  }

  async claimInterface(n: number): Promise<void> {
    this.state.requireOpen();
    this.state.requireInterface(n, isOurInterface);
    // Linux with port100 bound, Windows without WinUSB: Chrome's claim fails (facts §5; on Windows UNCONFIRMED whether open() fails first).
    if (this.faults.heldByOs) throw usbError('NetworkError', USB_MESSAGES.UNABLE_TO_CLAIM);
    this.state.claimed.add(n);
  }

  async releaseInterface(n: number): Promise<void> {
    this.state.requireOpen();
    this.state.requireInterface(n, isOurInterface);
    this.pipe.fail(usbError('AbortError', CANCELLED));
    this.state.claimed.delete(n);
  }

  async selectAlternateInterface(n: number, alternate: number): Promise<void> {
    this.state.requireClaimed(n, isOurInterface);
    if (alternate !== 0) throw usbError('NotFoundError', USB_MESSAGES.NO_ALTERNATE);
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    this.state.requireOpen();
    this.counters.controlTransfers++;
    await this.clock.usb();
    const bytes = setup.requestType === 'standard' && setup.request === 0x06 ? rcs380Descriptor(setup.value, this.productId) : undefined;
    if (bytes === undefined) return { status: 'stall' };
    return { status: 'ok', data: new DataView(bytes.slice(0, Math.max(0, length)).buffer) };
  }

  async controlTransferOut(): Promise<USBOutTransferResult> {
    this.state.requireOpen();
    this.counters.controlTransfers++;
    return { status: 'stall', bytesWritten: 0 };
  }

  async clearHalt(direction: USBDirection): Promise<void> {
    this.state.requireOpen();
    this.state.halted.delete(direction);
  }

  async transferOut(endpointNumber: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.requireEndpoint(endpointNumber, RCS380_ENDPOINTS.bulkOut);
    if (this.state.halted.has('out')) return { status: 'stall', bytesWritten: 0 };
    const bytes = toBytes(data);
    this.counters.transfersOut++;
    this.counters.bytesOut += bytes.length;
    await this.clock.usb();
    this.receive(bytes);
    return { status: 'ok', bytesWritten: bytes.length };
  }

  async transferIn(endpointNumber: number, length: number): Promise<USBInTransferResult> {
    this.requireEndpoint(endpointNumber, RCS380_ENDPOINTS.bulkIn);
    if (this.state.halted.has('in')) return { status: 'stall' };
    const result = await this.pipe.read(length);
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

  async reset(): Promise<void> {
    this.state.requireOpen();
    this.pipe.fail(usbError('AbortError', CANCELLED));
    this.powerCycle();
  }

  // ---- control surface ------------------------------------------------------------

  insertCard(card: VirtualCardLike): void {
    this.picc = new TypeBPicc(card, {
      fwi: this.options.fwi ?? 10,
      wtxOnSign: this.options.wtxOnSign ?? true,
      random: this.options.random ?? defaultRandom,
      bitRates: this.options.bitRates ?? [106, 212, 424],
      onChainStart: () => {
        if (this.faults.removeMidChain) this.pullAfterAnswer = true;
      },
      onApdu: (command, response) => this.chargeApdu(command, response),
    });
    this.picc.wtxStorm = this.faults.wtxStorm;
    this.chip.cardArrived();
  }

  removeCard(): void {
    if (this.picc && this.chip.fieldOn) this.picc.powerDown();
    this.picc = null;
  }

  unplug(): void {
    if (!this.state.plugged) return;
    this.state.unplug();
    this.state.configured = true;
    this.pipe.fail(usbError('NotFoundError', USB_MESSAGES.DISCONNECTED));
    this.powerCycle();
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
    return this.picc !== null;
  }

  get fieldOn(): boolean {
    return this.chip.fieldOn;
  }

  onDisconnect(listener: Rcs380Listener): () => void {
    return this.hotplug.onDisconnect(listener);
  }

  onConnect(listener: Rcs380Listener): () => void {
    return this.hotplug.onConnect(listener);
  }

  inject(fault: Port100Fault): void {
    this.faults.inject(fault);
    if (this.picc) this.picc.wtxStorm = this.faults.wtxStorm;
  }

  clearFaults(): void {
    this.faults.clear();
    this.state.halted.clear();
    if (this.picc) this.picc.wtxStorm = undefined;
  }

  get stats(): Port100Stats {
    return Object.freeze({ ...this.counters, simulatedMs: this.clock.simulatedMs });
  }

  resetStats(): void {
    for (const k of Object.keys(this.counters) as (keyof Counters)[]) this.counters[k] = 0;
    this.clock.simulatedMs = 0;
  }

  // ---- inside -----------------------------------------------------------------------

  /** One bulk-OUT transfer: a host ACK cancels; a command is ACKed at once and answered after the chip ran it. */
  private receive(bytes: Uint8Array): void {
    const frame = parseHostFrame(bytes);
    this.counters.framesIn++;
    if (frame.kind === 'ack') {
      this.generation++;
      return;
    }
    // A frame that fails its checksums is dropped unanswered (what the chip really does is UNCONFIRMED).
    if (frame.kind === 'garbled') return;
    this.push(DEVICE_ACK);
    if (this.faults.silent) return;
    const generation = this.generation;
    this.work = this.work.then(async () => {
      const response = await this.chip.run(frame.data);
      if (generation === this.generation && this.state.plugged) this.push(responseFrame(response));
    }).catch(() => undefined);
  }

  private push(frame: Uint8Array): void {
    this.counters.framesOut++;
    this.pipe.push(frame);
  }

  /** One InCommRF on the air: air time, the card's answer, then the faults armed on it. */
  private async air(frame: Uint8Array, timeoutMs: number, answer: () => Promise<Uint8Array | undefined>, rate: TypeBBitRate): Promise<{ status: number; data?: Uint8Array }> {
    this.counters.rfFrames++;
    await this.clock.air(frame.length, false, rate);
    if (this.faults.dropField) {
      this.faults.dropField = false;
      this.chip.setField(false);
      this.chip.setField(true);
      return { status: COMM_STATUS.RECEIVE_TIMEOUT };
    }
    const data = await answer();
    if (this.pullAfterAnswer) {
      this.pullAfterAnswer = false;
      this.faults.removeMidChain = false;
      this.removeCard();
    }
    if (data === undefined || (this.faults.silentAbove106 && rate !== 106)) {
      await this.clock.charge(timeoutMs);
      return { status: COMM_STATUS.RECEIVE_TIMEOUT };
    }
    await this.clock.air(data.length, true, rate);
    const damage = this.faults.damage();
    return damage === 0 ? { status: 0, data } : { status: damage };
  }

  private async chargeApdu(command: Uint8Array, response: Uint8Array): Promise<void> {
    this.counters.apdus++;
    this.counters.apduBytes += command.length + response.length;
    const model = this.clock.model;
    await this.clock.charge(model.cardMsPerApdu + (command[1] === SIGN_INS ? model.signMs : 0));
  }

  private powerCycle(): void {
    this.generation++;
    this.pipe.clear();
    this.state.halted.clear();
    this.chip.reset();
  }

  private stall(endpoint: 'bulk-in' | 'bulk-out'): void {
    this.state.halted.add(endpoint === 'bulk-in' ? 'in' : 'out');
    if (endpoint === 'bulk-in') this.pipe.stallPending();
  }

  private requireEndpoint(endpointNumber: number, expected: number): void {
    this.state.requireOpen();
    if (endpointNumber !== expected || !this.state.claimed.has(RCS380_ENDPOINTS.interfaceNumber)) {
      throw usbError('NotFoundError', USB_MESSAGES.NO_ENDPOINT);
    }
  }
}
