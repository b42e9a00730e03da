/**
 * Benchmark of `gl crosscheck` on every graph the examples give: `gl prove examples/<x>` for
 * each example of one theory, `gl discover` on examples/peano, peano-exp and on every example of
 * several batches (the last batch's graph cites the earlier ones' theorems as imports, assumed),
 * and GL's v0.1 Peano
 * candidates (`gl discover --gl-config …`, from ../shared; skipped with the reason where it is
 * absent), each proved with one worker into a temporary folder. Then `gl crosscheck` runs on
 * each as a whole command (Node start-up and the solver's start included): z3 under the
 * functional encoding at the default per-problem timeout and at 1 s, and E (where installed)
 * at the default; on the discovery graph of examples/peano also E with the carrier guards kept
 * and z3 under the old relational encoding, and on every graph without induction z3 without
 * the proof's term hints (what they are for). Reported per row: wall time, the process's CPU
 * time, verdict counts, the slowest theorem and the slowest single problem, how many
 * theorems took over 1 s, the 1-minute load average before and after, and the unknowns with
 * their reasons. One run each: timeouts dominate, so medians add little. Results go to
 * bench/results/crosscheck.json and .md.
 *
 * Run after a build, from the repository root: `node dist/bench/crosscheck.js`
 * (`npm run bench:crosscheck`). Aims: every theorem confirmed by z3, each problem in under
 * 1 s, the discovery graph in under 30 s; E confirms at least 90 %.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
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

interface Graph {
  readonly label: string;
  /** The `gl` command that writes it (`--out` and `--workers 1` added). */
  readonly command: readonly string[];
  /** Whether its theory has induction roles (the no-hints comparison is for those without). */
  readonly induction: boolean;
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
  slowestProblemS: number;
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
  const problemMs = report.theorems.flatMap((t) => t.obligations.map((o) => o.ms));
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
    slowestProblemS: round(Math.max(0, ...problemMs) / 1000, 2),
    theoremsOver1s: report.theorems.filter((t) => t.ms > 1000).length,
    unknowns: report.theorems
      .filter((t) => t.verdict !== "confirmed")
      .map((t) => `${t.id} (${t.readable}): ${t.verdict}, ${t.reason}`),
    loadBefore: round(loadBefore, 2),
    loadAfter: round(loadavg()[0]!, 2),
  };
}

/** Writes a graph; `gl prove` exits 1 when a conjecture stays unproved, which is not a failure here. */
function writeGraph(g: Graph, out: string): string {
  const r = spawnSync(process.execPath, [cli, ...g.command, "--out", out, "--workers", "1", "-q"], {
    cwd: root,
    encoding: "utf8",
  });
  const file = join(out, "proof.json");
  if ((r.status !== 0 && r.status !== 1) || !existsSync(file))
    throw new Error(`gl ${g.command.join(" ")} wrote no graph: ${r.stderr}`);
  return file;
}

