/**
 * Discovery end to end: conjectures from the anchor's operations, a ground model proved by the
 * engine, the counterexample filter, exact evaluation of the survivors the model could not
 * evaluate (a second filter, not certified: exact-filter.ts), proofs of the survivors, and
 * compression to an essential subset. The theory's own named conjectures are targets to report on only: they are never
 * handed to the conjecturer or the prover. A given candidate list (e.g. another system's
 * conjecturer output) can stand in for the enumeration; everything after it is the same.
 */
import type { Conjecture, Theory } from "../../mpl/theory.js";
import {
  type ConjectureEnumeration,
  type ConjectureSettings,
  type ConjectureStats,
  canonicalKey,
  dropInstancesOfSurvivors,
  enumerateConjectures,
  filterCandidates,
  type InstanceDrop,
} from "../conjecture/index.js";
import type { Executor, LimitStop, ProgressEvent, RunResult } from "../run.js";
import { Engine } from "../run.js";
import type { EngineSettings } from "../settings.js";
import { mirror, type Statement, statementKey, statementOf } from "../statement.js";
import { type CompressResult, compress } from "./compress.js";
import { type ExactFilterResult, exactFilter } from "./exact-filter.js";
import { type ComputedModel, computeModel, type TheoremRule } from "./model.js";

export type { TheoremRule } from "./model.js";

export interface DiscoveryOptions {
  readonly modelSize: number;
  /** Largest numeral the ground model may use (default DEFAULT_MAX_VALUE). */
  readonly maxModelValue?: number;
  readonly settings: Partial<EngineSettings>;
  readonly executor: () => Executor | undefined;
  /** Candidates to use instead of enumerating them (the theory's conjectures stay targets). */
  readonly candidates?: readonly Conjecture[];
  /** Settings of the conjecturer (e.g. a later batch's `requireSymbols`). */
  readonly conjectureSettings?: Partial<ConjectureSettings>;
  /**
   * Theorems proved elsewhere (an earlier batch), as rules of every engine run here: the
   * proofs, the compressor and, where the axioms leave a function undefined, the ground model
   * (model.ts); `ref` is what steps cite.
   */
  readonly theoremRules?: readonly TheoremRule[];
  readonly onPhase?: (phase: string) => void;
  /** The candidates, once enumerated (or given): the caller may size its threads on them. */
  readonly onCandidates?: (candidates: readonly Conjecture[]) => void;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Progress of the model's bursts (the model phase can be long too). */
  readonly onModelProgress?: (e: ProgressEvent) => void;
  /** Asked between phases and bursts: a limit reason ends the run with what was proved so far. */
  readonly shouldStop?: () => LimitStop | null;
}

export interface TargetReport {
  readonly name: string;
  readonly status: "proved" | "not found";
  /** Index into RunResult.conjectures of the proved theorem matching it (or its mirror). */
  readonly conjecture: number | null;
}

export interface DiscoveryResult {
  readonly candidates: number;
  /** Null when the candidates were given. */
  readonly enumeration: ConjectureStats | null;
  /** The candidates, in order (enumerated or given). */
  readonly candidateList: readonly Conjecture[];
  readonly model: ComputedModel;
  /** Refuted by the ground model: certified, every value used is a proved model theorem. */
  readonly refuted: ReturnType<typeof filterCandidates>["refuted"];
  /**
   * The exact-evaluation stage: candidates it rejected (not certified, never mixed with
   * `refuted`), the closed forms it used, and how many it examined.
   */
  readonly exact: ExactFilterResult;
  /** Candidates left for the prover: survivors of the ground model not rejected by exact evaluation. */
  readonly survivors: number;
  /** Survivors not proved separately: instances of another survivor (engine/conjecture/instances.ts). */
  readonly instances: readonly InstanceDrop[];
  /** Survivors with an assignment the model could not evaluate (values past its bound, or unknown). */
  readonly undecided: number;
  readonly run: RunResult;
  readonly compression: CompressResult;
  readonly targets: TargetReport[];
  readonly ms: Record<string, number>;
  /** The limit that cut the run short (in whichever phase), or null. */
  readonly stoppedBy: LimitStop | null;
}

/** The candidates of a batch: enumerated (with statistics), or given (none, and no splits). */
type Candidates = Omit<ConjectureEnumeration, "stats"> & { readonly stats: ConjectureStats | null };

