/**
 * Benchmark of the independent verifier against the prover: examples/peano-quick is proved
 * with one worker, then its proof graph is verified the way `gl verify` does it (parse the
 * JSON, compile the sources again, compare the axioms, re-check every step). Both are timed
 * in-process (median of several runs, after one warm-up) and as whole `gl` commands (median of
 * several processes, Node start-up included). Requirement: verifying takes less time than
 * proving. Results go to bench/results/verify.json and .md.
 *
 * Run after a build, from the repository root: `node dist/bench/verify.js` (`npm run bench:verify`).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runProver } from "../cli/run-engine.js";
import { loadPaths } from "../mpl/index.js";
import { recompileSources } from "../verify/sources.js";
import { verifyGraph } from "../verify/verify.js";

const EXAMPLE = "examples/peano-quick";
const PROVE_RUNS = 5;
const VERIFY_RUNS = 15;
const CLI_RUNS = 3;

const root = fileURLToPath(new URL("../..", import.meta.url));
const cli = join(root, "dist", "cli", "main.js");

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (x: number): number => Math.round(x * 10) / 10;

/** Milliseconds of each of `runs` calls, after one untimed warm-up call. */
async function timeRuns(runs: number, f: () => unknown): Promise<number[]> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  return times;
}

async function prove() {
  const { theory } = loadPaths([EXAMPLE]);
  if (!theory) throw new Error(`${EXAMPLE} does not compile`);
  return runProver(theory, theory.conjectures, { workers: 1, settings: {}, phase: "bench", quiet: true });
}

/** Wall time of a `gl` command in a fresh process; the command must exit 0. */
function timeCommand(args: readonly string[]): number {
  const start = performance.now();
  execFileSync(process.execPath, [cli, ...args], { cwd: root, stdio: "ignore" });
  return performance.now() - start;
}

async function main(): Promise<void> {
  process.chdir(root);
  const { graph } = await prove();
  const text = JSON.stringify(graph);
  const report = verifyGraph(JSON.parse(text), { recompileSources: true });
  if (!report.ok) throw new Error(`the graph does not verify: ${report.failures[0]?.reason}`);

  const proveMs = await timeRuns(PROVE_RUNS, prove);
  const verifyMs = await timeRuns(VERIFY_RUNS, () =>
    verifyGraph(JSON.parse(text), { recompileSources: true }),
  );
  const parsed: unknown = JSON.parse(text);
  const stepsOnlyMs = await timeRuns(VERIFY_RUNS, () => verifyGraph(parsed));
  const recompileMs = await timeRuns(VERIFY_RUNS, () => recompileSources(graph.theory.sources));

  const work = mkdtempSync(join(tmpdir(), "gl-verify-bench-"));
  let cliProve: number[];
  let cliVerify: number[];
  try {
    const proveArgs = ["prove", EXAMPLE, "--workers", "1", "-q", "--out", work];
    cliProve = Array.from({ length: CLI_RUNS }, () => timeCommand(proveArgs));
    const file = join(work, "proof.json");
    // The command wrote the same graph as the in-process runs (the engine is deterministic).
    const written: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (JSON.stringify(written) !== text) throw new Error("gl prove wrote a different graph");
    cliVerify = Array.from({ length: CLI_RUNS }, () => timeCommand(["verify", file]));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const steps = graph.theorems.reduce((n, t) => n + t.steps.length, 0);
  const med = {
    prove: round(median(proveMs)),
    verify: round(median(verifyMs)),
    stepsOnly: round(median(stepsOnlyMs)),
    recompile: round(median(recompileMs)),
    cliProve: round(median(cliProve)),
    cliVerify: round(median(cliVerify)),
  };
  const result = {
    benchmark: "verify",
    example: EXAMPLE,
    graph: {
      theorems: graph.theorems.length,
      steps,
      axioms: graph.axioms.length,
      bytes: Buffer.byteLength(text),
      checks: report.checks,
      failures: report.failures.length,
    },
    inProcessMs: {
      proveMedian: med.prove,
      proveRuns: proveMs.map(round),
      verifyMedian: med.verify,
      verifyRuns: verifyMs.map(round),
      stepsOnlyMedian: med.stepsOnly,
      recompileSourcesMedian: med.recompile,
    },
    commandMs: {
      proveMedian: med.cliProve,
      proveRuns: cliProve.map(round),
      verifyMedian: med.cliVerify,
      verifyRuns: cliVerify.map(round),
    },
    verifyFaster: med.verify < med.prove && med.cliVerify < med.cliProve,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? "unknown",
      // Timings on a shared machine vary with its load; record it beside them.
      loadAverage1m: round(loadavg()[0] ?? 0),
    },
  };

  const resultsDir = join(root, "bench", "results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, "verify.json"), `${JSON.stringify(result, null, 2)}\n`);
  const ratio = (a: number, b: number) => `${round(a / b)}×`;
  const md = [
    "# Verifier benchmark",
    "",
    `\`${EXAMPLE}\` proved with one worker: ${graph.theorems.length} theorems, ${steps} steps, ${graph.axioms.length} axioms,`,
    `a proof graph of ${(result.graph.bytes / 1024).toFixed(1)} KiB; the verifier runs ${report.checks} checks, ${report.failures.length} failures.`,
    `Machine: ${result.machine.cpus} × ${result.machine.cpu}, Node ${result.machine.node}; load average ${result.machine.loadAverage1m} when the run ended.`,
    "",
    `In-process: median of ${PROVE_RUNS} proofs and ${VERIFY_RUNS} verifications, each after one warm-up run.`,
    "Verification is what `gl verify` does: parse the JSON, compile the sources again, compare",
    "the anchor and axioms, re-check every step.",
    "",
    "| Measure | Median (ms) |",
    "|---|---|",
    `| Prove (load the theory, run the engine, build the graph) | ${med.prove} |`,
    `| Verify (parse, recompile, cross-check, every step) | ${med.verify} |`,
    `| For comparison: compiling the sources again, alone | ${med.recompile} |`,
    `| For comparison: the checks alone, on one parsed graph, without recompiling | ${med.stepsOnly} |`,
    "",
    `Whole commands, ${CLI_RUNS} processes each (Node start-up included):`,
    "",
    "| Command | Median (ms) |",
    "|---|---|",
    `| \`gl prove ${EXAMPLE} --workers 1 -q --out DIR\` | ${med.cliProve} |`,
    `| \`gl verify DIR/proof.json\` | ${med.cliVerify} |`,
    "",
    `Verifying is ${ratio(med.prove, med.verify)} faster than proving in-process and ${ratio(med.cliProve, med.cliVerify)} faster as commands` +
      ` — ${result.verifyFaster ? "verification takes less time than proving" : "REQUIREMENT NOT MET: verification is not faster"}.`,
    "",
    "Reproduce: `npm run bench:verify` (builds, then runs `node dist/bench/verify.js`).",
    "",
  ].join("\n");
  writeFileSync(join(resultsDir, "verify.md"), md);
  process.stdout.write(md);
  if (!result.verifyFaster) process.exitCode = 1;
}

await main();
