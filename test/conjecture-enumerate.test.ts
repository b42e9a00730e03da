import { describe, expect, it } from "vitest";
import { canonicalKey } from "../engine/conjecture/canonical.js";
import { enumerateConjectures } from "../engine/conjecture/enumerate.js";
import { mirrorOf } from "../engine/conjecture/mirror.js";
import { resolveConjectureSettings } from "../engine/conjecture/settings.js";
import { type Conjecture, constOfTerm, constTerm, type PatternAtom, type Theory } from "../mpl/theory.js";
import { chainOf } from "./support/chain-text.js";
import { HELPER_LEMMAS, TARGET_LAWS } from "./support/peano-laws.js";
import { PRED, peanoTheory } from "./support/peano-theory.js";

const theory = peanoTheory();
const result = enumerateConjectures(theory);
const keys = result.candidates.map((c) => canonicalKey(c));
const keySet = new Set(keys);

function proposed(text: string): boolean {
  const expected = chainOf(theory, text);
  const mirror = mirrorOf(expected, theory);
  return keySet.has(canonicalKey(expected)) || (mirror !== null && keySet.has(canonicalKey(mirror)));
}

describe("enumerateConjectures on the Peano signature", () => {
  it.each(Object.entries(TARGET_LAWS))("proposes %s", (_, text) => {
    expect(proposed(text)).toBe(true);
  });

  it.each(Object.entries(HELPER_LEMMAS))("proposes the lemma %s", (_, text) => {
    expect(proposed(text)).toBe(true);
  });

  it("keeps the candidate count and the filter figures", () => {
    const { stats } = result;
    expect(stats.kept).toBe(result.candidates.length);
    expect(stats.generated).toBe(
      stats.illTyped + stats.trivial + stats.redundant + stats.duplicates + stats.kept,
    );
    const reasons = Object.values(stats.reasons).reduce((x, y) => x + y, 0);
    expect(reasons).toBe(stats.illTyped + stats.trivial + stats.redundant);
    expect(stats.illTyped).toBe(0);
    expect(stats.outsideRequired).toBe(0);
  });

  it("admits what a switched-off filter dropped, and no more", () => {
    // Each filter's count bounds what switching it off adds (some of it duplicates).
    for (const [reason, setting] of [
      ["leafPairTwice", { leafPairOnce: false }],
      ["constants", { maxAtomsWithConstants: 3 }],
    ] as const) {
      const small = enumerateConjectures(theory, { maxAtoms: 3 });
      const wider = enumerateConjectures(theory, { maxAtoms: 3, ...setting });
      const added = wider.stats.kept - small.stats.kept;
      expect(added).toBeGreaterThan(0);
      expect(added).toBeLessThanOrEqual(small.stats.reasons[reason]);
      expect(wider.stats.reasons[reason]).toBeLessThan(small.stats.reasons[reason]);
      const keysWider = new Set(wider.candidates.map((c) => canonicalKey(c)));
      for (const c of small.candidates) expect(keysWider.has(canonicalKey(c))).toBe(true);
    }
  });

  it.each([
    // 0*a = 0: a occurs on one side only (no setting admits it)
    ["in3[zero,a,b,*] -> =[zero,b]", null],
    // s(a)+c = c+s(a): an instance of commutativity (s(a) is on both sides)
    [
      "in2[a,b,s] & in3[b,c,d,+] -> in3[c,b,d,+]",
      { noSharedSubterm: false, dropInstances: false, consistentOperandOrder: false },
    ],
    // a+b = a*b: two atoms on the same pair of leaves
    ["in3[a,b,c,+] -> in3[a,b,c,*]", { leafPairOnce: false }],
    // (a+b)*d = d*(a+b): a shared subterm
    [
      "in3[a,b,c,+] & in3[c,d,e,*] -> in3[d,c,e,*]",
      { noSharedSubterm: false, dropInstances: false, consistentOperandOrder: false },
    ],
    // (0+a)+b = a+b: a constant in an equation of three atoms
    ["in3[zero,a,c,+] & in3[a,b,d,+] -> in3[c,b,d,+]", { maxAtomsWithConstants: 3 }],
  ] as const)("drops %s, which the switch %j admits", (text, admit) => {
    expect(proposed(text)).toBe(false);
    if (admit !== null) {
      // Every example has at most three atoms, which keeps the wider enumeration quick.
      const wider = enumerateConjectures(theory, { ...admit, maxAtoms: 3 });
      const keysWider = new Set(wider.candidates.map((c) => canonicalKey(c)));
      const expected = chainOf(theory, text);
      const mirror = mirrorOf(expected, theory);
      expect(
        keysWider.has(canonicalKey(expected)) || (mirror !== null && keysWider.has(canonicalKey(mirror))),
      ).toBe(true);
    }
  });

  it("names candidates in order of size, then canonical key", () => {
    result.candidates.forEach((c, i) => {
      expect(c.name).toBe(`c${String(i + 1).padStart(4, "0")}`);
      expect(c.source).toEqual({ path: "<discovery>", line: 0, col: 0 });
    });
    const size = (i: number) => {
      const c = result.candidates[i]!;
      return c.premises.length + (c.head.pred === PRED.eq ? 0 : 1);
    };
    for (let i = 1; i < keys.length; i++) {
      const order = size(i - 1) - size(i) || (keys[i - 1]! < keys[i]! ? -1 : 1);
      expect(order).toBeLessThan(0);
    }
  });

  it("writes the reference syntax with variables a, b, c, … bound at first use", () => {
    const mplOf = (text: string) => result.candidates.find((c) => proposedAs(c, text))?.mpl;
    expect(mplOf(TARGET_LAWS["commutativity of +"]!)).toBe("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))");
    expect(mplOf(TARGET_LAWS["left distributivity"]!)).toBe(
      "(>[a,b,c](in3[a,b,c,*])(>[d,e](in3[a,d,e,*])(>[f](in3[b,d,f,+])(>[g](in3[a,f,g,*])(in3[c,e,g,+])))))",
    );
    expect(mplOf(HELPER_LEMMAS["0+a = a"]!)).toBe("(>[a,b](in3[zero,a,b,+])(=[a,b]))");
    const comm = result.candidates.find((c) => proposedAs(c, TARGET_LAWS["commutativity of +"]!));
    expect(comm?.varNames).toEqual(["a", "b", "c"]);
  });

  it("keeps every variable typed by a premise and premises in definitional order", () => {
    for (const c of result.candidates) {
      const inPremises = new Set(c.premises.flatMap((p) => p.args.filter((t) => t >= 0)));
      for (const t of c.head.args) if (t >= 0) expect(inPremises.has(t)).toBe(true);
      expect(inPremises.size).toBe(c.varNames.length);
      // An intermediate result is defined before it is used as an input.
      const defined = new Set<number>();
      const outputs = new Set(c.premises.map((p) => p.args[theory.predicates[p.pred]!.operator!.output]!));
      for (const p of c.premises) {
        const op = theory.predicates[p.pred]!.operator!;
        for (const i of op.inputs) {
          const t = p.args[i]!;
          if (t >= 0 && outputs.has(t)) expect(defined.has(t)).toBe(true);
        }
        defined.add(p.args[op.output]!);
      }
    }
  });

  it("has no two candidates with one key and none that is another's mirror", () => {
    expect(keySet.size).toBe(keys.length);
    result.candidates.forEach((c, i) => {
      const mirror = mirrorOf(c, theory);
      if (mirror === null) return;
      const j = keys.indexOf(canonicalKey(mirror));
      expect(j === -1 || j === i).toBe(true);
    });
  });

  it("gives identical output on a second call", () => {
    expect(JSON.stringify(enumerateConjectures(theory))).toBe(JSON.stringify(result));
  });
});

