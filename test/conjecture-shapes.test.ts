/**
 * The shapes the conjecturer proposes beyond Peano's laws, on Peano with a recursive sum
 * (examples/gauss): repeated leaves, functions nested in each other, both sides of the sum's
 * recursion, Gauss's formula; `requireSymbols` (a later batch's restriction) pruning pairs
 * before they are formed and giving exactly the candidates that mention the symbol; and the
 * survivors that are dropped because another survivor gives them at once.
 */
import { describe, expect, it } from "vitest";
import { canonicalKey } from "../engine/conjecture/canonical.js";
import { enumerateConjectures } from "../engine/conjecture/enumerate.js";
import { dropInstancesOfSurvivors } from "../engine/conjecture/instances.js";
import { mirrorOf } from "../engine/conjecture/mirror.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { chainOf } from "./support/chain-text.js";
import { laterTheory } from "./support/sum-theories.js";

const { theory, targets } = laterTheory("gauss");
const tri = theory.constants.findIndex((k) => k.name === "tri");
const gaussOnly = enumerateConjectures(theory, { requireSymbols: [tri] });
const full = enumerateConjectures(theory);
const keys = new Set(gaussOnly.candidates.map((c) => canonicalKey(c)));

function proposed(t: Theory, set: ReadonlySet<string>, text: string): boolean {
  const c = chainOf(t, text);
  const m = mirrorOf(c, t);
  return set.has(canonicalKey(c)) || (m !== null && set.has(canonicalKey(m)));
}

/** Brute force over 0..4, written here: whether some assignment makes the premises true and the head false. */
function falseSomewhere(c: Conjecture): boolean {
  const name = (t: number) => theory.constants[-t - 1]!.name;
  const ops: Record<string, (x: number, y: number) => number> = {
    succ: (x) => x + 1,
    tri: (x) => (x * (x + 1)) / 2,
    "+": (x, y) => x + y,
    "*": (x, y) => x * y,
  };
  const atoms = [...c.premises, c.head];
  const leaves = [...new Set(atoms.flatMap((a) => a.args.filter((t) => t >= 0)))].filter(
    (v) => !c.premises.some((p) => p.args[p.args.length - 2] === v),
  );
  const total = 5 ** leaves.length;
  for (let code = 0; code < total; code++) {
    const val = new Map<number, number>();
    for (const [i, v] of leaves.entries()) val.set(v, Math.floor(code / 5 ** i) % 5);
    const get = (t: number) => (t < 0 ? (name(t) === "zero" ? 0 : Number.NaN) : val.get(t));
    const apply = (a: (typeof atoms)[number]) => {
      const f = ops[name(a.args[a.args.length - 1]!)]!;
      const ins = a.args.slice(0, a.args.length - 2).map(get);
      return ins.some((x) => x === undefined) ? undefined : f(ins[0]!, ins[1] ?? 0);
    };
    const pending = [...c.premises];
    while (pending.length > 0) {
      const i = pending.findIndex((p) => apply(p) !== undefined);
      if (i < 0) break;
      const p = pending.splice(i, 1)[0]!;
      val.set(p.args[p.args.length - 2]!, apply(p)!);
    }
    const h = c.head;
    const holds =
      h.pred === 3 ? get(h.args[0]!) === get(h.args[1]!) : apply(h) === get(h.args[h.args.length - 2]!);
    if (!holds) return true;
  }
  return false;
}

const mentions = (c: Conjecture, k: number) => [...c.premises, c.head].some((a) => a.args.includes(-k - 1));

describe("the conjecturer's shapes on Peano with a recursive sum", () => {
  it.each([
    [
      "Gauss's formula a·s(a) = tri(a) + tri(a)",
      "in2[a,b,tri] & in2[a,c,succ] & in3[a,c,d,*] -> in3[b,b,d,+]",
    ],
    [
      "the recursion tri(s(a)) = tri(a) + s(a)",
      "in2[a,b,succ] & in2[a,c,tri] & in3[c,b,d,+] -> in2[b,d,tri]",
    ],
    ["a repeated leaf: tri(a) = a·a", "in2[a,b,tri] -> in3[a,a,b,*]"],
    [
      "functions nested both ways: s(tri(a)) = tri(s(a))",
      "in2[a,b,tri] & in2[b,c,succ] & in2[a,d,succ] -> in2[d,c,tri]",
    ],
  ])("proposes %s", (_, text) => {
    expect(proposed(theory, keys, text)).toBe(true);
  });

  it("proposes the example's target", () => {
    expect(targets.map((t) => t.name)).toEqual(["gauss"]);
    const t = targets[0]!;
    const m = mirrorOf(t, theory);
    expect(keys.has(canonicalKey(t)) || (m !== null && keys.has(canonicalKey(m)))).toBe(true);
  });

  it("still nests one function at most once per path: no s(s(a)), no tri(tri(a))", () => {
    expect(gaussOnly.stats.sidesRejected.unaryNesting).toBeGreaterThan(0);
    const nestedTwice = (c: Conjecture) =>
      c.premises.some((p) =>
        c.premises.some(
          (q) => p.pred === q.pred && p.pred === 1 && p.args[2] === q.args[2] && p.args[1] === q.args[0],
        ),
      );
    expect(gaussOnly.candidates.filter(nestedTwice)).toEqual([]);
  });

  it("requireSymbols gives exactly the candidates that mention tri, without forming the other pairs", () => {
    const all = full;
    const withTri = all.candidates.filter((c) => mentions(c, tri)).map((c) => canonicalKey(c));
    expect([...keys].sort()).toEqual([...withTri].sort());
    expect(gaussOnly.candidates.every((c) => mentions(c, tri))).toBe(true);
    expect(gaussOnly.stats.outsideRequired).toBeGreaterThan(0);
    expect(gaussOnly.stats.generated + gaussOnly.stats.outsideRequired).toBe(all.stats.generated);
    expect(all.stats.outsideRequired).toBe(0);
    // No symbol required at all: nothing can mention it.
    expect(enumerateConjectures(theory, { requireSymbols: [], maxAtoms: 3 }).candidates).toEqual([]);
  });
});

