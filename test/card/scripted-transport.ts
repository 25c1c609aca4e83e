/**
 * A byte-exact card script for tests (STYLE §18): each step is the exact command we
 * must send and the card's reply, both written as spaced hex by the test itself — never
 * built by the encoder under test. A command off the script fails the test at once.
 */
import { expect } from 'vitest';
import { fromHex, hex } from '../../src/bytes';
import type { ApduTransport } from '../../src/card/transport';

export type Step = readonly [command: string, response: string];

export class ScriptedTransport implements ApduTransport {
  private at = 0;
  readonly sent: string[] = [];

  constructor(private readonly steps: readonly Step[]) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const got = hex(command);
    this.sent.push(got);
    const step = this.steps[this.at];
    if (step === undefined) throw new Error(`command after the script ended: ${got}`);
    expect(got, `command ${this.at + 1}`).toBe(hex(fromHex(step[0])));
    this.at++;
    return fromHex(step[1]);
  }

  /** Every scripted command was sent. */
  expectDone(): void {
    expect(this.at, `sent ${this.at} of ${this.steps.length} scripted commands`).toBe(this.steps.length);
  }
}

/** `n` bytes of `byte` as spaced hex. */
export function repeatHex(byte: string, n: number): string {
  return Array.from({ length: n }, () => byte).join(' ');
}
