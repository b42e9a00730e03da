/**
 * Assumptions beyond a theory's axioms that proofs rest on. Today one kind: a set definition's
 * comprehension principle (a `comprehension` step, mpl/comprehension.ts). A theorem rests on
 * it when one of its steps uses it, or one of the theorems it cites rests on it.
 */
import type { TheoremJson } from "./schema.js";

/** A theorem that rests on comprehension, with the definitions whose sets it assumes. */
export interface ComprehensionUse {
  readonly theorem: string;
  readonly name?: string;
  readonly definitions: readonly string[];
}

/**
 * Theorem id → the definitions (sorted) whose comprehension its proof rests on, through cited
 * theorems of the same list too; `definitionOf` gives the definition of a comprehension axiom.
 */
export function comprehensionUses(
  theorems: readonly TheoremJson[],
  definitionOf: (axiomId: string) => string | undefined,
): Map<string, string[]> {
  const byId = new Map(theorems.map((t) => [t.id, t]));
  const memo = new Map<string, Set<string>>();
  const visit = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Set<string>();
    memo.set(id, out); // a cycle (never in a valid graph) ends here
    for (const s of byId.get(id)?.steps ?? []) {
      if (s.kind === "comprehension" && s.ref !== undefined) out.add(definitionOf(s.ref) ?? s.ref);
      else if (s.kind === "theorem" && s.ref !== undefined && byId.has(s.ref))
        for (const d of visit(s.ref)) out.add(d);
    }
    return out;
  };
  const result = new Map<string, string[]>();
  for (const t of theorems) {
    const d = visit(t.id);
    if (d.size > 0) result.set(t.id, [...d].sort());
  }
  return result;
}

/** What the uses are read from: a graph's axioms and theorems (a batch's, or one graph's). */
interface GraphPart {
  readonly axioms: readonly { readonly id: string; readonly origin: { readonly definition: string } }[];
  readonly theorems: readonly TheoremJson[];
}

/** The uses of a graph's theorems, in the graph's order. */
export function comprehensionList(graph: GraphPart): ComprehensionUse[] {
  const defs = new Map(graph.axioms.map((e) => [e.id, e.origin.definition]));
  const uses = comprehensionUses(graph.theorems, (id) => defs.get(id));
  return graph.theorems
    .filter((t) => uses.has(t.id))
    .map((t) => ({ theorem: t.id, ...(t.name ? { name: t.name } : {}), definitions: uses.get(t.id)! }));
}

/** A batch's part of a graph: its anchor names it. */
type BatchPart = GraphPart & { readonly theory: { readonly anchor: string } };

/** The uses of every batch of a graph, earlier batches first, ids prefixed by their batch's anchor. */
export function graphComprehensionList(
  graph: BatchPart & { readonly earlier?: readonly BatchPart[] },
): ComprehensionUse[] {
  const earlier = graph.earlier ?? [];
  if (earlier.length === 0) return comprehensionList(graph);
  return [...earlier, graph].flatMap((b) =>
    comprehensionList(b).map((u) => ({ ...u, theorem: `${b.theory.anchor}:${u.theorem}` })),
  );
}

/** One line for a summary: `assumed: comprehension (a set exists) of Meet in T1 common, …`. */
export function comprehensionLine(uses: readonly ComprehensionUse[]): string | null {
  if (uses.length === 0) return null;
  const items = uses.map((u) => `${u.theorem}${u.name ? ` ${u.name}` : ""} (${u.definitions.join(", ")})`);
  return `assumed beyond the axioms: comprehension (the set a set definition names exists), in ${uses.length} theorem${uses.length === 1 ? "" : "s"}: ${items.join("; ")}`;
}
