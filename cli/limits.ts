/**
 * The run limits of `gl prove` and `gl discover`: `--timeout` and `--max-memory`, checked by
 * the engine between bursts and phases (and while the ground model is posed), so a run that
 * hits one stops cleanly with what it proved so far; plus the documented maxima of the flags
 * whose cost grows fast (`--model-size`, `--max-witness-depth`).
 */
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import type { LimitStop } from "../engine/run.js";
import { UsageError } from "./failure.js";

/** Largest `--model-size`: the candidates are tried on size^leaves assignments each. */
export const MAX_MODEL_SIZE = 12;
/**
 * Largest `--model-max-value`: every model theorem has one successor premise per numeral up to
 * the largest value posed, so its statement (and model.json) grows with it.
 */
export const MAX_MODEL_VALUE = 1000;
/** Largest `--max-witness-depth`: each level multiplies the witnesses a burst may create. */
export const MAX_WITNESS_DEPTH = 8;
/** The default `--max-memory`: this fraction of the machine's memory. */
export const DEFAULT_MEMORY_FRACTION = 0.75;
/** Stop before the JavaScript heap passes this fraction of its own limit (V8 aborts there). */
const HEAP_FRACTION = 0.85;

export interface Limits {
  /** Seconds; null for none. */
  readonly timeoutS: number | null;
  /** Bytes of resident memory. */
  readonly maxMemory: number;
}

const MIB = 1024 * 1024;

export const defaultMaxMemory = (): number => Math.floor(totalmem() * DEFAULT_MEMORY_FRACTION);

/** `90`, `90s`, `5m`, `1h` → seconds. */
export function parseDuration(v: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)?$/i.exec(v.trim());
  const n = m
    ? Number(m[1]) * ({ s: 1, m: 60, h: 3600 }[(m[2] ?? "s").toLowerCase() as "s"] ?? 1)
    : Number.NaN;
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} must be a positive duration such as 90, 90s, 5m or 1h, got '${v}'`);
  return n;
}

/** `512`, `512M`, `2G`, `2GB` → bytes (a bare number is MiB). */
export function parseMemory(v: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt])?i?b?$/i.exec(v.trim());
  const unit = { k: 1024, m: MIB, g: 1024 * MIB, t: 1024 * 1024 * MIB }[(m?.[2] ?? "m").toLowerCase() as "m"];
  const n = m ? Number(m[1]) * (unit ?? MIB) : Number.NaN;
  if (!Number.isFinite(n) || n < 64 * MIB)
    throw new UsageError(`${flag} must be a size of at least 64M, such as 512M or 4G, got '${v}'`);
  return Math.floor(n);
}

export function parseLimits(o: { timeout?: string | undefined; maxMemory?: string | undefined }): Limits {
  return {
    timeoutS: o.timeout === undefined ? null : parseDuration(o.timeout, "--timeout"),
    maxMemory: o.maxMemory === undefined ? defaultMaxMemory() : parseMemory(o.maxMemory, "--max-memory"),
  };
}

/** A whole number in [min, max]; past the maximum a usage error that names it. */
export function parseBounded(v: string, flag: string, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${flag} must be an integer of at least ${min}, got '${v}'`);
  if (n > max) throw new UsageError(`${flag} is at most ${max} (the run grows too fast past it), got '${v}'`);
  return n;
}

/** The check the engine calls between bursts: a stop reason once a limit is passed, else null. */
export function limitCheck(limits: Limits, start = performance.now()): () => LimitStop | null {
  const heapLimit = getHeapStatistics().heap_size_limit * HEAP_FRACTION;
  let hit: LimitStop | null = null;
  return () => {
    if (hit !== null) return hit;
    if (limits.timeoutS !== null && performance.now() - start > limits.timeoutS * 1000) hit = "timeout";
    else if (process.memoryUsage.rss() > limits.maxMemory) hit = "max-memory";
    else if (process.memoryUsage().heapUsed > heapLimit) hit = "max-memory";
    return hit;
  };
}

/** One line saying why a run stopped early, for the summary. */
export function limitMessage(reason: LimitStop, limits: Limits): string {
  return reason === "timeout"
    ? `stopped: --timeout of ${limits.timeoutS} s reached; what was proved so far is reported and written`
    : `stopped: memory passed --max-memory (${Math.round(limits.maxMemory / MIB)} MiB) or the JavaScript heap limit; what was proved so far is reported and written`;
}
