/**
 * What a discovery run hands the site beside its proof graph: the stage counts, every
 * candidate with its outcome (a refuted or rejected one with its counterexample), the ground model's
 * values with the model theorems that prove them, and the essential theorems.
 */
export interface CandidateRecord {
  readonly name: string | null;
  readonly mpl: string;
  readonly readable: string;
  /**
   * `refuted`: false in the ground model (certified by proved model theorems); `rejected`:
   * false by exact evaluation on the host (not certified); `failed`: proved, but the re-check
   * by the verifier rejected the proof; `instance`: a survivor not proved separately, an
   * instance of the survivor named `instanceOf`.
   */
  readonly status: "refuted" | "rejected" | "proved" | "unproved" | "failed" | "instance";
  readonly instanceOf?: string;
  /**
   * The counterexample: the variables' numerals, the computed and claimed values, and the
   * values used (model theorems for a refuted candidate, evaluated values for a rejected one).
   */
  readonly counterexample: {
    readonly instance: Readonly<Record<string, number>>;
    readonly lhs: number;
    readonly rhs: number;
    readonly facts: readonly string[];
  } | null;
  /** The proof graph's theorem id of a proved candidate. */
  readonly theorem: string | null;
}

export interface ModelValue {
  /** The operation's name as the theory writes it (`+`, `succ`). */
  readonly op: string;
  readonly inputs: readonly number[];
  readonly value: number;
  /** The model theorem's name, as counterexamples cite it (`2 + 3 = 5`). */
  readonly fact: string;
  /** Its id in the model's proof graph (model.json), if it is there. */
  readonly theorem: string | null;
}

export interface DiscoveryReport {
  readonly stages: Readonly<Record<string, number | null>>;
  readonly candidatesFrom: string;
  readonly candidates: readonly CandidateRecord[];
  readonly model: {
    readonly size: number;
    readonly values: readonly ModelValue[];
    readonly distinctness: number;
  };
  /**
   * The exact-evaluation stage's closed forms (`a ^ b = a^b`), read off the axioms; absent in
   * a report from before the stage.
   */
  readonly closedForms?: readonly string[];
  /** Theorem ids kept by compression. */
  readonly essential: readonly string[];
}
