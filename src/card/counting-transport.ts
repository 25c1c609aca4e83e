/**
 * Counts what crosses an ApduTransport: commands, bytes sent, bytes received. The JPKI
 * client wraps its transport in one so every operation's APDU cost is measurable
 * (issue 3: "count APDUs"); tests and benchmarks read the same numbers.
 */
import type { ApduTransport } from './transport';

export interface ApduCounts {
  readonly commands: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

export class CountingTransport implements ApduTransport {
  private commandCount = 0;
  private sent = 0;
  private received = 0;

  constructor(private readonly inner: ApduTransport) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.commandCount++;
    this.sent += command.length;
    const response = await this.inner.transmit(command);
    this.received += response.length;
    return response;
  }

  counts(): ApduCounts {
    return { commands: this.commandCount, bytesSent: this.sent, bytesReceived: this.received };
  }

  reset(): void {
    this.commandCount = 0;
    this.sent = 0;
    this.received = 0;
  }
}
