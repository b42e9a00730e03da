/**
 * Benchmark: how proving scales with worker threads.
 *
 * Workload: the first K conjectures the conjecturer enumerates for a theory (default
 * examples/peano, K = --scale, default 150), proved in one run with witness depth D
 * (--witness-depth, default 3). Both knobs scale the work: K adds conjectures and so logic
 * blocks; D lets every block build deeper witnesses, and so more facts per block. Beyond about
 * K = 210 at depth 2 one enumerated conjecture makes its blocks grow for minutes.
 * Every configuration runs in its own child process (so each has
 * its own peak memory and a cold start, as `gl prove` would), repetitions interleaved so that
 * drifting machine load spreads over all of them.
 *
 * Reported per worker count: median wall time of the run (loading and enumeration excluded),
 * speedup and parallel efficiency against one worker, process CPU time, the serial fraction
 * (share of the wall time the coordinator spends between bursts), the Karp-Flatt serial
 * fraction implied by the measured speedup, the pool's time accounting (compute, packing and
 * cloning, message hand-over, balance), and peak RSS. All runs must produce the same proof
 * graph (checked by hash). Results go to bench/results/scaling.{json,md}.
 *
 *   npm run bench:scaling -- [--scale 150] [--witness-depth 3] [--reps 3] [--workers 1,2,4]
 *                             [--theory DIR] [--wait-load L] [--pool-only] [--out DIR]
 *                             [--in-place-first-ms MS]
 *
 * --in-place-first-ms sets how long bursts run in place before the pool starts: 0 by default,
 * so that the pool itself is measured from the first burst (the commands use IN_PLACE_FIRST_MS).
 * --pool-only gives the pool all the threads and leaves the coordinator idle (the design
 * before the coordinator took batches), for comparison.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadTheory } from "../cli/load-theory.js";
import { enumerateConjectures } from "../engine/conjecture/index.js";
import { buildProofGraph } from "../engine/graph.js";
import { type PoolStats, poolExecutor } from "../engine/pool.js";
import { Engine } from "../engine/run.js";
import { statementOf } from "../engine/statement.js";
import { readableStatement } from "../export/readable.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const self = fileURLToPath(import.meta.url);

interface Options {
  scale: number;
  witnessDepth: number;
  reps: number;
  workers: number[];
  theory: string;
  waitLoad: number | null;
  /** Leave the coordinator idle and give the pool all `workers` threads (for comparison). */
  poolOnly: boolean;
  /** PoolOptions.inPlaceFirstMs; 0 (the pool from the first burst) measures the pool itself. */
  inPlaceFirstMs: number;
  out: string;
}

/** What one child process measured. */
interface Sample {
  workers: number;
  wallMs: number;
  cpuMs: number;
  burstMs: number;
  coordinatorMs: number;
  maxRssMb: number;
  loadBefore: number;
  graphSha: string;
  conjectures: number;
  proved: number;
  blocks: number;
  facts: number;
  bursts: number;
  pool: PoolStats | null;
}

function defaultWorkers(): number[] {
  const cores = availableParallelism();
  const list = [1];
  for (let w = 2; w < cores; w *= 2) list.push(w);
  if (cores > 1) list.push(cores);
  return list;
}

