/**
 * The workloads of the scaling benchmark, and one measured run of each in this process.
 *
 * - small: `gl discover examples/peano` (the command as users run it, through its own function);
 * - medium: `gl discover examples/peano-exp` where that example exists, else the first 150
 *   conjectures the conjecturer enumerates for examples/peano, proved with witness depth 3;
 * - gauss: `gl discover examples/gauss`, two batches (Peano, then Gauss's formula by discovery);
 * - large: the reference system's 406 v0.1 candidate conjectures proved with no model filter
 *   (`gl prove --gl-config … --conjectures …`) under a burst cap; needs ../shared (skipped with a
 *   printed reason when absent).
 *
 * Proving workloads also report the pool's time accounting; a profiled run (one or two workers)
 * records the pool's per-burst profile (engine/pool-profile.ts) for the scaling simulator
 * (bench/scaling-model.ts), and a discover workload its summary's per-phase times.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runDiscover } from "../cli/commands/discover.js";
import { loadTheory } from "../cli/load-theory.js";
import { runProver } from "../cli/run-engine.js";
import { enumerateConjectures } from "../engine/conjecture/index.js";
import type { PoolStats } from "../engine/pool.js";
import type { PoolProfile } from "../engine/pool-profile.js";
import type { Conjecture, Theory } from "../mpl/theory.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const glFixtures = resolve(root, "..", "shared", "fixtures", "gl-mpl", "v0.1");

export type WorkloadName = "small" | "medium" | "gauss" | "large";

/** The workload names, in the ladder's order. */
export const WORKLOAD_NAMES: readonly WorkloadName[] = ["small", "medium", "gauss", "large"];

export interface Workload {
  readonly name: WorkloadName;
  readonly description: string;
  /** Null when it can run here; else why not. */
  readonly unavailable: string | null;
  /** A proving workload (traceable for the simulator) or a whole `gl discover`. */
  readonly kind: "prove" | "discover";
}

export interface WorkloadOptions {
  /** Burst cap of the large workload. */
  readonly largeBursts: number;
}

const peanoExp = join(root, "examples", "peano-exp");
const gauss = join(root, "examples", "gauss");

export function workloads(o: WorkloadOptions): Workload[] {
  const hasExp = existsSync(peanoExp);
  return [
    { name: "small", kind: "discover", description: "gl discover examples/peano", unavailable: null },
    hasExp
      ? { name: "medium", kind: "discover", description: "gl discover examples/peano-exp", unavailable: null }
      : {
          name: "medium",
          kind: "prove",
          description:
            "the first 150 conjectures enumerated for examples/peano, proved with witness depth 3 (examples/peano-exp is not there)",
          unavailable: null,
        },
    {
      name: "gauss",
      kind: "discover",
      description: "gl discover examples/gauss (two batches: Peano, then Gauss's formula)",
      unavailable: null,
    },
    {
      name: "large",
      kind: "prove",
      description: `the reference system's 406 v0.1 candidates, proved unfiltered, at most ${o.largeBursts} bursts`,
      unavailable: existsSync(join(glFixtures, "conjectures.txt"))
        ? null
        : `the reference system's v0.1 fixtures are not at ${glFixtures}`,
    },
  ];
}

/** What one run measured. */
export interface Sample {
  readonly workload: WorkloadName;
  readonly workers: number;
  /** Threads that really ran blocks. */
  readonly threads: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  /** Wall time inside bursts (the part that runs on the pool), for proving workloads. */
  readonly burstMs: number | null;
  readonly maxRssMb: number;
  readonly loadBefore: number;
  /** Hash of the result without timings: equal for every worker count. */
  readonly resultSha: string;
  readonly pool: PoolStats | null;
  /** The pool's per-burst profile, for a profiled run. */
  readonly profile: PoolProfile | null;
  /** A discover workload's per-phase wall and CPU time and threads (its summary's `phases`). */
  readonly phases: Record<string, { ms: number; cpuMs: number; threads: number }> | null;
}

const sha = (x: unknown): string => createHash("sha256").update(JSON.stringify(x)).digest("hex");

function provingInput(
  name: WorkloadName,
  o: WorkloadOptions,
): { theory: Theory; conjectures: readonly Conjecture[]; settings: object } {
  if (name === "large") {
    const loaded = loadTheory({
      paths: [glFixtures],
      glConfig: join(root, "test", "fixtures", "gl-v0.1-config.json"),
      conjectures: [join(glFixtures, "conjectures.txt")],
    });
    if (!loaded.theory) throw new Error("the v0.1 fixtures do not load");
    return {
      theory: loaded.theory,
      conjectures: loaded.theory.conjectures,
      settings: { maxBursts: o.largeBursts },
    };
  }
  const loaded = loadTheory({ paths: [join(root, "examples", "peano")] });
  if (!loaded.theory) throw new Error("examples/peano does not load");
  const conjectures = enumerateConjectures(loaded.theory).candidates.slice(0, 150);
  return { theory: loaded.theory, conjectures, settings: { maxWitnessDepth: 3 } };
}

/** Runs a workload once in this process; with `profiled`, the pool records its per-burst profile. */
export async function runWorkload(
  w: Workload,
  workers: number,
  o: WorkloadOptions,
  profiled = false,
): Promise<Sample> {
  const loadBefore = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let resultSha: string;
  let pool: PoolStats | null = null;
  let burstMs: number | null = null;
  let threads = workers;
  let profile: PoolProfile | null = null;
  let phases: Sample["phases"] = null;
  if (w.kind === "discover") {
    const dir = profiled ? mkdtempSync(join(tmpdir(), "gl-scaling-")) : null;
    if (dir) process.env.GL_POOL_PROFILE = join(dir, "profile.json");
    const path = w.name === "small" ? join(root, "examples", "peano") : w.name === "gauss" ? gauss : peanoExp;
    // The command prints its summary on stdout; keep it for the hash.
    const chunks: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => {
      chunks.push(String(s));
      return true;
    }) as typeof process.stdout.write;
    let code: number;
    try {
      code = await runDiscover([path], { json: true, quiet: true, workers: String(workers) });
    } finally {
      process.stdout.write = write;
      delete process.env.GL_POOL_PROFILE;
    }
    if (code !== 0) throw new Error(`gl discover ended with exit code ${code}`);
    if (dir) {
      profile = JSON.parse(readFileSync(join(dir, "profile.json"), "utf8")) as PoolProfile;
      rmSync(dir, { recursive: true, force: true });
    }
    const summary = JSON.parse(chunks.join("")) as Record<string, unknown>;
    threads = Number(summary.workers);
    phases = summary.phases as Sample["phases"];
    const { timeMs: _t, totalMs: _m, peakRssMb: _r, workers: _w, phases: _p, ...stable } = summary;
    resultSha = sha(stable);
  } else {
    const input = provingInput(w.name, o);
    if (profiled) profile = { bursts: [], threadLoadMs: [], threadLoadCpuMs: [] };
    const r = await runProver(input.theory, input.conjectures, {
      workers,
      settings: input.settings,
      phase: w.name,
      quiet: true,
      ...(profile ? { profile } : {}),
    });
    resultSha = sha(r.graph);
    pool = r.pool;
    burstMs = r.run.timing.burstMs;
    threads = r.threads;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    workload: w.name,
    workers,
    threads,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    burstMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    loadBefore,
    resultSha,
    pool,
    profile,
    phases,
  };
}
