/**
 * Lemmas for stuck goals: when `gl prove` leaves conjectures unproved, the discovery pipeline
 * proposes helper lemmas about the operations those goals mention. Candidates are enumerated
 * (engine/conjecture/), those the ground model refutes are dropped, and the survivors are
 * handed back to the prover as extra conjectures of the retry run, where each is proved like
 * any other statement before it is used as a rule. Nothing here proves anything itself: a
 * lemma that the retry cannot prove is never used.
 *
 * The operations kept are those the stuck goals use, plus the anchor's successor (induction
 * steps are stated with it). The search is bounded by `maxStuckGoals` and `maxCandidates`;
 * `stop` says whether a bound cut it, or why it did not run.
 */
import type { Conjecture, PatternAtom, Theory } from "../../mpl/theory.js";
import { constOfTerm } from "../../mpl/theory.js";
import { enumerateConjectures, filterCandidates } from "../conjecture/index.js";
import { type Signature, signatureOf } from "../conjecture/signature.js";
import type { Executor } from "../run.js";
import { finiteModelCandidates } from "./finite-lemmas.js";
import { DEFAULT_FINITE_MODEL_SETTINGS, type FiniteModelSearch } from "./finite-models.js";
import { computeModel } from "./model.js";

/**
 * The shapes of helper lemmas: discovery's, without repeated leaves, subterms shared by the
 * two sides, or sides without a common operation. Stuck goals need the small general laws, and
 * those shapes multiply the candidates the retry proves with the goals (GL's false sample of
 * eight lines: 18 s of CPU with them left out, 74 s with them in, no goal proved either way).
 */
export const LEMMA_SHAPES = { noDiagonal: true, noSharedSubterm: true, shareOperation: true } as const;

export interface LemmaSettings {
  /**
   * Most unproved goals the search runs for. The retry proves every goal together with every
   * lemma, and each lemma rule works in every goal's blocks, so its cost grows with both.
   */
  readonly maxStuckGoals: number;
  /** Most candidates taken (in enumeration order) before the model filter. */
  readonly maxCandidates: number;
  /** Largest numeral of the ground model. */
  readonly modelSize: number;
  /** Largest finite model searched for a theory without induction roles (engine/discovery/finite-models.ts). */
  readonly finiteModelSize?: number;
}

export const DEFAULT_LEMMA_SETTINGS: LemmaSettings = { maxStuckGoals: 24, maxCandidates: 1500, modelSize: 5 };

export type LemmaStop = "complete" | "max-lemma-candidates" | "max-lemma-goals" | "no-induction-roles";

/** The finite models that filtered the candidates of a theory without induction roles. */
export type FiniteModelReport = Omit<FiniteModelSearch, "models"> & { readonly count: number };

export interface LemmaSearch {
  /** Operation names the candidates may use. */
  readonly operations: string[];
  /** Enumerated candidates over those operations (before the bound). */
  readonly enumerated: number;
  readonly candidates: number;
  readonly refutedByModel: number;
  readonly survivors: Conjecture[];
  readonly stop: LemmaStop;
  readonly ms: number;
  /** Without induction roles: the finite models used as the filter. */
  readonly finiteModels?: FiniteModelReport;
}

/** The operation constants an atom applies (the constant in an operator relation's operation slot). */
function operationsOf(atoms: readonly PatternAtom[], sig: Signature): Set<number> {
  const out = new Set<number>();
  for (const a of atoms)
    for (const op of sig.operations) {
      const t = a.args[op.opSlot];
      if (a.pred === op.pred && t !== undefined && t < 0 && constOfTerm(t) === op.constant)
        out.add(op.constant);
    }
  return out;
}

/** Candidate lemmas for the stuck goals, filtered by the ground model. */
export async function lemmaCandidates(
  theory: Theory,
  stuck: readonly { readonly premises: readonly PatternAtom[]; readonly head: PatternAtom }[],
  settings: LemmaSettings,
  executor?: Executor,
): Promise<LemmaSearch> {
  const t0 = performance.now();
  const roles = theory.anchor?.roles;
  const bare: Theory = { ...theory, conjectures: [] };
  const sig = signatureOf(theory);
  const ops = operationsOf(
    stuck.flatMap((c) => [...c.premises, c.head]),
    sig,
  );
  if (roles) ops.add(roles.successor);
  const operations = [...ops].sort((a, b) => a - b).map((k) => theory.constants[k]!.name);
  const empty = (stop: LemmaStop, enumerated = 0): LemmaSearch => ({
    operations,
    enumerated,
    candidates: 0,
    refutedByModel: 0,
    survivors: [],
    stop,
    ms: Math.round(performance.now() - t0),
  });
  if (stuck.length > settings.maxStuckGoals) return empty("max-lemma-goals");
  // Without zero and successor there are no numerals: small finite models filter instead.
  if (!roles) {
    const f = finiteModelCandidates(bare, settings.maxCandidates, {
      ...DEFAULT_FINITE_MODEL_SETTINGS,
      maxSize: settings.finiteModelSize ?? DEFAULT_FINITE_MODEL_SETTINGS.maxSize,
    });
    return {
      operations: sig.operations.map((op) => theory.constants[op.constant]!.name),
      enumerated: f.enumerated,
      candidates: f.candidates,
      refutedByModel: f.refuted,
      survivors: f.survivors,
      stop: f.enumerated > f.candidates ? "max-lemma-candidates" : "complete",
      ms: Math.round(performance.now() - t0),
      finiteModels: f.models,
    };
  }
  const all = enumerateConjectures(bare, LEMMA_SHAPES).candidates.filter((c) =>
    [...operationsOf([...c.premises, c.head], sig)].every((k) => ops.has(k)),
  );
  const candidates = all.slice(0, settings.maxCandidates);
  // The candidates decide which values the model proves (their counterexamples' values).
  const model = await computeModel(bare, {
    size: settings.modelSize,
    candidates,
    ...(executor ? { executor } : {}),
  });
  const filtered = filterCandidates(candidates, bare, model.model);
  return {
    operations,
    enumerated: all.length,
    candidates: candidates.length,
    refutedByModel: filtered.refuted.length,
    survivors: filtered.survivors,
    stop: all.length > candidates.length ? "max-lemma-candidates" : "complete",
    ms: Math.round(performance.now() - t0),
  };
}
