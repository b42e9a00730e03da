/**
 * The lemma step of `gl prove`: a first run proves what it can; when goals stay unproved,
 * discovery proposes helper lemmas (engine/discovery/lemmas.ts) and a second run proves the
 * conjectures with them. The second run's graph is kept only when it proves more of the
 * theory's conjectures. Lemmas in the kept graph are marked `provenance: "discovery"`;
 * unproved candidates are left out of it (they were never goals).
 *
 * - With induction roles the lemmas are extra conjectures of the second run, each proved
 *   before it is used as a rule.
 * - Without them (finite models filter the candidates) the lemmas are proved first, in a run
 *   of their own; the retry then starts with the proved ones as theorem rules from its first
 *   burst, and the kept graph is the lemma run's theorems followed by the retry's, renumbered
 *   (the retry's citations of lemma `T<k>` become the merged ids). In one run, a stuck goal
 *   that needs a deeper witness bound reached it together with the lemmas and filled its block
 *   before their theorems arrived.
 *
 * The prover is the caller's (the command's executor, progress and limits): `ProverCall` says
 * what one run proves.
 */
import type { ProofGraph, StepJson, TheoremJson } from "../../export/schema.js";
import type { Conjecture, Theory } from "../../mpl/theory.js";
import type { ConjectureRun, RunResult } from "../run.js";
import type { Statement } from "../statement.js";
import { type FiniteModelReport, type LemmaSettings, type LemmaStop, lemmaCandidates } from "./lemmas.js";

/** What one prover run is asked to prove. */
export interface ProverCall {
  /** The conjectures (the theory's, or only lemma candidates). */
  readonly conjectures: readonly Conjecture[];
  /** Helper lemmas proved in the same run, after the conjectures. */
  readonly lemmas?: readonly Conjecture[];
  /** Conjectures (by name, else MPL) to induct on pure inputs only. */
  readonly pureInduction?: ReadonlySet<string>;
  /** Proved statements available as rules from the first burst, cited by `ref`. */
  readonly theorems?: readonly { readonly statement: Statement; readonly ref: string }[];
}

/** What the step needs of a run's result. */
export interface ProverRun {
  readonly run: RunResult;
  readonly graph: ProofGraph;
  /** Indices into run.conjectures of the `lemmas` the run kept. */
  readonly lemmaConjectures: ReadonlySet<number>;
}

export interface LemmaUse {
  /** The goal's name (or statement). */
  readonly goal: string;
  /** Lemma theorems its proof relies on, directly or through other theorems. */
  readonly lemmas: { readonly id: string; readonly statement: string }[];
}

export interface LemmaReport {
  /** Goals left unproved by the first run. */
  readonly stuck: string[];
  readonly operations: string[];
  readonly enumerated: number;
  readonly candidates: number;
  readonly refutedByModel: number;
  readonly survivors: number;
  /** Lemmas proved in the kept run (mirrors not counted); 0 when the first run was kept. */
  readonly proved: number;
  /** Goals proved only with lemmas, and the lemmas each used. */
  readonly used: LemmaUse[];
  /** Why the search stopped: complete, or the bound or condition that cut it. */
  readonly stop: LemmaStop | "retry-proved-no-more";
  readonly ms: number;
  /** Without induction roles: the finite models that filtered the candidates. */
  readonly finiteModels?: FiniteModelReport;
}

const label = (c: ConjectureRun): string => c.name ?? c.mpl;

/** Goals of the theory (not mirrors, not lemmas) that a run proved. */
function provedGoals(r: ProverRun): Set<string> {
  return new Set(
    r.run.conjectures
      .filter((c) => c.proved && c.mirrorOf === null && !r.lemmaConjectures.has(c.index))
      .map(label),
  );
}

export interface LemmaStepOptions {
  /** Called once the first run leaves goals unproved, before the search. */
  readonly onStuck?: (goals: number) => void;
}

