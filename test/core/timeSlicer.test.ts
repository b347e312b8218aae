/**
 * The time slicer bounds the synchronous work between two event-loop turns to about one slice, also when
 * several workers share it (file loads run concurrently). Order and a fake clock, not wall time.
 */
import { describe, expect, it } from 'vitest';
import { mapPool, timeSlicer } from '../../src/core/engine/pool';

describe('timeSlicer', () => {
  it('concurrent workers share one yield: one slice of work per event-loop turn', async () => {
    let clock = 0;
    const pause = timeSlicer(() => {}, 20, () => clock);
    // A ticker marks event-loop turns; the work done (fake time) between two ticks is what blocks the loop.
    const perTurn: number[] = [];
    let mark = 0;
    let running = true;
    const tick = () => {
      perTurn.push(clock - mark);
      mark = clock;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await mapPool(Array.from({ length: 400 }, (_, i) => i), 16, async () => {
      clock += 2; // one file's synchronous work
      await pause();
    });
    running = false;
    expect(clock).toBe(800);
    expect(perTurn.length).toBeGreaterThan(10);
    // Each resumed worker finishes the item it is on (16 × 2), then one slice (20) and the item that
    // crossed it. Before workers shared the yield, each ran a whole slice in the same turn (16 × 20).
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(16 * 2 + 20 + 2);
  });

  it('a cancellation check that throws rejects every waiting worker', async () => {
    let clock = 100;
    const pause = timeSlicer(() => {
      throw new Error('cancelled');
    }, 20, () => clock);
    clock += 50;
    const waits = [pause(), pause(), pause()];
    const settled = await Promise.allSettled(waits);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});
