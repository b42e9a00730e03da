/**
 * The reference system's 406 Peano candidates (its v0.1 conjecture list) as a soundness test.
 * The test judges every line itself, by brute force over the numbers 0..4
 * (test/support/peano-judge.ts reads the formula as text; neither the MPL compiler nor the
 * engine is involved), and holds the engine to that split:
 * - `gl prove` given all false candidates at once, with default limits, proves none of them
 *   and stops at a fixpoint (nothing was cut short);
 * - `gl prove` given the true ones proves every one;
 * - `gl discover` given all 406 as its candidates refutes exactly the false ones with the
 *   ground model, proves every survivor, and its proofs pass the independent verifier.
 * Skipped, with a printed reason, where ../shared is absent.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, gl } from "./support/built-cli.js";
import { glAsync, limiter, type Outcome } from "./support/cli-async.js";
import { GL_FIXTURES, haveGlFixtures, REPO_ROOT, warnIfNoGlFixtures } from "./support/mpl-helpers.js";
import { judgeCandidate, type Verdict } from "./support/peano-judge.js";

warnIfNoGlFixtures("GL candidate soundness tests");

const V01 = join(GL_FIXTURES, "v0.1");
const CONFIG = join(REPO_ROOT, "test", "fixtures", "gl-v0.1-config.json");
const BOUND = 4;

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
/** The true lines as listed in our research notes on the reference system. */
const NOTES_TRUE_LINES = [
  ...range(5, 10),
  ...range(13, 16),
  ...[18, 20, 22, 24, 26, 28, 30, 32, 181, 182, 185, 186],
  ...range(191, 193),
  ...[298, 348, 383, 384],
  ...range(386, 389),
  391,
  ...range(394, 396),
  ...range(398, 401),
  ...[403, 406],
];

interface Line {
  readonly number: number;
  readonly text: string;
  readonly verdict: Verdict;
}

let lines: Line[] = [];
let scratch = "";
/** The v0.1 definitions without the folder's own conjecture list, so a run reads only the file it is given. */
let defs = "";

function writeList(name: string, list: readonly Line[]): string {
  const path = join(scratch, name);
  writeFileSync(path, `${list.map((l) => l.text).join("\n")}\n`);
  return path;
}

interface ProveSummary {
  stopReason: string;
  proved: number;
  conjectures: number;
  skippedLines: number;
  blocksAtFactLimit: number;
  theorems: { name: string; mpl: string; status: string }[];
}

/**
 * The `gl prove` runs take one thread each and run side by side, one per core (more threads
 * do not make these runs faster on few cores; every worker count gives the same bytes:
 * test/pool-determinism.test.ts).
 */
const oneRunPerCore = limiter();

async function glProve(list: string, ...extra: string[]): Promise<Outcome> {
  const args = ["prove", "--json", "-q", "--allow-unproved", "--workers", "1", ...extra];
  return oneRunPerCore(() =>
    glAsync([...args, "--gl-config", CONFIG, defs, "--conjectures", list], { timeoutMs: 240_000 }),
  );
}

async function prove(list: string): Promise<ProveSummary> {
  const r = await glProve(list);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ProveSummary;
}

beforeAll(() => {
  if (!haveGlFixtures) return;
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), "gl-candidates-"));
  defs = join(scratch, "defs");
  mkdirSync(defs);
  for (const f of ["NaturalNumbers.txt", "fXY.txt", "fXYZ.txt"]) copyFileSync(join(V01, f), join(defs, f));
  lines = readFileSync(join(V01, "conjectures.txt"), "utf8")
    .split("\n")
    .map((text, i) => ({ number: i + 1, text: text.trim() }))
    .filter((l) => l.text !== "")
    .map((l) => ({ ...l, verdict: judgeCandidate(l.text, BOUND) }));
});
afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

const trueLines = () => lines.filter((l) => l.verdict.holds);
const falseLines = () => lines.filter((l) => !l.verdict.holds);

