/**
 * TEST helper: a scripted fake WebUSB USBDevice. Each step names the exact bytes the
 * driver must write to bulk-OUT and what the reader answers on bulk-IN (frames,
 * zero-length packets, stalls, or nothing). A bulk-IN read returns at most the length
 * asked for and keeps the rest, as USB does. Mismatches are collected in `problems`.
 */
import { hex } from '../../../src/bytes';

export type InItem = Uint8Array | 'zlp' | 'stall';
export interface Step {
  readonly out: Uint8Array;
  readonly in?: readonly InItem[];
}

type Pending = { resolve: (r: USBInTransferResult) => void; reject: (e: unknown) => void; length: number };

export interface ScriptedDeviceOptions {
  readonly configuration: Uint8Array;
  readonly interfaceClass: number;
  readonly vendorId?: number;
  readonly productId?: number;
  readonly productName?: string;
  readonly packetSize?: number;
  readonly interrupt?: boolean;
  readonly claimError?: string;
  readonly bcdDevice?: number;
}

const BULK_OUT = 1;
const BULK_IN = 2;
const INTERRUPT_IN = 3;

export class ScriptedDevice {
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly manufacturerName = 'Test';
  readonly serialNumber = undefined;
  readonly deviceVersionMajor: number;
  readonly deviceVersionMinor: number;
  readonly deviceVersionSubminor: number;
  opened = false;
  configuration: USBConfiguration | null = null;
  readonly configurations: USBConfiguration[];
  readonly problems: string[] = [];
  readonly sent: Uint8Array[] = [];
  readonly controlOuts: USBControlTransferParameters[] = [];
  claimCount = 0;
  releaseCount = 0;
  private steps: Step[] = [];
  private bulkQueue: InItem[] = [];
  private bulkWaiters: Pending[] = [];
  private interruptQueue: Uint8Array[] = [];
  private interruptWaiters: Pending[] = [];
  private gone = false;
  private claimError: string | undefined;

  constructor(private readonly opts: ScriptedDeviceOptions) {
    this.vendorId = opts.vendorId ?? 0x04e6;
    this.productId = opts.productId ?? 0x511a;
    this.productName = opts.productName ?? 'Scripted reader';
    const bcd = opts.bcdDevice ?? 0x0203;
    this.deviceVersionMajor = bcd >> 8;
    this.deviceVersionMinor = (bcd >> 4) & 0x0f;
    this.deviceVersionSubminor = bcd & 0x0f;
    this.claimError = opts.claimError;
    const ps = opts.packetSize ?? 64;
    const ep = (endpointNumber: number, direction: USBDirection, type: USBEndpointType, packetSize: number): USBEndpoint => ({ endpointNumber, direction, type, packetSize });
    const endpoints = [ep(BULK_OUT, 'out', 'bulk', ps), ep(BULK_IN, 'in', 'bulk', ps), ...(opts.interrupt === false ? [] : [ep(INTERRUPT_IN, 'in', 'interrupt', 8)])];
    const alternate: USBAlternateInterface = { alternateSetting: 0, interfaceClass: opts.interfaceClass, interfaceSubclass: 0, interfaceProtocol: 0, interfaceName: null, endpoints };
    const iface: USBInterface = { interfaceNumber: 0, alternate, alternates: [alternate], claimed: false };
    this.configurations = [{ configurationValue: 1, configurationName: null, interfaces: [iface] }];
  }

  /** Adds steps to the script. */
  script(...steps: Step[]): this {
    this.steps.push(...steps);
    return this;
  }

  /** Bytes the reader sends without being asked (a late reply) or after a hang is lifted. */
  deliver(...items: InItem[]): void {
    this.bulkQueue.push(...items);
    this.pump();
  }

  notify(bytes: Uint8Array): void {
    this.interruptQueue.push(bytes);
    const w = this.interruptWaiters.shift();
    if (w) w.resolve(this.inResult(this.interruptQueue.shift()!));
  }

  setClaimError(name: string | undefined): void {
    this.claimError = name;
  }

  get remainingSteps(): number {
    return this.steps.length;
  }

  /** Unplug: pending transfers reject with NotFoundError as Chrome's do. */
  unplug(): void {
    this.gone = true;
    this.opened = false;
    const err = new DOMException('The device was disconnected.', 'NotFoundError');
    for (const w of [...this.bulkWaiters, ...this.interruptWaiters]) w.reject(err);
    this.bulkWaiters = [];
    this.interruptWaiters = [];
  }

