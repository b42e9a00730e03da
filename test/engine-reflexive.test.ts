/**
 * A rule premise `=[x,y]` is met by reflexivity when its sides take one value: reflexive
 * equalities are never stored, so without this a definition such as GL's `identity`
 * (`x ∈ X ∧ x = y → id(x) = y`) never fires. The proof shows a `refl` step for that premise,
 * and the independent verifier accepts it; a forged refl step is rejected.
 */
import { describe, expect, it } from "vitest";
import { buildProofGraph } from "../engine/graph.js";
import { prove } from "../engine/run.js";
import { compileSources } from "../mpl/index.js";
import { verifyGraph } from "../verify/verify.js";

const THEORY = `definition Id[N: set, zero: element, succ: function, id: function] :=
  (&(in[zero,N])
  (&(>[x] (in[x,N]) !(>[y] (in[y,N]) !(in2[x,y,succ])))
  (&(>[x,y] (in2[x,y,succ]) (in[y,N]))
    (>[x,y] (&(=[x,y]) (in[x,N])) (in2[x,y,id])))))
anchor Id (carrier N, zero zero, successor succ)
-- id(0) = 0, and id(a) = a for every successor a
conjecture id_zero := (>[] (in[zero,N]) (in2[zero,zero,id]))
conjecture id_succ := (>[a,b] (in2[a,b,succ]) (in2[b,b,id]))
`;

describe("reflexive equality premises", () => {
  it("fire on x = x and export a refl step the verifier accepts", async () => {
    const { theory, diagnostics } = compileSources([{ path: "id.mpl", text: THEORY }]);
    expect(diagnostics).toEqual([]);
    const run = await prove(theory!, { settings: { mirrors: false, induction: false } });
    const graph = buildProofGraph(run, () => "");
    expect(graph.theorems.map((t) => t.name).sort()).toEqual(["id_succ", "id_zero"]);
    for (const t of graph.theorems) {
      const rule = t.steps.find(
        (s) => s.kind === "rule" && s.fact.pred === "in2" && s.fact.args[2] === "id",
      )!;
      const refl = rule.premises.map((n) => t.steps.find((s) => s.n === n)!).find((s) => s.kind === "refl");
      expect(refl?.fact.args[0]).toBe(refl?.fact.args[1]);
    }
    expect(verifyGraph(graph, { recompileSources: true }).failures).toEqual([]);

    // The refl step stands for x = x only: one claiming zero = a is rejected.
    const forged = structuredClone(graph);
    const t = forged.theorems.find((x) => x.name === "id_succ")!;
    const refl = t.steps.find((s) => s.kind === "refl")!;
    refl.fact = { pred: "=", args: [refl.fact.args[0]!, "zero"] };
    expect(verifyGraph(forged, { recompileSources: true }).ok).toBe(false);
  });
});
