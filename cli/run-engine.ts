/**
 * Running the prover for a command: the executor for `--workers` (in-thread for 1, a piscina
 * pool otherwise), progress on stderr for runs over a second, and the figures of a run.
 */
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { buildProofGraph } from "../engine/graph.js";
import {
  type FaultInjection,
  IN_PLACE_FIRST_MS,
  MAP_IN_PLACE_MS,
  MIN_BLOCKS_PER_SHARD,
  type PoolExecutor,
  type PoolStats,
  poolExecutor,
} from "../engine/pool.js";
import type { PoolProfile } from "../engine/pool-profile.js";
import { Engine, type Executor, type LimitStop, type ProgressEvent, type RunResult } from "../engine/run.js";
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
  /** PoolOptions.profile (the scaling simulator's input); a pool even for one worker. */
  readonly profile?: PoolProfile;
  /** Limits checked between bursts (see cli/limits.ts). */
  readonly shouldStop?: () => LimitStop | null;
  /**
   * A pool to run on instead of a new one (the lemma step's retry reuses the first run's warm
   * threads); the run leaves it open.
   */
  readonly pool?: PoolExecutor;
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

/**
 * The default --workers of `gl discover` starts pool threads only for a batch of at least this
 * many candidates: below it (examples/peano: 5,617) a second thread's start-up on two cores
 * cost more than it saved; above it (examples/peano-exp: 32,284) it pays (docs/parallelism.md).
 */
export const ADAPTIVE_MIN_CANDIDATES = 15_000;
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

/** The help text of `--comprehension` (gl prove, gl discover). */
export const COMPREHENSION_HELP =
  "let set definitions (comprehensions) name the set they define; an assumption beyond the axioms, reported with the theorems that use it";

/** The engine flags `gl prove` and `gl discover` share, as settings overrides. */
export interface EngineFlags {
  maxBursts?: string;
  maxWitnessDepth?: string;
  maxFacts?: string;
  maxGoalTerms?: string;
  comprehension?: boolean;
  conjectures?: string[];
  glConfig?: string | readonly string[];
}

export type EngineOverrides = {
  maxBursts?: number;
  maxWitnessDepth?: number;
  maxFactsPerBlock?: number;
  goalTerms?: number;
  comprehension?: boolean;
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
  if (o.comprehension === true) settings.comprehension = true;
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
  const profiling = o.pool ? null : profilingOf(o);
  const executor = o.pool ?? newPool(theory, engine.width, conjectures, o, profiling);
  executor?.setPhase(o.phase);
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
      ...(executor ? { executor: o.pool ? keepOpen(o.pool) : executor } : {}),
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
      onProgress: (e) => {
        last = `burst ${e.burst + 2} running, ${e.proved}/${e.conjectures} proved so far`;
        onProgress(e);
      },
    });
  } finally {
    stopBeat();
    profiling?.write();
  }
  const graph = buildProofGraph(run, (s) => readableStatement(s, theory));
  const pool = executor ? executor.stats() : null;
  return { run, graph, ms: performance.now() - t0, pool, threads: pool?.threadsRun ?? 1, lemmaConjectures };
}

/** The pool of a run that gets none from its caller (null: one worker, everything in place). */
export function newPool(
  theory: Theory,
  width: number,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
  profiling: { readonly profile: PoolProfile } | null = null,
): PoolExecutor | null {
  if (o.workers <= 1 && !profiling) return null;
  return poolExecutor(theory, width, {
    workers: o.workers,
    ...inPlaceOptions(o.inPlaceFirstMs ?? inPlaceFirstMsFromEnv()),
    ...(o.fault ? { fault: o.fault } : {}),
    ...(o.adaptive ? { adaptive: true } : {}),
    ...(profiling ? { profile: profiling.profile } : {}),
    rehearsal: conjectures.slice(0, REHEARSAL_CONJECTURES),
  });
}

