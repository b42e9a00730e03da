/**
 * The independent verifier: re-checks every step of an exported proof graph against the
 * schema's definition of each step kind, with its own small implementations of instantiation,
 * equality and the induction schema. It imports nothing from the engine, so a bug there
 * cannot hide itself here. See docs/verifier.md for what is checked and what is trusted.
 *
 * Order: shape, anchor (predicates, constants, axioms), the cross-check of the anchor against
 * the sources compiled again (when asked), then theorems in file order; a theorem may cite only
 * theorems before it that verified, so citations cannot form a cycle.
 */
import type { EntityJson, ProofGraph } from "../export/schema.js";
import { readAnchor } from "./anchor.js";
import { compareAxioms, compareConstants } from "./expected-axioms.js";
import type { SourceNames } from "./fields.js";
import { GRAPH, ReportBuilder, type VerifyReport } from "./report.js";
import { readShape } from "./shape.js";
import { type ExpectedAnchor, recompileSources } from "./sources.js";
import { verifyTheorem } from "./theorem.js";

export type { AxiomCheck, VerifyFailure, VerifyReport } from "./report.js";

export interface VerifyOptions {
  /**
   * The axioms as compiled from the MPL sources; when given, the graph's axioms must equal
   * them exactly, so the graph cannot prove its theorems from axioms of its own making.
   */
  expectedAxioms?: readonly EntityJson[];
  /**
   * Compile the graph's `theory.sources` again and require its anchor, constants (with roles)
   * and axioms to be what they give (what `gl verify` does). `expectedAxioms` takes precedence.
   */
  recompileSources?: boolean;
  /**
   * The anchor, constants and axioms compiled from files the user names (`gl verify
   * --sources`), and what they were compiled from; or why they give none (a failure). Takes
   * precedence over both options above.
   */
  expected?: { readonly anchor: ExpectedAnchor; readonly from: string } | { readonly failure: string };
}

/** Axioms the sources do not give (steps citing them fail), and the sources' conjecture names. */
interface CrossChecked {
  readonly rejected: ReadonlySet<string>;
  readonly names: SourceNames | null;
}

/**
 * Compares the graph's anchor part with what it should be and records how; returns the ids of
 * the graph's axioms that the sources do not give (steps citing them fail).
 */
function crossCheck(g: ProofGraph, options: VerifyOptions, r: ReportBuilder): CrossChecked {
  const none = { rejected: new Set<string>(), names: null };
  if (options.expected && "failure" in options.expected) {
    r.axioms = { crossChecked: false, detail: options.expected.failure };
    r.fail(GRAPH, null, `axioms not cross-checked: ${options.expected.failure}`);
    return none;
  }
  if (options.expected) {
    compareConstants(g, options.expected.anchor, r);
    r.axioms = { crossChecked: true, detail: `compiled from ${options.expected.from}` };
    const rejected = compareAxioms(g.axioms, options.expected.anchor.axioms, r);
    return { rejected, names: options.expected.anchor.names ?? null };
  }
  if (options.expectedAxioms) {
    r.axioms = { crossChecked: true, detail: `${options.expectedAxioms.length} expected axioms given` };
    return { rejected: compareAxioms(g.axioms, options.expectedAxioms, r), names: null };
  }
  if (!options.recompileSources) return none;
  const compiled = recompileSources(g.theory.sources);
  if (compiled.kind !== "compiled") {
    r.axioms = { crossChecked: false, detail: compiled.reason };
    r.fail(GRAPH, null, `axioms not cross-checked: ${compiled.reason}`);
    return none;
  }
  compareConstants(g, compiled.expected, r);
  r.axioms = { crossChecked: true, detail: `compiled again from ${compiled.from}` };
  const rejected = compareAxioms(g.axioms, compiled.expected.axioms, r);
  return { rejected, names: compiled.expected.names ?? null };
}

/** Any JSON value gives a report; the verifier never throws on bad input. */
export function verifyGraph(graph: unknown, options: VerifyOptions = {}): VerifyReport {
  const r = new ReportBuilder();
  const shape = readShape(graph);
  if ("failures" in shape) {
    for (const f of shape.failures) r.fail(f.theorem, f.step, f.reason);
    return r.finish();
  }
  const g = shape.graph;
  const anchor = readAnchor(g, r);
  const checked = crossCheck(g, options, r);
  anchor.rejected = checked.rejected;
  const positions = new Map<string, number>();
  for (const [i, t] of g.theorems.entries()) if (!positions.has(t.id)) positions.set(t.id, i);
  const ctx = {
    anchor,
    theorems: g.theorems,
    positions,
    verified: new Map<string, boolean>(),
    anchorName: g.theory.anchor,
    constantNames: g.theory.constants.map((c) => c.name),
    names: checked.names,
  };
  for (let i = 0; i < g.theorems.length; i++) verifyTheorem(i, ctx, r);
  return r.finish();
}
