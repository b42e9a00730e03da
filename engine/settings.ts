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
  /** Let proved theorems demand witnesses (hypotheses and goals always may). */
  theoremDemands: boolean;
  /**
   * Let axioms demand witnesses when a rule join needs an operation value no fact gives. The
   * ground model turns this off: it poses every value it needs as a goal, and the axioms'
   * demands would only compute values past its numerals, witness upon witness.
   */
  axiomDemands: boolean;
  /** Prove the symmetric variant of every proved theorem. */
  mirrors: boolean;
  /**
   * Proved theorems become rules from the next burst. The ground model turns this off: its
   * theorems are ground values, all proved in one block, and as rules (one premise per numeral)
   * they would only be matched again.
   */
  theoremRules: boolean;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  maxBursts: 24,
  maxWitnessDepth: 2,
  maxFactsPerBlock: 20_000,
  induction: true,
  mixedInduction: true,
  theoremDemands: false,
  axiomDemands: true,
  mirrors: true,
  theoremRules: true,
};