/** The profile a run records: the caller's (PoolOptions.profile), else GL_POOL_PROFILE's, else none. */
export function profilingOf(o: ProverOptions): { readonly profile: PoolProfile; write(): void } | null {
  return o.profile ? { profile: o.profile, write() {} } : poolProfileFromEnv();
}

/** A view of a shared pool whose close leaves it running (its owner closes it). */
export function keepOpen(pool: PoolExecutor): Executor {
  return {
    ...(pool.resident ? { resident: pool.resident } : {}),
    runBurst: (tasks, ctx) => pool.runBurst(tasks, ctx),
    close: async () => {},
  };
}

/**
 * The pool options that keep small work on the coordinator: bursts in place for `inPlaceFirstMs`
 * (PoolOptions.inPlaceFirstMs), and map jobs here unless large (PoolOptions.mapInPlaceMs); 0,
 * as the tests set it, sends all of both to the pool threads.
 */
export function inPlaceOptions(inPlaceFirstMs: number): { inPlaceFirstMs: number; mapInPlaceMs: number } {
  return { inPlaceFirstMs, mapInPlaceMs: inPlaceFirstMs === 0 ? 0 : MAP_IN_PLACE_MS };
}

/**
 * How long the commands run bursts in place before starting the pool threads (see
 * PoolOptions.inPlaceFirstMs): GL_IN_PLACE_FIRST_MS from the environment, else
 * IN_PLACE_FIRST_MS. 0 starts the pool with the first burst and sends every map job's tasks to
 * its threads (tests use it to exercise the pool on small examples).
 */
export function inPlaceFirstMsFromEnv(value = process.env.GL_IN_PLACE_FIRST_MS): number {
  if (value === undefined || value === "") return IN_PLACE_FIRST_MS;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`GL_IN_PLACE_FIRST_MS must be a whole number of milliseconds, got '${value}'`);
  return n;
}

/** The phases whose work runs on pool threads, which the fault hook can target. */
export const POOL_PHASES = ["model", "prove", "verify", "html"] as const;

/**
 * Testing hook, read from the environment by `gl prove` and `gl discover`:
 * GL_FAULT_INJECT="<block>:throw" or "<block>:exit" makes the pool thread that runs that block
 * fail; "<phase>:<n>:throw" or "<phase>:<n>:exit" only in that phase (POOL_PHASES), where n is
 * a block of a proving phase (model, prove) or an item of a phase that maps tasks (verify: the
 * graph; html: the file). Used by the pool's fault tests; has no effect with one worker (no pool).
 */
export function faultFromEnv(value: string | undefined): FaultInjection | undefined {
  if (value === undefined || value === "") return undefined;
  const m = /^(?:([a-z]+):)?(\d+):(throw|exit)$/.exec(value);
  const phase = m?.[1];
  if (!m || (phase !== undefined && !(POOL_PHASES as readonly string[]).includes(phase)))
    throw new UsageError(
      `GL_FAULT_INJECT must look like '<block>:throw' or '<block>:exit', optionally after a phase (${POOL_PHASES.join(", ")}) and a colon, got '${value}'`,
    );
  return {
    block: Number(m[2]),
    kind: m[3] as FaultInjection["kind"],
    ...(phase !== undefined ? { phase } : {}),
  };
}

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/**
 * GL_POOL_PROFILE=<file>: the commands record the pool's per-burst profile
 * (engine/pool-profile.ts: each thread's CPU, run-queue wait, idle time and hand-overs) and
 * write it there as JSON when they end; with one worker too (the bursts then run through the
 * pool's in-place path, which gives the same results). Null when unset.
 */
export function poolProfileFromEnv(
  value = process.env.GL_POOL_PROFILE,
): { readonly profile: PoolProfile; write(): void } | null {
  if (value === undefined || value === "") return null;
  const profile: PoolProfile = { bursts: [], threadLoadMs: [], threadLoadCpuMs: [] };
  return {
    profile,
    write: () => writeFileSync(value, `${JSON.stringify(profile)}\n`),
  };
}
