/**
 * The terms that may stand on one side of an equation: variables and element constants, then
 * applications of the signature's operations, depth by depth, each admitted only within the
 * per-side limits of the settings. A term that contains a rejected term breaks the same limit, so
 * rejected terms are never extended.
 */
import type { ConjectureSettings } from "./settings.js";
import type { Signature } from "./signature.js";
import type { TermId, TermTable } from "./term.js";

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
  const limit = (t: TermId): SideLimit | null => {
    const info = table.get(t);
    if (info.atoms.length > settings.maxAtoms) return "atoms";
    if (info.unaryNesting > settings.maxUnaryNesting) return "unaryNesting";
    if (info.varCounts.some((n) => n > settings.maxOccurrencesPerSide)) return "occurrences";
    if (info.constCount > settings.maxConstantOccurrences) return "constants";
    if (!settings.groundSubterms && info.hasGroundCompound) return "groundSubterm";
    return null;
  };
  for (let depth = 1; depth <= settings.maxDepth; depth++) {
    const below = sides.filter((t) => table.get(t).depth < depth);
    const fresh: TermId[] = [];
    const consider = (t: TermId): void => {
      const broken = limit(t);
      if (broken === null) fresh.push(t);
      else rejected[broken]++;
    };
    sig.operations.forEach((op, index) => {
      if (op.arity === 1) {
        for (const x of below) if (table.get(x).depth === depth - 1) consider(table.apply(index, [x]));
        return;
      }
      for (const x of below) {
        for (const y of below) {
          if (Math.max(table.get(x).depth, table.get(y).depth) !== depth - 1) continue;
          consider(table.apply(index, [x, y]));
        }
      }
    });
    sides.push(...fresh);
  }
  return sides;
}
