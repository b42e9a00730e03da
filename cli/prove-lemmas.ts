/**
 * `gl prove` with lemmas for stuck goals: the lemma step of the library
 * (engine/discovery/lemma-step.ts) run with this command's prover (executor, progress, limits).
 */
import { type LemmaReport, proveWithLemmas as lemmaStep } from "../engine/discovery/lemma-step.js";
import type { LemmaSettings } from "../engine/discovery/lemmas.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { type ProverOptions, type ProverResult, runProver } from "./run-engine.js";

export type { LemmaReport, LemmaUse } from "../engine/discovery/lemma-step.js";

export function proveWithLemmas(
  theory: Theory,
  conjectures: readonly Conjecture[],
  o: ProverOptions,
  lemmas: LemmaSettings | null,
): Promise<{ result: ProverResult; lemmas: LemmaReport | null }> {
  return lemmaStep(
    theory,
    conjectures,
    (call) =>
      runProver(theory, call.conjectures, {
        ...o,
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
}
