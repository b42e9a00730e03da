/**
 * `--workers`: above the cap it is a usage error (exit 2, nothing run); above the core count a
 * warning; the summary reports the threads that really ran; the default (adaptive) starts
 * fewer threads than cores asked for when the work is small.
 */

import { availableParallelism } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import { gl } from "./support/built-cli.js";
import { ensureBuilt, fromDist } from "./support/dist.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

let engine: typeof RunEngine;
let loadTheory: typeof LoadTheory.loadTheory;

beforeAll(async () => {
  ensureBuilt();
  engine = await fromDist<typeof RunEngine>("cli/run-engine.js");
  ({ loadTheory } = await fromDist<typeof LoadTheory>("cli/load-theory.js"));
});

describe("--workers", () => {
  it("above the cap: usage error, exit 2, for prove and discover", () => {
    const cap = engine.workerCap();
    for (const cmd of ["prove", "discover"]) {
      const r = gl(cmd, "examples/peano-quick", "--workers", String(cap + 1), "--quiet");
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`--workers ${cap + 1} is above the limit of ${cap}`);
      expect(r.stdout).toBe("");
    }
  });

  it("the cap is four per core, at least 16", () => {
    expect(engine.workerCap(2)).toBe(16);
    expect(engine.workerCap(64)).toBe(256);
  });

  it("above the core count: runs with a warning, and the summary says how many threads ran", () => {
    const n = availableParallelism() + 1;
    const r = gl("prove", "examples/peano-quick", "--workers", String(n), "--json", "--quiet");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: --workers ${n} is more than the ${availableParallelism()} cores here`,
    );
    const summary = JSON.parse(r.stdout) as { workers: number };
    expect(summary.workers).toBeGreaterThanOrEqual(1);
    expect(summary.workers).toBeLessThanOrEqual(n);
  });

  it("chooseWorkers: unset adapts to the work, numbers are taken as given", () => {
    const warnings: string[] = [];
    expect(engine.chooseWorkers(undefined, (l) => warnings.push(l), 8)).toEqual({
      workers: 8,
      adaptive: true,
    });
    expect(engine.chooseWorkers("3", (l) => warnings.push(l), 8)).toEqual({ workers: 3, adaptive: false });
    expect(warnings).toEqual([]);
    expect(engine.chooseWorkers("9", (l) => warnings.push(l), 8).workers).toBe(9);
    expect(warnings).toHaveLength(1);
    expect(() => engine.chooseWorkers("33", () => {}, 8)).toThrow("above the limit of 32");
    expect(() => engine.chooseWorkers("0", () => {}, 8)).toThrow(
      "--workers must be an integer of at least 1",
    );
  });

  it("adaptive: a small run starts fewer threads than the ceiling, with the same result", async () => {
    const theory = loadTheory({ paths: [join(REPO_ROOT, "examples", "peano-quick")] }).theory!;
    const base = { settings: {}, phase: "test", quiet: true, inPlaceFirstMs: 0 };
    const one = await engine.runProver(theory, theory.conjectures, { ...base, workers: 1 });
    const adaptive = await engine.runProver(theory, theory.conjectures, {
      ...base,
      workers: 16,
      adaptive: true,
    });
    expect(one.threads).toBe(1);
    expect(adaptive.threads).toBeGreaterThanOrEqual(2);
    expect(adaptive.threads).toBeLessThan(16);
    expect(JSON.stringify(adaptive.graph)).toBe(JSON.stringify(one.graph));
  });
});
