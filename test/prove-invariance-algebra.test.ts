/**
 * Invariance of `gl prove` on theories without induction (examples/group, a one-sided group;
 * examples/group-two-sided; examples/monoid, a commutative monoid): each proves all its
 * conjectures, and so does every meaning-preserving rewrite of it (test/support/
 * algebra-variants.ts: conjunctions in the other order, equalities flipped, every name changed
 * with the files read in another order, the operation's operands swapped). The proofs rely on
 * goal-directed terms (engine/saturate/goal-terms.ts); the summary reports how many were made.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Files,
  flipEqualities,
  renameEverything,
  reorderConjunctions,
  swapOperands,
} from "./support/algebra-variants.js";
import { ensureBuilt } from "./support/built-cli.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";
import { proveFiles } from "./support/prove-files.js";

interface Summary {
  proved: number;
  conjectures: number;
  theorems: { name: string | null; status: string }[];
  goalTerms: { made: number; cut: number; blocks: number };
  verification: { ok: boolean };
}

let scratch = "";

const prove = (label: string, files: Files): Summary =>
  proveFiles<Summary>(join(scratch, label.replace(/\W+/g, "-")), files, "--allow-unproved");

const provedNames = (s: Summary): string[] =>
  s.theorems
    .filter((t) => t.status === "proved")
    .map((t) => t.name ?? "")
    .sort();

function read(example: string): Files {
  const dir = join(REPO_ROOT, "examples", example);
  const files: Files = {};
  for (const f of readdirSync(dir)) files[f] = readFileSync(join(dir, f), "utf8");
  return files;
}

const REWRITES: Record<string, (f: Files) => Files> = {
  "conjunctions in the other order, equalities flipped": (f) => flipEqualities(reorderConjunctions(f)),
  "every name changed, files in another order": renameEverything,
  "operands of * swapped everywhere (the opposite operation)": (f) => swapOperands(f, "*"),
};

/** Conjectures of each example, and whether its proofs need goal-directed terms (inv(x) that no axiom demands). */
const EXAMPLES: Record<string, { conjectures: number; terms: boolean }> = {
  group: { conjectures: 7, terms: true },
  "group-two-sided": { conjectures: 9, terms: true },
  monoid: { conjectures: 7, terms: false },
};

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), "gl-algebra-invariance-"));
});
afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

describe.each(Object.keys(EXAMPLES))("examples/%s", (example) => {
  let reference: string[] = [];
  let original: Summary;

  beforeAll(() => {
    original = prove(`${example}-original`, read(example));
    reference = provedNames(original);
  });

  it("proves every conjecture, verified, with goal-directed terms reported", () => {
    const s = original;
    expect(s.verification.ok).toBe(true);
    expect(s.conjectures).toBe(EXAMPLES[example]!.conjectures);
    expect(s.proved).toBe(s.conjectures);
    expect(reference).toHaveLength(s.conjectures);
    expect(s.goalTerms.cut).toBe(0);
    if (EXAMPLES[example]!.terms) expect(s.goalTerms.made).toBeGreaterThan(0);
  });

  it.each(Object.keys(REWRITES))("%s: the same set", (label) => {
    const s = prove(`${example}-${label}`, REWRITES[label]!(read(example)));
    expect(s.verification.ok).toBe(true);
    expect(provedNames(s)).toEqual(reference);
  });
});

it("examples/monoid with its unit axiom stated as a * e = a: the same set", () => {
  const files = swapOperands(
    read("monoid"),
    "*",
    (i) => i.kind === "definition" && i.name === "CommutativeMonoid",
  );
  // Only the unit axiom changes meaning-wise; associativity and commutativity are symmetric.
  expect(files["monoid.mpl"]).toContain("(in3[a,e,b,*])");
  const s = prove("monoid-unit-swapped", files);
  expect(provedNames(s)).toHaveLength(7);
});
