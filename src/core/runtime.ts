/**
 * Process policy for the processes that analyse (the CLI and the language server; not a library
 * user's): parsing allocates far more than it keeps (plane keeps 35 MB of 200 MB allocated), and V8's
 * default lets the old generation grow up to 4× what survived its last full collection, so peak memory
 * is mostly garbage. Capping the growth at 1.5× costs a few percent of time (more, shorter collections).
 *
 * TurboFan is kept off functions of more than 32 KB of bytecode. typescript-estree's `convertNode` (one
 * switch over every node kind, ≈ 40 KB of bytecode) is otherwise optimised on a background thread, twice
 * (after a deoptimisation): 4 s of CPU on plane, and the compiler's zone memory stays in that thread's
 * malloc arena (glibc keeps freed arena memory resident), ≈ 30 MB per worker thread. Without it plane's
 * cold CLI peaks at ≈ 300 MB instead of 330–380 MB (outline ≈ 345 MB instead of 430–460 MB), at no cost in
 * CPU time (the baseline code of a dispatch switch is nearly as fast).
 */
import { setFlagsFromString } from 'node:v8';

export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
  setFlagsFromString('--max-optimized-bytecode-size=32768');
}
