/**
 * Every phase of `gl discover` that uses the pool gives the same bytes for any thread count,
 * and a pool thread that fails in any of them ends the command cleanly, naming the phase and
 * what it was doing:
 *
 * - every example that discovers, with 1 and 2 workers; peano and peano-double with 3 and 4
 *   too (peano-quick and peano-cold only add targets to peano's definitions; peano-exp's run is
 *   mostly its enumeration, on the main thread and the same for any count, so its 3 and 4 would
 *   repeat what peano shows at three times the cost), and peano-double (two batches, the pool
 *   switched between them) with 8: proof.json, model.json,
 *   discovery.json and every file of the HTML site identical (lean settings: two proof bursts,
 *   a small model; two runs at a time, the one-worker references first); the summary says the pool's
 *   threads ran the model, the proofs, the re-check and the site; `examples/group` (no
 *   induction roles) through `gl prove` with 1, 2, 3, 4 and 8;
 * - GL_FAULT_INJECT="<phase>:<n>:throw|exit" in each pool phase: exit code 1, one error line
 *   naming the phase and the block or item, nothing written, no thread left behind.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { glAsync, limiter } from "./support/cli-async.js";
import { CLI, ensureBuilt } from "./support/dist.js";
import { REPO_ROOT } from "./support/mpl-helpers.js";

let scratch = "";

beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), "gl-phases-"));
});

afterAll(() => {
  if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
});

const LEAN = ["--max-bursts", "2", "--model-size", "2", "--model-max-value", "4"];
const WORKERS = [1, 2, 3, 4, 8];

/** Runs the CLI in a child process; the pool takes blocks from the first burst. */
function gl(args: string[], env: Record<string, string> = {}) {
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 120_000,
    env: { ...process.env, GL_IN_PLACE_FIRST_MS: "0", ...env },
  });
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    ms: performance.now() - start,
  };
}

/** Every file under `dir`, relative path → sha256. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string, rel: string): void => {
    for (const e of readdirSync(at, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(at, e.name), `${rel}${e.name}/`);
      else
        files.set(
          `${rel}${e.name}`,
          createHash("sha256")
            .update(readFileSync(join(at, e.name)))
            .digest("hex"),
        );
    }
  };
  walk(dir, "");
  return files;
}

/** Lines of stderr besides the warning that more workers than cores were asked for. */
const errorLines = (stderr: string): string[] =>
  stderr.split("\n").filter((l) => l !== "" && !l.includes("is more than the"));

/**
 * The worker counts beside one: 2 on every example; 3 and 4 on peano and the batches, 8 too on
 * the batches (more threads than some bursts have blocks, and the pool switched between
 * batches). examples/peano-quick and peano-cold discover from the same definitions as
 * examples/peano (only their targets, which the pool never sees, differ): 2 workers there.
 * examples/peano-exp: 2 workers (its own theory through every pool phase); its lean run spends
 * three quarters of its time enumerating candidates on the main thread, the same for any count,
 * and how 3 or 4 threads split the blocks and items is shown on peano and the batches.
 */
const EXAMPLES = [
  { example: "peano", batches: [] as string[], counts: [2, 3, 4] },
  { example: "peano-quick", batches: [] as string[], counts: [2] },
  { example: "peano-cold", batches: [] as string[], counts: [2] },
  { example: "peano-exp", batches: [] as string[], counts: [2] },
  // Batches: one pool serves both, switched to the later batch's theory.
  { example: "peano-double", batches: ["Peano", "PeanoDouble"], counts: [2, 3, 4, 8] },
];
const DOUBLE_PROFILE = () => join(scratch, "double-profile.json");

const discoverArgs = (example: string, workers: number, out: string): string[] => [
  "discover",
  `examples/${example}`,
  ...LEAN,
  "--workers",
  String(workers),
  "--quiet",
  "--json",
  "--out",
  out,
];

/** A finished run of `gl discover`: its outcome and the files it wrote (none where it failed). */
interface Written {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: Map<string, string>;
}

