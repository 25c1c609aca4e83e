/**
 * The vsmartcard vpcd wire format, written once (webusb-ccid.md part C; vsmartcard
 * `vpcd.c` sendToVICC/recvFromVICC): every message in either direction is a 2-byte
 * big-endian length followed by that many payload bytes. A 1-byte payload from vpcd is a
 * control code; anything longer is a command APDU whose answer is the response APDU.
 *
 * Who listens: Debian's /etc/reader.conf.d/vpcd says `DEVICENAME /dev/null:0x8C7B`, and
 * a host of `/dev/null` puts vpcd (inside pcscd) in server mode on 0.0.0.0:35963 (slot 0;
 * 35964 is slot 1). The virtual card is the TCP client. Pure code: no Node modules.
 */
import { VpcdFrameError } from './errors';

export const VPCD_CONTROL = Object.freeze({
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  GET_ATR: 0x04,
});

/** Port of vpcd slot 0 in Debian's reader.conf (0x8C7B); slot n listens on 35963 + n. */
export const VPCD_DEFAULT_PORT = 35963;
const VPCD_LENGTH_BYTES = 2;
/** The length field is 16 bits, so no payload can be longer (vpcd.c refuses > 0xFFFF too). */
export const VPCD_MAX_PAYLOAD = 0xffff;

export function encodeFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > VPCD_MAX_PAYLOAD) throw new VpcdFrameError(`payload of ${payload.length} bytes does not fit a 16-bit length`, { length: payload.length });
  const out = new Uint8Array(VPCD_LENGTH_BYTES + payload.length);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, VPCD_LENGTH_BYTES);
  return out;
}

/**
 * Reassembles frames from TCP chunks, which may split or join frames anywhere. Every
 * 16-bit length is legal, so the decoder itself never fails; the session decides what a
 * payload means. Each byte is copied once (a peer dribbling a 64 KiB frame byte by byte
 * costs linear time), and `pending` tells the client that a frame has started but not
 * finished, so it can put a deadline on the rest.
 */
export class FrameDecoder {
  private readonly header = new Uint8Array(VPCD_LENGTH_BYTES);
  private headerFill = 0;
  private body: Uint8Array | undefined;
  private bodyFill = 0;

  push(chunk: Uint8Array): Uint8Array[] {
    const frames: Uint8Array[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.body === undefined) {
        this.header[this.headerFill++] = chunk[at++]!;
        if (this.headerFill < VPCD_LENGTH_BYTES) continue;
        this.headerFill = 0;
        this.body = new Uint8Array((this.header[0]! << 8) | this.header[1]!);
        this.bodyFill = 0;
      } else {
        const n = Math.min(this.body.length - this.bodyFill, chunk.length - at);
        this.body.set(chunk.subarray(at, at + n), this.bodyFill);
        this.bodyFill += n;
        at += n;
      }
      if (this.body !== undefined && this.bodyFill === this.body.length) {
        frames.push(this.body);
        this.body = undefined;
      }
    }
    return frames;
  }

  /** Bytes of an unfinished frame held back, 0 when the stream is at a frame boundary. */
  get pending(): number {
    return this.body === undefined ? this.headerFill : VPCD_LENGTH_BYTES + this.bodyFill;
  }

  reset(): void {
    this.headerFill = 0;
    this.body = undefined;
    this.bodyFill = 0;
  }
}
