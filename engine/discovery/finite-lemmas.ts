/**
 * Lemma candidates for a theory without induction roles (no numerals, so no ground model):
 * the conjecturer's equations over the whole signature, filtered by the small finite models
 * of the axioms (engine/discovery/finite-models.ts). When the theory cannot be read
 * one-sorted, nothing is filtered and the prover alone decides, within the candidate bound.
 *
 * The enumeration keeps shapes that Peano discovery filters as redundant, because small
 * algebra needs them: a unary function nested twice (inv(inv(a)) = a), one subterm on both
 * sides and operands in both orders (a·inv(a) = inv(a)·a), an operation applied to one leaf
 * twice. All operations are used, not only those of the stuck goals: a·e = a is proved
 * through inv, which the goal does not name.
 */
import type { Conjecture, Theory } from "../../mpl/theory.js";
import { enumerateConjectures, filterCandidates } from "../conjecture/index.js";
import type { ConjectureSettings } from "../conjecture/settings.js";
import { type FiniteModelSearch, type FiniteModelSettings, findFiniteModels } from "./finite-models.js";

/** Enumerator settings of the lemma search without induction roles (see the module doc). */
export const FINITE_LEMMA_ENUMERATION: Partial<ConjectureSettings> = {
  maxUnaryNesting: 2,
  noSharedSubterm: false,
  consistentOperandOrder: false,
  leafPairOnce: false,
  noDiagonal: false,
};

export interface FiniteLemmaSearch {
  /** Candidates enumerated (before the bound), taken, and surviving every model. */
  readonly enumerated: number;
  readonly candidates: number;
  readonly refuted: number;
  readonly survivors: Conjecture[];
  readonly models: Omit<FiniteModelSearch, "models"> & { readonly count: number };
}

/** Candidates over the theory's whole signature, minus those a small model refutes. */
export function finiteModelCandidates(
  bare: Theory,
  maxCandidates: number,
  models: FiniteModelSettings,
): FiniteLemmaSearch {
  const all = enumerateConjectures(bare, FINITE_LEMMA_ENUMERATION).candidates;
  const candidates = all.slice(0, maxCandidates);
  const search = findFiniteModels(bare, models);
  let survivors = candidates;
  for (const m of search.models) {
    if (survivors.length === 0) break;
    survivors = filterCandidates(survivors, bare, m).survivors;
  }
  const { models: found, ...rest } = search;
  return {
    enumerated: all.length,
    candidates: candidates.length,
    refuted: candidates.length - survivors.length,
    survivors,
    models: { ...rest, count: found.length },
  };
}
