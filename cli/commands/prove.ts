/**
 * `gl prove`: prove the conjectures of a theory (its own, or a GL conjecture list) and report
 * each one; `--out` writes the proof graph JSON atomically.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { DEFAULT_LEMMA_SETTINGS, type LemmaSettings } from "../../engine/discovery/lemmas.js";
import { factLimitBlocks } from "../../engine/fact-limit.js";
import { WorkerError } from "../../engine/pool.js";
import type { ConjectureRun } from "../../engine/run.js";
import { DEFAULT_SETTINGS } from "../../engine/settings.js";
import type { ProofGraph, TheoremJson } from "../../export/schema.js";
import { writeJsonAtomic } from "../../export/write-json.js";
import { loadTheory, printDiagnostics } from "../load-theory.js";
import { type LemmaReport, proveWithLemmas } from "../prove-lemmas.js";
import {
  defaultWorkers,
  faultFromEnv,
  inPlaceFirstMsFromEnv,
  parseCount,
  peakRssMb,
  type runProver,
  UsageError,
} from "../run-engine.js";

export interface ProveOptions {
  json?: boolean;
  out?: string;
  maxBursts?: string;
  maxWitnessDepth?: string;
  maxFacts?: string;
  lemmas?: boolean;
  maxLemmaCandidates?: string;
  maxLemmaGoals?: string;
  workers?: string;
  glConfig?: string;
  conjectures?: string[];
  quiet?: boolean;
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
    if (t.mirrorOf || t.provenance) continue;
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

/** A conjecture's name, or its statement in MPL when it has none (mirrors say so). */
function conjectureLabel(c: ConjectureRun): string {
  return c.name ?? (c.mpl || `conjecture ${c.index + 1}`);
}

export function registerProve(program: Command): void {
  program
    .command("prove")
    .description("prove the conjectures of a theory and report each one")
    .argument("<paths...>", ".mpl files or folders; with --gl-config: a GL definitions folder")
    .option("--json", "print a summary object as JSON on stdout")
    .option("--out <dir>", "write the full proof graph to <dir>/proof.json (atomically)")
    .option("--max-bursts <n>", "stop after this many bursts (default 24)")
    .option("--max-witness-depth <n>", "bound on nested witnesses (default 2)")
    .option(
      "--max-facts <n>",
      `facts per logic block before its saturation stops (default ${DEFAULT_SETTINGS.maxFactsPerBlock})`,
    )
    .option("--no-lemmas", "do not look for helper lemmas when goals stay unproved")
    .option(
      "--max-lemma-candidates <n>",
      `candidate lemmas taken from discovery for stuck goals (default ${DEFAULT_LEMMA_SETTINGS.maxCandidates})`,
    )
    .option(
      "--max-lemma-goals <n>",
      `look for lemmas only when at most this many goals stay unproved (default ${DEFAULT_LEMMA_SETTINGS.maxStuckGoals})`,
    )
    .option("--workers <n>", `worker threads (default: the number of cores, ${defaultWorkers()} here)`)
    .option("--gl-config <file>", "read a GL definitions folder with this GL config (Config*.json)")
    .option("--conjectures <files...>", "GL conjecture files (one formula per line) to prove")
    .option("-q, --quiet", "no progress on stderr")
    .addHelpText(
      "after",
      "\nExamples:\n  gl prove examples/peano-quick\n  gl prove examples/peano --json --out out/peano\n" +
        "  gl prove --gl-config defs/config/ConfigPeano.json defs --conjectures conjectures.txt",
    )
    .action(async (paths: string[], options: ProveOptions) => {
      process.exitCode = await runProve(paths, options);
    });
}

