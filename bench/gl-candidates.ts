/**
 * Benchmark on the reference system's own input: its v0.1 Peano definitions and its 406
 * candidate conjectures (read from ../shared/fixtures/gl-mpl/v0.1 with the config in
 * test/fixtures). Each run is its own process, so peak memory is that run's.
 *
 * - pipeline: `gl discover … --conjectures conjectures.txt`: the 406 lines as the candidates,
 *   the ground model refutes the false ones, the survivors are proved, compressed, verified
 *   and exported to HTML (what the reference system's full mode does after its conjecturer);
 * - direct: `gl prove` with no filter on the true lines and on the false lines separately
 *   (the split comes from the pipeline's own result), to show what the prover alone does;
 * - `--unfiltered`: also `gl prove` on all 406 at once with no filter and `--max-bursts 6`
 *   (about a minute and a half here: every true theorem proved becomes a rule that the 363
 *   false conjectures' blocks keep applying).
 *
 * Results go to bench/results/gl-candidates.{json,md}, beside the reference system's figures
 * for the same input from our notes.
 *
 *   node dist/bench/gl-candidates.js [--runs N] [--workers 1,2] [--unfiltered]
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { isAbsolute, join, relative, resolve } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const fixtures = resolve(root, "..", "shared", "fixtures", "gl-mpl", "v0.1");
const config = join(root, "test", "fixtures", "gl-v0.1-config.json");
const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const runs = Number(arg("--runs", "3"));
const workerCounts = arg("--workers", "1,2").split(",").map(Number);
const unfiltered = argv.includes("--unfiltered");
if (!Number.isInteger(runs) || runs < 1 || workerCounts.some((w) => !Number.isInteger(w) || w < 1)) {
  process.stderr.write("usage: gl-candidates [--runs N] [--workers 1,2] [--unfiltered]\n");
  process.exit(2);
}
if (!existsSync(join(fixtures, "conjectures.txt"))) {
  process.stderr.write(
    `gl-candidates: the reference system's v0.1 fixtures are not at ${fixtures}; nothing to run\n`,
  );
  process.exit(1);
}

interface Sample {
  wallMs: number;
  peakRssMb: number;
  summary: Record<string, unknown>;
}

function once(args: string[]): Sample {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      join(root, "dist/cli/main.js"),
      ...args,
      "--json",
      "-q",
      ...(args[0] === "prove" ? ["--allow-unproved"] : []),
    ],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 28,
    },
  );
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`gl ${args.join(" ")} failed (exit ${r.status}): ${r.stderr}`);
  const summary = JSON.parse(r.stdout) as Record<string, unknown> & { peakRssMb: number };
  return { wallMs, peakRssMb: summary.peakRssMb, summary };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const scratch = mkdtempSync(join(tmpdir(), "gl-candidates-bench-"));
// The definitions without the folder's own list, so `gl prove` reads only the list it is given.
const defs = join(scratch, "defs");
mkdirSync(defs);
for (const f of ["NaturalNumbers.txt", "fXY.txt", "fXYZ.txt"]) copyFileSync(join(fixtures, f), join(defs, f));

/** An argument as the table shows it: temporary files as <tmp>, other paths relative to the repository. */
const shown = (a: string): string =>
  a.startsWith(scratch) ? a.replace(scratch, "<tmp>") : isAbsolute(a) ? relative(root, a) : a;

interface Row {
  name: string;
  command: string;
  wallMsMedian: number;
  wallMs: number[];
  peakRssMbMax: number;
  outcome: string;
}
const rows: Row[] = [];
const record = (name: string, args: string[], n: number, outcome: (s: Record<string, unknown>) => string) => {
  process.stderr.write(`${name}…\n`);
  const samples = Array.from({ length: n }, () => once(args));
  const row: Row = {
    name,
    command: `gl ${args.map(shown).join(" ")}`,
    wallMsMedian: Math.round(median(samples.map((s) => s.wallMs))),
    wallMs: samples.map((s) => Math.round(s.wallMs)),
    peakRssMbMax: Math.max(...samples.map((s) => s.peakRssMb)),
    outcome: outcome(samples[0]!.summary),
  };
  rows.push(row);
  process.stderr.write(`  ${JSON.stringify(row)}\n`);
  return samples[0]!.summary;
};