export async function proveWithLemmas<R extends ProverRun>(
  theory: Theory,
  conjectures: readonly Conjecture[],
  prove: (call: ProverCall) => Promise<R>,
  lemmas: LemmaSettings | null,
  o: LemmaStepOptions = {},
): Promise<{ result: R; lemmas: LemmaReport | null }> {
  const first = await prove({ conjectures });
  // A run stopped by --timeout or --max-memory reports what it has; no search after it.
  const limited = first.run.stopReason === "timeout" || first.run.stopReason === "max-memory";
  if (!lemmas || limited) return { result: first, lemmas: null };
  const stuck = first.run.conjectures.filter(
    (c) => c.mirrorOf === null && !c.proved && c.attempts.length > 0,
  );
  if (stuck.length === 0) return { result: first, lemmas: null };
  o.onStuck?.(stuck.length);
  const search = await lemmaCandidates(
    theory,
    stuck.map((c) => c.statement),
    lemmas,
  );
  const base = {
    stuck: stuck.map(label),
    operations: search.operations,
    enumerated: search.enumerated,
    candidates: search.candidates,
    refutedByModel: search.refutedByModel,
    survivors: search.survivors.length,
    ...(search.finiteModels ? { finiteModels: search.finiteModels } : {}),
  };
  const t0 = performance.now();
  const elapsed = () => search.ms + Math.round(performance.now() - t0);
  const keepFirst = (stop: LemmaReport["stop"]) => ({
    result: first,
    lemmas: { ...base, proved: 0, used: [], stop, ms: elapsed() },
  });
  if (search.survivors.length === 0) return keepFirst(search.stop);
  const second = search.finiteModels
    ? await lemmasFirst(conjectures, search.survivors, prove)
    : // Stuck goals retry with the lemmas but induct on pure inputs only: the extra induction
      // variables in every lemma-rich block made the retry many times slower on goals that
      // stay false, and the goals the first run proved keep the attempts that proved them.
      {
        result: await prove({
          conjectures,
          lemmas: search.survivors,
          pureInduction: new Set(stuck.map(label)),
        }),
        lemmaTheorems: 0,
      };
  if (second === null) return keepFirst("retry-proved-no-more");
  const before = provedGoals(first);
  if (provedGoals(second.result).size <= before.size) return keepFirst("retry-proved-no-more");
  const { used, proved } = markLemmas(second.result, before, second.lemmaTheorems);
  return { result: second.result, lemmas: { ...base, proved, used, stop: search.stop, ms: elapsed() } };
}

/** The ref a lemma theorem of the lemma run has in the retry (renamed when the graphs merge). */
const lemmaRef = (id: string): string => `lemma:${id}`;

/**
 * Proves the candidates in a run of their own, then the conjectures with the proved ones as
 * theorem rules; the result carries the merged graph (null when no candidate was proved).
 */
async function lemmasFirst<R extends ProverRun>(
  conjectures: readonly Conjecture[],
  candidates: readonly Conjecture[],
  prove: (call: ProverCall) => Promise<R>,
): Promise<{ result: R; lemmaTheorems: number } | null> {
  const lemmaRun = await prove({ conjectures: candidates });
  const proved = lemmaRun.graph.theorems;
  if (proved.length === 0) return null;
  const theorems = lemmaRun.run.theorems.map((t, i) => ({
    statement: lemmaRun.run.conjectures[t.conjecture]!.statement,
    ref: lemmaRef(proved[i]!.id),
  }));
  const retry = await prove({ conjectures, theorems });
  const graph = mergeGraphs(lemmaRun.graph, retry.graph);
  return { result: { ...retry, graph }, lemmaTheorems: proved.length };
}

/**
 * The lemma run's theorems (marked as discovery lemmas), then the retry's renumbered after
 * them; the retry's unproved conjectures; the work of both runs.
 */
