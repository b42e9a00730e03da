/**
 * Benchmark of `gl crosscheck`: the proof graphs of `gl discover examples/peano` and `gl prove
 * examples/peano-quick` (one worker each) are written to a temporary folder, then `gl
 * crosscheck` runs on each as a whole command (Node start-up and z3's start included), with
 * the default per-problem timeout and with a shorter one. Reported: wall time, the process's
 * CPU time (of the crosscheck itself, z3's threads included), verdict counts, and the unknowns with z3's reasons. One run each: the solver's
 * timeouts dominate, so medians add little. Results go to bench/results/crosscheck.json and .md.
 *
 * Run after a build, from the repository root: `node dist/bench/crosscheck.js`
 * (`npm run bench:crosscheck`). Aim: under 30 s on the discovery graph.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CrosscheckReport } from "../crosscheck/crosscheck.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli", "main.js");

interface Row {
  graph: string;
  theorems: number;
  timeoutS: number;
  wallS: number;
  cpuS: number;
  exitCode: number | null;
  counts: CrosscheckReport["counts"];
  problems: number;
  unknowns: string[];
  loadBefore: number;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function crosscheck(graph: string, label: string, timeoutS: number): Row {
  const loadBefore = loadavg()[0]!;
  const start = performance.now();
  const args = [cli, "crosscheck", graph, "--json", "-q", "--problem-timeout", String(timeoutS)];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  const wallS = (performance.now() - start) / 1000;
  const report = JSON.parse(r.stdout) as CrosscheckReport;
  return {
    graph: label,
    theorems: report.theorems.length,
    timeoutS,
    wallS: round(wallS),
    cpuS: round(report.cpuMs / 1000),
    exitCode: r.status,
    counts: report.counts,
    problems: report.problems,
    unknowns: report.theorems
      .filter((t) => t.verdict !== "confirmed")
      .map((t) => `${t.id} (${t.readable}): ${t.verdict}, ${t.reason}`),
    loadBefore: round(loadBefore, 2),
  };
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "gl-bench-crosscheck-"));
  try {
    const quiet = { cwd: root, stdio: "ignore" as const };
    execFileSync(
      process.execPath,
      [cli, "discover", "examples/peano", "--out", join(work, "disc"), "--workers", "1", "-q"],
      quiet,
    );
    execFileSync(
      process.execPath,
      [cli, "prove", "examples/peano-quick", "--out", join(work, "quick"), "--workers", "1", "-q"],
      quiet,
    );
    const rows: Row[] = [];
    for (const [label, dir] of [
      ["gl discover examples/peano", "disc"],
      ["gl prove examples/peano-quick", "quick"],
    ] as const) {
      for (const timeoutS of [5, 1]) {
        const row = crosscheck(join(work, dir, "proof.json"), label, timeoutS);
        rows.push(row);
        console.log(
          `${label}, ${timeoutS} s per problem: ${row.wallS} s wall, ${JSON.stringify(row.counts)}`,
        );
      }
    }
    const results = join(root, "bench", "results");
    mkdirSync(results, { recursive: true });
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`;
    writeFileSync(join(results, "crosscheck.json"), `${JSON.stringify({ machine, rows }, null, 2)}\n`);
    const lines = [
      "# gl crosscheck",
      "",
      `Machine: ${machine}. Written by \`npm run bench:crosscheck\`; one run per row, whole command`,
      "(Node start-up and z3's WebAssembly start included). `load` is the 1-minute load average",
      "before the run: the machine is shared, so wall times depend on it; CPU is the crosscheck's",
      "own CPU time (z3's threads included). Timeouts are wall-clock, so under load an unknown",
      "costs its full timeout while confirmed problems slow down with the load.",
      "",
      "| graph | theorems | problems | timeout per problem | wall | CPU | confirmed | unknown | refuted | exit | load |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.graph} | ${r.theorems} | ${r.problems} | ${r.timeoutS} s | ${r.wallS} s | ${r.cpuS} s | ${r.counts.confirmed} | ${r.counts.unknown} | ${r.counts.refuted} | ${r.exitCode} | ${r.loadBefore} |`,
      ),
      "",
      "Unknowns (default timeout):",
      "",
      ...rows
        .filter((r) => r.timeoutS === 5)
        .flatMap((r) => [`${r.graph}:`, "", ...r.unknowns.map((u) => `- ${u}`), ""]),
    ];
    writeFileSync(join(results, "crosscheck.md"), `${lines.join("\n")}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
