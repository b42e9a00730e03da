/**
 * The worker pool gives byte-identical proof graphs whatever the number of threads: the
 * example theories proved with 2 (twice), 3 and 4 workers, and peano-quick with 8, against the
 * one-worker (in-thread) run (`gl prove --out` writing the same proof.json bytes with 1, 2, 3,
 * 4 and 8 workers, and every phase of `gl discover` on every example:
 * test/pool-phases.test.ts); and
 * the reference system's 406 candidates give the same bytes after two bursts with 1, 2, 4, 8
 * workers (skipped, with a printed reason, where ../shared is absent).
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import type { Theory } from "../mpl/theory.js";
import { ensureBuilt, fromDist } from "./support/dist.js";
import { GL_FIXTURES, haveGlFixtures, REPO_ROOT, warnIfNoGlFixtures } from "./support/mpl-helpers.js";

let runProver: typeof RunEngine.runProver;
let loadTheory: typeof LoadTheory.loadTheory;

beforeAll(async () => {
  ensureBuilt();
  ({ runProver } = await fromDist<typeof RunEngine>("cli/run-engine.js"));
  ({ loadTheory } = await fromDist<typeof LoadTheory>("cli/load-theory.js"));
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

  // Two workers twice (a fresh pool each time gives the same bytes again); eight (more threads
  // than cores, and than the blocks of some bursts) on the quick example only.
  const counts = example === "peano-quick" ? [2, 3, 4, 8] : [2, 3, 4];
  it.each(counts)("%i workers: the same bytes as one worker", async (workers) => {
    for (let run = 0; run < (workers === 2 ? 2 : 1); run++) {
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