function mergeGraphs(lemmas: ProofGraph, retry: ProofGraph): ProofGraph {
  const k = lemmas.theorems.length;
  const lemmaIds = new Map(lemmas.theorems.map((t) => [lemmaRef(t.id), t.id]));
  const id = (ref: string): string => lemmaIds.get(ref) ?? `T${Number(ref.slice(1)) + k}`;
  const shifted = retry.theorems.map(
    (t): TheoremJson => ({
      ...t,
      id: id(t.id),
      ...(t.mirrorOf ? { mirrorOf: id(t.mirrorOf) } : {}),
      burst: t.burst + lemmas.run.bursts,
      uses: t.uses.map(id).sort(),
      steps: t.steps.map((s): StepJson => (s.kind === "theorem" && s.ref ? { ...s, ref: id(s.ref) } : s)),
    }),
  );
  const marked = lemmas.theorems.map((t): TheoremJson => ({ ...t, provenance: "discovery" }));
  const a = lemmas.run;
  const b = retry.run;
  return {
    ...retry,
    theorems: [...marked, ...shifted],
    run: {
      ...b,
      bursts: a.bursts + b.bursts,
      blocks: a.blocks + b.blocks,
      facts: a.facts + b.facts,
      witnesses: a.witnesses + b.witnesses,
      blocksAtFactLimit: a.blocksAtFactLimit + b.blocksAtFactLimit,
    },
  };
}

/**
 * Marks lemma theorems in the graph, drops unproved candidates from it, and says which goals
 * used which lemmas. `lemmaTheorems`: the graph's first theorems are lemmas proved in a run of
 * their own (the merged graph of `lemmasFirst`); otherwise lemmas are the run's `lemmaConjectures`.
 */
function markLemmas(
  r: ProverRun,
  provedBefore: ReadonlySet<string>,
  lemmaTheorems = 0,
): { used: LemmaUse[]; proved: number } {
  const { run, graph } = r;
  const isLemma: boolean[] = graph.theorems.map((_, i) => i < lemmaTheorems);
  run.theorems.forEach((t, i) => {
    const c = run.conjectures[t.conjecture]!;
    const g = i + lemmaTheorems;
    isLemma[g] =
      r.lemmaConjectures.has(c.index) || (c.mirrorOf !== null && isLemma[c.mirrorOf + lemmaTheorems]!);
    if (isLemma[g]) graph.theorems[g]!.provenance = "discovery";
  });
  const isLemmaCandidate = (c: ConjectureRun): boolean =>
    r.lemmaConjectures.has(c.index) || (c.mirrorOf !== null && isLemma[c.mirrorOf + lemmaTheorems]!);
  const unprovedRuns = run.conjectures.filter((c) => !c.proved);
  graph.unproved = graph.unproved.filter((_, i) => !isLemmaCandidate(unprovedRuns[i]!));
  const byId = new Map(graph.theorems.map((t, i) => [t.id, i]));
  const used: LemmaUse[] = [];
  run.theorems.forEach((t, i) => {
    const c = run.conjectures[t.conjecture]!;
    if (isLemma[i + lemmaTheorems] || c.mirrorOf !== null || provedBefore.has(label(c))) return;
    // Every theorem this proof reaches through `uses`.
    const seen = new Set<number>();
    const stack = [i + lemmaTheorems];
    while (stack.length) {
      const k = stack.pop()!;
      for (const u of graph.theorems[k]!.uses) {
        const j = byId.get(u)!;
        if (!seen.has(j)) {
          seen.add(j);
          stack.push(j);
        }
      }
    }
    const lemmas = [...seen]
      .filter((j) => isLemma[j])
      .sort((a, b) => a - b)
      .map((j) => ({ id: graph.theorems[j]!.id, statement: graph.theorems[j]!.readable }));
    used.push({ goal: label(c), lemmas });
  });
  const lemmaRuns = graph.theorems.filter((t, j) => isLemma[j] && t.mirrorOf === undefined).length;
  return { used, proved: lemmaRuns };
}
