/** Engine limits. Every limit that cuts work is reported in the run summary, never silent. */
export interface EngineSettings {
  /** Bursts before the run stops with `max-bursts`. */
  maxBursts: number;
  /** Witness depth: a witness made from block constants has depth 1, from a depth-1 witness 2, … */
  maxWitnessDepth: number;
  /** A block stops saturating when it holds this many facts (`--max-facts`; the blocks are reported, and the stop reason is `max-facts` when a run ends with goals open). */
  maxFactsPerBlock: number;
  /** Try induction on each free input variable of a conjecture. */
  induction: boolean;
  /**
   * Also induct on variables that are operator inputs somewhere but occur elsewhere too (an
   * output, an equality), not only on pure inputs (statement.ts, inductionVars).
   */
  mixedInduction: boolean;
  /**
   * When a run reaches a fixpoint with goals open, add a second round of induction attempts for
   * them (engine/plan.ts, escalate): every induction variable, and hypotheses generalised over
   * all other variables.
   */
  extraInduction: boolean;
  /** Let proved theorems demand witnesses (hypotheses, goals and axioms always may). */
  theoremDemands: boolean;
  /** Prove the symmetric variant of every proved theorem. */
  mirrors: boolean;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  maxBursts: 24,
  maxWitnessDepth: 2,
  maxFactsPerBlock: 20_000,
  induction: true,
  mixedInduction: true,
  extraInduction: true,
  theoremDemands: false,
  mirrors: true,
};
