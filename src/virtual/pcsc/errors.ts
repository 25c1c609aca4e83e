/**
 * The vpcd bridge's small error vocabulary (STYLE §8, §9). None of these reaches a page:
 * they are logged by the bridge and shown by `npm run virtual-card:pcsc`.
 */
import { BridgeError } from '../../error';

/** A frame that cannot be encoded, or a payload from vpcd that means nothing. */
export class VpcdFrameError extends BridgeError {
  readonly code = 'vpcd-frame' as const;
  override readonly name = 'VpcdFrameError' as const;
}

/** The card (or the peer) did not answer within its deadline. */
export class VpcdTimeoutError extends BridgeError {
  readonly code = 'vpcd-timeout' as const;
  override readonly name = 'VpcdTimeoutError' as const;
}

export const VPCD_ERRORS = {
  'vpcd-frame': VpcdFrameError,
  'vpcd-timeout': VpcdTimeoutError,
} as const;

export type VpcdErrorCode = keyof typeof VPCD_ERRORS;
