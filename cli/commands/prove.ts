/**
 * `gl prove`: prove the conjectures of a theory (its own, or a GL conjecture list) and report
 * each one; `--out` writes the proof graph JSON atomically.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { type OutputStage, stageOutput } from "../../export/output-dir.js";
import type { ProofGraph, TheoremJson } from "../../export/schema.js";
import { writeJsonAtomic } from "../../export/write-json.js";
import { EXIT, printFailureJson } from "../failure.js";
import { explainTerms } from "../glossary.js";
import { limitCheck, limitMessage, MAX_WITNESS_DEPTH, parseBounded, parseLimits } from "../limits.js";
import { loadTheory, printDiagnostics } from "../load-theory.js";
import {
  defaultWorkers,
  faultFromEnv,
  inPlaceFirstMsFromEnv,
  parseCount,
  peakRssMb,
  runProver,
  UsageError,
} from "../run-engine.js";

export interface ProveOptions {
  json?: boolean;
  out?: string;
  maxBursts?: string;
  maxWitnessDepth?: string;
  workers?: string;
  glConfig?: string;
  conjectures?: string[];
  quiet?: boolean;
  allowUnproved?: boolean;
  timeout?: string;
  maxMemory?: string;
}

export interface ConjectureReport {
  name: string | null;
  statement: string;
  mpl: string;
  status: "proved" | "unproved";
  method: string | null;
  burst: number | null;
  steps: number | null;
  theorem: string | null;
}

/** One entry per input conjecture (mirrors are counted, not listed). */
export function conjectureReports(graph: ProofGraph): ConjectureReport[] {
  const out: ConjectureReport[] = [];
  const methodOf = (t: TheoremJson) =>
    t.method === "induction" ? `induction on ${t.induction!.var}` : t.method;
  for (const t of graph.theorems) {
    if (t.mirrorOf) continue;
    out.push({
      name: t.name,
      statement: t.readable,
      mpl: t.mpl,
      status: "proved",
      method: methodOf(t),
      burst: t.burst,
      steps: t.steps.length,
      theorem: t.id,
    });
  }
  for (const u of graph.unproved) {
    if (u.name?.endsWith("(mirror)")) continue;
    out.push({
      name: u.name,
      statement: u.readable,
      mpl: u.mpl,
      status: "unproved",
      method: null,
      burst: null,
      steps: null,
      theorem: null,
    });
  }
  return out;
}

export function registerProve(program: Command): void {
  program
    .command("prove")
    .description("prove the conjectures of a theory and report each one")
    .argument("<paths...>", ".mpl files or folders; with --gl-config: a GL definitions folder")
    .option("--json", "print a summary object as JSON on stdout")
    .option(
      "--out <dir>",
      "write the full proof graph to <dir>/proof.json (the folder is replaced as a whole)",
    )
    .option("--max-bursts <n>", "stop after this many bursts (default 24)")
    .option("--max-witness-depth <n>", `bound on nested witnesses (default 2, at most ${MAX_WITNESS_DEPTH})`)
    .option("--workers <n>", `worker threads (default: the number of cores, ${defaultWorkers()} here)`)
    .option("--timeout <duration>", "stop after this long (90, 90s, 5m, 1h) with what was proved so far")
    .option("--max-memory <size>", "stop when memory passes this (512M, 4G; default 3/4 of the machine's)")
    .option("--allow-unproved", "exit 0 even when conjectures stay unproved")
    .option("--gl-config <file>", "read a GL definitions folder with this GL config (Config*.json)")
    .option(
      "--conjectures <files...>",
      "GL conjecture files (one formula per line) to prove, instead of the folder's own lists",
    )
    .option("-q, --quiet", "no progress on stderr")
    .addHelpText(
      "after",
      "\nExit codes: 0 every conjecture proved (or --allow-unproved), 1 some stayed unproved or the input\n" +
        "has errors, 2 usage errors.\n" +
        "\nExamples:\n  gl prove examples/peano-quick\n  gl prove examples/peano --json --out out/peano\n" +
        "  gl prove --gl-config defs/config/ConfigPeano.json defs --conjectures conjectures.txt",
    )
    .action(async (paths: string[], options: ProveOptions) => {
      process.exitCode = await runProve(paths, options);
    });
}

/** The files and folders a command reads: its output may not replace any of them. */
export function inputsOf(
  paths: readonly string[],
  o: { glConfig?: string; conjectures?: string[] },
): string[] {
  return [...paths, ...(o.glConfig ? [o.glConfig] : []), ...(o.conjectures ?? [])];
}

