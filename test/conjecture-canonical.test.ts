import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalChain, canonicalKey, chainText } from "../engine/conjecture/canonical.js";
import { enumerateConjectures } from "../engine/conjecture/enumerate.js";
import { mirrorOf } from "../engine/conjecture/mirror.js";
import { buildConjecture, variableNames } from "../engine/conjecture/render.js";
import type { Conjecture, PatternAtom } from "../mpl/theory.js";
import { chainOf } from "./support/chain-text.js";
import { HELPER_LEMMAS, TARGET_LAWS } from "./support/peano-laws.js";
import { peanoTheory } from "./support/peano-theory.js";

const theory = peanoTheory();
const { candidates } = enumerateConjectures(theory);

/** A copy with variables renamed by `perm` (old index → new index) and premises reordered. */
function shuffled(c: Conjecture, perm: readonly number[], order: readonly number[]): Conjecture {
  const atom = (a: PatternAtom): PatternAtom => ({ ...a, args: a.args.map((t) => (t < 0 ? t : perm[t]!)) });
  return { ...c, premises: order.map((i) => atom(c.premises[i]!)), head: atom(c.head) };
}

const permutation = (n: number) =>
  fc.array(fc.nat(), { minLength: n, maxLength: n }).map((weights) =>
    weights
      .map((w, i) => [w, i] as const)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1])
      .map(([, i]) => i),
  );

describe("canonicalKey", () => {
  it("is the same for renamed and reordered copies", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: candidates.length - 1 }).chain((i) => {
          const c = candidates[i]!;
          // Variable numbers may also become sparse: spread them out by a factor.
          return fc.tuple(
            fc.constant(c),
            permutation(c.varNames.length),
            permutation(c.premises.length),
            fc.integer({ min: 1, max: 3 }),
          );
        }),
        ([c, perm, order, spread]) => {
          const copy = shuffled(
            c,
            perm.map((p) => p * spread),
            order,
          );
          expect(canonicalKey(copy)).toBe(canonicalKey(c));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("tells different laws apart", () => {
    const texts = [...Object.values(TARGET_LAWS), ...Object.values(HELPER_LEMMAS)];
    const keys = texts.map((t) => canonicalKey(chainOf(theory, t)));
    expect(new Set(keys).size).toBe(texts.length);
  });

  it("spells atoms by predicate and constant ids", () => {
    const comm = chainOf(theory, "in3[x,y,z,+] -> in3[y,x,z,+]");
    expect(canonicalKey(comm)).toBe("p2[v0,v1,v2,k3] -> p2[v1,v0,v2,k3]");
    const reordered = chainOf(theory, "in3[d,c,e,+] & in3[b,c,f,+] & in3[a,b,d,+] -> in3[a,f,e,+]");
    const written = chainOf(theory, "in3[a,b,d,+] & in3[d,c,e,+] & in3[b,c,f,+] -> in3[a,f,e,+]");
    expect(canonicalKey(reordered)).toBe(canonicalKey(written));
    const form = canonicalChain(written.premises, written.head);
    expect(chainText(form.premises, form.head)).toBe(canonicalKey(written));
    expect(form.varCount).toBe(6);
  });
});

describe("mirrorOf", () => {
  it("swaps the head with the premise that computes the other side", () => {
    const law = chainOf(theory, "in2[a,c,s] & in3[a,b,d,+] & in2[d,e,s] -> in3[c,b,e,+]");
    const mirror = mirrorOf(law, theory);
    expect(mirror).not.toBeNull();
    expect(canonicalKey(mirror!)).toBe(
      canonicalKey(chainOf(theory, "in2[a,c,s] & in3[a,b,d,+] & in3[c,b,e,+] -> in2[d,e,s]")),
    );
    expect(mirror!.name).toBe("expected-mirror");
  });

  it("maps commutativity to itself", () => {
    const comm = chainOf(theory, TARGET_LAWS["commutativity of +"]!);
    expect(canonicalKey(mirrorOf(comm, theory)!)).toBe(canonicalKey(comm));
  });

  it("gives the original back when applied twice", () => {
    let withMirror = 0;
    for (const c of candidates) {
      const mirror = mirrorOf(c, theory);
      if (mirror === null) continue;
      withMirror++;
      expect(canonicalKey(mirrorOf(mirror, theory)!)).toBe(canonicalKey(c));
    }
    expect(withMirror).toBeGreaterThan(candidates.length / 2);
  });

  it("has none for an equality head", () => {
    expect(mirrorOf(chainOf(theory, HELPER_LEMMAS["0+a = a"]!), theory)).toBeNull();
  });
});

describe("buildConjecture", () => {
  it("lists premises in definitional order and binds variables at first use", () => {
    const c = buildConjecture(
      "t",
      chainOf(theory, "in3[a,f,g,*] & in3[b,d,f,+] & in3[a,b,c,*] & in3[a,d,e,*] -> in3[c,e,g,+]").premises,
      chainOf(theory, "in3[a,f,g,*] & in3[b,d,f,+] & in3[a,b,c,*] & in3[a,d,e,*] -> in3[c,e,g,+]").head,
      theory,
    );
    expect(c.mpl).toBe(
      "(>[a,b,c](in3[a,b,c,*])(>[d,e](in3[a,d,e,*])(>[f](in3[b,d,f,+])(>[g](in3[a,f,g,*])(in3[c,e,g,+])))))",
    );
    expect(c.varNames).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("never names a variable like a theory constant", () => {
    const clash = peanoTheory({ carrier: "N", zero: "a", successor: "s", plus: "c", times: "*" });
    expect(variableNames(5, clash)).toEqual(["b", "d", "e", "f", "g"]);
    // The Peano theory names its successor `s`, so that letter is skipped too.
    expect(variableNames(28, theory).slice(24)).toEqual(["z", "a1", "b1", "c1"]);
  });
});