export async function discover(theory: Theory, o: DiscoveryOptions): Promise<DiscoveryResult> {
  const ms: Record<string, number> = {};
  const phase = async <T>(name: string, f: () => T | Promise<T>): Promise<T> => {
    o.onPhase?.(name);
    const t0 = performance.now();
    const r = await f();
    ms[name] = Math.round(performance.now() - t0);
    return r;
  };
  // Targets stay out of everything below.
  const bare: Theory = { ...theory, conjectures: [] };
  const en = await phase("conjectures", (): Candidates | Promise<Candidates> =>
    o.candidates
      ? { candidates: [...o.candidates], stats: null, splitKeys: () => [] }
      : enumerateConjectures(bare, o.conjectureSettings),
  );
  o.onCandidates?.(en.candidates);
  const model = await phase("model", () => {
    const executor = o.executor();
    return computeModel(bare, {
      size: o.modelSize,
      candidates: en.candidates,
      ...(o.maxModelValue ? { maxValue: o.maxModelValue } : {}),
      ...(o.theoremRules ? { theoremRules: o.theoremRules } : {}),
      ...(executor ? { executor } : {}),
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
      ...(o.onModelProgress ? { onProgress: o.onModelProgress } : {}),
    });
  });
  const filtered = await phase("filter", () => filterCandidates(en.candidates, bare, model.model));
  // Survivors the model could not evaluate everywhere, evaluated exactly on the host: a false
  // one (values past the model's bound) is rejected before it costs proof attempts.
  const exact = await phase("exact", () =>
    exactFilter(bare, model.guide, filtered.survivors, model.undecided, o.modelSize),
  );
  // Enumerated survivors that are instances of other survivors follow from them (instances.ts);
  // given candidates are all proved as given. After exact evaluation: a rejected candidate's
  // instances do not follow from it.
  const indexOf = new Map(en.candidates.map((c, i) => [c, i]));
  const instances = dropInstancesOfSurvivors(exact.survivors, canonicalKey, (c) =>
    en.splitKeys(indexOf.get(c) ?? -1),
  );
  // Survivors the model's guide could not evaluate on every assignment of the test range.
  const undecided = filtered.survivors.filter((c) => model.undecided.has(c)).length;
  const run = await phase("prove", async () => {
    // No second round of induction shapes: the survivors left open are many-variable laws on
    // which it costs most and, on the examples, proves nothing (docs/design.md, Induction).
    const engine = new Engine(bare, { ...o.settings, extraInduction: false });
    for (const r of o.theoremRules ?? []) engine.addTheoremRule(r.statement, r.ref);
    // Smallest survivors first: a larger one enters once the smaller ones are settled (all
    // proved, or a burst proved nothing more), so that it starts with their theorems as rules
    // instead of saturating its induction blocks without them.
    const stages = bySize(instances.kept, bare);
    let stage = 0;
    let entered: number[] = [];
    const enter = (): void => {
      entered = [];
      for (const c of stages[stage++] ?? []) {
        const i = engine.addConjecture({
          name: c.name,
          mpl: c.mpl,
          statement: statementOf(c),
          mirrorOf: null,
        });
        if (i !== null) entered.push(i);
      }
    };
    enter();
    let provedBefore = 0;
    const executor = o.executor();
    return engine.run({
      ...(executor ? { executor } : {}),
      onProgress: (e) => {
        o.onProgress?.(e);
        const settled = entered.every((i) => engine.conjectures[i]!.proved) || e.proved === provedBefore;
        provedBefore = e.proved;
        if (settled && stage < stages.length) enter();
      },
      ...(o.shouldStop ? { shouldStop: o.shouldStop } : {}),
    });
  });
  const compression = await phase("compress", () =>
    compress(
      bare,
      run.theorems.map((t) => {
        const c = run.conjectures[t.conjecture]!;
        const method = c.attempts[c.proved!.attempt]!.method;
        return { id: t.rule.ref, statement: c.statement, method };
      }),
      o.theoremRules,
    ),
  );
  const targets = matchTargets(theory, run);
  return {
    candidates: en.candidates.length,
    enumeration: en.stats,
    candidateList: en.candidates,
    model,
    refuted: filtered.refuted,
    exact,
    survivors: exact.survivors.length,
    instances: instances.dropped,
    undecided,
    run,
    compression,
    targets,
    ms,
    stoppedBy: limitOf(model.run.stopReason) ?? limitOf(run.stopReason),
  };
}

const limitOf = (r: RunResult["stopReason"]): LimitStop | null =>
  r === "timeout" || r === "max-memory" ? r : null;

/** A target is found when a proved theorem equals it, or its mirror, up to renaming and premise order. */
function matchTargets(theory: Theory, run: RunResult): TargetReport[] {
  const byKey = new Map<string, number>();
  for (const t of run.theorems)
    byKey.set(statementKey(run.conjectures[t.conjecture]!.statement), t.conjecture);
  return theory.conjectures.map((target) => {
    const st: Statement = statementOf(target);
    const m = mirror(st, theory.predicates);
    const hit = byKey.get(statementKey(st)) ?? (m ? byKey.get(statementKey(m)) : undefined);
    return { name: target.name, status: hit === undefined ? "not found" : "proved", conjecture: hit ?? null };
  });
}

/** Conjectures grouped by operator atoms (premises, and the head unless an equality), smallest first. */
function bySize(cs: readonly Conjecture[], theory: Theory): Conjecture[][] {
  const size = (c: Conjecture) => c.premises.length + (theory.predicates[c.head.pred]?.operator ? 1 : 0);
  const groups = new Map<number, Conjecture[]>();
  for (const c of cs) {
    const list = groups.get(size(c)) ?? [];
    list.push(c);
    groups.set(size(c), list);
  }
  return [...groups.keys()].sort((a, b) => a - b).map((k) => groups.get(k)!);
}
