/**
 * Every wait has a deadline and the caller says what expiry means (STYLE §11). The
 * work gets an AbortSignal; on expiry `onExpiry` runs (e.g. closing the reader so a hung
 * WebUSB transfer rejects, facts A2: transfers have no timeout of their own) and the
 * caller receives the error it returns.
 */
import type { BridgeError } from '../../rules/error';

export async function withDeadline<T>(
  ms: number,
  onExpiry: () => BridgeError,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = onExpiry();
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}
