/**
 * Benchmark of `gl crosscheck`: the proof graphs of `gl discover examples/peano` and `gl prove
 * examples/peano-quick` (one worker each) are written to a temporary folder, then `gl
 * crosscheck` runs on each as a whole command (Node start-up and the solver's start included):
 * z3 under the functional encoding at the default per-problem timeout and at 1 s, E (where
 * installed) likewise and with the carrier guards kept, and z3 under the old relational
 * encoding for comparison. Reported per row: wall time, the process's CPU time, verdict counts,
 * the slowest theorem, how many took over 1 s, the 1-minute load average before and after, and
 * the unknowns with their reasons. One run each: timeouts dominate, so medians add little.
 * Results go to bench/results/crosscheck.json and .md.
 *
 * Run after a build, from the repository root: `node dist/bench/crosscheck.js`
 * (`npm run bench:crosscheck`). Aims: every theorem confirmed by z3, each in under 1 s, the
 * discovery graph in under 30 s; E confirms at least 90 %.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CrosscheckReport } from "../crosscheck/crosscheck.js";
import { findEprover } from "../crosscheck/eprover.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli", "main.js");

interface Setup {
  readonly label: string;
  readonly args: readonly string[];
  readonly timeoutS: number;
}

interface Row {
  graph: string;
  setup: string;
  solver: string;
  theorems: number;
  timeoutS: number;
  wallS: number;
  cpuS: number;
  exitCode: number | null;
  counts: CrosscheckReport["counts"];
  confirmedPercent: number;
  problems: number;
  slowestTheoremS: number;
  slowestTheorem: string;
  theoremsOver1s: number;
  unknowns: string[];
  loadBefore: number;
  loadAfter: number;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

function crosscheck(graph: string, label: string, setup: Setup): Row {
  const loadBefore = loadavg()[0]!;
  const start = performance.now();
  const args = [
    cli,
    "crosscheck",
    graph,
    "--json",
    "-q",
    "--problem-timeout",
    String(setup.timeoutS),
    ...setup.args,
  ];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 1 << 28 });
  const wallS = (performance.now() - start) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`gl crosscheck failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout) as CrosscheckReport;
  const slowest = [...report.theorems].sort((a, b) => b.ms - a.ms)[0];
  return {
    graph: label,
    setup: setup.label,
    solver: report.solver,
    theorems: report.theorems.length,
    timeoutS: setup.timeoutS,
    wallS: round(wallS),
    cpuS: round(report.cpuMs / 1000),
    exitCode: r.status,
    counts: report.counts,
    confirmedPercent: round((100 * report.counts.confirmed) / Math.max(1, report.theorems.length)),
    problems: report.problems,
    slowestTheoremS: round((slowest?.ms ?? 0) / 1000, 2),
    slowestTheorem: slowest ? `${slowest.id} (${slowest.readable})` : "",
    theoremsOver1s: report.theorems.filter((t) => t.ms > 1000).length,
    unknowns: report.theorems
      .filter((t) => t.verdict !== "confirmed")
      .map((t) => `${t.id} (${t.readable}): ${t.verdict}, ${t.reason}`),
    loadBefore: round(loadBefore, 2),
    loadAfter: round(loadavg()[0]!, 2),
  };
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "gl-bench-crosscheck-"));
  const e = findEprover();
  const eNote = "missing" in e ? `E rows skipped: ${e.missing}` : `E at ${e.path}`;
  const setups: Setup[] = [
    { label: "z3, functional", args: [], timeoutS: 5 },
    { label: "z3, functional", args: [], timeoutS: 1 },
    ...("missing" in e
      ? []
      : [
          { label: "E, functional", args: ["--solver", "e"], timeoutS: 5 },
          { label: "E, functional, guards kept", args: ["--solver", "e", "--keep-guards"], timeoutS: 5 },
        ]),
    { label: "z3, relational (before)", args: ["--encoding", "relational"], timeoutS: 1 },
  ];
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
      for (const setup of setups) {
        const row = crosscheck(join(work, dir, "proof.json"), label, setup);
        rows.push(row);
        console.log(
          `${label}, ${setup.label}, ${setup.timeoutS} s per problem: ${row.wallS} s wall, ${JSON.stringify(row.counts)}, slowest ${row.slowestTheoremS} s, load ${row.loadBefore} → ${row.loadAfter}`,
        );
      }
    }
    const results = join(root, "bench", "results");
    mkdirSync(results, { recursive: true });
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`;
    writeFileSync(
      join(results, "crosscheck.json"),
      `${JSON.stringify({ machine, eprover: eNote, rows }, null, 2)}\n`,
    );
    const lines = [
      "# gl crosscheck",
      "",
      `Machine: ${machine}; ${eNote}. Written by \`npm run bench:crosscheck\`; one run per row,`,
      "whole command (Node start-up and the solver's start included). `load` is the 1-minute load",
      "average before → after the run: the machine is shared, so wall times depend on it; CPU is",
      "the crosscheck's own CPU time (z3's threads included; E runs as child processes, whose CPU",
      "time is not counted). `slowest` is the longest time one theorem took (all its obligations);",
      "`> 1 s` how many theorems took longer than a second. Timeouts are wall-clock.",
      "",
      "| graph | solver, encoding | timeout | theorems | problems | confirmed | unknown | refuted | wall | CPU | slowest | > 1 s | load |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.graph} | ${r.setup} | ${r.timeoutS} s | ${r.theorems} | ${r.problems} | ${r.counts.confirmed} (${r.confirmedPercent} %) | ${r.counts.unknown} | ${r.counts.refuted} | ${r.wallS} s | ${r.cpuS} s | ${r.slowestTheoremS} s | ${r.theoremsOver1s} | ${r.loadBefore} → ${r.loadAfter} |`,
      ),
      "",
      "Slowest theorem per row:",
      "",
      ...rows.map(
        (r) => `- ${r.graph}, ${r.setup}, ${r.timeoutS} s: ${r.slowestTheorem}, ${r.slowestTheoremS} s`,
      ),
      "",
      "Theorems not confirmed:",
      "",
      ...rows.flatMap((r) =>
        r.unknowns.length === 0
          ? [`- ${r.graph}, ${r.setup}, ${r.timeoutS} s: none`]
          : [`- ${r.graph}, ${r.setup}, ${r.timeoutS} s:`, ...r.unknowns.map((u) => `  - ${u}`)],
      ),
    ];
    writeFileSync(join(results, "crosscheck.md"), `${lines.join("\n")}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