describe.skipIf(!haveGlFixtures)("GL's v0.1 candidates against a brute-force judge", () => {
  it("the judge splits the 406 candidates into 43 true and 363 false", () => {
    expect(lines).toHaveLength(406);
    expect(trueLines()).toHaveLength(43);
    expect(falseLines()).toHaveLength(363);
    // Every true line was tested on some assignment (none holds vacuously).
    for (const l of trueLines()) expect(l.verdict.checked, `line ${l.number}`).toBeGreaterThan(0);
    // The same split as our research notes list (they evaluated the lines separately).
    expect(trueLines().map((l) => l.number)).toEqual(NOTES_TRUE_LINES);
    // Line 1: s(a) = b → i0 + a = b fails at a = 0.
    expect(lines[0]!.verdict).toMatchObject({ holds: false, counterexample: { "7": "0", "8": "1" } });
  });

  it.concurrent("gl prove proves none of the 363 false candidates, with default limits, and stops at a fixpoint", async () => {
    const s = await prove(writeList("false.txt", falseLines()));
    expect(s.conjectures).toBe(363);
    const provedFalse = s.theorems.filter((t) => t.status === "proved").map((t) => t.mpl);
    expect(provedFalse).toEqual([]);
    expect(s.proved).toBe(0);
    // Nothing was cut short: the engine ran out of things to derive.
    expect(s.stopReason).toBe("fixpoint");
    expect(s.blocksAtFactLimit).toBe(0);
  });

  it.concurrent("with lemma discovery on, gl prove proves none of a sample of the false candidates", async () => {
    // Every 48th false line: few enough goals for the lemma search to run (--max-lemma-goals).
    const sample = falseLines().filter((_, i) => i % 48 === 0);
    const r = await glProve(writeList("false-sample.txt", sample));
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as ProveSummary & {
      lemmas: { stuck: string[]; survivors: number; stop: string } | null;
    };
    expect(s.conjectures).toBe(sample.length);
    expect(s.proved).toBe(0);
    // The search really ran and handed lemmas to the retry, which proved none of the goals.
    expect(s.lemmas?.stuck).toHaveLength(sample.length);
    expect(s.lemmas?.survivors).toBeGreaterThan(0);
    expect(s.lemmas?.stop).toBe("retry-proved-no-more");
  }, 300_000);

  it.concurrent("gl prove proves all 43 true candidates", async () => {
    const s = await prove(writeList("true.txt", trueLines()));
    const unproved = s.theorems.filter((t) => t.status !== "proved").map((t) => t.mpl);
    expect(unproved).toEqual([]);
    expect(s.proved).toBe(43);
    expect(s.stopReason).toBe("all-proved");
  });

  describe("gl discover with the 406 lines as its candidates", () => {
    let out = "";
    let summary: {
      candidatesFrom: string;
      stages: Record<string, number | null>;
      model: { constants: string[] };
      candidates: {
        name: string;
        mpl: string;
        status: string;
        counterexample: {
          instance: Record<string, number>;
          lhs: number;
          rhs: number;
          facts: string[];
        } | null;
        theorem: string | null;
      }[];
      verification: { ok: boolean; checks: number; failures: unknown[] };
    };
    beforeAll(() => {
      if (!haveGlFixtures) return;
      out = join(scratch, "discover");
      const list = join(V01, "conjectures.txt");
      const r = gl(
        "discover",
        "--json",
        "-q",
        "--workers",
        "2",
        "--gl-config",
        CONFIG,
        V01,
        "--conjectures",
        list,
        "--out",
        out,
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      summary = JSON.parse(r.stdout) as typeof summary;
    });

    it("reports every candidate once, in input order", () => {
      expect(summary.candidatesFrom).toBe("given");
      expect(summary.candidates.map((c) => c.mpl)).toEqual(lines.map((l) => l.text));
      expect(summary.candidates.map((c) => c.name)).toEqual(lines.map((l) => `line${l.number}`));
    });

    it("refutes exactly the false candidates and proves exactly the true ones", () => {
      const wrong = summary.candidates
        .map((c, i) => ({ c, l: lines[i]! }))
        .filter(({ c, l }) => (l.verdict.holds ? c.status !== "proved" : c.status !== "refuted"))
        .map(({ c, l }) => `line ${l.number} (${l.verdict.holds ? "true" : "false"}): ${c.status}`);
      expect(wrong).toEqual([]);
      expect(summary.stages).toMatchObject({
        candidates: 406,
        refutedByModel: 363,
        survivors: 43,
        proved: 43,
        unproved: 0,
      });
    });

    it("gives each refutation a counterexample the judge agrees with", () => {
      // The model's i1 = 1 is proved from the axioms; it lets the filter read lines that use i1.
      expect(summary.model.constants).toEqual(["i1 = 1"]);
      for (const c of summary.candidates.filter((x) => x.status === "refuted")) {
        const cx = c.counterexample!;
        expect(cx.lhs, c.name).not.toBe(cx.rhs);
        // Pin the counterexample's values and ask the judge again: the line must fail there.
        const pinned = judgeCandidate(c.mpl, Math.max(...Object.values(cx.instance)), cx.instance);
        expect(pinned.checked, `${c.name} at ${JSON.stringify(cx.instance)}`).toBeGreaterThan(0);
        expect(pinned.holds, `${c.name} at ${JSON.stringify(cx.instance)}`).toBe(false);
      }
    });

    it("writes proofs that the independent verifier accepts, and the HTML site", () => {
      expect(summary.verification).toMatchObject({ ok: true, failures: [] });
      const v = gl("verify", join(out, "proof.json"));
      expect(v.code).toBe(0);
      expect(v.stdout).toContain("0 failures");
      expect(existsSync(join(out, "html", "index.html"))).toBe(true);
      const graph = JSON.parse(readFileSync(join(out, "proof.json"), "utf8")) as { theorems: unknown[] };
      expect(graph.theorems.length).toBeGreaterThanOrEqual(43);
    });
  });
});