/** Every run of every example by worker count (1: the reference files). */
const runs = new Map<string, Written>();
const runKey = (example: string, workers: number): string => `${example}-w${workers}`;

// Two runs at a time, the one-thread references queued first: much of a lean run is the
// candidate enumeration on its main thread, during which a second run fills the other core.
// Timing cannot change the bytes (that is what is tested), and each run is checked below for
// having used more than one thread in every pool phase.
beforeAll(async () => {
  const twoAtATime = limiter(2);
  const all = [
    ...EXAMPLES.map(({ example }) => ({ example, workers: 1 })),
    ...EXAMPLES.flatMap(({ example, counts }) => counts.map((workers) => ({ example, workers }))),
  ];
  await Promise.all(
    all.map(({ example, workers }) =>
      twoAtATime(async () => {
        const out = join(scratch, runKey(example, workers));
        const profile =
          example === "peano-double" && workers === 2 ? { GL_POOL_PROFILE: DOUBLE_PROFILE() } : {};
        const r = await glAsync(discoverArgs(example, workers, out), {
          env: { GL_IN_PLACE_FIRST_MS: "0", ...profile },
          timeoutMs: 120_000,
        });
        const files = r.code === 0 ? tree(out) : new Map<string, string>();
        rmSync(out, { recursive: true, force: true });
        runs.set(runKey(example, workers), { code: r.code, stdout: r.stdout, stderr: r.stderr, files });
      }),
    ),
  );
}, 480_000);

describe.each(EXAMPLES)("gl discover examples/$example", ({ example, batches, counts }) => {
  it(`writes the same bytes with 1, ${counts.join(", ")} workers, every phase`, () => {
    const one = runs.get(runKey(example, 1))!;
    expect(one.code, one.stderr).toBe(0);
    const reference = one.files;
    expect([...reference.keys()]).toEqual(
      expect.arrayContaining([
        "proof.json",
        "model.json",
        "discovery.json",
        "html/index.html",
        "html/discovery.html",
        "html/discovery/refuted-1.html",
        // An earlier batch: its model graph and its site.
        ...batches
          .slice(0, -1)
          .flatMap((b) => [
            `model.${b}.json`,
            `html/batches/${b}/index.html`,
            `html/batches/${b}/discovery/refuted-1.html`,
          ]),
      ]),
    );
    expect(reference.size).toBeGreaterThan(10);
    for (const workers of counts) {
      const r = runs.get(runKey(example, workers))!;
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout) as { phases: Record<string, { threads: number }> };
      // Not vacuous: the pool's threads ran the bursts and the tasks of the other phases
      // (in every batch: a run of batches times its phases per batch).
      const keys = [
        ...(batches.length === 0 ? ["model", "prove"] : batches.flatMap((b) => [`${b} model`, `${b} prove`])),
        "verify",
        "html",
      ];
      for (const key of keys)
        expect(summary.phases[key]?.threads, `${key} with ${workers} workers`).toBeGreaterThan(1);
      expect(r.files, `${workers} workers`).toEqual(reference);
    }
  });
});