export async function runProve(paths: string[], o: ProveOptions): Promise<number> {
  let settings: { maxBursts?: number; maxWitnessDepth?: number } = {};
  const fault = faultFromEnv(process.env.GL_FAULT_INJECT);
  const inPlaceFirstMs = inPlaceFirstMsFromEnv();
  if (o.maxBursts !== undefined)
    settings = { ...settings, maxBursts: parseCount(o.maxBursts, "--max-bursts") };
  if (o.maxWitnessDepth !== undefined)
    settings = {
      ...settings,
      maxWitnessDepth: parseBounded(o.maxWitnessDepth, "--max-witness-depth", 1, MAX_WITNESS_DEPTH),
    };
  const workers = o.workers === undefined ? defaultWorkers() : parseCount(o.workers, "--workers");
  const limits = parseLimits(o);
  if (o.conjectures !== undefined && o.glConfig === undefined)
    throw new UsageError("--conjectures reads GL conjecture files and needs --gl-config");
  // The output folder is checked (and its temporary sibling made) before any work.
  const stage: OutputStage | null =
    o.out === undefined ? null : stageOutput(o.out, { command: "prove", inputs: inputsOf(paths, o) });
  try {
    return await proveInto(paths, o, { settings, workers, limits, fault, inPlaceFirstMs }, stage);
  } finally {
    stage?.abort();
  }
}

interface Prepared {
  settings: { maxBursts?: number; maxWitnessDepth?: number };
  workers: number;
  limits: ReturnType<typeof parseLimits>;
  fault: ReturnType<typeof faultFromEnv>;
  inPlaceFirstMs: number;
}

async function proveInto(
  paths: string[],
  o: ProveOptions,
  p: Prepared,
  stage: OutputStage | null,
): Promise<number> {
  const { settings, workers, limits, fault, inPlaceFirstMs } = p;
  const t0 = performance.now();
  const loaded = loadTheory({ paths, glConfig: o.glConfig, conjectures: o.conjectures });
  printDiagnostics(loaded, (s) => process.stderr.write(s));
  if (!loaded.theory) {
    if (o.json) printFailureJson("prove", "input", EXIT.input, "the input has errors", loaded.diagnostics);
    return EXIT.input;
  }
  const theory = loaded.theory;
  const skipped = loaded.skippedLines;
  if (skipped > 0)
    process.stderr.write(
      `gl prove: warning: ${skipped} malformed conjecture line${skipped === 1 ? "" : "s"} skipped (reported above)\n`,
    );
  const result = await runProver(theory, theory.conjectures, {
    workers,
    settings,
    phase: "prove",
    quiet: o.quiet === true,
    inPlaceFirstMs,
    shouldStop: limitCheck(limits, t0),
    ...(fault ? { fault } : {}),
  });
  const { graph, ms } = result;
  let written: string | null = null;
  if (stage !== null && o.out !== undefined) {
    writeJsonAtomic(join(stage.dir, "proof.json"), graph);
    stage.commit();
    written = join(o.out, "proof.json");
  }
  const reports = conjectureReports(graph);
  const proved = reports.filter((r) => r.status === "proved").length;
  const stopReason = graph.run.stopReason;
  const summary = {
    ok: proved === reports.length,
    stopReason,
    proved,
    conjectures: reports.length,
    skippedLines: skipped,
    theorems: reports,
    mirrorsProved: graph.theorems.filter((t) => t.mirrorOf).length,
    bursts: graph.run.bursts,
    blocks: graph.run.blocks,
    facts: graph.run.facts,
    blocksAtFactLimit: graph.run.blocksAtFactLimit,
    workers,
    timeMs: Math.round(ms),
    peakRssMb: peakRssMb(),
    proofGraph: written,
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const w = Math.max(4, ...reports.map((r) => (r.name ?? "").length));
    for (const r of reports) {
      const how =
        r.status === "proved" ? `proved  ${r.method}, burst ${r.burst}, ${r.steps} steps` : "unproved";
      process.stdout.write(`${(r.name ?? "").padEnd(w)}  ${r.statement}  ${how}\n`);
    }
    process.stdout.write(
      `\n${proved}/${reports.length} proved (+${summary.mirrorsProved} mirrors); stop: ${summary.stopReason}; ` +
        `${summary.bursts} bursts, ${summary.blocks} blocks, ${summary.facts} facts; ` +
        (skipped > 0 ? `${skipped} malformed line${skipped === 1 ? "" : "s"} skipped; ` : "") +
        `${(ms / 1000).toFixed(2)} s, peak ${summary.peakRssMb} MB, ${workers} worker${workers > 1 ? "s" : ""}\n`,
    );
    if (stopReason === "timeout" || stopReason === "max-memory")
      process.stdout.write(`${limitMessage(stopReason, limits)}\n`);
    if (summary.blocksAtFactLimit > 0)
      process.stdout.write(`warning: ${summary.blocksAtFactLimit} blocks reached the fact limit\n`);
    if (written) process.stdout.write(`proof graph: ${written}\n`);
    process.stdout.write(explainTerms(["mirrors", "bursts"]));
    if (!summary.ok && !o.allowUnproved)
      process.stdout.write(
        `${reports.length - proved} conjecture${reports.length - proved === 1 ? "" : "s"} unproved: exit code 1 (--allow-unproved keeps 0)\n`,
      );
  }
  return summary.ok || o.allowUnproved ? EXIT.ok : EXIT.input;
}
