/**
 * Benchmark of the main jobs, each run in its own process (so peak memory is that run's):
 * the quick set (`gl prove examples/peano-quick`) and the discovery pipeline
 * (`gl discover examples/peano`, verification and HTML included). Records wall time, the
 * phase times the command reports, and peak RSS into bench/results/pipeline.{json,md}.
 *
 *   node dist/bench/pipeline.js [--runs N] [--workers 1,2]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const runs = arg("--runs", 3);
const wi = process.argv.indexOf("--workers");
const workerCounts = (wi >= 0 ? process.argv[wi + 1]! : "1,2").split(",").map(Number);
let workers = 1;

interface Sample {
  wallMs: number;
  peakRssMb: number;
  phases: Record<string, number>;
}

function once(args: string[]): Sample {
  const out = mkdtempSync(join(tmpdir(), "gl-bench-"));
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [join(root, "dist/cli/main.js"), ...args, "--json", "-q", "--out", out, "--workers", `${workers}`],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  const wallMs = performance.now() - t0;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`gl ${args.join(" ")} failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout) as { timeMs: number | Record<string, number>; peakRssMb: number };
  const phases = typeof j.timeMs === "number" ? { total: j.timeMs } : j.timeMs;
  return { wallMs, peakRssMb: j.peakRssMb, phases };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const jobs = {
  quick: ["prove", "examples/peano-quick"],
  discovery: ["discover", "examples/peano"],
};
const results: Record<string, unknown> = {};
const rows: string[] = [];
for (const w of workerCounts)
  for (const [job, args] of Object.entries(jobs)) {
    workers = w;
    const name = `${job} (${w} worker${w > 1 ? "s" : ""})`;
    const samples = Array.from({ length: runs }, () => once(args));
    const phases: Record<string, number> = {};
    for (const k of Object.keys(samples[0]!.phases)) phases[k] = median(samples.map((s) => s.phases[k] ?? 0));
    const r = {
      command: `gl ${args.join(" ")} --workers ${workers}`,
      runs,
      wallMsMedian: Math.round(median(samples.map((s) => s.wallMs))),
      wallMs: samples.map((s) => Math.round(s.wallMs)),
      peakRssMbMax: Math.max(...samples.map((s) => s.peakRssMb)),
      phasesMsMedian: phases,
    };
    results[name] = r;
    rows.push(
      `| ${name} | \`${r.command}\` | ${(r.wallMsMedian / 1000).toFixed(2)} s | ${r.peakRssMbMax} MB | ${Object.entries(
        phases,
      )
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`)
        .join(", ")} |`,
    );
    process.stderr.write(`${name}: ${JSON.stringify(r)}\n`);
  }
const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model ?? "unknown",
  node: process.version,
  loadavg: loadavg(),
};
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(
  join(root, "bench/results/pipeline.json"),
  `${JSON.stringify({ machine, results }, null, 2)}\n`,
);
writeFileSync(
  join(root, "bench/results/pipeline.md"),
  [
    "# Main jobs: wall time and peak memory",
    "",
    `Machine: ${machine.cpus} cores, ${machine.model}, Node ${machine.node}; load average at the end ${machine.loadavg.map((x) => x.toFixed(1)).join(" / ")}.`,
    `Median of ${runs} runs, each in its own process (wall time includes Node start-up).`,
    "",
    "| job | command | wall (median) | peak RSS | phases (s, median) |",
    "|---|---|---|---|---|",
    ...rows,
    "",
    "Reference system on this machine kind (our notes): Peano discovery batch ≈ 186 s wall, 1.38 GB;",
    "its Python prover's quick mode ≈ 3 minutes.",
    "",
  ].join("\n"),
);
