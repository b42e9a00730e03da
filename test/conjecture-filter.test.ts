import { describe, expect, it } from "vitest";
import { canonicalKey } from "../engine/conjecture/canonical.js";
import { enumerateConjectures } from "../engine/conjecture/enumerate.js";
import { filterCandidates, type GroundModel } from "../engine/conjecture/filter.js";
import { mirrorOf } from "../engine/conjecture/mirror.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { chainOf } from "./support/chain-text.js";
import { HELPER_LEMMAS, TARGET_LAWS } from "./support/peano-laws.js";
import { CONST, PRED, peanoTheory } from "./support/peano-theory.js";

const theory = peanoTheory();

/** Natural-number arithmetic, unbounded: the truth the filter approximates. */
function arithmetic(op: number, inputs: readonly number[]): number {
  const [x = 0, y = 0] = inputs;
  if (op === CONST.successor) return x + 1;
  if (op === CONST.plus) return x + y;
  if (op === CONST.times) return x * y;
  throw new Error(`no operation ${op}`);
}

/** A ground model of arithmetic on 0 … max: results above max are unknown. */
function arithmeticModel(max: number): GroundModel {
  const names = new Map<number, string>([
    [CONST.successor, "s"],
    [CONST.plus, "+"],
    [CONST.times, "*"],
  ]);
  return {
    domain: Array.from({ length: max + 1 }, (_, i) => i),
    constants: new Map([[CONST.zero, 0]]),
    apply(op, inputs) {
      const v = arithmetic(op, inputs);
      return v <= max ? v : undefined;
    },
    source: (op, inputs) => `g:${names.get(op)}(${inputs.join(",")})`,
  };
}

/**
 * Brute force, written independently of the filter: every variable's value by repeated passes
 * over the premises until nothing changes; null when the premises cannot all hold.
 */
function solve(c: Conjecture, leaves: ReadonlyMap<number, number>): Map<number, number> | null {
  const values = new Map(leaves);
  const val = (t: number) => (t < 0 ? (t === -(CONST.zero + 1) ? 0 : undefined) : values.get(t));
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of c.premises) {
      const isUnary = p.pred === PRED.in2;
      const ins = isUnary ? [p.args[0]!] : [p.args[0]!, p.args[1]!];
      const out = p.args[isUnary ? 1 : 2]!;
      const op = -p.args[isUnary ? 2 : 3]! - 1;
      const inputs = ins.map(val);
      if (inputs.some((v) => v === undefined)) continue;
      const v = arithmetic(op, inputs as number[]);
      const known = val(out);
      if (known === undefined) {
        values.set(out, v);
        changed = true;
      } else if (known !== v) return null;
    }
  }
  return values;
}

function headHolds(c: Conjecture, values: ReadonlyMap<number, number>): boolean {
  const val = (t: number) => (t < 0 ? 0 : values.get(t)!);
  const h = c.head;
  if (h.pred === PRED.eq) return val(h.args[0]!) === val(h.args[1]!);
  const isUnary = h.pred === PRED.in2;
  const inputs = (isUnary ? [h.args[0]!] : [h.args[0]!, h.args[1]!]).map(val);
  return arithmetic(-h.args[isUnary ? 2 : 3]! - 1, inputs) === val(h.args[isUnary ? 1 : 2]!);
}

/** Variables no premise outputs. */
/** The value an operation head computes (0 for an equation): past the model, it is unknown. */
function headValue(c: Conjecture, values: ReadonlyMap<number, number>): number {
  const h = c.head;
  if (h.pred === PRED.eq) return 0;
  const val = (t: number) => (t < 0 ? 0 : values.get(t)!);
  const isUnary = h.pred === PRED.in2;
  return arithmetic(
    -h.args[isUnary ? 2 : 3]! - 1,
    (isUnary ? [h.args[0]!] : [h.args[0]!, h.args[1]!]).map(val),
  );
}

function leafVars(c: Conjecture): number[] {
  const outs = new Set(c.premises.map((p) => p.args[p.pred === PRED.in2 ? 1 : 2]!));
  const all = new Set([...c.premises, c.head].flatMap((a) => a.args.filter((t) => t >= 0)));
  return [...all].filter((v) => !outs.has(v)).sort((x, y) => x - y);
}

/** Every assignment of the conjecture's leaves in 0 … max, solved (null where the premises fail). */
function* solvedAssignments(c: Conjecture, max: number): Generator<Map<number, number> | null> {
  const leaves = leafVars(c);
  const total = (max + 1) ** leaves.length;
  for (let code = 0; code < total; code++) {
    const assignment = new Map<number, number>();
    let rest = code;
    for (const v of leaves) {
      assignment.set(v, rest % (max + 1));
      rest = Math.floor(rest / (max + 1));
    }
    yield solve(c, assignment);
  }
}

function trueUpTo(c: Conjecture, max: number): boolean {
  for (const values of solvedAssignments(c, max)) if (values !== null && !headHolds(c, values)) return false;
  return true;
}

/**
 * Whether some assignment of the leaves in 0 … max, with every value on the way within 0 … max
 * (what a model on 0 … max knows), makes the premises hold and the head fail.
 */
function refutableWithin(c: Conjecture, max: number): boolean {
  for (const values of solvedAssignments(c, max)) {
    if (values === null || [...values.values()].some((x) => x > max)) continue;
    if (headValue(c, values) > max) continue;
    if (!headHolds(c, values)) return true;
  }
  return false;
}

