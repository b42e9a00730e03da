/**
 * The worker pool gives byte-identical proof graphs whatever the number of threads: the
 * example theories proved with 1, 2, 3, 4 and 8 workers, twice each, against the one-worker
 * (in-thread) run; `gl prove --out` writes the same proof.json bytes with 1 and 3 workers (every
 * phase of `gl discover`, on every example: test/pool-phases.test.ts); and
 * the reference system's 406 candidates give the same bytes after two bursts with 1, 2, 4, 8
 * workers (skipped, with a printed reason, where ../shared is absent).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import type { Theory } from "../mpl/theory.js";
import { CLI, ensureBuilt, fromDist } from "./support/dist.js";
import { GL_FIXTURES, haveGlFixtures, REPO_ROOT, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

let runProver: typeof RunEngine.runProver;
let loadTheory: typeof LoadTheory.loadTheory;
let scratch = "";

beforeAll(async () => {
  ensureBuilt();
  ({ runProver } = await fromDist<typeof RunEngine>("cli/run-engine.js"));
  ({ loadTheory } = await fromDist<typeof LoadTheory>("cli/load-theory.js"));
  scratch = mkdtempSync(join(tmpdir(), "gl-pool-"));
});

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

const sha = (text: string): string => createHash("sha256").update(text).digest("hex").slice(0, 16);

function theoryOf(example: string): Theory {
  const loaded = loadTheory({ paths: [join(REPO_ROOT, "examples", example)] });
  if (!loaded.theory) throw new Error(`examples/${example} does not load`);
  return loaded.theory;
}

async function proofJson(theory: Theory, workers: number) {
  const r = await runProver(theory, theory.conjectures, {
    workers,
    inPlaceFirstMs: 0,
    settings: {},
    phase: "test",
    quiet: true,
  });
  return { json: JSON.stringify(r.graph), graph: r.graph, pool: r.pool };
}

describe.each([
  { example: "peano-quick", proved: 13 },
  { example: "peano", proved: 3 },
])("examples/$example", ({ example, proved }) => {
  let theory: Theory;
  let reference = "";

  beforeAll(async () => {
    theory = theoryOf(example);
    const r = await proofJson(theory, 1);
    reference = r.json;
    // Not vacuous: the reference run proves what the example is known to prove.
    expect(r.graph.theorems.filter((t) => t.mirrorOf === undefined).length).toBe(proved);
    expect(r.pool).toBeNull();
  });

  it.each([1, 2, 3, 4, 8])("%i workers, run twice: the same bytes as one worker", async (workers) => {
    for (let run = 0; run < 2; run++) {
      const r = await proofJson(theory, workers);
      expect(sha(r.json), `${workers} workers, run ${run + 1}`).toBe(sha(reference));
      expect(r.json === reference).toBe(true);
      if (workers > 1) {
        // Blocks really crossed threads: some ran on pool threads, not only on the coordinator.
        expect(r.pool!.blocks - r.pool!.localBlocks).toBeGreaterThan(0);
      }
    }
  });
});

describe("gl prove --out", () => {
  it("writes the same proof.json with 1 and 3 workers", () => {
    const files = [1, 3].map((workers) => {
      const out = join(scratch, `w${workers}`);
      const r = spawnSync(
        process.execPath,
        [CLI, "prove", "examples/peano-quick", "--workers", String(workers), "--quiet", "--out", out],
        // The pool from the first burst: this example is too short to start it otherwise.
        { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, GL_IN_PLACE_FIRST_MS: "0" } },
      );
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, "proof.json"));
    });
    expect(files[0]!.length).toBeGreaterThan(10_000);
    expect(files[1]!.equals(files[0]!)).toBe(true);
  });
});

const glV01 = join(GL_FIXTURES, "v0.1");
warnIfNoGlFixtures("pool determinism on the reference candidates");

describe.skipIf(!haveGlFixtures)(
  "the large workload's first bursts (the reference system's 406 candidates, unfiltered)",
  () => {
    it("2, 4 and 8 workers give the one-worker bytes after two bursts", async () => {
      const loaded = loadTheory({
        paths: [glV01],
        glConfig: join(REPO_ROOT, "test", "fixtures", "gl-v0.1-config.json"),
        conjectures: [join(glV01, "conjectures.txt")],
      });
      const theory = loaded.theory!;
      expect(theory.conjectures.length).toBe(406);
      const json = async (workers: number) => {
        const r = await runProver(theory, theory.conjectures, {
          workers,
          inPlaceFirstMs: 0,
          settings: { maxBursts: 2 },
          phase: "test",
          quiet: true,
        });
        return { json: JSON.stringify(r.graph), pool: r.pool, facts: r.graph.run.facts };
      };
      const reference = await json(1);
      // Not vacuous: two bursts derive tens of thousands of facts over some 1,800 blocks.
      expect(reference.facts).toBeGreaterThan(10_000);
      for (const workers of [2, 4, 8]) {
        const r = await json(workers);
        expect(r.pool!.blocks - r.pool!.localBlocks).toBeGreaterThan(0);
        expect(r.pool!.deltaInts, "parents were replicated across threads").toBeGreaterThan(0);
        expect(r.json === reference.json, `${workers} workers`).toBe(true);
      }
    }, 240_000);
  },
);
