/** A fact and its negation in one block: the block records the contradiction. */
import { describe, expect, it } from "vitest";
import { D, readDeriv, readFact } from "../engine/block.js";
import { prove } from "../engine/run.js";
import { handPeano } from "./support/hand-peano.js";
import { add, conjecture, mem, succ, ZERO } from "./support/peano-variants.js";

describe("contradiction", () => {
  it("records s(a)=zero against s(n)≠zero in the premise's block, and nowhere else", async () => {
    const absurd = conjecture("succ_is_zero", ["a"], [succ(0, ZERO)], add(0, ZERO, ZERO));
    const plain = conjecture("succ_typed", ["a", "b"], [succ(0, 1)], mem(1));
    const run = await prove(handPeano([absurd, plain]), { settings: { mirrors: false, induction: false } });

    const block = run.blocks[run.conjectures[0]!.block]!;
    expect(block.meta.contradiction).not.toBeNull();
    const [pos, neg] = block.meta.contradiction!;
    const p = readFact(block.data, run.width, pos);
    const n = readFact(block.data, run.width, neg);
    expect(p.neg).toBe(false);
    expect(n.neg).toBe(true);
    expect([n.pred, n.args]).toEqual([p.pred, p.args]);
    // The positive side is the premise s(a)=zero; the negative one comes from the axiom n∈N → s(n)≠zero.
    const a = run.conjectures[0]!.vars.get(0)!;
    const zero = run.theory.constants.findIndex((k) => k.name === "zero");
    const s = run.theory.constants.findIndex((k) => k.name === "s");
    expect(p).toEqual({ pred: 1, neg: false, args: [a, zero, s] });
    expect(readDeriv(block.data, pos).kind).toBe(D.premise);
    const d = readDeriv(block.data, neg);
    expect(d.kind).toBe(D.rule);
    const axiom = run.theory.anchor!.entities[d.ref]!;
    expect(axiom.kind === "rule" && axiom.head.negated).toBe(true);

    // Neither the anchor nor the block of a consistent premise is affected.
    expect(run.blocks[0]!.meta.contradiction).toBeNull();
    expect(run.blocks[run.conjectures[1]!.block]!.meta.contradiction).toBeNull();
  });
});
