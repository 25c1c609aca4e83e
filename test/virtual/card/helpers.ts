/** Test helpers for the virtual card: hex in, hex out, so scripts read like card logs. */
import { fromHex, hex } from '../../../src/bytes';
import type { VirtualJpkiCard } from '../../../src/virtual/index';

export const SELECT_JPKI = '00 A4 04 0C 0A D3 92 F0 00 26 01 00 00 00 01';

/** `00 A4 02 0C 02 <fid>` for a 4-hex-digit FID such as '000A'. */
export function selectEf(fid: string): string {
  return `00 A4 02 0C 02 ${fid.slice(0, 2)} ${fid.slice(2)}`;
}

/** ASCII as spaced hex, for VERIFY data. */
export function ascii(text: string): string {
  return hex(new TextEncoder().encode(text));
}

export function verifyCommand(pin: string): string {
  return `00 20 00 80 ${(pin.length).toString(16).padStart(2, '0').toUpperCase()} ${ascii(pin)}`;
}

/** Sends one command and answers the whole response as spaced upper-case hex. */
export async function tx(card: VirtualJpkiCard, command: string): Promise<string> {
  return hex(await card.transmit(fromHex(command)));
}

/** Sends commands in order and returns only each answer's status word. */
export async function sws(card: VirtualJpkiCard, ...commands: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const c of commands) out.push((await tx(card, c)).slice(-5));
  return out;
}

export async function txBytes(card: VirtualJpkiCard, command: string): Promise<Uint8Array> {
  return card.transmit(fromHex(command));
}