function parseArgs(argv: string[]): Options & { child: number | null } {
  const o: Options & { child: number | null } = {
    scale: 150,
    witnessDepth: 3,
    reps: 3,
    workers: defaultWorkers(),
    theory: join(root, "examples", "peano"),
    waitLoad: null,
    poolOnly: false,
    inPlaceFirstMs: 0,
    out: join(root, "bench", "results"),
    child: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--pool-only") {
      o.poolOnly = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const count = (min: number): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer of at least ${min}`);
      return n;
    };
    switch (flag) {
      case "--scale":
        o.scale = count(1);
        break;
      case "--witness-depth":
        o.witnessDepth = count(1);
        break;
      case "--reps":
        o.reps = count(1);
        break;
      case "--workers":
        o.workers = value.split(",").map((v) => {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1)
            throw new Error(`--workers takes a list like 1,2,4; got '${value}'`);
          return n;
        });
        break;
      case "--theory":
        o.theory = value;
        break;
      case "--wait-load":
        o.waitLoad = Number(value);
        break;
      case "--out":
        o.out = value;
        break;
      case "--in-place-first-ms":
        o.inPlaceFirstMs = count(0);
        break;
      case "--child":
        o.child = count(1);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return o;
}

/** One measured run, in this (child) process; prints a Sample as JSON. */
async function child(o: Options, workers: number): Promise<void> {
  const loaded = loadTheory({ paths: [o.theory] });
  if (!loaded.theory) throw new Error(`${o.theory} does not load`);
  const theory = loaded.theory;
  const candidates = enumerateConjectures(theory).candidates.slice(0, o.scale);
  const loadBefore = loadavg()[0]!;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const engine = new Engine(theory, { maxWitnessDepth: o.witnessDepth });
  for (const c of candidates)
    engine.addConjecture({ name: c.name, mpl: c.mpl, statement: statementOf(c), mirrorOf: null });
  const pool =
    workers > 1
      ? poolExecutor(theory, engine.width, {
          workers,
          inPlaceFirstMs: o.inPlaceFirstMs,
        })
      : null;
  const run = await engine.run(pool ? { executor: pool } : {});
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const graph = buildProofGraph(run, (s) => readableStatement(s, theory));
  const sample: Sample = {
    workers,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    burstMs: run.timing.burstMs,
    coordinatorMs: run.timing.coordinatorMs,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    loadBefore,
    graphSha: createHash("sha256").update(JSON.stringify(graph)).digest("hex"),
    conjectures: candidates.length,
    proved: run.conjectures.filter((c) => c.proved && c.mirrorOf === null).length,
    blocks: run.blocks.length,
    facts: graph.run.facts,
    bursts: run.bursts,
    pool: pool ? pool.stats() : null,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForQuiet(limit: number | null): Promise<void> {
  if (limit === null) return;
  // Wait (at most two minutes) for the one-minute load average to drop below the limit.
  for (let waited = 0; loadavg()[0]! > limit && waited < 120_000; waited += 5000) await sleep(5000);
}

function measure(o: Options, workers: number): Sample {
  const args = [self, "--child", String(workers), "--scale", String(o.scale)];
  args.push("--witness-depth", String(o.witnessDepth), "--theory", o.theory);
  if (o.poolOnly) args.push("--pool-only");
  args.push("--in-place-first-ms", String(o.inPlaceFirstMs));
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`run with ${workers} workers failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Sample;
}

interface Row {
  workers: number;
  medianWallMs: number;
  wallMs: number[];
  speedup: number;
  efficiency: number;
  medianCpuMs: number;
  /** CPU time over wall time: how many cores the run actually got. */
  coresUsed: number;
  /**
   * workers × CPU(1) / CPU(workers): the speedup if each thread had a core to itself and never
   * waited. A projection for shared machines, where measured wall times carry other jobs' load.
   */
  cpuBoundSpeedup: number;
  /** Coordinator share of the wall time (median over repetitions). */
  serialFraction: number;
  /** Karp-Flatt: the serial fraction the measured speedup implies; null for one worker. */
  karpFlatt: number | null;
  peakRssMb: number;
  loadBefore: number[];
  pool: {
    computeMs: number;
    codecMs: number;
    messageMs: number;
    busiestThreadMs: number;
    balance: number;
    localBlockShare: number;
  } | null;
}

function summarise(samples: Sample[], workers: number[]): Row[] {
  const base = median(samples.filter((s) => s.workers === 1).map((s) => s.wallMs));
  const baseCpu = median(samples.filter((s) => s.workers === 1).map((s) => s.cpuMs));
  return workers.map((w) => {
    const mine = samples.filter((s) => s.workers === w);
    const wall = median(mine.map((s) => s.wallMs));
    const speedup = base / wall;
    const pools = mine.map((s) => s.pool).filter((p): p is PoolStats => p !== null);
    const m = (f: (p: PoolStats) => number) => median(pools.map(f));
    return {
      workers: w,
      medianWallMs: wall,
      wallMs: mine.map((s) => s.wallMs),
      speedup,
      efficiency: speedup / w,
      medianCpuMs: median(mine.map((s) => s.cpuMs)),
      coresUsed: median(mine.map((s) => s.cpuMs / s.wallMs)),
      cpuBoundSpeedup: (w * baseCpu) / median(mine.map((s) => s.cpuMs)),
      serialFraction: median(mine.map((s) => s.coordinatorMs / s.wallMs)),
      karpFlatt: w > 1 ? (1 / speedup - 1 / w) / (1 - 1 / w) : null,
      peakRssMb: median(mine.map((s) => s.maxRssMb)),
      loadBefore: mine.map((s) => s.loadBefore),
      pool: pools.length
        ? {
            computeMs: m((p) => p.computeMs),
            codecMs: m((p) => p.codecMs),
            messageMs: m((p) => p.messageMs),
            busiestThreadMs: m((p) => p.busiestThreadMs),
            balance: m((p) => p.computeMs / p.workers / p.busiestThreadMs),
            localBlockShare: m((p) => p.localBlocks / p.blocks),
          }
        : null,
    };
  });
}

/** Amdahl's law: the speedup on n threads when a fraction f of the time is serial. */
const amdahl = (f: number, n: number): number => 1 / (f + (1 - f) / n);

function markdown(report: ReturnType<typeof buildReport>): string {
  const r = report;
  const f1 = (x: number) => x.toFixed(1);
  const f2 = (x: number) => x.toFixed(2);
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    "# Scaling benchmark",
    "",
    `Workload: the first ${r.workload.conjectures} enumerated conjectures of ${r.workload.theory}, proved in one run ` +
      `with witness depth ${r.workload.witnessDepth}${r.poolOnly ? ", the coordinator idle (--pool-only)" : ""} ` +
      `(${r.workload.blocks} logic blocks, ${r.workload.bursts} bursts, ${r.workload.facts} facts, ` +
      `${r.workload.proved} proved). Every configuration in its own process, ${r.reps} repetitions, interleaved; ` +
      "times exclude loading and enumeration. All runs gave the same proof graph " +
      `(sha256 ${r.graphSha.slice(0, 16)}…).`,
    "",
    `Machine: ${r.machine.cores} cores (${r.machine.cpu}), ${f1(r.machine.memoryGiB)} GiB, Node ${r.machine.node}. ` +
      `Load average before the runs: ${r.load.before.map(f2).join(" / ")} (1/5/15 min); ` +
      `after: ${r.load.after.map(f2).join(" / ")}. The machine is shared with other jobs, so wall times carry ` +
      "their load; CPU times show the work itself.",
    "",
    "| Workers | Median wall (ms) | Runs (ms) | Speedup | Efficiency | Median CPU (ms) | Cores used | CPU-bound speedup | Serial fraction | Karp-Flatt | Peak RSS (MB) | Load before runs |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...r.rows.map(
      (w) =>
        `| ${w.workers} | ${w.medianWallMs.toFixed(0)} | ${w.wallMs.map((x) => x.toFixed(0)).join(", ")} | ` +
        `${f2(w.speedup)}× | ${pct(w.efficiency)} | ${w.medianCpuMs.toFixed(0)} | ${f2(w.coresUsed)} | ` +
        `${f2(w.cpuBoundSpeedup)}× | ${pct(w.serialFraction)} | ` +
        `${w.karpFlatt === null ? "–" : pct(w.karpFlatt)} | ${w.peakRssMb.toFixed(0)} | ${w.loadBefore.map(f1).join(", ")} |`,
    ),
    "",
    "Speedup and efficiency are measured wall-clock figures. Cores used is CPU time over wall time. " +
      "CPU-bound speedup is workers × CPU(1 worker) / CPU(this run): what the run would gain with a core " +
      "per thread and no waiting; a projection, not a measurement, given for machines shared with other jobs.",
    "",
    "Pool accounting (medians; milliseconds summed over batches): compute is saturation on any thread; " +
      "codec is packing, unpacking and cloning block state; message is pool round trips minus the worker's own " +
      "time; balance is mean thread compute over the busiest thread's, per burst.",
    "",
    "| Workers | Compute (ms) | Codec (ms) | Message (ms) | Codec / compute | Balance | Blocks run by the coordinator |",
    "|---|---|---|---|---|---|---|",
    ...r.rows
      .filter((w) => w.pool)
      .map((w) => {
        const p = w.pool!;
        return (
          `| ${w.workers} | ${p.computeMs.toFixed(0)} | ${p.codecMs.toFixed(0)} | ${p.messageMs.toFixed(0)} | ` +
          `${pct(p.codecMs / p.computeMs)} | ${pct(p.balance)} | ${pct(p.localBlockShare)} |`
        );
      }),
    "",
    `Serial fraction at one worker: ${pct(r.serialFraction)} (coordinator time between bursts / wall time). ` +
      `Amdahl's law with it: ${r.amdahl.map((a) => `${a.threads} threads ${f1(a.speedup)}×`).join(", ")}. ` +
      "That is a ceiling; pool overheads (codec, hand-over, balance) come on top.",
    "",
  ];
  return lines.join("\n");
}

