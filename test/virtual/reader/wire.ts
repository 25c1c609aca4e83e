/**
 * Test-side byte builders (STYLE §18): CCID headers and T=1 blocks computed here, never
 * by the code under test, and a tiny host that sends one frame and reads one reply.
 */
import { fromHex, hex } from '../../../src/bytes';
import { createVirtualReader } from '../../../src/virtual/reader';
import type { VirtualCardLike, VirtualReader, VirtualReaderOptions } from '../../../src/virtual/reader';

/** A PC_to_RDR (or RDR_to_PC) frame: type, dwLength LE, slot, seq, three specific bytes, data. */
export function frame(type: number, seq: number, specific: readonly number[] = [0, 0, 0], data = '', slot = 0): Uint8Array<ArrayBuffer> {
  const body = fromHex(data);
  const n = body.length;
  return Uint8Array.from([type, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24, slot, seq, ...specific, ...body]);
}

/** A T=1 block with LRC: NAD 00, PCB, LEN, INF, XOR of all. */
export function block(pcb: number, inf = ''): Uint8Array<ArrayBuffer> {
  const data = fromHex(inf);
  const head = [0, pcb, data.length, ...data];
  return Uint8Array.from([...head, head.reduce((x, b) => x ^ b, 0)]);
}

/** A card that answers every APDU with its own bytes followed by 90 00, and the My Number Card's ATR. */
export function echoCard(atr = '3B C5 FF 81 31 FB 45 80 73 C6 01 00 00'): VirtualCardLike & { seen: Uint8Array[] } {
  const seen: Uint8Array[] = [];
  return {
    seen,
    powerOn: () => fromHex(atr),
    powerOff: () => undefined,
    transmit: (apdu) => {
      seen.push(apdu);
      return Uint8Array.from([...apdu, 0x90, 0x00]);
    },
  };
}

export interface Host {
  readonly device: VirtualReader;
  /** Sends one frame on bulk-OUT and returns the next bulk-IN transfer (read with 1024 bytes) as spaced hex. */
  send(bytes: Uint8Array<ArrayBuffer>): Promise<string>;
  read(length?: number): Promise<USBInTransferResult>;
}

/** An opened, claimed virtual reader (unrestricted, so class 0x0B profiles work too). */
export async function openHost(options: VirtualReaderOptions = {}): Promise<Host> {
  const device = createVirtualReader({ browser: 'unrestricted', ...options });
  await device.open();
  await device.selectConfiguration(1);
  const iface = device.configuration!.interfaces[0]!;
  await device.claimInterface(iface.interfaceNumber);
  const eps = iface.alternates[0]!.endpoints;
  const out = eps.find((e) => e.type === 'bulk' && e.direction === 'out')!.endpointNumber;
  const inn = eps.find((e) => e.type === 'bulk' && e.direction === 'in')!.endpointNumber;
  const read = (length = 1024): Promise<USBInTransferResult> => device.transferIn(inn, length);
  return {
    device,
    read,
    async send(bytes) {
      await device.transferOut(out, bytes);
      const r = await read();
      return hex(new Uint8Array(r.data!.buffer, r.data!.byteOffset, r.data!.byteLength));
    },
  };
}

export function bytesOf(r: USBInTransferResult): Uint8Array {
  return new Uint8Array(r.data!.buffer, r.data!.byteOffset, r.data!.byteLength);
}

export { createVirtualReader };