  private check(): void {
    if (this.gone) throw new DOMException('The device was disconnected.', 'NotFoundError');
  }

  async open(): Promise<void> {
    this.check();
    this.opened = true;
  }
  async close(): Promise<void> {
    this.opened = false;
  }
  async selectConfiguration(value: number): Promise<void> {
    this.check();
    this.configuration = this.configurations.find((c) => c.configurationValue === value) ?? null;
  }
  async claimInterface(n: number): Promise<void> {
    this.check();
    if (this.claimError) throw new DOMException(this.claimError === 'SecurityError' ? 'The requested interface implements a protected class.' : 'Unable to claim interface.', this.claimError);
    this.claimCount++;
    void n;
  }
  async releaseInterface(n: number): Promise<void> {
    this.check();
    this.releaseCount++;
    void n;
    const err = new DOMException('The transfer was cancelled.', 'AbortError');
    for (const w of [...this.bulkWaiters, ...this.interruptWaiters]) w.reject(err);
    this.bulkWaiters = [];
    this.interruptWaiters = [];
  }
  async clearHalt(): Promise<void> {
    this.check();
  }
  async reset(): Promise<void> {
    this.check();
  }

  async controlTransferIn(setup: USBControlTransferParameters, length: number): Promise<USBInTransferResult> {
    this.check();
    if (setup.request === 0x06 && setup.value >> 8 === 0x02) {
      const bytes = this.opts.configuration.slice(0, length);
      return { status: 'ok', data: new DataView(bytes.buffer) };
    }
    return { status: 'stall' };
  }
  async controlTransferOut(setup: USBControlTransferParameters): Promise<USBOutTransferResult> {
    this.check();
    this.controlOuts.push(setup);
    return { status: 'ok', bytesWritten: 0 };
  }

  async transferOut(endpoint: number, data: BufferSource): Promise<USBOutTransferResult> {
    this.check();
    const bytes = new Uint8Array(ArrayBuffer.isView(data) ? data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) : data);
    if (endpoint !== BULK_OUT) this.problems.push(`transferOut on endpoint ${endpoint}`);
    this.sent.push(bytes);
    const step = this.steps.shift();
    if (!step) {
      this.problems.push(`unexpected frame ${hex(bytes)}`);
    } else if (hex(step.out) !== hex(bytes)) {
      this.problems.push(`expected ${hex(step.out)}\n     got ${hex(bytes)}`);
    } else if (step.in) {
      this.deliver(...step.in);
    }
    return { status: 'ok', bytesWritten: bytes.length };
  }

  transferIn(endpoint: number, length: number): Promise<USBInTransferResult> {
    this.check();
    return new Promise((resolve, reject) => {
      const w = { resolve, reject, length };
      if (endpoint === INTERRUPT_IN) {
        const next = this.interruptQueue.shift();
        if (next) resolve(this.inResult(next));
        else this.interruptWaiters.push(w);
        return;
      }
      if (endpoint !== BULK_IN) this.problems.push(`transferIn on endpoint ${endpoint}`);
      if (length % (this.opts.packetSize ?? 64) !== 0) this.problems.push(`bulk-IN read of ${length} bytes is not a multiple of wMaxPacketSize`);
      this.bulkWaiters.push(w);
      this.pump();
    });
  }

  private pump(): void {
    while (this.bulkWaiters.length && this.bulkQueue.length) {
      const w = this.bulkWaiters.shift()!;
      const item = this.bulkQueue.shift()!;
      if (item === 'stall') {
        w.resolve({ status: 'stall' });
      } else if (item === 'zlp') {
        w.resolve(this.inResult(new Uint8Array(0)));
      } else if (item.length > w.length) {
        this.bulkQueue.unshift(item.slice(w.length));
        w.resolve(this.inResult(item.slice(0, w.length)));
      } else {
        w.resolve(this.inResult(item));
      }
    }
  }

  private inResult(bytes: Uint8Array): USBInTransferResult {
    const copy = bytes.slice();
    return { status: 'ok', data: new DataView(copy.buffer) };
  }

  asUsbDevice(): USBDevice {
    return this as unknown as USBDevice;
  }
}
