/**
 * The finite model finder (engine/discovery/finite-models.ts): every structure it returns
 * satisfies the axioms (checked here by brute force, independently of the finder), it misses
 * no isomorphism class up to the size searched, it reports the theories it cannot read, and
 * its models refute false candidates in the lemma filter.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { filterCandidates } from "../engine/conjecture/index.js";
import { type FiniteModel, findFiniteModels } from "../engine/discovery/finite-models.js";
import { loadPaths } from "../mpl/load.js";
import type { Conjecture, Theory } from "../mpl/theory.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

function theoryOf(example: string): Theory {
  const r = loadPaths([join(REPO_ROOT, "examples", example)]);
  if (!r.theory) throw new Error(`examples/${example} does not compile`);
  return r.theory;
}

const id = (t: Theory, name: string) => t.constants.find((c) => c.name === name)!.id;

/** The model's tables: op(x, y), inv(x), the unit. */
function tables(t: Theory, m: FiniteModel, inverse: boolean) {
  const mul = id(t, "*");
  const n = m.size;
  const op = (x: number, y: number) => m.apply(mul, [x, y])!;
  const inv = inverse ? (x: number) => m.apply(id(t, "inv"), [x])! : null;
  return { n, op, inv, e: m.constants.get(id(t, "e"))! };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function associative(n: number, op: (x: number, y: number) => number): boolean {
  return range(n).every((a) =>
    range(n).every((b) => range(n).every((c) => op(op(a, b), c) === op(a, op(b, c)))),
  );
}

/** A canonical form of a binary table up to renaming the elements (n ≤ 6: all permutations). */
function canonical(n: number, op: (x: number, y: number) => number): string {
  let best = "";
  const perm: number[] = [];
  const used = new Array<boolean>(n).fill(false);
  const go = () => {
    if (perm.length === n) {
      const inv = new Array<number>(n);
      perm.forEach((p, i) => {
        inv[p] = i;
      });
      // Table of the renamed structure: x' op' y' = perm(op(inv x', inv y')).
      const key = range(n)
        .flatMap((x) => range(n).map((y) => perm[op(inv[x]!, inv[y]!)]))
        .join(",");
      if (best === "" || key < best) best = key;
      return;
    }
    for (let k = 0; k < n; k++)
      if (!used[k]) {
        used[k] = true;
        perm.push(k);
        go();
        perm.pop();
        used[k] = false;
      }
  };
  go();
  return best;
}

function classesPerSize(
  models: readonly FiniteModel[],
  t: Theory,
  inverse: boolean,
  maxSize: number,
): number[] {
  return range(maxSize).map((k) => {
    const seen = new Set<string>();
    for (const m of models.filter((x) => x.size === k + 1)) {
      const { n, op } = tables(t, m, inverse);
      seen.add(canonical(n, op));
    }
    return seen.size;
  });
}

describe("findFiniteModels", () => {
  it("finds exactly the groups of order 1 to 6, each satisfying the one-sided axioms (S3 among them)", () => {
    const t = theoryOf("group");
    const r = findFiniteModels(t, { maxSize: 6, maxModels: 1000, maxNodes: 1_000_000 });
    expect(r.stop).toBe("complete");
    for (const m of r.models) {
      const { n, op, inv, e } = tables(t, m, true);
      expect(associative(n, op)).toBe(true);
      for (const a of range(n)) {
        expect(op(e, a)).toBe(a);
        expect(op(inv!(a), a)).toBe(e);
      }
    }
    // Groups up to isomorphism: 1, 1, 1, 2 (Z4, Z2×Z2), 1, 2 (Z6, S3).
    expect(classesPerSize(r.models, t, true, 6)).toEqual([1, 1, 1, 2, 1, 2]);
    const nonCommutative = r.models.filter((m) => {
      const { n, op } = tables(t, m, true);
      return range(n).some((a) => range(n).some((b) => op(a, b) !== op(b, a)));
    });
    expect(nonCommutative.length).toBeGreaterThan(0);
    expect(nonCommutative.every((m) => m.size === 6)).toBe(true);
  });

  it("finds every commutative monoid of order 1 to 4 up to isomorphism", () => {
    const t = theoryOf("monoid");
    const r = findFiniteModels(t, { maxSize: 4, maxModels: 10_000, maxNodes: 1_000_000 });
    expect(r.stop).toBe("complete");
    for (const m of r.models) {
      const { n, op, e } = tables(t, m, false);
      expect(associative(n, op)).toBe(true);
      for (const a of range(n)) {
        expect(op(e, a)).toBe(a);
        for (const b of range(n)) expect(op(a, b)).toBe(op(b, a));
      }
    }
    // Commutative monoids up to isomorphism (OEIS A058131): 1, 2, 5, 19.
    expect(classesPerSize(r.models, t, false, 4)).toEqual([1, 2, 5, 19]);
  });

  it("says why it cannot read a theory, and how a bound cut the search", () => {
    const peano = findFiniteModels(theoryOf("peano"));
    expect(peano.stop).toBe("unsupported");
    expect(peano.unsupported).toMatch(/induction roles/);
    const cut = findFiniteModels(theoryOf("monoid"), { maxSize: 5, maxModels: 10, maxNodes: 1_000_000 });
    expect(cut.stop).toBe("max-models");
    expect(cut.models).toHaveLength(10);
    const nodes = findFiniteModels(theoryOf("group"), { maxSize: 6, maxModels: 1000, maxNodes: 50 });
    expect(nodes.stop).toBe("max-nodes");
  });

  it("refutes commutativity of a group with S3 only, and inv(a) = a already in Z3", () => {
    const t = theoryOf("group");
    const [inv, mul, e] = [id(t, "inv"), id(t, "*"), id(t, "e")];
    const atom = (pred: number, args: number[]) => ({ pred, args, negated: false });
    const c = (name: string, premises: Conjecture["premises"], head: Conjecture["head"], vars: string[]) => ({
      name,
      mpl: "",
      varNames: vars,
      premises,
      head,
      source: { path: "test", line: 1, col: 1 },
    });
    const comm = c("comm", [atom(2, [0, 1, 2, -mul - 1])], atom(2, [1, 0, 2, -mul - 1]), ["a", "b", "c"]);
    const invSelf = c("inv_self", [atom(1, [0, 1, -inv - 1])], atom(3, [1, 0]), ["a", "i"]);
    const rightUnit = c("right_unit", [atom(2, [0, -e - 1, 1, -mul - 1])], atom(3, [1, 0]), ["a", "b"]);
    const refutedBy = (k: Conjecture, maxSize: number) =>
      findFiniteModels(t, { maxSize, maxModels: 1000, maxNodes: 1_000_000 }).models.filter(
        (m) => filterCandidates([k], t, m).refuted.length > 0,
      );
    expect(refutedBy(comm, 5)).toHaveLength(0);
    expect(refutedBy(comm, 6).every((m) => m.size === 6)).toBe(true);
    expect(refutedBy(comm, 6).length).toBeGreaterThan(0);
    expect(Math.min(...refutedBy(invSelf, 3).map((m) => m.size))).toBe(3);
    expect(refutedBy(rightUnit, 6)).toHaveLength(0);
  });
});