describe("gl prove examples/group", () => {
  it("writes the same proof.json with 1, 2, 3, 4 and 8 workers", () => {
    const bytes = WORKERS.map((workers) => {
      const out = join(scratch, `group-w${workers}`);
      const r = gl([
        "prove",
        "examples/group",
        "--allow-unproved",
        "--workers",
        String(workers),
        "--quiet",
        "--out",
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(out, "proof.json"));
    });
    expect(bytes[0]!.length).toBeGreaterThan(1000);
    for (const b of bytes) expect(b.equals(bytes[0]!)).toBe(true);
  }, 120_000);
});

/** The runs (engine runs in turn) of a pool profile, the threads it loaded, and its bursts' shards by run. */
function profiled(file: string) {
  const p = JSON.parse(readFileSync(file, "utf8")) as {
    bursts: { run: number; shards: number }[];
    threadLoadMs: number[];
  };
  const shardsByRun = new Map<number, number>();
  for (const b of p.bursts) shardsByRun.set(b.run, Math.max(b.shards, shardsByRun.get(b.run) ?? 0));
  return { threadsLoaded: p.threadLoadMs.length, shardsByRun };
}

describe("one pool for every run of a command", () => {
  it("gl discover on batches: both batches' model and proofs on the same threads", () => {
    // The two-worker run of examples/peano-double that gave the one-worker bytes above.
    const r = runs.get(runKey("peano-double", 2))!;
    expect(r.code, r.stderr).toBe(0);
    const p = profiled(DOUBLE_PROFILE());
    // One pool thread, loaded once; every engine run of both batches (at least a model and the
    // proofs per batch, more where the lemma step runs) with bursts on two threads.
    expect(p.threadsLoaded).toBe(1);
    expect(p.shardsByRun.size).toBeGreaterThanOrEqual(4);
    expect(new Set(p.shardsByRun.values())).toEqual(new Set([2]));
  }, 120_000);

  it("gl prove with the lemma step: the first run, the lemma run and the retry on one pool, same bytes", () => {
    const dir = join(scratch, "right-cancel");
    mkdirSync(dir);
    for (const f of ["functions.mpl", "group.mpl"])
      copyFileSync(join(REPO_ROOT, "examples", "group", f), join(dir, f));
    writeFileSync(
      join(dir, "conjectures.mpl"),
      "conjecture right_cancel :=\n  (>[a,c,d] (in3[a,c,d,*])\n    (>[b] (in3[b,c,d,*]) (=[a,b])))\n",
    );
    const profile = join(scratch, "lemma-profile.json");
    const bytes = [1, 2].map((workers) => {
      const out = join(scratch, `right-cancel-w${workers}`);
      const r = gl(
        ["prove", dir, "--allow-unproved", "--workers", String(workers), "--quiet", "--json", "--out", out],
        workers > 1 ? { GL_POOL_PROFILE: profile } : {},
      );
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout) as { proved: number; lemmas: { proved: number } | null };
      // Not vacuous: the goal needs the lemmas.
      expect([s.proved, s.lemmas!.proved > 0]).toEqual([1, true]);
      return readFileSync(join(out, "proof.json"));
    });
    expect(bytes[1]!.equals(bytes[0]!)).toBe(true);
    const p = profiled(profile);
    expect(p.threadsLoaded).toBe(1);
    expect([...p.shardsByRun.values()]).toEqual([2, 2, 2]);
  }, 120_000);
});

describe("gl discover with a pool thread failing in a phase", () => {
  it.each([
    { fault: "model:1:throw", what: "in phase 'model' on block 1", cause: "injected fault (testing hook)" },
    { fault: "prove:1:exit", what: "in phase 'prove' on block 1", cause: "worker exited with code: 3" },
    {
      fault: "verify:0:exit",
      what: "in phase 'verify' on item 0 (re-checking graph 1 of 2)",
      cause: "worker exited with code: 3",
    },
    {
      fault: "html:5:throw",
      what: "in phase 'html' on item 5 (definitions.html)",
      cause: "injected fault (testing hook)",
    },
  ])("$fault: exit code 1, names what it was doing, writes nothing", ({ fault, what, cause }) => {
    const out = join(scratch, `fault-${fault.replaceAll(":", "-")}`);
    const r = gl(["discover", "examples/peano-quick", ...LEAN, "--workers", "2", "--quiet", "--out", out], {
      GL_FAULT_INJECT: fault,
    });
    expect(r.signal, "the run ends by itself").toBeNull();
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([`gl discover: error: a worker thread failed ${what}: ${cause}`]);
    expect(r.stdout).toBe("");
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(r.ms).toBeLessThan(60_000);
  });

  it("rejects a phase that runs no pool threads as a usage error (exit code 2)", () => {
    const r = gl(["discover", "examples/peano-quick", "--workers", "2", "--quiet"], {
      GL_FAULT_INJECT: "filter:1:throw",
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GL_FAULT_INJECT must look like '<block>:throw' or '<block>:exit'");
    expect(r.stderr).toContain("model, prove, verify, html");
  });
});
