/**
 * Benchmark: how the prover scales with threads, on a ladder of workloads
 * (bench/scaling-workloads.ts: small `gl discover examples/peano`, medium Peano with
 * exponentiation or a larger proving run, gauss `gl discover examples/gauss` (two batches),
 * large the reference system's 406 candidates unfiltered), each at 1, 2, 4, … threads up to the core count. Every run is its own process
 * (own peak memory, cold start as a user gets it); repetitions are interleaved so that drifting
 * machine load spreads over all configurations. Every run of a workload must give the same
 * result (checked by hash).
 *
 * Runs with one and two workers record the pool's per-burst profile (each thread's CPU time from
 * the kernel's per-thread clock). The simulator (bench/scaling-model.ts) replays the median
 * one-worker run's profile with costs measured from the runs (co-running slowdown, hand-over
 * latency and thread loading from the 2-thread profiles, the mapped phases' serial fractions
 * from the 2-thread summaries), states its error against the measured 2-thread median, and
 * predicts 4–64 threads with the limiting cost named; Amdahl's law is fitted to the speedups.
 * Results: bench/results/scaling.{md,json,svg}.
 *
 *   npm run bench:scaling -- [--quick] [--reps 3] [--workers 1,2,4] [--workloads small,medium,gauss,large]
 *                             [--large-bursts 6] [--wait-load L] [--out DIR]
 *
 * --quick: two repetitions and a burst cap of 5 on the large workload (6 otherwise), meant to stay
 * under 8 minutes on 16 cores.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { IN_PLACE_FIRST_MS } from "../engine/pool.js";
import { amdahl, fitAmdahl, limitingCost, type SimCosts, simBursts, simulate } from "./scaling-model.js";
import { scalingSvg } from "./scaling-plot.js";
import { markdownReport, type Report, type WorkloadReport } from "./scaling-report.js";
import {
  root,
  runWorkload,
  type Sample,
  WORKLOAD_NAMES,
  type WorkloadName,
  workloads,
} from "./scaling-workloads.js";

const self = fileURLToPath(import.meta.url);

interface Options {
  reps: number;
  workers: number[];
  names: WorkloadName[];
  largeBursts: number;
  waitLoad: number | null;
  out: string;
  quick: boolean;
  child: { workload: WorkloadName; workers: number; profiled: boolean } | null;
}

function ladder(): number[] {
  const cores = availableParallelism();
  const list = [1];
  for (let w = 2; w < cores; w *= 2) list.push(w);
  if (cores > 1) list.push(cores);
  return list;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    reps: 3,
    workers: ladder(),
    names: [...WORKLOAD_NAMES],
    largeBursts: 4,
    waitLoad: null,
    out: join(root, "bench", "results"),
    quick: false,
    child: null,
  };
  let reps: number | null = null;
  let bursts: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === "--quick") {
      o.quick = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    const count = (v: string, min: number): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min)
        throw new Error(`${flag} must be an integer of at least ${min}, got '${v}'`);
      return n;
    };
    switch (flag) {
      case "--reps":
        reps = count(value, 1);
        break;
      case "--workers":
        o.workers = value.split(",").map((v) => count(v, 1));
        break;
      case "--workloads":
        o.names = value.split(",").map((v) => {
          const name = WORKLOAD_NAMES.find((n) => n === v);
          if (name === undefined)
            throw new Error(`unknown workload '${v}' (known: ${WORKLOAD_NAMES.join(", ")})`);
          return name;
        });
        break;
      case "--large-bursts":
        bursts = count(value, 1);
        break;
      case "--wait-load":
        o.waitLoad = Number(value);
        break;
      case "--out":
        o.out = value;
        break;
      case "--child": {
        const [name, w, t] = value.split(":");
        o.child = { workload: name as WorkloadName, workers: count(w ?? "", 1), profiled: t === "profile" };
        break;
      }
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  o.reps = reps ?? (o.quick ? 2 : 3);
  o.largeBursts = bursts ?? (o.quick ? 5 : 6);
  return o;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForQuiet(limit: number | null): Promise<void> {
  if (limit === null) return;
  for (let waited = 0; loadavg()[0]! > limit && waited < 120_000; waited += 5000) await sleep(5000);
}

function spawnChild(o: Options, name: WorkloadName, workers: number, profiled: boolean): Sample {
  const args = [
    self,
    "--child",
    `${name}:${workers}${profiled ? ":profile" : ""}`,
    "--large-bursts",
    String(o.largeBursts),
  ];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${name} with ${workers} workers failed:\n${r.stderr}`);
  const line = r.stdout.split("\n").find((l) => l.startsWith("@@sample "));
  if (!line) throw new Error(`${name} with ${workers} workers printed no sample:\n${r.stderr}`);
  return JSON.parse(line.slice(9)) as Sample;
}

async function child(o: Options): Promise<void> {
  const c = o.child!;
  const w = workloads({ largeBursts: o.largeBursts }).find((x) => x.name === c.workload)!;
  const sample = await runWorkload(w, c.workers, { largeBursts: o.largeBursts }, c.profiled);
  process.stdout.write(`@@sample ${JSON.stringify(sample)}\n`);
}

const PREDICT = [1, 2, 4, 8, 16, 32, 64];
/** Phases of `gl discover` that map their tasks on the pool. */
const MAPPED = ["verify", "html"];

