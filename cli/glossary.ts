/**
 * One line for each term of the summaries that a new user may not know, printed after the
 * summary that first uses it.
 */
const TERMS = {
  mirrors:
    "mirrors: the same law with the two sides of its equation swapped (a + b = b + a read right to left); each is proved, not assumed",
  essential: "essential: the proved theorems the others do not already give; the rest follow from them",
  bursts:
    "bursts: rounds of the engine; in each, every logic block derives what it can, then blocks exchange facts",
} as const;

export type Term = keyof typeof TERMS;

/** The explanation lines for the given terms, in order. */
export function explainTerms(terms: readonly Term[]): string {
  return terms.map((t) => `  ${TERMS[t]}\n`).join("");
}
