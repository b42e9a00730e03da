/**
 * The independent verifier: re-checks every step of an exported proof graph against the
 * schema's definition of each step kind, with its own small implementations of instantiation,
 * equality and the induction schema. It imports nothing from the engine, so a bug there
 * cannot hide itself here. See docs/verifier.md for what is checked and what is trusted.
 *
 * Order: shape, anchor (predicates, constants, axioms), then theorems in file order; a
 * theorem may cite only theorems before it that verified, so citations cannot form a cycle.
 */
import type { EntityJson } from "../export/schema.js";
import { readAnchor } from "./anchor.js";
import { compareAxioms } from "./expected-axioms.js";
import { ReportBuilder, type VerifyReport } from "./report.js";
import { readShape } from "./shape.js";
import { verifyTheorem } from "./theorem.js";

export type { VerifyFailure, VerifyReport } from "./report.js";

export interface VerifyOptions {
  /**
   * The axioms as compiled from the MPL sources; when given, the graph's axioms must equal
   * them exactly, so the graph cannot prove its theorems from axioms of its own making.
   */
  expectedAxioms?: readonly EntityJson[];
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
  if (options.expectedAxioms) compareAxioms(g.axioms, options.expectedAxioms, r);
  const positions = new Map<string, number>();
  for (const [i, t] of g.theorems.entries()) if (!positions.has(t.id)) positions.set(t.id, i);
  const ctx = { anchor, theorems: g.theorems, positions, verified: new Map<string, boolean>() };
  for (let i = 0; i < g.theorems.length; i++) verifyTheorem(i, ctx, r);
  return r.finish();
}
