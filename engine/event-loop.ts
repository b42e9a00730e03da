/**
 * Turns of the event loop inside long synchronous work. Signal handlers (SIGINT, SIGTERM),
 * timers (the progress heartbeat) and pool messages run only between tasks of the event loop,
 * so a loop that runs blocks one after another for seconds would leave Ctrl-C unanswered until
 * it ends. Yielding between items changes nothing that the items compute.
 */

/** How long synchronous work runs before it lets the event loop turn. */
export const YIELD_EVERY_MS = 50;

/**
 * A checkpoint for a loop: returns a promise to await when this thread has run for `everyMs`
 * since the last turn of the event loop, else null (no cost beyond reading the clock).
 */
export function eventLoopTurns(everyMs = YIELD_EVERY_MS): () => Promise<void> | null {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < everyMs) return null;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        last = performance.now();
        resolve();
      }),
    );
  };
}
