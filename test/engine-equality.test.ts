/**
 * Equality by union-find with recorded substitutions: a fact rewritten by an equality keeps
 * an `eq-subst` derivation whose premises are the source fact and the equality, and the
 * exported step differs from its source exactly by replacing equals.
 */
import { describe, expect, it } from "vitest";
import { D, F_ALIVE, readDeriv, readFact } from "../engine/block.js";
import { buildProofGraph } from "../engine/graph.js";
import { prove } from "../engine/run.js";
import { handPeano, quickConjectures } from "./support/hand-peano.js";
import { add, conjecture, ZERO } from "./support/peano-variants.js";
import { atomText, proofProblems, stepText } from "./support/proof-sanity.js";

describe("equality substitution", () => {
  it("rewrites 0+0=c to 0+0=zero once add-zero gives zero=c, recording the step", async () => {
    const c = conjecture("zero_zero", ["c"], [add(ZERO, ZERO, 0)], add(ZERO, ZERO, ZERO));
    const run = await prove(handPeano([c]), { settings: { mirrors: false } });
    const graph = buildProofGraph(run, () => "");
    const t = graph.theorems.find((x) => x.name === c.name);
    expect(t).toBeDefined();
    expect(proofProblems(graph, t!)).toEqual([]);

    const goal = t!.steps[t!.goals.main! - 1]!;
    expect(goal.kind).toBe("eq-subst");
    const [source, equality] = goal.premises.map((n) => t!.steps[n - 1]!);
    expect(goal.premises).toHaveLength(2);
    expect(source!.kind).toBe("premise");
    expect(atomText(source!.fact)).toBe("in3[zero,zero,c,+]");
    expect(atomText(equality!.fact)).toBe("=[c,zero]");
    expect(atomText(goal.fact)).toBe("in3[zero,zero,zero,+]");
    expect(goal.fact.args.filter((a, i) => a !== source!.fact.args[i])).toEqual(["zero"]);

    // In the block: the premise is no longer live; its rewrite cites it and the equality.
    const block = run.blocks[run.conjectures[0]!.block]!;
    expect(readDeriv(block.data, 0).kind).toBe(D.premise);
    expect(block.data.flags.get(0) & F_ALIVE).toBe(0);
    const rewrite = block.meta.goals[0]!.fact;
    const d = readDeriv(block.data, rewrite);
    expect(d.kind).toBe(D.eqSubst);
    expect(d.premises[0]).toBe(0);
    const eq = readFact(block.data, run.width, d.premises[1]!);
    const cConst = run.conjectures[0]!.vars.get(0)!;
    const zero = run.theory.constants.findIndex((k) => k.name === "zero");
    expect(eq).toEqual({ pred: 3, neg: false, args: [cConst, zero] });
  });

  it("records every substitution in the proofs of zero_add, succ_add and add_comm as a valid eq-subst step", async () => {
    const cs = quickConjectures.filter((c) => ["zero_add", "succ_add", "add_comm"].includes(c.name));
    const graph = buildProofGraph(await prove(handPeano(cs)), () => "");
    expect(graph.unproved).toEqual([]);
    const substs = graph.theorems.flatMap((t) =>
      t.steps.filter((s) => s.kind === "eq-subst").map((s) => ({ t, s })),
    );
    expect(substs.length).toBeGreaterThan(5);
    for (const { t, s } of substs) {
      const [src, ...eqs] = s.premises.map((n) => t.steps[n - 1]!.fact);
      const where = `${t.id} ${stepText(s)}`;
      expect(eqs.length, where).toBeGreaterThan(0);
      for (const e of eqs) expect(e.pred, where).toBe("=");
      expect(s.fact.pred, where).toBe(src!.pred);
      s.fact.args.forEach((y, i) => {
        const x = src!.args[i]!;
        expect(y === x || eqs.some((e) => e.args[0] === x && e.args[1] === y), `${where} argument ${i}`).toBe(
          true,
        );
      });
      expect(atomText(s.fact), where).not.toBe(atomText(src!));
    }
  });
});
