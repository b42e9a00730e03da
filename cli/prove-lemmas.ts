/**
 * `gl prove` with lemmas for stuck goals: a first run proves what it can; when goals stay
 * unproved, discovery proposes helper lemmas over the operations they use
 * (engine/discovery/lemmas.ts) and a second run proves the conjectures together with those
 * lemmas, each lemma proved before it is used as a rule. The second run's graph is kept only
 * when it proves more of the theory's conjectures. Lemmas in the kept graph are marked with
 * `provenance: "discovery"`; unproved candidates are left out of it (they were never goals).
 */

import { type LemmaSettings, type LemmaStop, lemmaCandidates } from "../engine/discovery/lemmas.js";
import type { ConjectureRun } from "../engine/run.js";
import { recordWidth } from "../engine/run.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { newPool, type ProverOptions, type ProverResult, runProver } from "./run-engine.js";

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
}

const label = (c: ConjectureRun): string => c.name ?? c.mpl;

/** Goals of the theory (not mirrors, not lemmas) that a run proved. */
function provedGoals(r: ProverResult): Set<string> {
  return new Set(
    r.run.conjectures
      .filter((c) => c.proved && c.mirrorOf === null && !r.lemmaConjectures.has(c.index))
      .map(label),
  );
}

export async function proveWithLemmas(
  theory: Theory,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
  lemmas: LemmaSettings | null,
): Promise<{ result: ProverResult; lemmas: LemmaReport | null }> {
  // One pool serves both runs: the retry finds its threads loaded and warm.
  const pool = lemmas && !o.pool ? newPool(theory, recordWidth(theory), conjectures, o) : null;
  try {
    return await searchAndRetry(theory, conjectures, pool ? { ...o, pool } : o, lemmas);
  } finally {
    await pool?.close();
  }
}

async function searchAndRetry(
  theory: Theory,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
  lemmas: LemmaSettings | null,
): Promise<{ result: ProverResult; lemmas: LemmaReport | null }> {
  const first = await runProver(theory, conjectures, o);
  // A run stopped by --timeout or --max-memory reports what it has; no search after it.
  const limited = first.run.stopReason === "timeout" || first.run.stopReason === "max-memory";
  if (!lemmas || limited) return { result: first, lemmas: null };
  const stuck = first.run.conjectures.filter(
    (c) => c.mirrorOf === null && !c.proved && c.attempts.length > 0,
  );
  if (stuck.length === 0) return { result: first, lemmas: null };
  if (!o.quiet) process.stderr.write(`${o.phase}: ${stuck.length} goals unproved; looking for lemmas…\n`);
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
  };
  const keepFirst = (stop: LemmaReport["stop"]) => ({
    result: first,
    lemmas: { ...base, proved: 0, used: [], stop, ms: search.ms },
  });
  if (search.survivors.length === 0) return keepFirst(search.stop);
  const t0 = performance.now();
  // Stuck goals retry with the lemmas but induct on pure inputs only: the extra induction
  // variables in every lemma-rich block made the retry many times slower on goals that stay
  // false, and the goals the first run proved keep the attempts that proved them.
  const second = await runProver(theory, conjectures, {
    ...o,
    lemmas: search.survivors,
    pureInduction: new Set(stuck.map(label)),
  });
  const ms = search.ms + Math.round(performance.now() - t0);
  const before = provedGoals(first);
  const after = provedGoals(second);
  if (after.size <= before.size)
    return {
      ...keepFirst("retry-proved-no-more"),
      lemmas: { ...keepFirst("retry-proved-no-more").lemmas, ms },
    };
  const { used, proved } = markLemmas(second, before);
  return {
    result: second,
    lemmas: { ...base, proved, used, stop: search.stop, ms },
  };
}

/** Marks lemma theorems in the graph, drops unproved candidates from it, and says which goals used which lemmas. */
function markLemmas(
  r: ProverResult,
  provedBefore: ReadonlySet<string>,
): { used: LemmaUse[]; proved: number } {
  const { run, graph } = r;
  const lemmaTheorem: boolean[] = [];
  run.theorems.forEach((t, i) => {
    const c = run.conjectures[t.conjecture]!;
    lemmaTheorem[i] = r.lemmaConjectures.has(c.index) || (c.mirrorOf !== null && lemmaTheorem[c.mirrorOf]!);
    if (lemmaTheorem[i]) graph.theorems[i]!.provenance = "discovery";
  });
  const isLemmaCandidate = (c: ConjectureRun): boolean =>
    r.lemmaConjectures.has(c.index) || (c.mirrorOf !== null && lemmaTheorem[c.mirrorOf]!);
  const unprovedRuns = run.conjectures.filter((c) => !c.proved);
  graph.unproved = graph.unproved.filter((_, i) => !isLemmaCandidate(unprovedRuns[i]!));
  const byId = new Map(graph.theorems.map((t, i) => [t.id, i]));
  const used: LemmaUse[] = [];
  run.theorems.forEach((t, i) => {
    const c = run.conjectures[t.conjecture]!;
    if (lemmaTheorem[i] || c.mirrorOf !== null || provedBefore.has(label(c))) return;
    // Every theorem this proof reaches through `uses`.
    const seen = new Set<number>();
    const stack = [i];
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
      .filter((j) => lemmaTheorem[j])
      .sort((a, b) => a - b)
      .map((j) => ({ id: graph.theorems[j]!.id, statement: graph.theorems[j]!.readable }));
    used.push({ goal: label(c), lemmas });
  });
  const proved = run.theorems.filter(
    (t, i) => lemmaTheorem[i] && run.conjectures[t.conjecture]!.mirrorOf === null,
  ).length;
  return { used, proved };
}
