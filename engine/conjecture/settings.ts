/**
 * Settings of the conjecturer: the size limits of the enumerated equations and the switches
 * of the redundancy filters. Every default is chosen so that the Peano laws of interest (the
 * commutativity, associativity and distributivity laws and the lemmas their proofs need) are
 * produced while the candidate set stays in the hundreds; docs/discovery.md gives the reasons.
 *
 * Nothing here names a particular theory: operations are the anchor's `function` and
 * `operation` parameters, leaves are variables and the anchor's `element` parameters.
 */

export interface ConjectureSettings {
  /** Most distinct variables in one conjecture (the equation's leaves, not intermediate results). */
  readonly maxVars: number;
  /**
   * Most operator atoms in premises plus head: the number of distinct compound subterms of the
   * equation (a subterm occurring twice is one atom).
   */
  readonly maxAtoms: number;
  /** Deepest nesting of operations within one side; a leaf has depth 0, `a+b` depth 1. */
  readonly maxDepth: number;
  /** Most applications of one unary function along any path of a side (e.g. 1 forbids `s(s(a))`). */
  readonly maxUnaryNesting: number;
  /** Most occurrences of element constants in the whole equation. */
  readonly maxConstantOccurrences: number;
  /** Most operator atoms of an equation that contains an element constant. */
  readonly maxAtomsWithConstants: number;
  /** Most occurrences of one variable within one side. */
  readonly maxOccurrencesPerSide: number;
  /**
   * Whether a side may be a bare variable, giving an equality head (`0+a=c → =[a,c]`). Without
   * it laws such as `0+a = a` can only appear in their two-sided forms (`0+a = a+0`).
   */
  readonly equalityHeads: boolean;
  /** Whether a compound subterm may be free of variables (`s(0)`, `0+0`). */
  readonly groundSubterms: boolean;
  /**
   * Drop an equation that is the instance of a smaller one obtained by replacing every
   * occurrence of a compound subterm by a fresh variable (`s(a)+b = b+s(a)` from `x+b = b+x`).
   */
  readonly dropInstances: boolean;
  /**
   * Drop an equation in which one binary operation is applied to the same two leaves in both
   * orders (`a+(b·c) = a+(c·b)` is fine, `(a+b)·c = c·(b+a)` is not), except the bare
   * commutativity law `x∘y = y∘x` itself.
   */
  readonly consistentOperandOrder: boolean;
  /** Drop an equation in which two atoms have the same two leaves as operands (bare commutativity excepted). */
  readonly leafPairOnce: boolean;
  /** Drop an equation whose sides both use binary operations but share none. */
  readonly shareOperation: boolean;
  /** Drop an equation with an atom applying a binary operation to one leaf twice (`a+a`). */
  readonly noDiagonal: boolean;
  /** Drop an equation with a compound subterm on both sides. */
  readonly noSharedSubterm: boolean;
  /**
   * Theory constant ids (operations, functions or element constants): when given, a candidate
   * must mention at least one of them (a later batch proposes only what the earlier one could
   * not state). Applied to pairs of sides before they are formed, so the pairs it rules out cost
   * a count, not a filter run each.
   */
  readonly requireSymbols?: readonly number[];
}

export const DEFAULT_CONJECTURE_SETTINGS: ConjectureSettings = {
  maxVars: 3,
  maxAtoms: 5,
  maxDepth: 2,
  maxUnaryNesting: 1,
  maxConstantOccurrences: 2,
  maxAtomsWithConstants: 2,
  maxOccurrencesPerSide: 2,
  equalityHeads: true,
  groundSubterms: false,
  dropInstances: true,
  consistentOperandOrder: true,
  leafPairOnce: true,
  shareOperation: false,
  noDiagonal: false,
  noSharedSubterm: false,
};

/** The defaults overridden by the given fields; rejects values the enumerator cannot honour. */
export function resolveConjectureSettings(overrides: Partial<ConjectureSettings> = {}): ConjectureSettings {
  const settings: ConjectureSettings = { ...DEFAULT_CONJECTURE_SETTINGS, ...overrides };
  const counts: (keyof ConjectureSettings)[] = [
    "maxVars",
    "maxAtoms",
    "maxDepth",
    "maxUnaryNesting",
    "maxConstantOccurrences",
    "maxAtomsWithConstants",
    "maxOccurrencesPerSide",
  ];
  for (const key of counts) {
    const value = settings[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new RangeError(`conjecture setting ${key} must be a non-negative integer, got ${String(value)}`);
    }
  }
  if (settings.maxVars > 26) throw new RangeError("conjecture setting maxVars must be at most 26");
  return settings;
}
