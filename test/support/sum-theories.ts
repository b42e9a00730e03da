/**
 * The sum examples (examples/gauss, odd-sum, even-sum) as theories for engine-level tests: the
 * later batch's theory (Peano with the sum function) compiled on its own, its target, and the
 * Peano theorems an earlier batch would hand it, here proved from the quick example's laws.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { prove } from "../../engine/run.js";
import type { Statement } from "../../engine/statement.js";
import { type Conjecture, compileSources, type Theory } from "../../mpl/index.js";
import { REPO_ROOT } from "./mpl-helpers.js";

export const SUM_EXAMPLES = ["gauss", "odd-sum", "even-sum"] as const;
export type SumExample = (typeof SUM_EXAMPLES)[number];

/** The example's files, the Peano anchor dropped and the later anchor standing alone. */
export function laterTheory(
  example: SumExample,
  extra = "",
): { theory: Theory; targets: readonly Conjecture[] } {
  const dir = join(REPO_ROOT, "examples", example);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".mpl"))
    .sort()
    .map((f) => {
      let text = readFileSync(join(dir, f), "utf8");
      if (f === "peano.mpl") text = text.replace(/^anchor Peano .*$/m, "");
      return { path: join(dir, f), text: text.replace(/ extends Peano\b/, "") };
    });
  const r = compileSources([...files, ...(extra ? [{ path: "extra.mpl", text: extra }] : [])]);
  if (r.theory === null) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return { theory: { ...r.theory, conjectures: [] }, targets: r.theory.conjectures };
}

/** The Peano laws and helper lemmas of examples/peano-quick, proved, as theorems to import. */
export async function peanoTheorems(): Promise<{ statement: Statement; ref: string }[]> {
  const dir = join(REPO_ROOT, "examples", "peano-quick");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".mpl"))
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
  const r = compileSources(files);
  if (r.theory === null) throw new Error("examples/peano-quick does not compile");
  const run = await prove(r.theory);
  return run.theorems
    .filter((t) => run.conjectures[t.conjecture]!.mirrorOf === null)
    .map((t) => ({ statement: run.conjectures[t.conjecture]!.statement, ref: `Peano:${t.rule.ref}` }));
}
