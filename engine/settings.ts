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
  /** Let proved theorems demand witnesses (hypotheses and goals always may; axioms see axiomDemands). */
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
  /**
   * Open goals equal up to associativity and commutativity of an operation whose laws are
   * theorems get the products that connect them (engine/saturate/ac-goals.ts).
   */
  rearrangeGoals: boolean;
  /**
   * Goal-directed terms (engine/saturate/goal-terms.ts): at most this many operator terms per
   * block, made when its saturation stops with a goal open; 0 switches them off. `auto`: the
   * default bound for theories without induction roles, 0 for theories with them.
   */
  goalTerms: number | "auto";
  /** Nesting of goal-directed terms over the block's constants (1: f(x̄) for constants x̄). */
  goalTermDepth: number;
  /**
   * The witness depth a run starts with; at each fixpoint with goals open it rises by one, up
   * to `maxWitnessDepth` (engine/run.ts). `auto`: 1 for theories without induction roles
   * (their goal-directed terms make deeper chains rarely needed, and each level multiplies the
   * facts), `maxWitnessDepth` for theories with them.
   */
  startWitnessDepth: number | "auto";
  /**
   * Use the comprehension principle of set definitions (mpl/comprehension.ts): a premise or
   * goal `D[ā, M]` with ā known and no set M demands a witness set, as an operation's value is
   * demanded. An assumption beyond the axioms, so off by default (docs/design.md).
   */
  comprehension: boolean;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  maxBursts: 24,
  maxWitnessDepth: 2,
  maxFactsPerBlock: 20_000,
  induction: true,
  mixedInduction: true,
  extraInduction: true,
  theoremDemands: false,
  axiomDemands: true,
  mirrors: true,
  theoremRules: true,
  rearrangeGoals: true,
  goalTerms: "auto",
  goalTermDepth: 2,
  startWitnessDepth: "auto",
  comprehension: false,
};

/** The bound `goalTerms: "auto"` gives a theory without induction roles. */
export const DEFAULT_GOAL_TERMS = 64;

/**
 * The defaults overridden by `overrides`, with the `auto` settings resolved for the theory:
 * goal-directed terms and a shallow first witness depth are for theories without induction
 * roles, where no induction step names the terms a proof needs; with roles they cost discovery
 * time and proved nothing more (docs/design.md, "Goal-directed terms").
 */
export function resolveSettings(
  overrides: Partial<EngineSettings>,
  hasInductionRoles: boolean,
): EngineSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides };
  if (s.goalTerms === "auto") s.goalTerms = hasInductionRoles ? 0 : DEFAULT_GOAL_TERMS;
  if (s.startWitnessDepth === "auto") s.startWitnessDepth = hasInductionRoles ? s.maxWitnessDepth : 1;
  s.startWitnessDepth = Math.min(s.startWitnessDepth, s.maxWitnessDepth);
  return s;
}

/** The goal-term bound of resolved settings (`auto` before resolution counts as off). */
export const goalTermBound = (s: EngineSettings): number => (s.goalTerms === "auto" ? 0 : s.goalTerms);

/** The first witness depth of resolved settings (`auto` before resolution: the maximum). */
export const startDepth = (s: EngineSettings): number =>
  s.startWitnessDepth === "auto" ? s.maxWitnessDepth : s.startWitnessDepth;
