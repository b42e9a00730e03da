/**
 * A bound on how many atoms definition expansion may produce. A definition used in conclusion
 * position is an abbreviation and is lowered in place (mpl/lower.ts), so a chain of
 * definitions that each use the previous one twice doubles at every link: twenty links of a
 * 1 KB file would be a million atoms. The expanded size of every definition is computed here
 * first, each definition once (linear in the text), and a definition whose expansion exceeds
 * MAX_EXPANDED_ATOMS is reported (MPL121) before anything is lowered.
 */
import type { DefinitionItem, Formula } from "./ast.js";
import { type Diagnostic, diagnostic, nameAt } from "./diagnostics.js";

/** The most atoms one definition may expand into; far above any real theory's needs. */
export const MAX_EXPANDED_ATOMS = 10_000;

/** Sizes saturate just above the limit, so that even deep chains stay small numbers. */
const cap = (n: number): number => Math.min(n, MAX_EXPANDED_ATOMS + 1);

/**
 * Atoms the lowering produces for `f`, mirroring its three walkers: in conclusion position a
 * definition atom is replaced by its body (its size from `sizeOf`); in premise position atoms
 * stay atoms, except that an implication premise also gets an elimination rule, whose
 * conclusion is lowered in conclusion position.
 */
function conclusionSize(f: Formula, sizeOf: (name: string) => number | undefined): number {
  switch (f.kind) {
    case "atom":
      return sizeOf(f.name.text) ?? 1;
    case "and":
      return cap(conclusionSize(f.left, sizeOf) + conclusionSize(f.right, sizeOf));
    case "implies":
      return cap(premiseSize(f.premise, sizeOf) + conclusionSize(f.conclusion, sizeOf));
    case "not":
      return negatedSize(f.body, sizeOf);
  }
}

function negatedSize(g: Formula, sizeOf: (name: string) => number | undefined): number {
  switch (g.kind) {
    case "atom":
      return 1;
    case "not":
      return conclusionSize(g.body, sizeOf);
    case "and":
      return cap(premiseSize(g.left, sizeOf) + negatedSize(g.right, sizeOf));
    case "implies":
      return g.vars.length === 0
        ? cap(conclusionSize(g.premise, sizeOf) + negatedSize(g.conclusion, sizeOf))
        : cap(premiseSize(g.premise, sizeOf) + premiseSize(g.conclusion, sizeOf));
  }
}

function premiseSize(f: Formula, sizeOf: (name: string) => number | undefined): number {
  switch (f.kind) {
    case "atom":
      return 1;
    case "and":
      return cap(premiseSize(f.left, sizeOf) + premiseSize(f.right, sizeOf));
    case "implies":
      return cap(1 + premiseSize(f.premise, sizeOf) + conclusionSize(f.conclusion, sizeOf));
    case "not":
      return premiseSize(f.body, sizeOf);
  }
}

/**
 * Reports MPL121 at each definition whose expansion exceeds the limit while every definition
 * it refers to stays within it (the others are over only because of it). Definitions are sized
 * in post-order of the reference graph, iteratively; the graph has no cycles here (MPL108 is
 * reported first).
 */
export function reportLargeExpansions(
  definitions: ReadonlyMap<string, { readonly item: DefinitionItem; readonly path: string }>,
  references: ReadonlyMap<string, readonly { readonly text: string }[]>,
  out: Diagnostic[],
): void {
  const size = new Map<string, number>();
  const sizeOf = (name: string) => (definitions.has(name) ? (size.get(name) ?? 1) : undefined);
  for (const root of definitions.keys()) {
    const stack = [root];
    while (stack.length > 0) {
      const name = stack[stack.length - 1] as string;
      if (size.has(name)) {
        stack.pop();
        continue;
      }
      const refs = (references.get(name) ?? []).map((r) => r.text).filter((r) => definitions.has(r));
      const pending = refs.filter((r) => !size.has(r));
      if (pending.length > 0) {
        stack.push(...pending);
        continue;
      }
      stack.pop();
      const def = definitions.get(name);
      if (def === undefined) continue;
      const n = conclusionSize(def.item.body, sizeOf);
      size.set(name, n);
      if (n > MAX_EXPANDED_ATOMS && refs.every((r) => (size.get(r) ?? 0) <= MAX_EXPANDED_ATOMS)) {
        out.push(diagnostic("MPL121", nameAt(def.path, def.item.name), { name, limit: MAX_EXPANDED_ATOMS }));
      }
    }
  }
}