export async function runProve(paths: string[], o: ProveOptions): Promise<number> {
  let settings: { maxBursts?: number; maxWitnessDepth?: number; maxFactsPerBlock?: number } = {};
  let workers: number;
  let lemmaSettings: LemmaSettings | null = DEFAULT_LEMMA_SETTINGS;
  let fault: ReturnType<typeof faultFromEnv>;
  let inPlaceFirstMs: number;
  try {
    fault = faultFromEnv(process.env.GL_FAULT_INJECT);
    inPlaceFirstMs = inPlaceFirstMsFromEnv();
    if (o.maxBursts !== undefined)
      settings = { ...settings, maxBursts: parseCount(o.maxBursts, "--max-bursts") };
    if (o.maxWitnessDepth !== undefined)
      settings = { ...settings, maxWitnessDepth: parseCount(o.maxWitnessDepth, "--max-witness-depth") };
    if (o.maxFacts !== undefined)
      settings = { ...settings, maxFactsPerBlock: parseCount(o.maxFacts, "--max-facts") };
    if (o.maxLemmaCandidates !== undefined)
      lemmaSettings = {
        ...lemmaSettings,
        maxCandidates: parseCount(o.maxLemmaCandidates, "--max-lemma-candidates"),
      };
    if (o.maxLemmaGoals !== undefined)
      lemmaSettings = { ...lemmaSettings, maxStuckGoals: parseCount(o.maxLemmaGoals, "--max-lemma-goals") };
    if (o.lemmas === false) lemmaSettings = null;
    workers = o.workers === undefined ? defaultWorkers() : parseCount(o.workers, "--workers");
    if (o.conjectures !== undefined && o.glConfig === undefined)
      throw new UsageError("--conjectures reads GL conjecture files and needs --gl-config");
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const loaded = loadTheory({ paths, glConfig: o.glConfig, conjectures: o.conjectures });
  printDiagnostics(loaded, (s) => process.stderr.write(s));
  if (!loaded.theory) return 1;
  const theory = loaded.theory;
  const skipped = loaded.skippedLines;
  if (skipped > 0)
    process.stderr.write(
      `warning: ${skipped} malformed conjecture line${skipped === 1 ? "" : "s"} skipped (reported above)\n`,
    );
  const tStart = performance.now();
  let result: Awaited<ReturnType<typeof runProver>>;
  let lemmas: LemmaReport | null;
  try {
    ({ result, lemmas } = await proveWithLemmas(
      theory,
      theory.conjectures,
      {
        workers,
        settings,
        phase: "prove",
        quiet: o.quiet === true,
        inPlaceFirstMs,
        ...(fault ? { fault } : {}),
      },
      lemmaSettings,
    ));
  } catch (e) {
    if (e instanceof WorkerError) {
      process.stderr.write(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const { graph } = result;
  const ms = performance.now() - tStart;
  let written: string | null = null;
  if (o.out !== undefined) {
    written = join(o.out, "proof.json");
    writeJsonAtomic(written, graph);
  }
  const reports = conjectureReports(graph);
  const proved = reports.filter((r) => r.status === "proved").length;
  const summary = {
    stopReason: graph.run.stopReason,
    proved,
    conjectures: reports.length,
    skippedLines: skipped,
    theorems: reports,
    mirrorsProved: graph.theorems.filter((t) => t.mirrorOf && !t.provenance).length,
    lemmas,
    bursts: graph.run.bursts,
    blocks: graph.run.blocks,
    facts: graph.run.facts,
    blocksAtFactLimit: graph.run.blocksAtFactLimit,
    factLimit: {
      maxFactsPerBlock: graph.run.limits.maxFactsPerBlock,
      blocks: factLimitBlocks(result.run, (i) => conjectureLabel(result.run.conjectures[i]!)),
    },
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
    if (lemmas) {
      process.stdout.write(
        `lemmas: ${lemmas.stuck.length} goals stuck; ${lemmas.candidates} candidates over ${lemmas.operations.join(" ")}, ` +
          `${lemmas.refutedByModel} refuted by the model, ${lemmas.survivors} tried, ${lemmas.proved} proved; stop: ${lemmas.stop}\n`,
      );
      for (const u of lemmas.used)
        process.stdout.write(
          `  ${u.goal} used ${u.lemmas.length ? u.lemmas.map((l) => `${l.id} ${l.statement}`).join("; ") : "no lemma"}\n`,
        );
    }
    if (summary.blocksAtFactLimit > 0) {
      const serving = [...new Set(summary.factLimit.blocks.flatMap((b) => b.conjectures))];
      process.stdout.write(
        `warning: ${summary.blocksAtFactLimit} blocks reached the fact limit (--max-facts ${summary.factLimit.maxFactsPerBlock})` +
          (serving.length ? `, working for: ${serving.join(", ")}` : "") +
          "\n",
      );
    }
    if (written) process.stdout.write(`proof graph: ${written}\n`);
  }
  return 0;
}
