/**
 * The compressor: reduces the proved theorems to an essential subset — a theorem is redundant
 * when the others derive it.
 *
 * 1. A theorem proved directly (no induction) was derived from earlier theorems and the axioms:
 *    its own proof shows it is redundant.
 * 2. A theorem proved by induction is checked, newest first, for a direct derivation (a short
 *    bounded run without induction) from the axioms and the theorems still kept.
 * Greedy removal is sound: each removed theorem is derivable from theorems that are either
 * kept or, by the same argument, derivable from kept ones.
 */
import type { Theory } from "../../mpl/theory.js";
import { Engine } from "../run.js";
import type { Statement } from "../statement.js";

export interface CompressInput {
  readonly id: string;
  readonly statement: Statement;
  readonly method: "direct" | "induction" | "contradiction";
}

export interface CompressResult {
  readonly essential: string[];
  readonly redundant: { id: string; reason: "direct proof" | "derived without induction" }[];
}

/** `given`: theorems from outside (an earlier batch), rules of every check and never removed. */
export async function compress(
  theory: Theory,
  theorems: readonly CompressInput[],
  given: readonly { readonly statement: Statement; readonly ref: string }[] = [],
  maxBursts = 3,
): Promise<CompressResult> {
  const redundant: CompressResult["redundant"] = [];
  const kept = new Set<string>();
  for (const t of theorems) {
    if (t.method === "induction") kept.add(t.id);
    else redundant.push({ id: t.id, reason: "direct proof" });
  }
  for (const t of [...theorems].reverse()) {
    if (!kept.has(t.id)) continue;
    const engine = new Engine(
      { ...theory, conjectures: [] },
      { induction: false, mirrors: false, maxBursts },
    );
    for (const g of given) engine.addTheoremRule(g.statement, g.ref);
    for (const u of theorems) if (u.id !== t.id && kept.has(u.id)) engine.addTheoremRule(u.statement, u.id);
    const index = engine.addConjecture({ name: t.id, mpl: "", statement: t.statement, mirrorOf: null });
    const run = await engine.run();
    if (index !== null && run.conjectures[index]!.proved) {
      kept.delete(t.id);
      redundant.push({ id: t.id, reason: "derived without induction" });
    }
  }
  const order = new Map(theorems.map((t, i) => [t.id, i]));
  redundant.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { essential: theorems.filter((t) => kept.has(t.id)).map((t) => t.id), redundant };
}
