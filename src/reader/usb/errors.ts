/**
 * The generic WebUSB transport's error vocabulary (STYLE §8, §9): what can go wrong
 * moving bytes over a claimed interface, whatever protocol rides on it. The drivers
 * above (CCID, Port-100) re-export these and map them with the rest of their own
 * vocabulary onto ../errors.ts at their upper seam. The codes predate this folder
 * (they were the CCID driver's) and stay as they are.
 */
import { BridgeError } from '../../error';

/** A transfer did not complete within its deadline (WebUSB has none of its own, facts A2). */
export class UsbTimeoutError extends BridgeError {
  readonly code = 'reader-timeout' as const;
  override readonly name = 'UsbTimeoutError' as const;
}

/** The device was unplugged or closed under us. */
export class UsbDisconnectedError extends BridgeError {
  readonly code = 'reader-disconnected' as const;
  override readonly name = 'UsbDisconnectedError' as const;
}

/** An endpoint answered STALL; the transport cleared the halt, the operation failed. */
export class UsbStallError extends BridgeError {
  readonly code = 'reader-stall' as const;
  override readonly name = 'UsbStallError' as const;
}

/** A transfer failed for another reason (babble, short write, a transfer error reported by the OS). */
export class UsbTransferError extends BridgeError {
  readonly code = 'reader-transfer-failed' as const;
  override readonly name = 'UsbTransferError' as const;
}

export const USB_ERRORS = {
  'reader-timeout': UsbTimeoutError,
  'reader-disconnected': UsbDisconnectedError,
  'reader-stall': UsbStallError,
  'reader-transfer-failed': UsbTransferError,
} as const;

export type UsbErrorCode = keyof typeof USB_ERRORS;
export type UsbError = InstanceType<(typeof USB_ERRORS)[UsbErrorCode]>;

type CodesMatch = { [K in UsbErrorCode]: InstanceType<(typeof USB_ERRORS)[K]>['code'] extends K ? true : never };
const codesMatch: CodesMatch = Object.fromEntries(Object.keys(USB_ERRORS).map((k) => [k, true])) as CodesMatch;
void codesMatch;
