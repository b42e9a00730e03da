/**
 * What `gl prove` and `gl discover` may report as proved: every proof graph they are about to
 * report or write is first re-checked by the independent verifier (verify/), with the graph's
 * sources compiled again, in the same run. A theorem that does not verify, or that cites one
 * that does not, is reported as a failure naming the theorem and step, never as proved, and the
 * command exits 1. A failure of the graph as a whole (its axioms, its shape) fails every theorem.
 */
import type { ProofGraph } from "../export/schema.js";
import { GRAPH, type VerifyFailure, type VerifyReport } from "../verify/report.js";
import { verifyGraph } from "../verify/verify.js";
import { UsageError } from "./run-engine.js";

export interface CheckedGraph {
  readonly report: VerifyReport;
  /** Ids of the theorems that did not verify (all of them when the graph as a whole fails). */
  readonly failed: ReadonlySet<string>;
  /** Theorem id → its first failure, for the per-theorem report. */
  readonly firstFailure: ReadonlyMap<string, VerifyFailure>;
}

/** `step 28: reason`, or the reason alone for a failure of the theorem as a whole. */
export function failureText(f: VerifyFailure): string {
  return f.step === null ? f.reason : `step ${f.step}: ${f.reason}`;
}

/** Runs the verifier on `graph` exactly as `gl verify` would. */
export function checkGraph(graph: ProofGraph): CheckedGraph {
  const report = verifyGraph(graph, { recompileSources: true });
  const firstFailure = new Map<string, VerifyFailure>();
  for (const f of report.failures) if (!firstFailure.has(f.theorem)) firstFailure.set(f.theorem, f);
  const whole = firstFailure.get(GRAPH);
  const failed = new Set(graph.theorems.map((t) => t.id).filter((id) => whole || firstFailure.has(id)));
  if (whole) for (const id of failed) if (!firstFailure.has(id)) firstFailure.set(id, whole);
  return { report, failed, firstFailure };
}

/** checkGraph of `graphs[index]` (a task of the pool's map, cli/pool-phases.ts). */
export function checkGraphAt(index: number, graphs: readonly ProofGraph[]): CheckedGraph {
  return checkGraph(graphs[index]!);
}

/**
 * One line per theorem that failed (and one for a failure of the whole graph), e.g.
 * `error: T3 (add_comm) failed the independent re-check at step 7: …`; `label` names the
 * graph when a command checks more than one.
 */
export function failureLines(graph: ProofGraph, checked: CheckedGraph, label = "the proof graph"): string[] {
  const lines: string[] = [];
  const whole = checked.firstFailure.get(GRAPH);
  if (whole) lines.push(`error: ${label} failed the independent re-check: ${whole.reason}`);
  for (const t of graph.theorems) {
    const f = checked.firstFailure.get(t.id);
    if (!f || f.theorem === GRAPH) continue;
    const at = f.step === null ? ": " : ` at step ${f.step}: `;
    lines.push(
      `error: ${t.id}${t.name ? ` (${t.name})` : ""} failed the independent re-check${at}${f.reason}`,
    );
  }
  return lines;
}

/** A step to corrupt (testing hook). */
export interface ProofFault {
  readonly theorem: string;
  readonly step: number;
}

/**
 * Testing hook, read from the environment by `gl prove` and `gl discover`:
 * GL_FAULT_PROOF="T<k>:<n>" negates the fact of step n of theorem T<k> after the engine wrote
 * the graph and before the re-check, so that the failure path runs end to end.
 */
export function proofFaultFromEnv(value = process.env.GL_FAULT_PROOF): ProofFault | undefined {
  if (value === undefined || value === "") return undefined;
  const m = /^(T\d+):(\d+)$/.exec(value);
  if (!m) throw new UsageError(`GL_FAULT_PROOF must look like 'T<k>:<step>', got '${value}'`);
  return { theorem: m[1]!, step: Number(m[2]) };
}

export function applyProofFault(graph: ProofGraph, fault: ProofFault | undefined): void {
  const step = graph.theorems.find((t) => t.id === fault?.theorem)?.steps.find((s) => s.n === fault?.step);
  if (!step) return;
  if (step.fact.neg) delete step.fact.neg;
  else step.fact.neg = true;
}
