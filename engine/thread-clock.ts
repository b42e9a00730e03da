/**
 * The calling thread's own clock: nanoseconds it ran on a CPU, nanoseconds it waited on the
 * run queue (runnable while other threads had the cores) and its timeslices, from the kernel's
 * per-thread scheduler statistics (`/proc/thread-self/schedstat`, Linux). Unlike wall time,
 * these survive a shared machine: a thread's CPU time is its work whatever else runs, and its
 * run-queue wait is exactly the time contention cost it. The pool's profile
 * (engine/pool-profile.ts) is built from them.
 *
 * The file is opened once per thread (a worker thread reads its own: /proc/thread-self resolves
 * to the thread that opens it) and re-read with a positioned read, a few microseconds each.
 * Where the file does not exist (not Linux) the clock reads null and profiles fall back to wall time.
 */
import { closeSync, openSync, readSync } from "node:fs";

export interface ThreadClock {
  /** Nanoseconds on a CPU. */
  readonly cpuNs: number;
  /** Nanoseconds runnable but waiting for a CPU. */
  readonly waitNs: number;
  readonly slices: number;
}

let fd: number | null | undefined;
const buf = Buffer.alloc(96);

/** This thread's scheduler clock now, or null where the kernel does not provide one. */
export function threadClock(): ThreadClock | null {
  if (fd === undefined) {
    try {
      fd = openSync("/proc/thread-self/schedstat", "r");
    } catch {
      fd = null;
    }
  }
  if (fd === null) return null;
  const n = readSync(fd, buf, 0, buf.length, 0);
  const [cpu, wait, slices] = buf.toString("latin1", 0, n).trim().split(" ");
  return { cpuNs: Number(cpu), waitNs: Number(wait), slices: Number(slices) };
}

/** The clock's advance since `from` (milliseconds), or null without a clock. */
export function clockSince(from: ThreadClock | null): { cpuMs: number; waitMs: number } | null {
  const now = threadClock();
  if (!from || !now) return null;
  return { cpuMs: (now.cpuNs - from.cpuNs) / 1e6, waitMs: (now.waitNs - from.waitNs) / 1e6 };
}

/** Milliseconds since the epoch, comparable between the threads of a process (sub-millisecond). */
export const epochMs = (): number => performance.timeOrigin + performance.now();

/** Closes this thread's file (tests; a thread's file closes with the thread anyway). */
export function closeThreadClock(): void {
  if (typeof fd === "number") closeSync(fd);
  fd = undefined;
}
