/**
 * Running the prover for a command: the executor for `--workers` (in-thread for 1, a piscina
 * pool otherwise), progress on stderr for runs over a second, and the figures of a run.
 */
import { availableParallelism } from "node:os";
import { buildProofGraph } from "../engine/graph.js";
import {
  type BurstTrace,
  type FaultInjection,
  IN_PLACE_FIRST_MS,
  MIN_BLOCKS_PER_SHARD,
  type PoolStats,
  poolExecutor,
} from "../engine/pool.js";
import { Engine, type LimitStop, type ProgressEvent, type RunResult } from "../engine/run.js";
import type { EngineSettings } from "../engine/settings.js";
import { type Statement, statementOf } from "../engine/statement.js";
import { readableStatement } from "../export/readable.js";
import type { ProofGraph } from "../export/schema.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { UsageError } from "./failure.js";
import { MAX_WITNESS_DEPTH, parseBounded } from "./limits.js";

export interface ProverOptions {
  readonly workers: number;
  readonly settings: Partial<EngineSettings>;
  /** Label for progress lines, e.g. "prove". */
  readonly phase: string;
  readonly quiet?: boolean;
  /** Testing hook for the pool: make the worker running this block fail. */
  readonly fault?: FaultInjection;
  /** PoolOptions.inPlaceFirstMs (default: inPlaceFirstMsFromEnv()). */
  readonly inPlaceFirstMs?: number;
  /** Helper lemmas proved in the same run, after the conjectures (see cli/prove-lemmas.ts). */
  readonly lemmas?: readonly Conjecture[];
  /** Conjectures (by name, else MPL) to induct on pure inputs only (see cli/prove-lemmas.ts). */
  readonly pureInduction?: ReadonlySet<string>;
  /** Proved statements given as rules from the first burst (engine/discovery/lemma-step.ts). */
  readonly theorems?: readonly { readonly statement: Statement; readonly ref: string }[];
  /** PoolOptions.adaptive: `workers` is a ceiling, the threads used follow the work. */
  readonly adaptive?: boolean;
  /** PoolOptions.trace (scaling simulator). */
  readonly trace?: BurstTrace[];
  /** Limits checked between bursts (see cli/limits.ts). */
  readonly shouldStop?: () => LimitStop | null;
}

export interface ProverResult {
  readonly run: RunResult;
  readonly graph: ProofGraph;
  readonly ms: number;
  /** The pool's time accounting; null when the run stayed on this thread (one worker). */
  readonly pool: PoolStats | null;
  /** Indices into run.conjectures of the lemmas (ProverOptions.lemmas) the run kept. */
  readonly lemmaConjectures: ReadonlySet<number>;
  /** Threads that really ran blocks, the calling thread's included. */
  readonly threads: number;
}

export const defaultWorkers = (): number => availableParallelism();

/** How many of a run's conjectures each pool thread rehearses on when it starts. */
export const REHEARSAL_CONJECTURES = 6;

/** The most threads `--workers` accepts: four per core, at least 16 (more only costs memory). */
export const workerCap = (cores = availableParallelism()): number => Math.max(16, 4 * cores);

/** What `--workers` resolved to: explicit counts are used as given, the default adapts to the work. */
export interface WorkerChoice {
  readonly workers: number;
  /** The default: as many threads as cores at most, fewer when the work is small. */
  readonly adaptive: boolean;
}

/**
 * Resolves `--workers`: unset means up to one thread per core, chosen from the work when the
 * pool starts (PoolOptions.adaptive); a number above the core count is honoured with a
 * warning; above workerCap it is a usage error.
 */
export function chooseWorkers(
  value: string | undefined,
  warn: (line: string) => void,
  cores = availableParallelism(),
): WorkerChoice {
  if (value === undefined) return { workers: cores, adaptive: true };
  const n = parseCount(value, "--workers");
  const cap = workerCap(cores);
  if (n > cap)
    throw new UsageError(
      `--workers ${n} is above the limit of ${cap} (four per core, ${cores} cores here, at least 16)`,
    );
  if (n > cores)
    warn(
      `warning: --workers ${n} is more than the ${cores} cores here; the threads will share cores and run slower`,
    );
  return { workers: n, adaptive: false };
}

