/**
 * The mirror of a conjecture: the same equation read the other way round. The head computes one
 * side into the variable that the other side's top premise outputs; swapping that premise and
 * the head states the equation with the sides exchanged (`a+b=c → b+a=c` mirrors to
 * `b+a=c → a+b=c`). It is a different chain but, operations being total and single-valued,
 * an equivalent statement, so the conjecturer keeps only one of the two.
 */
import type { Conjecture, PatternAtom, Theory } from "../../mpl/theory.js";
import { buildConjecture } from "./render.js";

/**
 * The premise index and chain of the mirror, or null when the head is not a positive operator
 * atom or no premise outputs the head's output variable. With several such premises the first
 * listed one is taken.
 */
export function mirrorChain(
  premises: readonly PatternAtom[],
  head: PatternAtom,
  theory: Theory,
): { premises: PatternAtom[]; head: PatternAtom } | null {
  const op = theory.predicates[head.pred]?.operator ?? null;
  if (op === null || head.negated) return null;
  const out = head.args[op.output];
  if (out === undefined || out < 0) return null;
  const other = premises.findIndex((p) => {
    const pop = theory.predicates[p.pred]?.operator ?? null;
    return pop !== null && !p.negated && p.args[pop.output] === out;
  });
  if (other < 0) return null;
  const swapped = premises.map((p, i) => (i === other ? head : p));
  return { premises: swapped, head: premises[other]! };
}

/** The mirror as a normalised conjecture named `<name>-mirror`, or null (see `mirrorChain`). */
export function mirrorOf(c: Conjecture, theory: Theory): Conjecture | null {
  const chain = mirrorChain(c.premises, c.head, theory);
  if (chain === null) return null;
  const mirrored = buildConjecture(`${c.name}-mirror`, chain.premises, chain.head, theory);
  return { ...mirrored, source: c.source };
}
