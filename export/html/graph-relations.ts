/**
 * Relations the pages show that the proof graph holds only implicitly: which theorems cite a
 * theorem ("used by"), and the axioms and definitions a theorem rests on, transitively through
 * the theorems it cites. Computed once per export; every list is in a fixed order.
 */
import type { EntityJson, ProofGraph, TheoremJson } from "../schema.js";

export interface GraphRelations {
  readonly theoremById: ReadonlyMap<string, TheoremJson>;
  readonly axiomById: ReadonlyMap<string, EntityJson>;
  /** Position of each theorem in `graph.theorems`. */
  readonly theoremIndex: ReadonlyMap<string, number>;
  /** Position of each definition in `graph.definitions`, by name. */
  readonly definitionIndex: ReadonlyMap<string, number>;
  /** Theorems a theorem cites (its `uses` and its `theorem` steps), in graph order. */
  cites(t: TheoremJson): readonly string[];
  /** Theorems citing this one, in graph order. */
  usedBy(id: string): readonly string[];
  /** Axiom ids a theorem rests on, own and inherited, in the anchor's order. */
  axiomsUnder(id: string): readonly string[];
  /** The anchor and the definitions behind those axioms, in the graph's order (unknown names last). */
  definitionsUnder(id: string): readonly string[];
}

function axiomRefs(t: TheoremJson): Set<string> {
  const refs = new Set(t.axioms);
  for (const s of t.steps) {
    if (
      (s.kind === "axiom" ||
        s.kind === "rule" ||
        s.kind === "definition" ||
        s.kind === "witness" ||
        s.kind === "comprehension") &&
      s.ref !== undefined
    )
      refs.add(s.ref);
  }
  return refs;
}

export function graphRelations(graph: ProofGraph): GraphRelations {
  const theoremById = new Map<string, TheoremJson>();
  const theoremIndex = new Map<string, number>();
  graph.theorems.forEach((t, i) => {
    if (!theoremById.has(t.id)) {
      theoremById.set(t.id, t);
      theoremIndex.set(t.id, i);
    }
  });
  const axiomById = new Map<string, EntityJson>();
  const axiomOrder = new Map<string, number>();
  graph.axioms.forEach((a, i) => {
    if (!axiomById.has(a.id)) {
      axiomById.set(a.id, a);
      axiomOrder.set(a.id, i);
    }
  });
  const definitionIndex = new Map<string, number>();
  graph.definitions.forEach((d, i) => {
    if (!definitionIndex.has(d.name)) definitionIndex.set(d.name, i);
  });

  const byGraphOrder = (a: string, b: string): number =>
    (theoremIndex.get(a) ?? Number.MAX_SAFE_INTEGER) - (theoremIndex.get(b) ?? Number.MAX_SAFE_INTEGER) ||
    (a < b ? -1 : a > b ? 1 : 0);

  const citesOf = new Map<string, string[]>();
  const cites = (t: TheoremJson): string[] => {
    let list = citesOf.get(t.id);
    if (list === undefined) {
      const set = new Set(t.uses);
      for (const s of t.steps) if (s.kind === "theorem" && s.ref !== undefined) set.add(s.ref);
      set.delete(t.id);
      list = [...set].sort(byGraphOrder);
      citesOf.set(t.id, list);
    }
    return list;
  };

  const usedByMap = new Map<string, string[]>();
  for (const t of theoremById.values()) {
    for (const c of cites(t)) {
      const list = usedByMap.get(c) ?? [];
      list.push(t.id);
      usedByMap.set(c, list);
    }
  }
  for (const list of usedByMap.values()) list.sort(byGraphOrder);

  const axiomsMemo = new Map<string, Set<string>>();
  const collectAxioms = (id: string, visiting: Set<string>): Set<string> => {
    const done = axiomsMemo.get(id);
    if (done !== undefined) return done;
    const t = theoremById.get(id);
    const out = new Set<string>();
    if (t === undefined || visiting.has(id)) return out;
    visiting.add(id);
    for (const a of axiomRefs(t)) out.add(a);
    for (const c of cites(t)) for (const a of collectAxioms(c, visiting)) out.add(a);
    visiting.delete(id);
    axiomsMemo.set(id, out);
    return out;
  };
  // Theorems cite only earlier ones, so resolving in graph order keeps recursion shallow.
  for (const t of theoremById.values()) collectAxioms(t.id, new Set());

  const byAxiomOrder = (a: string, b: string): number =>
    (axiomOrder.get(a) ?? Number.MAX_SAFE_INTEGER) - (axiomOrder.get(b) ?? Number.MAX_SAFE_INTEGER) ||
    (a < b ? -1 : a > b ? 1 : 0);
  const byDefinitionOrder = (a: string, b: string): number =>
    (definitionIndex.get(a) ?? Number.MAX_SAFE_INTEGER) -
      (definitionIndex.get(b) ?? Number.MAX_SAFE_INTEGER) || (a < b ? -1 : a > b ? 1 : 0);

  const axiomsUnder = (id: string): string[] => [...(axiomsMemo.get(id) ?? [])].sort(byAxiomOrder);

  return {
    theoremById,
    axiomById,
    theoremIndex,
    definitionIndex,
    cites,
    usedBy: (id) => usedByMap.get(id) ?? [],
    axiomsUnder,
    definitionsUnder: (id) => {
      const names = new Set<string>();
      const axioms = axiomsUnder(id);
      // Every axiom is the anchor's, expanded from the definition named as its origin.
      if (axioms.length > 0) names.add(graph.theory.anchor);
      for (const a of axioms) {
        const origin = axiomById.get(a)?.origin.definition;
        if (origin !== undefined) names.add(origin);
      }
      return [...names].sort(byDefinitionOrder);
    },
  };
}