function graphs(): { list: Graph[]; notes: string[] } {
  const examples = readdirSync(join(root, "examples"), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  // An example of several batches (an anchor that `extends` another) runs through gl discover.
  const isBatches = (x: string) =>
    readdirSync(join(root, "examples", x))
      .filter((f) => f.endsWith(".mpl"))
      .some((f) => /\bextends\b/.test(readFileSync(join(root, "examples", x, f), "utf8")));
  const batchExamples = examples.filter(isBatches);
  const induction = (x: string) => x.startsWith("peano") || x === "first-course";
  const list: Graph[] = [
    { label: "gl discover examples/peano", command: ["discover", "examples/peano"], induction: true },
    { label: "gl discover examples/peano-exp", command: ["discover", "examples/peano-exp"], induction: true },
    // Batches: the last cites the earlier ones' theorems as imports, which the crosscheck assumes.
    ...batchExamples.map((x) => ({
      label: `gl discover examples/${x}`,
      command: ["discover", `examples/${x}`],
      induction: true,
    })),
    ...examples
      .filter((x) => !isBatches(x))
      .map((x) => ({
        label: `gl prove examples/${x}`,
        command: ["prove", `examples/${x}`],
        induction: induction(x),
      })),
  ];
  const fixtures = resolve(root, "..", "shared", "fixtures", "gl-mpl", "v0.1");
  const notes: string[] = [];
  if (existsSync(join(fixtures, "conjectures.txt")))
    list.push({
      label: "GL v0.1 candidates (gl discover --gl-config)",
      command: [
        "discover",
        "--gl-config",
        "test/fixtures/gl-v0.1-config.json",
        fixtures,
        "--conjectures",
        join(fixtures, "conjectures.txt"),
      ],
      induction: true,
    });
  else notes.push("GL v0.1 row skipped: ../shared/fixtures/gl-mpl/v0.1 is absent beside the repository");
  return { list, notes };
}

function main(): void {
  const work = mkdtempSync(join(tmpdir(), "gl-bench-crosscheck-"));
  const e = findEprover();
  const eNote = "missing" in e ? `E rows skipped: ${e.missing}` : `E at ${e.path}`;
  const z3Default: Setup = { label: "z3, functional", args: [], timeoutS: 5 };
  const z3Short: Setup = { label: "z3, functional", args: [], timeoutS: 1 };
  const eDefault: Setup = { label: "E, functional", args: ["--solver", "e"], timeoutS: 5 };
  const eGuards: Setup = { label: "E, guards kept", args: ["--solver", "e", "--keep-guards"], timeoutS: 5 };
  const relational: Setup = {
    label: "z3, relational (before)",
    args: ["--encoding", "relational"],
    timeoutS: 1,
  };
  const noHints: Setup = { label: "z3, no term hints", args: ["--no-hints"], timeoutS: 1 };
  const withE = (xs: Setup[]) => ("missing" in e ? xs.filter((x) => !x.args.includes("e")) : xs);
  const { list, notes } = graphs();
  try {
    const rows: Row[] = [];
    for (const [i, g] of list.entries()) {
      const file = writeGraph(g, join(work, `g${i}`));
      const setups = withE([
        z3Default,
        z3Short,
        eDefault,
        ...(g.label === "gl discover examples/peano" ? [eGuards, relational] : []),
        ...(g.induction ? [] : [noHints]),
      ]);
      for (const setup of setups) {
        const row = crosscheck(file, g.label, setup);
        rows.push(row);
        console.log(
          `${g.label}, ${setup.label}, ${setup.timeoutS} s per problem: ${row.wallS} s wall, ${JSON.stringify(row.counts)}, slowest problem ${row.slowestProblemS} s, load ${row.loadBefore} → ${row.loadAfter}`,
        );
      }
    }
    const results = join(root, "bench", "results");
    mkdirSync(results, { recursive: true });
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), Node ${process.version}`;
    writeFileSync(
      join(results, "crosscheck.json"),
      `${JSON.stringify({ machine, eprover: eNote, notes, rows }, null, 2)}\n`,
    );
    const lines = [
      "# gl crosscheck",
      "",
      `Machine: ${machine}; ${eNote}. Written by \`npm run bench:crosscheck\`; one run per row,`,
      "whole command (Node start-up and the solver's start included). `load` is the 1-minute load",
      "average before → after the run: the machine is shared, so wall times depend on it; CPU is",
      "the crosscheck's own CPU time (z3's threads included; E runs as child processes, whose CPU",
      "time is not counted). `slowest problem` is the longest time one obligation took, `slowest",
      "theorem` the longest for all of one theorem's obligations; `> 1 s` how many theorems took",
      "longer than a second. Timeouts are wall-clock.",
      ...notes.map((n) => `${n}.`),
      "",
      "| graph | solver, encoding | timeout | theorems | problems | confirmed | unknown | refuted | wall | CPU | slowest problem | slowest theorem | > 1 s | load |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows.map(
        (r) =>
          `| ${r.graph} | ${r.setup} | ${r.timeoutS} s | ${r.theorems} | ${r.problems} | ${r.counts.confirmed} (${r.confirmedPercent} %) | ${r.counts.unknown} | ${r.counts.refuted} | ${r.wallS} s | ${r.cpuS} s | ${r.slowestProblemS} s | ${r.slowestTheoremS} s | ${r.theoremsOver1s} | ${r.loadBefore} → ${r.loadAfter} |`,
      ),
      "",
      "Slowest theorem per row:",
      "",
      ...rows.map(
        (r) =>
          `- ${r.graph}, ${r.setup}, ${r.timeoutS} s: ${r.slowestTheorem || "(none)"}, ${r.slowestTheoremS} s`,
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