describe("survivors another survivor gives at once", () => {
  const all = full;
  const byKey = new Map(all.candidates.map((c, i) => [canonicalKey(c), i]));
  const find = (text: string): number => {
    const c = chainOf(theory, text);
    const m = mirrorOf(c, theory);
    const i = byKey.get(canonicalKey(c)) ?? (m ? byKey.get(canonicalKey(m)) : undefined);
    if (i === undefined) throw new Error(`not proposed: ${text}`);
    return i;
  };
  const drop = (texts: string[]) => {
    const picked = texts.map(find).map((i) => all.candidates[i]!);
    const splits = new Map(picked.map((c) => [c, all.splitKeys(all.candidates.indexOf(c))]));
    return dropInstancesOfSurvivors(picked, canonicalKey, (c) => splits.get(c) ?? []);
  };
  const gauss = "in2[a,b,tri] & in2[a,c,succ] & in3[a,c,d,*] -> in3[b,b,d,+]";
  const distrib = "in3[a,b,c,+] & in3[c,d,e,*] & in3[a,d,f,*] & in3[b,d,g,*] -> in3[f,g,e,+]";

  it("drops an instance with a repeated leaf when its split survives too", () => {
    // (a + a)·d = a·d + a·d is (a + b)·d = a·d + b·d with b := a.
    const inst = "in3[a,a,c,+] & in3[c,d,e,*] & in3[a,d,f,*] -> in3[f,f,e,+]";
    const r = drop([distrib, inst]);
    expect(r.kept.map((c) => c.name)).toEqual([all.candidates[find(distrib)]!.name]);
    expect(r.dropped.map((d) => [d.conjecture.name, d.of.name])).toEqual([
      [all.candidates[find(inst)]!.name, all.candidates[find(distrib)]!.name],
    ]);
    // Alone it stays: the split is not known to hold.
    expect(drop([inst]).dropped).toEqual([]);
  });

  it("drops an equation under a common context when the inner one survives", () => {
    // s(tri(a)) = s(a·a) follows from tri(a) = a·a.
    const inner = "in2[a,b,tri] -> in3[a,a,b,*]";
    const outer = "in2[a,b,tri] & in2[b,c,succ] & in3[a,a,d,*] -> in2[d,c,succ]";
    const r = drop([inner, outer]);
    expect(r.dropped.map((d) => d.of.name)).toEqual([all.candidates[find(inner)]!.name]);
  });

  it("keeps Gauss's formula: every candidate more general than it is false", () => {
    const g = all.candidates[find(gauss)]!;
    const covers = all
      .splitKeys(find(gauss))
      .flatMap((k) => (byKey.has(k) ? [all.candidates[byKey.get(k)!]!] : []));
    expect(covers.length).toBeGreaterThan(0);
    for (const c of covers) expect(falseSomewhere(c), c.mpl).toBe(true);
    expect(falseSomewhere(g)).toBe(false);
  });

  it("never drops two survivors for each other", () => {
    const r = dropInstancesOfSurvivors(all.candidates, canonicalKey, (c) =>
      all.splitKeys(all.candidates.indexOf(c)),
    );
    expect(r.dropped.length).toBeGreaterThan(0);
    // Every drop leads, through the survivors it names, to one that is kept: no cycles.
    const ofOf = new Map(r.dropped.map((d) => [d.conjecture, d.of]));
    const kept = new Set(r.kept);
    for (const d of r.dropped) {
      let c = d.of;
      for (let steps = 0; !kept.has(c); steps++) {
        expect(steps).toBeLessThan(r.dropped.length);
        c = ofOf.get(c)!;
      }
    }
  });
});
