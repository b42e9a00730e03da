/**
 * The two-thread table: `gl discover examples/peano` and `gl discover examples/peano-exp` with
 * --workers 1 and 2, repetitions interleaved (each repetition alternates which worker count
 * goes first), every run its own process. Per run: the 1-minute load average just before it,
 * wall time end to end (the process's start to its end), the proof phase's wall time, the process's CPU time (all threads), and
 * the proof phase's quiet estimate from the pool's per-thread clock (engine/pool-profile.ts:
 * per burst, the coordinator's serial CPU plus the busiest thread's CPU — what the phase would
 * take with a core per thread and nothing else running). Medians, speedups and the CPU ratio
 * go to bench/results/two-core.{md,json}.
 *
 *   npm run bench:two-core -- [--reps 5] [--wait-load 1] [--examples peano,peano-exp] [--out DIR]
 *
 * --wait-load L: before each run, wait (up to two minutes) until the 1-minute load is below L,
 * and say so in the table when it was not.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { quietBurstMs } from "../engine/pool-profile.js";
import { root, runWorkload, type Sample, type Workload } from "./scaling-workloads.js";

const self = fileURLToPath(import.meta.url);

interface Run {
  readonly example: string;
  readonly workers: number;
  readonly loadBefore: number;
  /** Whether the load was below --wait-load when the run started (null without it). */
  readonly quiet: boolean | null;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly proveMs: number;
  readonly proveCpuMs: number;
  readonly proveQuietMs: number;
  readonly threads: Record<string, number>;
  readonly resultSha: string;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function parse(argv: string[]) {
  const o = {
    reps: 5,
    waitLoad: null as number | null,
    examples: ["peano", "peano-exp"],
    out: "",
    child: "",
  };
  o.out = join(root, "bench", "results");
  for (let i = 0; i < argv.length; i += 2) {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${argv[i]} needs a value`);
    if (argv[i] === "--reps") o.reps = Number(v);
    else if (argv[i] === "--wait-load") o.waitLoad = Number(v);
    else if (argv[i] === "--examples") o.examples = v.split(",");
    else if (argv[i] === "--out") o.out = v;
    else if (argv[i] === "--child") o.child = v;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!Number.isInteger(o.reps) || o.reps < 1) throw new Error("--reps must be a whole number of at least 1");
  return o;
}

/** One run in this process (the child): the example's discover through the command's own function. */
async function child(spec: string): Promise<void> {
  const [example, w] = spec.split(":");
  const workload: Workload = {
    name: example === "peano" ? "small" : "medium",
    kind: "discover",
    description: `gl discover examples/${example}`,
    unavailable: null,
  };
  const s: Sample = await runWorkload(workload, Number(w), { largeBursts: 4 }, true);
  // The process's CPU from its start (loading included), all threads.
  const cpu = process.cpuUsage();
  process.stdout.write(`@@sample ${JSON.stringify({ ...s, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  if (o.child) return child(o.child);
  const runs: Run[] = [];
  for (let rep = 0; rep < o.reps; rep++) {
    for (const example of o.examples) {
      for (const workers of rep % 2 === 0 ? [1, 2] : [2, 1]) {
        let quiet: boolean | null = null;
        if (o.waitLoad !== null) {
          for (let waited = 0; loadavg()[0]! >= o.waitLoad && waited < 120_000; waited += 5000)
            await sleep(5000);
          quiet = loadavg()[0]! < o.waitLoad;
        }
        const loadBefore = loadavg()[0]!;
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [self, "--child", `${example}:${workers}`], {
          cwd: root,
          encoding: "utf8",
          maxBuffer: 1 << 30,
        });
        const wallMs = performance.now() - t0;
        if (r.status !== 0) throw new Error(`${example} with ${workers} workers failed:\n${r.stderr}`);
        const line = r.stdout.split("\n").find((l) => l.startsWith("@@sample "));
        if (!line) throw new Error(`${example} with ${workers} workers printed no sample:\n${r.stderr}`);
        const s = JSON.parse(line.slice(9)) as Sample;
        const proveRun = Math.max(...s.profile!.bursts.map((b) => b.run));
        const prove = s.phases!.prove!;
        runs.push({
          example,
          workers,
          loadBefore,
          quiet,
          wallMs,
          cpuMs: s.cpuMs,
          proveMs: prove.ms,
          proveCpuMs: prove.cpuMs,
          proveQuietMs: s
            .profile!.bursts.filter((b) => b.run === proveRun)
            .reduce((x, b) => x + quietBurstMs(b), 0),
          threads: Object.fromEntries(Object.entries(s.phases!).map(([k, v]) => [k, v.threads])),
          resultSha: s.resultSha,
        });
        process.stderr.write(
          `two-core: ${example} rep ${rep + 1}/${o.reps}, ${workers} worker${workers > 1 ? "s" : ""}: ` +
            `${(wallMs / 1000).toFixed(2)} s, prove ${(prove.ms / 1000).toFixed(2)} s (load ${loadBefore.toFixed(2)})\n`,
        );
      }
    }
  }
  const s2 = (ms: number) => (ms / 1000).toFixed(2);
  const lines = [
    "# Two threads against one",
    "",
    `Run ${new Date().toISOString()} on ${availableParallelism()} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}: ` +
      `${o.reps} repetitions, interleaved, each run its own process${o.waitLoad !== null ? `, each started once the 1-minute load was below ${o.waitLoad} (or after two minutes of waiting)` : ""}. ` +
      "Quiet estimate: the proof phase's bursts from the per-thread clock (serial CPU plus the busiest thread's CPU, per burst).",
    "",
    "| Example | Workers | Wall, median (s) | Runs (s) | Proof phase (s) | Proof phase, quiet estimate (s) | CPU (s) | Load before each run |",
    "|---|---|---|---|---|---|---|---|",
  ];
  const table: Record<string, unknown>[] = [];
  for (const example of o.examples) {
    const of = (w: number) => runs.filter((r) => r.example === example && r.workers === w);
    const shas = new Set(runs.filter((r) => r.example === example).map((r) => r.resultSha));
    if (shas.size !== 1) throw new Error(`${example}: results differ between runs`);
    for (const w of [1, 2]) {
      const rs = of(w);
      lines.push(
        `| ${example} | ${w} | ${s2(median(rs.map((r) => r.wallMs)))} | ${rs.map((r) => s2(r.wallMs)).join(", ")} | ` +
          `${s2(median(rs.map((r) => r.proveMs)))} | ${s2(median(rs.map((r) => r.proveQuietMs)))} | ` +
          `${s2(median(rs.map((r) => r.cpuMs)))} | ${rs.map((r) => `${r.loadBefore.toFixed(2)}${r.quiet === false ? " (not quiet)" : ""}`).join(", ")} |`,
      );
    }
    const m = (w: number, f: (r: Run) => number) => median(of(w).map(f));
    const row = {
      example,
      endToEnd: m(1, (r) => r.wallMs) / m(2, (r) => r.wallMs),
      proofPhase: m(1, (r) => r.proveMs) / m(2, (r) => r.proveMs),
      proofPhaseQuietEstimate: m(1, (r) => r.proveQuietMs) / m(2, (r) => r.proveQuietMs),
      cpuRatio: m(2, (r) => r.cpuMs) / m(1, (r) => r.cpuMs),
    };
    table.push(row);
  }
  lines.push(
    "",
    "| Example | End to end (1 / 2 workers) | Proof phase | Proof phase, quiet estimate | CPU at 2 over CPU at 1 |",
    "|---|---|---|---|---|",
    ...table.map(
      (r) =>
        `| ${r.example} | ${(r.endToEnd as number).toFixed(2)}× | ${(r.proofPhase as number).toFixed(2)}× | ` +
        `${(r.proofPhaseQuietEstimate as number).toFixed(2)}× | ${(((r.cpuRatio as number) - 1) * 100).toFixed(1)} % more |`,
    ),
    "",
  );
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "two-core.md"), `${lines.join("\n")}\n`);
  writeFileSync(join(o.out, "two-core.json"), `${JSON.stringify({ runs, table }, null, 2)}\n`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

await main();
