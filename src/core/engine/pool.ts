/** Bounded concurrency for I/O: at most `limit` calls of `fn` in flight; results keep the input's order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Let pending events run (a cancellation, an editor's message): file reads are synchronous under the
 * async interface and parsing is synchronous, so long loops call this every few hundred files.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** How long a pass may run synchronously before it lets the event loop in. */
export const SLICE_MS = 20;

/**
 * A pause function for one run: it yields (then calls `after`, the cancellation check) once `sliceMs`
 * of synchronous work have passed since the last yield, and is a resolved promise otherwise.
 */
export function timeSlicer(after: () => void, sliceMs = SLICE_MS, now: () => number = () => performance.now()): () => Promise<void> {
  let since = now();
  const resolved = Promise.resolve();
  // Concurrent workers (file loads run a few at a time) share one yield: each awaiting its own would put
  // one immediate per worker in the same event-loop turn, and each would then run a whole slice (16
  // workers: 16 slices, 320 ms, with the loop blocked).
  let pending: Promise<void> | null = null;
  return () => {
    if (pending) return pending;
    if (now() - since < sliceMs) return resolved;
    pending = yieldToEventLoop().then(() => {
      pending = null;
      since = now();
      after();
    });
    return pending;
  };
}
