/**
 * Running the prover for a command: the executor for `--workers` (in-thread for 1, a piscina
 * pool otherwise), progress on stderr for runs over a second, and the figures of a run.
 */
import { availableParallelism } from "node:os";
import { buildProofGraph } from "../engine/graph.js";
import { type FaultInjection, IN_PLACE_FIRST_MS, type PoolStats, poolExecutor } from "../engine/pool.js";
import { Engine, type ProgressEvent, type RunResult } from "../engine/run.js";
import type { EngineSettings } from "../engine/settings.js";
import { statementOf } from "../engine/statement.js";
import { readableStatement } from "../export/readable.js";
import type { ProofGraph } from "../export/schema.js";
import type { Conjecture, Theory } from "../mpl/theory.js";

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
}

export interface ProverResult {
  readonly run: RunResult;
  readonly graph: ProofGraph;
  readonly ms: number;
  /** The pool's time accounting; null when the run stayed on this thread (one worker). */
  readonly pool: PoolStats | null;
  /** Indices into run.conjectures of the lemmas (ProverOptions.lemmas) the run kept. */
  readonly lemmaConjectures: ReadonlySet<number>;
}

export const defaultWorkers = (): number => availableParallelism();

export function parseCount(v: string, name: string, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`${name} must be an integer of at least ${min}, got '${v}'`);
  return n;
}

export class UsageError extends Error {}

/** A progress reporter that stays silent for the first second. */
export function progress(phase: string, quiet: boolean | undefined): (e: ProgressEvent) => void {
  const start = performance.now();
  return (e) => {
    if (quiet || performance.now() - start < 1000) return;
    process.stderr.write(
      `${phase}: burst ${e.burst + 1}, ${e.activeBlocks} active blocks, ${e.facts} facts, ${e.proved}/${e.conjectures} proved\n`,
    );
  };
}

export async function runProver(
  theory: Theory,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
): Promise<ProverResult> {
  const t0 = performance.now();
  const engine = new Engine(theory, o.settings);
  for (const c of conjectures)
    engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
  const lemmaConjectures = new Set<number>();
  for (const c of o.lemmas ?? []) {
    // A lemma equal to a conjecture (up to renaming and premise order) is not added twice.
    const i = engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
    if (i !== null) lemmaConjectures.add(i);
  }
  const executor =
    o.workers > 1
      ? poolExecutor(theory, engine.width, {
          workers: o.workers,
          inPlaceFirstMs: o.inPlaceFirstMs ?? inPlaceFirstMsFromEnv(),
          ...(o.fault ? { fault: o.fault } : {}),
        })
      : undefined;
  const run = await engine.run({ ...(executor ? { executor } : {}), onProgress: progress(o.phase, o.quiet) });
  const graph = buildProofGraph(run, (s) => readableStatement(s, theory));
  return {
    run,
    graph,
    ms: performance.now() - t0,
    pool: executor ? executor.stats() : null,
    lemmaConjectures,
  };
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
