/**
 * The virtual card's error vocabulary (STYLE §8). These are thrown only for mistakes of
 * the code that builds or drives the virtual card — a bad profile, a command sent to an
 * unpowered card. Hostile APDUs never throw: they get a status word.
 */
import { BridgeError } from '../../error';

/** A VirtualCardProfile field is not usable (bad date, PIN, try count). */
export class VirtualCardProfileError extends BridgeError {
  readonly code = 'virtual-card-profile' as const;
  override readonly name = 'VirtualCardProfileError' as const;
}

/** transmit() on a card that is powered off: a reader must power the card on first. */
export class VirtualCardUnpoweredError extends BridgeError {
  readonly code = 'virtual-card-unpowered' as const;
  override readonly name = 'VirtualCardUnpoweredError' as const;
}

export const VIRTUAL_CARD_ERRORS = {
  'virtual-card-profile': VirtualCardProfileError,
  'virtual-card-unpowered': VirtualCardUnpoweredError,
} as const;