type Candidates = { mpl: string; status: string }[];
const glArgs = ["--gl-config", config];
let split: { proved: string[]; refuted: string[] } | null = null;
for (const w of workerCounts) {
  const s = record(
    `pipeline, 406 candidates (${w} worker${w > 1 ? "s" : ""})`,
    [
      "discover",
      ...glArgs,
      fixtures,
      "--conjectures",
      join(fixtures, "conjectures.txt"),
      "--workers",
      `${w}`,
    ],
    runs,
    (x) => {
      const st = x.stages as Record<string, number>;
      const v = x.verification as { checks: number; failures: unknown[] };
      return `${st.refutedByModel} refuted by the model, ${st.proved} of ${st.survivors} survivors proved, ${v.checks} verifier checks, ${v.failures.length} failures`;
    },
  );
  const c = s.candidates as Candidates;
  split ??= {
    proved: c.filter((x) => x.status === "proved").map((x) => x.mpl),
    refuted: c.filter((x) => x.status === "refuted").map((x) => x.mpl),
  };
}
// Soundness on the record: a proved candidate that the pipeline's model refuted would be a false theorem.
const proveOutcome = (x: Record<string, unknown>) => {
  const refuted = new Set(split!.refuted);
  const theorems = x.theorems as { mpl: string; status: string }[];
  const wrong = theorems.filter((t) => t.status === "proved" && refuted.has(t.mpl)).length;
  return `${x.proved} of ${x.conjectures} proved (${wrong} of them refuted by the model), stop: ${x.stopReason} after ${x.bursts} bursts, ${x.facts} facts`;
};
for (const [name, list] of [
  ["proved", split!.proved],
  ["refuted", split!.refuted],
] as const) {
  const file = join(scratch, `${name}.txt`);
  writeFileSync(file, `${list.join("\n")}\n`);
  record(
    `prover alone, the ${list.length} ${name === "proved" ? "true" : "false"} candidates (1 worker)`,
    ["prove", ...glArgs, defs, "--conjectures", file, "--workers", "1"],
    runs,
    proveOutcome,
  );
}
if (unfiltered)
  record(
    "prover alone, all 406 candidates, --max-bursts 6 (2 workers)",
    [
      "prove",
      ...glArgs,
      defs,
      "--conjectures",
      join(fixtures, "conjectures.txt"),
      "--max-bursts",
      "6",
      "--workers",
      "2",
    ],
    1,
    proveOutcome,
  );
rmSync(scratch, { recursive: true, force: true });

const machine = {
  cpus: cpus().length,
  model: cpus()[0]?.model ?? "unknown",
  node: process.version,
  loadavg: loadavg(),
};
const reference = [
  "C++ prover (v0.2, same 406 candidates, counterexample filter, 20 bursts): 40 proved (27 by induction, 13 directly); prover phase about 7 s on a 32-core Dell G16 7630, whole run about 5 minutes, under 1 GB",
  "Python prover (full mode): about a day; its count of proved candidates is not recorded",
  "Its conjecturer alone had not finished after 50 minutes on this machine kind",
];
mkdirSync(join(root, "bench/results"), { recursive: true });
const old = join(root, "bench/results/gl-candidates.json");
const previous = existsSync(old) ? (JSON.parse(readFileSync(old, "utf8")) as { rows?: Row[] }) : {};
// A run without --unfiltered keeps the last recorded unfiltered row.
const kept = (previous.rows ?? []).filter((r) => r.name.startsWith("prover alone, all 406") && !unfiltered);
const all = [...rows, ...kept];
writeFileSync(old, `${JSON.stringify({ machine, runs, rows: all, reference }, null, 2)}\n`);
writeFileSync(
  join(root, "bench/results/gl-candidates.md"),
  [
    "# The reference system's 406 Peano candidates",
    "",
    `Machine: ${machine.cpus} cores, ${machine.model}, Node ${machine.node}; load average at the end ${machine.loadavg.map((x) => x.toFixed(1)).join(" / ")}.`,
    `Median of ${runs} runs, each in its own process (wall time includes Node start-up); the unfiltered run once.`,
    "Produced by `node dist/bench/gl-candidates.js --unfiltered` (source bench/gl-candidates.ts).",
    "",
    "| run | wall (median) | peak RSS | outcome |",
    "|---|---|---|---|",
    ...all.map(
      (r) => `| ${r.name} | ${(r.wallMsMedian / 1000).toFixed(2)} s | ${r.peakRssMbMax} MB | ${r.outcome} |`,
    ),
    "",
    "Commands:",
    "",
    ...all.map((r) => `- ${r.name}: \`${r.command}\``),
    "",
    "The reference system on the same input (our notes):",
    "",
    ...reference.map((r) => `- ${r}`),
    "",
  ].join("\n"),
);
