/**
 * Turns of the event loop inside long synchronous work. Signal handlers (SIGINT, SIGTERM),
 * timers (the progress heartbeat) and pool messages run only between tasks of the event loop,
 * so a loop that runs blocks one after another for seconds would leave Ctrl-C unanswered until
 * it ends. Yielding between items changes nothing that the items compute.
 */

/** How long synchronous work runs before it lets the event loop turn. */
export const YIELD_EVERY_MS = 50;

/**
 * Runs `f` on the indexes from..to−1 in order, letting the event loop turn whenever this thread
 * has run for YIELD_EVERY_MS since the last turn (in between, no cost beyond reading the clock).
 */
export async function forEachWithTurns(from: number, to: number, f: (i: number) => void): Promise<void> {
  let last = performance.now();
  for (let i = from; i < to; i++) {
    f(i);
    if (performance.now() - last >= YIELD_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      last = performance.now();
    }
  }
}
