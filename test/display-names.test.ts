/**
 * Display names derived from statements: laws by shape, permuted variants folded under their
 * representative, a theorem's own name kept, unique names, and the same names every time.
 */
import { describe, expect, it } from "vitest";
import { theoremNames } from "../export/display-names.js";
import type { StatementJson, TheoremJson } from "../export/schema.js";
import { peanoGraph } from "./support/peano-graph.js";
import { statement, theorem } from "./support/proof-dsl.js";

/** A theorem with only a statement: naming reads nothing else. */
function law(id: string, st: StatementJson, name: string | null = null): TheoremJson {
  const t = theorem({ id, statement: st, goals: { main: 1 }, axioms: [], steps: [] });
  t.name = name;
  return t;
}

const theorems = [
  law("T1", statement(["a", "b", "c"], ["in3[a,b,c,+]"], "in3[b,a,c,+]")),
  law(
    "T2",
    statement(
      ["a", "b", "c", "d", "e", "f"],
      ["in3[a,b,d,+]", "in3[d,c,e,+]", "in3[b,c,f,+]"],
      "in3[a,f,e,+]",
    ),
  ),
  law("T3", statement(["a", "b"], ["in3[a,zero,b,*]"], "=[b,zero]")),
  law(
    "T4",
    statement(["a", "b", "c", "d", "e"], ["in2[a,c,s]", "in3[c,b,d,+]", "in3[a,b,e,+]"], "in2[e,d,s]"),
  ),
  law("T5", statement(["b", "a", "c"], ["in3[b,a,c,+]"], "in3[a,b,c,+]")),
  law("T6", statement(["a", "b", "c"], ["in3[a,b,c,*]"], "in3[b,a,c,*]"), "mul_comm"),
  law("T7", statement(["x", "y", "z"], ["in3[y,x,z,*]"], "in3[x,y,z,*]")),
];

describe("theoremNames", () => {
  const graph = peanoGraph(theorems);
  const names = theoremNames(graph);
  const name = (id: string) => names.get(id)!.name;

  it("reads laws from the statement's shape", () => {
    expect(name("T1")).toBe("add_comm");
    expect(name("T3")).toBe("mul_zero_right");
    expect(name("T4")).toBe("add_succ_left");
    expect(name("T2")).toBe("add_assoc");
  });

  it("folds permuted variants under the representative, keeping a theorem's own name", () => {
    expect(name("T5")).toBe("add_comm_var");
    expect(names.get("T5")!.representative).toBe("T1");
    expect(names.get("T1")!.variants).toEqual(["T5"]);
    expect(name("T6")).toBe("mul_comm");
    expect(name("T7")).toBe("mul_comm_var");
    expect(names.get("T6")!.variants).toEqual(["T7"]);
  });

  it("gives every theorem one unique name, the same each time", () => {
    const all = theorems.map((t) => name(t.id));
    expect(new Set(all).size).toBe(all.length);
    expect([...theoremNames(structuredClone(graph))]).toEqual([...names]);
    expect(names.get("T1")!.operations).toEqual(["add"]);
  });
});