describe("filterCandidates with arithmetic on 0 … 5", () => {
  const { candidates } = enumerateConjectures(theory);
  const model = arithmeticModel(5);
  const { survivors, refuted } = filterCandidates(candidates, theory, model);
  const surviving = new Set(survivors.map((c) => c.name));
  const trueOver4 = new Set(candidates.filter((c) => trueUpTo(c, 4)).map((c) => c.name));

  it("keeps exactly the candidates that no assignment within 0 … 5 refutes", () => {
    expect(refuted.length).toBe(candidates.length - survivors.length);
    const unrefutable = candidates.filter((c) => !refutableWithin(c, 5)).map((c) => c.name);
    expect([...surviving].sort()).toEqual(unrefutable.sort());
    // Not vacuous: most candidates are refuted, and some survivors are false past the model.
    expect(refuted.length).toBeGreaterThan(survivors.length);
    expect(survivors.length).toBeGreaterThan(trueOver4.size);
  });

  it("keeps every candidate that is true over 0 … 4", () => {
    for (const c of candidates) if (trueOver4.has(c.name)) expect(surviving.has(c.name), c.mpl).toBe(true);
  });

  it("refutes only false candidates, each with a checkable counterexample", () => {
    for (const r of refuted) {
      const c = r.conjecture;
      expect(trueUpTo(c, 5), c.mpl).toBe(false);
      const byIndex = new Map(c.varNames.map((name, i) => [i, r.instance[name]!] as const));
      const leaves = new Map(leafVars(c).map((v) => [v, byIndex.get(v)!] as const));
      const values = solve(c, leaves);
      expect(values).not.toBeNull();
      for (const [v, x] of values!) {
        expect(x).toBe(byIndex.get(v));
        expect(x).toBeLessThanOrEqual(5);
      }
      expect(headHolds(c, values!)).toBe(false);
      expect(r.lhs).not.toBe(r.rhs);
      expect(r.facts.length).toBeGreaterThan(0);
      for (const f of r.facts) expect(f).toMatch(/^g:[s+*]\([0-5](,[0-5])?\)$/);
    }
  });

  it("keeps the order of the input", () => {
    const order = new Map(candidates.map((c, i) => [c.name, i]));
    const idx = survivors.map((c) => order.get(c.name)!);
    expect([...idx].sort((x, y) => x - y)).toEqual(idx);
  });

  it("keeps the target laws and lemmas", () => {
    const keys = new Set(survivors.map((c) => canonicalKey(c)));
    for (const text of [...Object.values(TARGET_LAWS), ...Object.values(HELPER_LEMMAS)]) {
      const law = chainOf(theory, text);
      const mirror = mirrorOf(law, theory);
      expect(keys.has(canonicalKey(law)) || (mirror !== null && keys.has(canonicalKey(mirror))), text).toBe(
        true,
      );
    }
  });
});

describe("filterCandidates on small cases", () => {
  const squareIsSelf = chainOf(theory, "in3[a,a,b,*] -> =[a,b]", "square");

  it("never refutes with unknown values", () => {
    expect(filterCandidates([squareIsSelf], theory, arithmeticModel(2)).survivors).toEqual([squareIsSelf]);
  });

  it("reports the first counterexample with its ground facts", () => {
    const { survivors, refuted } = filterCandidates([squareIsSelf], theory, arithmeticModel(5));
    expect(survivors).toEqual([]);
    expect(refuted).toEqual([
      { conjecture: squareIsSelf, instance: { a: 2, b: 4 }, lhs: 2, rhs: 4, facts: ["g:*(2,2)"] },
    ]);
    const succ = chainOf(theory, "in2[a,b,s] & in3[zero,b,c,+] -> in2[c,a,s]", "s-back");
    const r = filterCandidates([succ], theory, arithmeticModel(5)).refuted[0]!;
    expect(r.instance).toEqual({ a: 0, b: 1, c: 1 });
    expect([r.lhs, r.rhs]).toEqual([2, 0]);
    expect(r.facts).toEqual(["g:s(0)", "g:+(0,1)", "g:s(1)"]);
  });

  it("skips assignments that make a premise false", () => {
    // a+b = 0 → a = b: premises hold only at a = b = 0.
    const c = chainOf(theory, "in3[a,b,zero,+] -> =[a,b]");
    expect(filterCandidates([c], theory, arithmeticModel(5)).survivors).toEqual([c]);
    const wrong = chainOf(theory, "in3[a,b,zero,+] -> in2[a,b,s]");
    expect(filterCandidates([wrong], theory, arithmeticModel(5)).refuted.length).toBe(1);
  });

  it("lets through what it cannot read", () => {
    const typed = chainOf(theory, "in[a,N] & in3[a,a,b,*] -> =[a,b]");
    const noZero: GroundModel = { ...arithmeticModel(5), constants: new Map() };
    const usesZero = chainOf(theory, "in3[a,zero,b,+] -> in2[a,b,s]");
    expect(filterCandidates([typed], theory, arithmeticModel(5)).survivors).toEqual([typed]);
    expect(filterCandidates([usesZero], theory, noZero).survivors).toEqual([usesZero]);
    expect(filterCandidates([usesZero], theory, arithmeticModel(5)).survivors).toEqual([]);
  });

  it("reads nothing from names", () => {
    const renamed: Theory = peanoTheory({
      carrier: "Nat",
      zero: "nil",
      successor: "succ",
      plus: "plus",
      times: "times",
    });
    const c = chainOf(renamed, "in3[a,a,b,times] -> =[a,b]", "square");
    expect(filterCandidates([c], renamed, arithmeticModel(5)).refuted[0]?.instance).toEqual({ a: 2, b: 4 });
  });
});
