/**
 * A worker thread that fails ends the run at once with an error naming the block: through
 * `gl prove` (the GL_FAULT_INJECT testing hook; exit code 1, no proof.json written) and
 * through runProver (a WorkerError, every worker thread gone afterwards, nothing left hanging).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type * as LoadTheory from "../cli/load-theory.js";
import type * as RunEngine from "../cli/run-engine.js";
import type * as Pool from "../engine/pool.js";
import type { Theory } from "../mpl/theory.js";
import { CLI, ensureBuilt, fromDist } from "./support/dist.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

let runProver: typeof RunEngine.runProver;
let WorkerError: typeof Pool.WorkerError;
let theory: Theory;
let scratch = "";

beforeAll(async () => {
  ensureBuilt();
  ({ runProver } = await fromDist<typeof RunEngine>("cli/run-engine.js"));
  ({ WorkerError } = await fromDist<typeof Pool>("engine/pool.js"));
  const { loadTheory } = await fromDist<typeof LoadTheory>("cli/load-theory.js");
  theory = loadTheory({ paths: [join(REPO_ROOT, "examples", "peano-quick")] }).theory!;
  scratch = mkdtempSync(join(tmpdir(), "gl-fault-"));
});

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

/** `gl prove` in a child process, killed if it hangs. */
function prove(fault: string, workers: number, out: string) {
  const start = performance.now();
  const r = spawnSync(
    process.execPath,
    [CLI, "prove", "examples/peano-quick", "--workers", String(workers), "--quiet", "--out", out],
    { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000, env: { ...process.env, GL_FAULT_INJECT: fault } },
  );
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    ms: performance.now() - start,
  };
}

describe("gl prove with a failing worker thread", () => {
  it.each([
    { fault: "0:throw", block: 0, cause: "injected fault (testing hook)" },
    { fault: "0:exit", block: 0, cause: "worker exited with code: 3" },
    { fault: "40:exit", block: 40, cause: "worker exited with code: 3" },
    { fault: "40:throw", block: 40, cause: "injected fault (testing hook)" },
  ])("$fault: exit code 1, names block $block, writes nothing", ({ fault, block, cause }) => {
    const out = join(scratch, fault.replace(":", "-"));
    const r = prove(fault, 3, out);
    expect(r.signal, "the run ends by itself").toBeNull();
    expect(r.code).toBe(1);
    // Only the error (and, on a machine with fewer than 3 cores, the --workers warning).
    const lines = r.stderr
      .split("\n")
      .filter((l) => l !== "" && !l.includes("warning: --workers 3 is more than"));
    expect(lines).toEqual([
      `gl prove: error: a worker thread failed in phase 'prove' on block ${block}: ${cause}`,
    ]);
    expect(r.stdout).toBe("");
    expect(existsSync(join(out, "proof.json"))).toBe(false);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    // Well under the 60 s kill timeout (the whole quick run takes a few seconds).
    expect(r.ms).toBeLessThan(30_000);
  });

  it("rejects a malformed hook value as a usage error (exit code 2)", () => {
    const r = prove("seven:explode", 2, join(scratch, "bad"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GL_FAULT_INJECT must look like '<block>:throw' or '<block>:exit'");
  });

  it("has no effect with one worker: no pool thread runs the block", () => {
    const out = join(scratch, "one");
    const r = prove("0:throw", 1, out);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, "proof.json"))).toBe(true);
  });
});

describe("runProver with a failing worker thread", () => {
  const created: Worker[] = [];
  const exited = new Set<Worker>();
  const onWorker = (w: Worker) => {
    created.push(w);
    w.once("exit", () => exited.add(w));
  };
  beforeAll(() => {
    process.on("worker", onWorker);
  });
  afterAll(() => {
    process.off("worker", onWorker);
  });
  afterEach(() => {
    created.length = 0;
    exited.clear();
  });

  it.each(["throw", "exit"] as const)(
    "%s: a WorkerError naming the block; every thread gone",
    async (kind) => {
      const run = runProver(theory, theory.conjectures, {
        workers: 4,
        settings: {},
        phase: "test",
        quiet: true,
        fault: { block: 5, kind },
      });
      const error = await run.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WorkerError);
      expect((error as Pool.WorkerError).blocks).toEqual([5]);
      expect((error as Error).message).toMatch(/^a worker thread failed in phase 'test' on block 5: /);
      // Three pool threads (the coordinator is the fourth worker); piscina may have started a
      // replacement for a thread that exited before the pool was destroyed.
      expect(created.length).toBeGreaterThanOrEqual(3);
      // The pool was destroyed before the error reached us: give the exit events one turn.
      await new Promise((resolve) => setImmediate(resolve));
      expect(exited.size).toBe(created.length);
    },
  );
});
