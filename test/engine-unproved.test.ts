/**
 * False conjectures: they stay unproved, are listed in `unproved`, and the run still stops
 * with a stop reason (a fixpoint once nothing new can be derived).
 */
import { describe, expect, it } from "vitest";
import { buildProofGraph } from "../engine/graph.js";
import { prove } from "../engine/run.js";
import { DEFAULT_SETTINGS } from "../engine/settings.js";
import { handPeano, quickConjectures } from "./support/hand-peano.js";
import { add, conjecture, eq, mul, ZERO } from "./support/peano-variants.js";

const sumIsLeft = conjecture("sum_is_left", ["a", "b", "c"], [add(0, 1, 2)], eq(2, 0));
const sumIgnoresRight = conjecture("sum_ignores_right", ["a", "b", "c"], [add(0, 1, 2)], add(0, ZERO, 2));
const sumIsProduct = conjecture("sum_is_product", ["a", "b", "c"], [add(0, 1, 2)], mul(0, 1, 2));
const zeroAdd = quickConjectures.find((c) => c.name === "zero_add")!;

describe("false conjectures", () => {
  it("stay unproved next to a true one, and the run stops with a reason", async () => {
    const run = await prove(handPeano([sumIsLeft, zeroAdd, sumIgnoresRight, sumIsProduct]));
    const graph = buildProofGraph(run, () => "");
    expect(graph.theorems.map((t) => t.name)).toEqual(["zero_add", "zero_add (mirror)"]);
    expect(graph.unproved.map((u) => u.name)).toEqual(["sum_is_left", "sum_ignores_right", "sum_is_product"]);
    expect(["fixpoint", "max-bursts", "max-facts"]).toContain(graph.run.stopReason);
    expect(graph.run.stopReason).toBe(run.stopReason);
    expect(graph.run.bursts).toBeLessThanOrEqual(DEFAULT_SETTINGS.maxBursts);
    const product = graph.unproved.find((u) => u.name === "sum_is_product")!;
    expect(product.statement).toEqual({
      vars: ["a", "b", "c"],
      premises: [{ pred: "in3", args: ["a", "b", "c", "+"] }],
      head: { pred: "in3", args: ["a", "b", "c", "*"] },
    });
    expect(product.mpl).toBe("(>[a,b,c](in3[a,b,c,+])(in3[a,b,c,*]))");
  });

  it.each([sumIsLeft, sumIgnoresRight, sumIsProduct])(
    "$name alone reaches a fixpoint before the burst limit",
    async (c) => {
      const run = await prove(handPeano([c]));
      expect(run.conjectures.map((x) => x.proved)).toEqual([null]);
      expect(run.stopReason).toBe("fixpoint");
      expect(run.bursts).toBeLessThan(DEFAULT_SETTINGS.maxBursts);
    },
  );
});