function buildReport(o: Options, samples: Sample[], loadBefore: number[]) {
  const first = samples[0]!;
  const rows = summarise(samples, o.workers);
  const serialFraction = rows.find((x) => x.workers === 1)?.serialFraction ?? rows[0]!.serialFraction;
  return {
    workload: {
      theory: o.theory.startsWith(root) ? o.theory.slice(root.length) : o.theory,
      conjectures: first.conjectures,
      witnessDepth: o.witnessDepth,
      blocks: first.blocks,
      bursts: first.bursts,
      facts: first.facts,
      proved: first.proved,
    },
    reps: o.reps,
    poolOnly: o.poolOnly,
    graphSha: first.graphSha,
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: totalmem() / 2 ** 30,
      node: process.version,
    },
    load: { before: loadBefore, after: loadavg() },
    rows,
    serialFraction,
    amdahl: [2, 4, 8, 16].map((n) => ({ threads: n, speedup: amdahl(serialFraction, n) })),
    samples,
  };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.child !== null) return child(o, o.child);
  if (!o.workers.includes(1)) o.workers.unshift(1);
  const loadBefore = loadavg();
  console.log(
    `scaling: first ${o.scale} conjectures of ${o.theory.startsWith(root) ? o.theory.slice(root.length) : o.theory}, ` +
      `witness depth ${o.witnessDepth}${o.poolOnly ? ", coordinator idle" : ""}; ` +
      `workers ${o.workers.join(", ")}; ${o.reps} repetitions`,
  );
  const samples: Sample[] = [];
  for (let rep = 0; rep < o.reps; rep++) {
    for (const w of o.workers) {
      await waitForQuiet(o.waitLoad);
      const s = measure(o, w);
      samples.push(s);
      console.log(
        `  rep ${rep + 1}, ${w} worker${w > 1 ? "s" : ""}: ${s.wallMs.toFixed(0)} ms wall, ` +
          `${s.cpuMs.toFixed(0)} ms CPU, load ${s.loadBefore.toFixed(2)}`,
      );
    }
  }
  const hashes = new Set(samples.map((s) => s.graphSha));
  if (hashes.size !== 1) throw new Error(`proof graphs differ between runs: ${[...hashes].join(", ")}`);
  const report = buildReport(o, samples, loadBefore);
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "scaling.json"), `${JSON.stringify(report, null, 2)}\n`);
  const md = markdown(report);
  writeFileSync(join(o.out, "scaling.md"), md);
  console.log(`\n${md}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`scaling: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
