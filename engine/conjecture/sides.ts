/**
 * The terms that may stand on one side of an equation: variables and element constants, then
 * applications of the signature's operations, depth by depth, each admitted only within the
 * per-side limits of the settings. A term that contains a rejected term breaks the same limit, so
 * rejected terms are never extended.
 */
import type { ConjectureSettings } from "./settings.js";
import type { Signature } from "./signature.js";
import { type TermId, type TermTable, unionSize } from "./term.js";

/** Why a side term was not admitted (the first limit it breaks). */
export type SideLimit = "atoms" | "unaryNesting" | "occurrences" | "constants" | "groundSubterm";

export const noSideRejections = (): Record<SideLimit, number> => ({
  atoms: 0,
  unaryNesting: 0,
  occurrences: 0,
  constants: 0,
  groundSubterm: 0,
});

/** Side terms admitted by the limits, leaves first, then by depth in construction order. */
export function buildSides(
  sig: Signature,
  settings: ConjectureSettings,
  table: TermTable,
  rejected: Record<SideLimit, number>,
): TermId[] {
  const leaves: TermId[] = [];
  for (let v = 0; v < settings.maxVars; v++) leaves.push(table.variable(v));
  for (const k of sig.elementConstants) leaves.push(table.constant(k));
  const sides = [...leaves];
  const unary = new Set<number>();
  sig.operations.forEach((op, index) => {
    if (op.arity === 1) unary.add(index);
  });
  // The limits of `op(children)` follow from the children, so a rejected term is never interned.
  const limit = (op: number, children: readonly TermId[]): SideLimit | null => {
    const infos = children.map((c) => table.get(c));
    const atoms = infos.length === 1 ? infos[0]!.atoms.length : unionSize(infos[0]!.atoms, infos[1]!.atoms);
    if (atoms + 1 > settings.maxAtoms) return "atoms";
    // Nesting counts one function at a time: s(tri(a)) nests s once and tri once.
    if (unary.has(op)) {
      const runs = Math.max(...infos.map((i) => i.unaryRuns[op] ?? 0)) + 1;
      if (runs > settings.maxUnaryNesting) return "unaryNesting";
    }
    for (let v = 0; v < settings.maxVars; v++) {
      let n = 0;
      for (const i of infos) n += i.varCounts[v]!;
      if (n > settings.maxOccurrencesPerSide) return "occurrences";
    }
    let constants = 0;
    for (const i of infos) constants += i.constCount;
    if (constants > settings.maxConstantOccurrences) return "constants";
    const ground = infos.some((i) => i.hasGroundCompound) || infos.every((i) => i.varMask === 0);
    if (!settings.groundSubterms && ground) return "groundSubterm";
    return null;
  };
  for (let depth = 1; depth <= settings.maxDepth; depth++) {
    const below = sides.filter((t) => table.get(t).depth < depth);
    const fresh: TermId[] = [];
    const consider = (op: number, children: TermId[]): void => {
      const broken = limit(op, children);
      if (broken === null) fresh.push(table.apply(op, children));
      else rejected[broken]++;
    };
    sig.operations.forEach((op, index) => {
      if (op.arity === 1) {
        for (const x of below) if (table.get(x).depth === depth - 1) consider(index, [x]);
        return;
      }
      for (const x of below) {
        for (const y of below) {
          if (Math.max(table.get(x).depth, table.get(y).depth) !== depth - 1) continue;
          consider(index, [x, y]);
        }
      }
    });
    for (const t of fresh) sides.push(t);
  }
  return sides;
}
