/**
 * Running the prover for a command: the executor for `--workers` (in-thread for 1, a piscina
 * pool otherwise), progress on stderr for runs over a second, and the figures of a run.
 */
import { availableParallelism } from "node:os";
import { buildProofGraph } from "../engine/graph.js";
import { poolExecutor } from "../engine/pool.js";
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
  readonly fault?: { block: number; kind: "throw" | "exit" };
}

export interface ProverResult {
  readonly run: RunResult;
  readonly graph: ProofGraph;
  readonly ms: number;
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
  const executor =
    o.workers > 1
      ? poolExecutor(
          theory,
          { settings: engine.settings, width: engine.width },
          o.fault ? { workers: o.workers, fault: o.fault } : { workers: o.workers },
        )
      : undefined;
  const run = await engine.run({ ...(executor ? { executor } : {}), onProgress: progress(o.phase, o.quiet) });
  const graph = buildProofGraph(run, (s) => readableStatement(s, theory));
  return { run, graph, ms: performance.now() - t0 };
}

export const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