/** The sample whose wall time is the median of its kind. */
const medianSample = (xs: readonly Sample[]): Sample =>
  [...xs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((xs.length - 1) / 2)]!;

const blockSum = (s: Sample): number =>
  s.profile!.bursts.reduce((x, b) => x + b.perBlock.reduce((y, e) => y + e[2], 0), 0);

/** Costs for the simulator, from the profiled one- and two-thread runs. */
function costsFrom(one: Sample[], two: Sample[]): { costs: SimCosts; base: Sample } | null {
  const ones = one.filter((s) => s.profile);
  const twos = two.filter((s) => s.profile && s.threads > 1);
  if (ones.length === 0 || twos.length === 0) return null;
  const base = medianSample(ones);
  const bursts = simBursts(base.profile!.bursts);
  const sends = twos.flatMap((s) =>
    s.profile!.bursts.flatMap((b) => b.threads.filter((t) => t.shard > 0).map((t) => t.sendMs)),
  );
  const mapped = MAPPED.flatMap((name) => {
    const m1 = one.map((s) => s.phases?.[name]?.ms).filter((x): x is number => x !== undefined);
    const m2 = two.map((s) => s.phases?.[name]?.ms).filter((x): x is number => x !== undefined);
    if (m1.length === 0 || m2.length === 0) return [];
    const ms = median(m1);
    const serialFraction = Math.min(1, Math.max(0, (2 * median(m2)) / ms - 1));
    return [{ name, ms, serialFraction }];
  });
  const inBursts = bursts.reduce((x, b) => x + b.serialMs + b.blocks.reduce((y, e) => y + e[1], 0), 0);
  const waits = twos.flatMap((s) =>
    s.profile!.bursts.flatMap((b) =>
      b.threads.filter((t) => t.steals > 0).map((t) => t.stealWaitMs / t.steals),
    ),
  );
  const costs: SimCosts = {
    msPerMessage: sends.length > 0 ? median(sends) : 0,
    msPerSteal: waits.length > 0 ? median(waits) : 0,
    coRun: median(twos.map(blockSum)) / median(ones.map(blockSum)),
    warmupMs: median(twos.flatMap((s) => s.profile!.threadLoadMs)),
    inPlaceFirstMs: IN_PLACE_FIRST_MS,
    outsideMs: Math.max(0, base.wallMs - inBursts - mapped.reduce((x, m) => x + m.ms, 0)),
    mapped,
  };
  return { costs, base };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return child(o);
  const all = workloads({ largeBursts: o.largeBursts }).filter((w) => o.names.includes(w.name));
  for (const w of all)
    if (w.unavailable) process.stderr.write(`scaling: skipping the ${w.name} workload: ${w.unavailable}\n`);
  const runnable = all.filter((w) => !w.unavailable);
  const loadStart = loadavg();
  const started = performance.now();
  const samples: Sample[] = [];
  for (let rep = 0; rep < o.reps; rep++) {
    for (const w of runnable) {
      // Interleaved: each repetition visits the worker counts in a rotated order.
      const order = o.workers.map((_, i) => o.workers[(i + rep) % o.workers.length]!);
      for (const n of order) {
        await waitForQuiet(o.waitLoad);
        const sample = spawnChild(o, w.name, n, n <= 2);
        samples.push(sample);
        process.stderr.write(
          `scaling: ${w.name} rep ${rep + 1}/${o.reps}, ${n} worker${n > 1 ? "s" : ""}: ${(sample.wallMs / 1000).toFixed(2)} s (load ${sample.loadBefore.toFixed(1)})\n`,
        );
      }
    }
  }
  const reports: WorkloadReport[] = [];
  for (const w of runnable) {
    const mine = samples.filter((s) => s.workload === w.name);
    const shas = new Set(mine.map((s) => s.resultSha));
    if (shas.size !== 1) throw new Error(`${w.name}: results differ between runs (${shas.size} distinct)`);
    const base = median(mine.filter((s) => s.workers === 1).map((s) => s.wallMs));
    const baseCpu = median(mine.filter((s) => s.workers === 1).map((s) => s.cpuMs));
    const rows = o.workers.map((n) => {
      const runs = mine.filter((s) => s.workers === n);
      const wall = median(runs.map((s) => s.wallMs));
      const cpu = median(runs.map((s) => s.cpuMs));
      return {
        workers: n,
        threads: median(runs.map((s) => s.threads)),
        medianWallMs: wall,
        wallMs: runs.map((s) => s.wallMs),
        speedup: base / wall,
        efficiency: base / wall / n,
        medianCpuMs: cpu,
        cpuBoundSpeedup: (n * baseCpu) / cpu,
        peakRssMb: median(runs.map((s) => s.maxRssMb)),
        loadBefore: runs.map((s) => s.loadBefore),
        pool: runs[0]?.pool
          ? {
              computeMs: median(runs.map((s) => s.pool!.computeMs)),
              codecMs: median(runs.map((s) => s.pool!.codecMs)),
              messageMs: median(runs.map((s) => s.pool!.messageMs)),
              balance: median(
                runs.map(
                  (s) => s.pool!.computeMs / s.pool!.threadsRun / Math.max(1e-9, s.pool!.busiestThreadMs),
                ),
              ),
              deltaInts: median(runs.map((s) => s.pool!.deltaInts)),
              movedBlocks: median(runs.map((s) => s.pool!.movedBlocks)),
            }
          : null,
      };
    });
    const fit = fitAmdahl(
      rows.filter((r) => r.workers > 1).map((r) => ({ threads: r.workers, speedup: r.speedup })),
    );
    let simulation: WorkloadReport["simulation"] = null;
    const fitted = costsFrom(
      mine.filter((x) => x.workers === 1),
      mine.filter((x) => x.workers === 2),
    );
    if (fitted) {
      const bursts = simBursts(fitted.base.profile!.bursts);
      const t1 = simulate(bursts, 1, fitted.costs).wallMs;
      const counts = [...new Set([...o.workers, ...PREDICT])].sort((a, b) => a - b);
      const predicted = counts.map((n) => {
        const r = simulate(bursts, n, fitted.costs);
        const limit = limitingCost(r);
        return {
          threads: n,
          wallMs: r.wallMs,
          speedup: t1 / r.wallMs,
          balance: r.balance,
          parts: r.parts,
          limiting: limit.name,
          limitingShare: limit.share,
        };
      });
      const two = predicted.find((p) => p.threads === 2)!;
      const measuredTwo = rows.find((r) => r.workers === 2);
      simulation = {
        costs: fitted.costs,
        predicted,
        errorAtTwo: measuredTwo
          ? (two.wallMs - measuredTwo.medianWallMs) / measuredTwo.medianWallMs
          : Number.NaN,
      };
    }
    reports.push({
      name: w.name,
      description: w.description,
      resultSha: [...shas][0]!,
      rows,
      amdahlF: fit,
      simulation,
    });
  }
  const report: Report = {
    date: new Date().toISOString(),
    quick: o.quick,
    reps: o.reps,
    largeBursts: o.largeBursts,
    minutes: (performance.now() - started) / 60_000,
    machine: {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model ?? "unknown",
      memoryGiB: totalmem() / 2 ** 30,
      node: process.version,
    },
    load: { before: loadStart, after: loadavg() },
    workloads: reports,
    amdahlAt: (f: number) => [4, 16, 64].map((n) => ({ threads: n, speedup: amdahl(f, n) })),
  };
  mkdirSync(o.out, { recursive: true });
  const { amdahlAt: _a, ...json } = report;
  writeFileSync(join(o.out, "scaling.json"), `${JSON.stringify({ ...json, samples }, null, 2)}\n`);
  writeFileSync(join(o.out, "scaling.md"), markdownReport(report));
  const colours = { small: "#1f77b4", medium: "#ff7f0e", gauss: "#9467bd", large: "#2ca02c" };
  writeFileSync(
    join(o.out, "scaling.svg"),
    scalingSvg(
      reports.map((r) => ({
        name: `${r.name}: ${r.description.slice(0, 60)}`,
        colour: colours[r.name],
        measured: r.rows.map((x) => ({ threads: x.workers, speedup: x.speedup })),
        amdahlF: r.amdahlF,
        predicted: r.simulation?.predicted.map((p) => ({ threads: p.threads, speedup: p.speedup })) ?? [],
      })),
      Math.max(64, ...o.workers),
    ),
  );
  process.stdout.write(markdownReport(report));
}

await main();
