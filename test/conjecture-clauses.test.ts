/**
 * Conjectures that name a definition's implication clause (`Sub.imp1[A,B]`, docs/mpl-format.md):
 * the clause reads through its elimination rules, and a clause no implication has is unknown.
 */
import { describe, expect, it } from "vitest";
import { compileSources } from "../mpl/index.js";

const SUBSETS = `definition Sub[X: set, Y: set] :=
  (>[x] (in[x,X]) (in[x,Y]))
definition World[U: set, e: element] :=
  (in[e,U])
anchor World
`;

const compile = (conjecture: string) =>
  compileSources([{ path: "subsets.mpl", text: `${SUBSETS}conjecture c :=\n  ${conjecture}\n` }]);

describe("a conjecture naming an implication clause", () => {
  it("compiles to an atom of the clause's predicate, with the clause's argument types", () => {
    const r = compile("(>[A,B,x] (&(Sub.imp1[A,B]) (in[x,A])) (in[x,B]))");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const theory = r.theory!;
    const c = theory.conjectures[0]!;
    const clause = theory.predicates[c.premises[0]!.pred]!;
    expect(clause.name).toBe("Sub.imp1");
    expect(clause.argTypes).toEqual(["set", "set"]);
    // The anchor carries the clause's elimination rule, so the premise can be used.
    expect(theory.anchor!.entities.some((e) => e.origin.via === "Sub.imp1")).toBe(true);
  });

  it("reports a clause that no implication has, and a wrong arity, at the name", () => {
    const unknown = compile("(>[A,B] (Sub.imp2[A,B]) (Sub[A,B]))");
    expect(unknown.theory).toBeNull();
    expect(unknown.diagnostics.map((d) => d.code)).toContain("MPL101");
    const arity = compile("(>[A] (Sub.imp1[A]) (Sub[A,A]))");
    expect(arity.theory).toBeNull();
    expect(arity.diagnostics.map((d) => d.code)).toContain("MPL102");
  });
});
