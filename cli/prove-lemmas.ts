/**
 * `gl prove` with lemmas for stuck goals: the lemma step of the library
 * (engine/discovery/lemma-step.ts) run with this command's prover (executor, progress, limits).
 * Every run of the step (the first, a lemma run, the retry) proves on one pool, so the later
 * runs find its threads loaded and warm.
 */
import { type LemmaReport, proveWithLemmas as lemmaStep } from "../engine/discovery/lemma-step.js";
import type { LemmaSettings } from "../engine/discovery/lemmas.js";
import { recordWidth } from "../engine/run.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { newPool, type ProverOptions, type ProverResult, profilingOf, runProver } from "./run-engine.js";

export type { LemmaReport, LemmaUse } from "../engine/discovery/lemma-step.js";

export async function proveWithLemmas(
  theory: Theory,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
  lemmas: LemmaSettings | null,
): Promise<{ result: ProverResult; lemmas: LemmaReport | null }> {
  const profiling = lemmas && !o.pool ? profilingOf(o) : null;
  const pool = lemmas && !o.pool ? newPool(theory, recordWidth(theory), conjectures, o, profiling) : null;
  const shared = pool ? { ...o, pool } : o;
  try {
    return await lemmaStep(
      theory,
      conjectures,
      (call) =>
        runProver(theory, call.conjectures, {
          ...shared,
          ...(call.lemmas ? { lemmas: call.lemmas } : {}),
          ...(call.pureInduction ? { pureInduction: call.pureInduction } : {}),
          ...(call.theorems ? { theorems: call.theorems } : {}),
        }),
      lemmas,
      {
        onStuck: (n) => {
          if (!o.quiet) process.stderr.write(`${o.phase}: ${n} goals unproved; looking for lemmas…\n`);
        },
      },
    );
  } finally {
    await pool?.close();
    profiling?.write();
  }
}