/** Whether candidate `c` states the law written as `text`, in either orientation. */
function proposedAs(c: Conjecture, text: string): boolean {
  const expected = chainOf(theory, text);
  const mirror = mirrorOf(expected, theory);
  const key = canonicalKey(c);
  return key === canonicalKey(expected) || (mirror !== null && key === canonicalKey(mirror));
}

describe("enumerateConjectures and names", () => {
  const renamedNames = { carrier: "Nat", zero: "nil", successor: "succ", plus: "plus", times: "times" };

  it("gives the same candidates for a consistently renamed theory", () => {
    const renamed = enumerateConjectures(peanoTheory(renamedNames));
    expect(renamed.candidates.map((c) => canonicalKey(c))).toEqual(keys);
    expect(renamed.stats).toEqual(result.stats);
    const rename = (text: string) =>
      text.replace(
        /\[([^\]]*)\]/g,
        (_, args: string) =>
          `[${args
            .split(",")
            .map((a) => ({ N: "Nat", zero: "nil", s: "succ", "+": "plus", "*": "times" })[a] ?? a)
            .join(",")}]`,
      );
    renamed.candidates.forEach((c, i) => {
      expect(c.mpl).toBe(rename(result.candidates[i]!.mpl));
    });
  });

  it("gives the same candidates when the constants are declared in another order", () => {
    const base = peanoTheory(renamedNames);
    // Ids: times 0, Nat 1, succ 2, nil 3, plus 4 (old id -> new id below).
    const newId = [1, 3, 2, 4, 0];
    const constants = base.constants.map((c) => ({ ...c, id: newId[c.id]! })).sort((x, y) => x.id - y.id);
    const permuted: Theory = {
      ...base,
      constants,
      anchor: { ...base.anchor!, params: [1, 3, 2, 4, 0], roles: { carrier: 1, zero: 3, successor: 2 } },
    };
    const remap = (c: Conjecture): Conjecture => {
      const term = (t: number) => (t < 0 ? constTerm(newId[constOfTerm(t)]!) : t);
      const atom = (a: PatternAtom): PatternAtom => ({ ...a, args: a.args.map(term) });
      return { ...c, premises: c.premises.map(atom), head: atom(c.head) };
    };
    const got = new Set(enumerateConjectures(permuted).candidates.map((c) => canonicalKey(c)));
    expect(got.size).toBe(keys.length);
    // Which side becomes the head follows the key order, which follows the ids: compare up to mirrors.
    for (const c of result.candidates) {
      const moved = remap(c);
      const mirror = mirrorOf(moved, permuted);
      const found = got.has(canonicalKey(moved)) || (mirror !== null && got.has(canonicalKey(mirror)));
      expect(found, c.mpl).toBe(true);
    }
  });

  it("uses every element constant of the anchor as a leaf", () => {
    const withOne = peanoTheory(undefined, "one");
    const more = enumerateConjectures(withOne);
    const moreKeys = new Set(more.candidates.map((c) => canonicalKey(c)));
    const has = (text: string) => {
      const law = chainOf(withOne, text);
      const mirror = mirrorOf(law, withOne);
      return moreKeys.has(canonicalKey(law)) || (mirror !== null && moreKeys.has(canonicalKey(mirror)));
    };
    expect(has("in2[a,b,s] -> in3[a,one,b,+]")).toBe(true); // s(a) = a+1
    expect(has("in2[a,b,s] -> in3[one,a,b,+]")).toBe(true); // s(a) = 1+a
    expect(has("in3[one,a,b,*] -> =[a,b]")).toBe(true); // 1*a = a
    for (const k of keys) expect(moreKeys.has(k)).toBe(true);
    expect(more.candidates.length).toBeGreaterThan(keys.length);
  });

  it("proposes nothing for a theory without an anchor", () => {
    const bare: Theory = { ...theory, anchor: null };
    const none = enumerateConjectures(bare);
    expect(none.candidates).toEqual([]);
    expect(none.stats.generated).toBe(0);
  });
});

describe("conjecture settings", () => {
  it("bounds the atom count", () => {
    const small = enumerateConjectures(theory, { maxAtoms: 2 });
    expect(small.candidates.length).toBeGreaterThan(0);
    for (const c of small.candidates) {
      expect(c.premises.length + (c.head.pred === PRED.eq ? 0 : 1)).toBeLessThanOrEqual(2);
    }
    const smallKeys = new Set(small.candidates.map((c) => canonicalKey(c)));
    for (const k of smallKeys) expect(keySet.has(k)).toBe(true);
  });

  it("can leave out equality heads", () => {
    const noEq = enumerateConjectures(theory, { equalityHeads: false });
    expect(noEq.candidates.some((c) => c.head.pred === PRED.eq)).toBe(false);
    expect(result.candidates.some((c) => c.head.pred === PRED.eq)).toBe(true);
    expect(noEq.stats.reasons.equalityHeadOff).toBeGreaterThan(0);
  });

  it("rejects impossible values", () => {
    expect(() => resolveConjectureSettings({ maxVars: -1 })).toThrow(/maxVars/);
    expect(() => resolveConjectureSettings({ maxAtoms: 1.5 })).toThrow(/maxAtoms/);
  });
});
