/**
 * Witnesses from existentials: the same existential applied to the same inputs makes one
 * witness in a block, however many rules demand it, and a block never re-creates a witness it
 * has inherited from its parent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { D, factCount, readDeriv } from "../engine/block.js";
import { buildProofGraph } from "../engine/graph.js";
import { prove, type RunResult } from "../engine/run.js";
import type { ProofGraph } from "../export/schema.js";
import { handPeano, quickConjectures } from "./support/hand-peano.js";
import { atomText, stepText } from "./support/proof-sanity.js";

/** Witness facts of a block (own or inherited), keyed by existential and universal binding. */
function witnessesByKey(
  run: RunResult,
  block: number,
): Map<string, { fact: number; origin: number; witness: number }[]> {
  const b = run.blocks[block]!;
  const out = new Map<string, { fact: number; origin: number; witness: number }[]>();
  for (let f = 0; f < factCount(b.data); f++) {
    // Follow inherited facts to the block that derived them.
    let ob = block;
    let of = f;
    let d = readDeriv(b.data, f);
    while (d.kind === D.inherited) {
      of = d.ref;
      ob = run.blocks[ob]!.meta.parent;
      d = readDeriv(run.blocks[ob]!.data, of);
    }
    if (d.kind !== D.witness) continue;
    const e = run.theory.anchor!.entities[d.ref]!;
    if (e.kind !== "exists") continue;
    const key = `${e.id}|${d.binding.filter((_, i) => !e.witnesses.includes(i)).join(",")}`;
    const l = out.get(key) ?? [];
    out.set(key, l);
    if (!l.some((x) => x.witness === d.extra)) l.push({ fact: f, origin: ob, witness: d.extra });
  }
  return out;
}

describe("witness reuse", () => {
  let run: RunResult;
  let graph: ProofGraph;
  beforeAll(async () => {
    run = await prove(
      handPeano(quickConjectures.filter((c) => ["zero_add", "succ_add", "add_comm"].includes(c.name))),
    );
    graph = buildProofGraph(run, () => "");
  });

  it("makes one witness per existential and inputs within each block", () => {
    let keys = 0;
    const twice: string[] = [];
    for (const b of run.blocks) {
      for (const [key, ws] of witnessesByKey(run, b.meta.id)) {
        const own = ws.filter((w) => w.origin === b.meta.id);
        keys += own.length ? 1 : 0;
        if (own.length > 1)
          twice.push(`block ${b.meta.id}: ${key} → ${own.map((w) => w.witness).join(", ")}`);
      }
    }
    expect(keys).toBeGreaterThan(20);
    expect(twice).toEqual([]);
  });

  it("never re-creates in a block a witness that its parent has already delivered", () => {
    const recreated: string[] = [];
    for (const b of run.blocks) {
      for (const [key, ws] of witnessesByKey(run, b.meta.id)) {
        const inherited = ws.filter((w) => w.origin !== b.meta.id).map((w) => w.fact);
        const own = ws.filter((w) => w.origin === b.meta.id).map((w) => w.fact);
        if (inherited.length && own.length && Math.min(...inherited) < Math.min(...own))
          recreated.push(
            `block ${b.meta.id}: ${key} inherited at fact ${Math.min(...inherited)}, made again at ${Math.min(...own)}`,
          );
      }
    }
    expect(recreated).toEqual([]);
  });

  it("serves zero+p, demanded by the hypothesis and by add-succ in zero_add's step block, with one witness", () => {
    const c = run.conjectures.find((x) => x.name === "zero_add")!;
    const attempt = c.attempts.find((a) => a.method === "induction")!;
    const zero = run.theory.constants.findIndex((k) => k.name === "zero");
    const addExists = run.theory.anchor!.entities.find(
      (e) => e.kind === "exists" && e.body.some((a) => a.args[3] === -4),
    )!;
    const ws = witnessesByKey(run, attempt.step).get(`${addExists.id}|${zero},${attempt.predecessor}`);
    expect(ws?.length).toBe(1);
    expect(ws![0]!.origin).toBe(attempt.step);

    // In the exported proof both consumers cite the same witness step.
    const t = graph.theorems.find((x) => x.name === "zero_add")!;
    const p = t.induction!.predecessor;
    const witnessSteps = t.steps.filter(
      (s) =>
        s.kind === "witness" && s.fact.pred === "in3" && s.fact.args[0] === "zero" && s.fact.args[1] === p,
    );
    expect(witnessSteps.map(stepText)).toHaveLength(1);
    const w = witnessSteps[0]!;
    const citing = t.steps.filter((s) => s.premises.includes(w.n));
    expect(citing.map((s) => s.kind).sort()).toEqual(["hypothesis", "rule"]);
    expect(citing.find((s) => s.kind === "hypothesis")!.binding).toEqual([w.witness]);
    expect(atomText(w.fact)).toBe(`in3[zero,${p},${w.witness},+]`);
  });
});