export function parseCount(v: string, name: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be an integer of at least ${min}, got '${v}'`);
  return n;
}

export { UsageError };

/** The engine flags `gl prove` and `gl discover` share, as settings overrides. */
export interface EngineFlags {
  maxBursts?: string;
  maxWitnessDepth?: string;
  maxFacts?: string;
  maxGoalTerms?: string;
  conjectures?: string[];
  glConfig?: string | readonly string[];
}

export type EngineOverrides = {
  maxBursts?: number;
  maxWitnessDepth?: number;
  maxFactsPerBlock?: number;
  goalTerms?: number;
};

/** Parses the shared engine flags; `--conjectures` without `--gl-config` is a usage error. */
export function parseEngineFlags(o: EngineFlags): EngineOverrides {
  if (o.conjectures !== undefined && o.glConfig === undefined)
    throw new UsageError("--conjectures reads GL conjecture files and needs --gl-config");
  const settings: EngineOverrides = {};
  if (o.maxBursts !== undefined) settings.maxBursts = parseCount(o.maxBursts, "--max-bursts");
  if (o.maxWitnessDepth !== undefined)
    settings.maxWitnessDepth = parseBounded(o.maxWitnessDepth, "--max-witness-depth", 1, MAX_WITNESS_DEPTH);
  if (o.maxFacts !== undefined) settings.maxFactsPerBlock = parseCount(o.maxFacts, "--max-facts");
  if (o.maxGoalTerms !== undefined) settings.goalTerms = parseCount(o.maxGoalTerms, "--max-goal-terms", 0);
  return settings;
}

/** When a progress line was last printed (for the heartbeat). */
let lastProgressAt = performance.now();

/** Prints one progress line on stderr. */
export function progressLine(text: string): void {
  lastProgressAt = performance.now();
  process.stderr.write(`${text}\n`);
}

/** A progress reporter that stays silent for the first second. */
export function progress(phase: string, quiet: boolean | undefined): (e: ProgressEvent) => void {
  const start = performance.now();
  return (e) => {
    if (quiet || performance.now() - start < 1000) return;
    progressLine(
      `${phase}: burst ${e.burst + 1}, ${e.activeBlocks} active blocks, ${e.facts} facts, ${e.proved}/${e.conjectures} proved`,
    );
  };
}

/**
 * A line at least every 2 s while a long phase runs: `label()` says what is going on. It can
 * speak only while the main thread is free (between bursts, or while worker threads run one).
 */
export function heartbeat(label: () => string, quiet: boolean | undefined): () => void {
  if (quiet) return () => {};
  const start = performance.now();
  const timer = setInterval(() => {
    if (performance.now() - lastProgressAt < 1900) return;
    progressLine(`${label()} (${((performance.now() - start) / 1000).toFixed(0)} s)`);
  }, 500);
  timer.unref();
  return () => clearInterval(timer);
}

export async function runProver(
  theory: Theory,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
): Promise<ProverResult> {
  const t0 = performance.now();
  const engine = new Engine(theory, o.settings);
  for (const t of o.theorems ?? []) engine.addTheoremRule(t.statement, t.ref);
  for (const c of conjectures)
    engine.addConjecture({
      name: c.name,
      mpl: c.mpl,
      statement: statementOf(c),
      mirrorOf: null,
      pureInduction: o.pureInduction?.has(c.name ?? c.mpl) === true,
    });
  const lemmaConjectures = new Set<number>();
  for (const c of o.lemmas ?? []) {
    // A lemma equal to a conjecture (up to renaming and premise order) is not added twice.
    const i = engine.addConjecture({
      name: c.name,
      mpl: c.mpl,
      statement: statementOf(c),
      mirrorOf: null,
      pureInduction: true,
    });
    if (i !== null) lemmaConjectures.add(i);
  }
  const executor =
    o.workers > 1 || o.trace
      ? poolExecutor(theory, engine.width, {
          workers: o.workers,
          inPlaceFirstMs: o.inPlaceFirstMs ?? inPlaceFirstMsFromEnv(),
          ...(o.fault ? { fault: o.fault } : {}),
          ...(o.adaptive ? { adaptive: true } : {}),
          ...(o.trace ? { trace: o.trace } : {}),
          rehearsal: conjectures.slice(0, REHEARSAL_CONJECTURES),
        })
      : undefined;
  // Threads start and load while the first bursts run in place, off the critical path, when
  // the work promises to need them (about three blocks per conjecture).
  const expected = Math.ceil((conjectures.length * 3) / MIN_BLOCKS_PER_SHARD);
  if (executor && (!o.adaptive || expected >= 2)) executor.warm(o.adaptive ? expected - 1 : o.workers - 1);
  const onProgress = progress(o.phase, o.quiet);
  let last = "starting";
  const stopBeat = heartbeat(() => `${o.phase}: ${last}`, o.quiet);
  let run: RunResult;
  try {
    run = await engine.run({
      ...(executor ? { executor } : {}),
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
      onProgress: (e) => {
        last = `burst ${e.burst + 2} running, ${e.proved}/${e.conjectures} proved so far`;
        onProgress(e);
      },
    });
  } finally {
    stopBeat();
  }
  const graph = buildProofGraph(run, (s) => readableStatement(s, theory));
  const pool = executor ? executor.stats() : null;
  return { run, graph, ms: performance.now() - t0, pool, threads: pool?.threadsRun ?? 1, lemmaConjectures };
}

/**
 * How long the commands run bursts in place before starting the pool threads (see
 * PoolOptions.inPlaceFirstMs): GL_IN_PLACE_FIRST_MS from the environment, else
 * IN_PLACE_FIRST_MS. 0 starts the pool with the first burst (tests use it to exercise the pool
 * on small examples).
 */
export function inPlaceFirstMsFromEnv(value = process.env.GL_IN_PLACE_FIRST_MS): number {
  if (value === undefined || value === "") return IN_PLACE_FIRST_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`GL_IN_PLACE_FIRST_MS must be a whole number of milliseconds, got '${value}'`);
  return n;
}

/**
 * Testing hook, read from the environment by `gl prove`: GL_FAULT_INJECT="<block>:throw" or
 * "<block>:exit" makes the pool worker that runs that block fail. Used by the pool's fault
 * tests; has no effect with one worker (no pool).
 */
export function faultFromEnv(value: string | undefined): FaultInjection | undefined {
  if (value === undefined || value === "") return undefined;
  const m = /^(\d+):(throw|exit)$/.exec(value);
  if (!m)
    throw new UsageError(`GL_FAULT_INJECT must look like '<block>:throw' or '<block>:exit', got '${value}'`);
  return { block: Number(m[1]), kind: m[2] as FaultInjection["kind"] };
}

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
