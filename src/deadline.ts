/**
 * Every wait has a deadline and the caller says what expiry means (STYLE §11). This is
 * the one helper for it, shared by every layer (it imports nothing). The work may take
 * the AbortSignal, which aborts with the caller's error on expiry; `onExpiry` is where a
 * caller ends what cannot be aborted — e.g. closing the reader, the only way to end a hung
 * WebUSB transfer (facts A2: transfers have no timeout of their own). The timer is always
 * cleared, so a settled wait leaves nothing behind.
 */
export async function withDeadline<T>(
  ms: number,
  onExpiry: () => Error,
  work: Promise<T> | ((signal: AbortSignal) => Promise<T>),
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
    const pending = typeof work === 'function' ? work(controller.signal) : work;
    return await Promise.race([pending, expired]);
  } finally {
    clearTimeout(timer);
  }
}
