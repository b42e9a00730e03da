/**
 * `gl prove`: prove the conjectures of a theory (its own, or a GL conjecture list) and report
 * each one; `--out` writes the proof graph JSON atomically.
 */

import { join } from "node:path";
import type { Command } from "commander";
import {
  DEFAULT_LEMMA_SETTINGS,
  type FiniteModelReport,
  type LemmaSettings,
} from "../../engine/discovery/lemmas.js";
import { factLimitBlocks } from "../../engine/fact-limit.js";
import type { ConjectureRun } from "../../engine/run.js";
import { goalTermTotals } from "../../engine/saturate/goal-terms.js";
import { DEFAULT_GOAL_TERMS, DEFAULT_SETTINGS, goalTermBound, startDepth } from "../../engine/settings.js";
import { comprehensionLine, graphComprehensionList } from "../../export/assumptions.js";
import { legacyOutput, type OutputStage, stageOutput } from "../../export/output-dir.js";
import { methodText } from "../../export/readable.js";
import type { ProofGraph, TheoremJson } from "../../export/schema.js";
import { writeJsonAtomic } from "../../export/write-json.js";
import {
  applyProofFault,
  type CheckedGraph,
  checkGraph,
  failureLines,
  failureText,
  proofFaultFromEnv,
} from "../checked-report.js";
import { EXIT, printFailureJson } from "../failure.js";
import { explainTerms } from "../glossary.js";
import { limitCheck, limitMessage, MAX_WITNESS_DEPTH, parseLimits } from "../limits.js";
import { loadTheory, printDiagnostics } from "../load-theory.js";
import { proveWithLemmas } from "../prove-lemmas.js";
import {
  COMPREHENSION_HELP,
  chooseWorkers,
  defaultWorkers,
  type EngineOverrides,
  faultFromEnv,
  inPlaceFirstMsFromEnv,
  parseCount,
  parseEngineFlags,
  peakRssMb,
  type WorkerChoice,
  workerCap,
} from "../run-engine.js";

export interface ProveOptions {
  json?: boolean;
  out?: string;
  maxBursts?: string;
  maxWitnessDepth?: string;
  maxFacts?: string;
  maxGoalTerms?: string;
  comprehension?: boolean;
  lemmas?: boolean;
  maxLemmaCandidates?: string;
  maxLemmaGoals?: string;
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
  /** `failed`: the engine found a proof, but it did not pass the independent re-check. */
  status: "proved" | "unproved" | "failed";
  method: string | null;
  burst: number | null;
  steps: number | null;
  theorem: string | null;
  /** Why a `failed` proof did not verify: `step 28: …`. */
  failure?: string;
}

/**
 * One entry per input conjecture (mirrors are counted, not listed). A theorem that failed the
 * re-check is reported as `failed`.
 */
export function conjectureReports(graph: ProofGraph, checked?: CheckedGraph): ConjectureReport[] {
  const out: ConjectureReport[] = [];
  const methodOf = (t: TheoremJson) => methodText(t);
  const failureOf = (t: TheoremJson) => {
    const f = checked?.firstFailure.get(t.id);
    return f ? failureText(f) : undefined;
  };
  for (const t of graph.theorems) {
    if (t.mirrorOf || t.provenance) continue;
    const failure = failureOf(t);
    out.push({
      name: t.name,
      statement: t.readable,
      mpl: t.mpl,
      status: failure === undefined ? "proved" : "failed",
      method: methodOf(t),
      burst: t.burst,
      steps: t.steps.length,
      theorem: t.id,
      ...(failure === undefined ? {} : { failure }),
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

/** What filtered the lemma candidates: the ground model, or the finite models of a theory without induction roles. */
function finiteModelsText(f: FiniteModelReport | undefined): string {
  if (f === undefined) return "the model";
  if (f.stop === "unsupported") return `no model (finite models: ${f.unsupported})`;
  const cut = f.stop === "complete" ? "" : `, search stopped by ${f.stop}`;
  return `${f.count} finite models of sizes 1–${f.perSize.length}${cut}`;
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
    .option(
      "--out <dir>",
      "write the full proof graph to <dir>/proof.json (the folder is replaced as a whole)",
    )
    .option("--max-bursts <n>", "stop after this many bursts (default 24)")
    .option("--max-witness-depth <n>", `bound on nested witnesses (default 2, at most ${MAX_WITNESS_DEPTH})`)
    .option(
      "--max-facts <n>",
      `facts per logic block before its saturation stops (default ${DEFAULT_SETTINGS.maxFactsPerBlock})`,
    )
    .option(
      "--max-goal-terms <n>",
      `goal-directed terms per logic block, 0 for none (default ${DEFAULT_GOAL_TERMS} for theories without induction roles, 0 for theories with them)`,
    )
    .option("--comprehension", COMPREHENSION_HELP)
    .option("--no-lemmas", "do not look for helper lemmas when goals stay unproved")
    .option(
      "--max-lemma-candidates <n>",
      `candidate lemmas taken from discovery for stuck goals (default ${DEFAULT_LEMMA_SETTINGS.maxCandidates})`,
    )
    .option(
      "--max-lemma-goals <n>",
      `look for lemmas only when at most this many goals stay unproved (default ${DEFAULT_LEMMA_SETTINGS.maxStuckGoals})`,
    )
    .option(
      "--workers <n>",
      `threads running blocks (default: up to the number of cores, ${defaultWorkers()} here, fewer for small work; at most ${workerCap()})`,
    )
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
      "\nExit codes: 0 every conjecture proved (or --allow-unproved), 1 some stayed unproved, a proof\n" +
        "failed the re-check or the input has errors, 2 usage errors.\n" +
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
  const proofFault = proofFaultFromEnv();
  const fault = faultFromEnv(process.env.GL_FAULT_INJECT);
  const inPlaceFirstMs = inPlaceFirstMsFromEnv();
  const settings = parseEngineFlags(o);
  let lemmas: LemmaSettings | null = DEFAULT_LEMMA_SETTINGS;
  if (o.maxLemmaCandidates !== undefined)
    lemmas = { ...lemmas, maxCandidates: parseCount(o.maxLemmaCandidates, "--max-lemma-candidates") };
  if (o.maxLemmaGoals !== undefined)
    lemmas = { ...lemmas, maxStuckGoals: parseCount(o.maxLemmaGoals, "--max-lemma-goals") };
  if (o.lemmas === false) lemmas = null;
  const workers = chooseWorkers(o.workers, (line) => process.stderr.write(`gl prove: ${line}\n`));
  const limits = parseLimits(o);
  // The output folder is checked (and its temporary sibling made) before any work.
  const stage: OutputStage | null =
    o.out === undefined
      ? null
      : stageOutput(o.out, {
          command: "prove",
          inputs: inputsOf(paths, o),
          ownedWithoutManifest: legacyOutput(["proof.json"]),
        });
  try {
    return await proveInto(
      paths,
      o,
      { settings, lemmas, workers, limits, fault, proofFault, inPlaceFirstMs },
      stage,
    );
  } finally {
    stage?.abort();
  }
}

interface Prepared {
  settings: EngineOverrides;
  lemmas: LemmaSettings | null;
  workers: WorkerChoice;
  limits: ReturnType<typeof parseLimits>;
  fault: ReturnType<typeof faultFromEnv>;
  proofFault: ReturnType<typeof proofFaultFromEnv>;
  inPlaceFirstMs: number;
}

async function proveInto(
  paths: string[],
  o: ProveOptions,
  p: Prepared,
  stage: OutputStage | null,
): Promise<number> {
  const { settings, workers, limits, fault, proofFault, inPlaceFirstMs } = p;
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
  const { result, lemmas } = await proveWithLemmas(
    theory,
    theory.conjectures,
    {
      workers: workers.workers,
      adaptive: workers.adaptive,
      settings,
      phase: "prove",
      quiet: o.quiet === true,
      inPlaceFirstMs,
      shouldStop: limitCheck(limits, t0),
      ...(fault ? { fault } : {}),
    },
    p.lemmas,
  );
  const { graph } = result;
  const ms = performance.now() - t0;
  applyProofFault(graph, proofFault);
  // Nothing is reported as proved before the independent verifier has passed it.
  const checked = checkGraph(graph);
  for (const line of failureLines(graph, checked)) process.stderr.write(`gl prove: ${line}\n`);
  let written: string | null = null;
  if (stage !== null && o.out !== undefined) {
    await stage.writing(async () => writeJsonAtomic(join(stage.dir, "proof.json"), graph));
    stage.commit();
    written = join(o.out, "proof.json");
  }
  const reports = conjectureReports(graph, checked);
  const proved = reports.filter((r) => r.status === "proved").length;
  const stopReason = graph.run.stopReason;
  const ok = checked.report.ok && proved === reports.length;
  const summary = {
    ok,
    stopReason,
    proved,
    conjectures: reports.length,
    skippedLines: skipped,
    theorems: reports,
    mirrorsProved: graph.theorems.filter((t) => t.mirrorOf && !t.provenance && !checked.failed.has(t.id))
      .length,
    lemmas,
    // Theorems whose proofs assume a set exists (--comprehension), with the definitions.
    assumptions: { comprehension: graphComprehensionList(graph) },
    bursts: graph.run.bursts,
    blocks: graph.run.blocks,
    facts: graph.run.facts,
    blocksAtFactLimit: graph.run.blocksAtFactLimit,
    factLimit: {
      maxFactsPerBlock: graph.run.limits.maxFactsPerBlock,
      blocks: factLimitBlocks(result.run, (i) => conjectureLabel(result.run.conjectures[i]!)),
    },
    // Goal-directed terms (engine/saturate/goal-terms.ts): the bound per block (0: off) and
    // what the run made and cut; the witness depth the run started with and reached.
    goalTerms: {
      maxPerBlock: goalTermBound(result.run.settings),
      ...goalTermTotals(result.run.blocks),
    },
    witnessDepth: {
      start: startDepth(result.run.settings),
      max: result.run.settings.maxWitnessDepth,
      reached: result.run.witnessDepth.reached,
      deepenedAt: result.run.witnessDepth.deepenedAt,
    },
    // Threads that really ran blocks (the default uses fewer than the cores for small work).
    workers: result.threads,
    timeMs: Math.round(ms),
    peakRssMb: peakRssMb(),
    // CPU time of this process, all threads (wall time misleads on a shared machine).
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
    proofGraph: written,
    verification: {
      ok: checked.report.ok,
      checks: checked.report.checks,
      failures: checked.report.failures,
    },
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    const w = Math.max(4, ...reports.map((r) => (r.name ?? "").length));
    for (const r of reports) {
      const how =
        r.status === "proved"
          ? `proved  ${r.method}, burst ${r.burst}, ${r.steps} steps`
          : r.status === "failed"
            ? `FAILED the independent re-check (${r.theorem} ${r.failure})`
            : "unproved";
      process.stdout.write(`${(r.name ?? "").padEnd(w)}  ${r.statement}  ${how}\n`);
    }
    process.stdout.write(
      `\n${proved}/${reports.length} proved (+${summary.mirrorsProved} mirrors); stop: ${summary.stopReason}; ` +
        `${summary.bursts} bursts, ${summary.blocks} blocks, ${summary.facts} facts; ` +
        (skipped > 0 ? `${skipped} malformed line${skipped === 1 ? "" : "s"} skipped; ` : "") +
        `${(ms / 1000).toFixed(2)} s, peak ${summary.peakRssMb} MB, ${summary.workers} worker${summary.workers > 1 ? "s" : ""}\n`,
    );
    const gt = summary.goalTerms;
    const wd = summary.witnessDepth;
    if (gt.maxPerBlock !== 0 || wd.start < wd.max)
      process.stdout.write(
        (gt.maxPerBlock === 0
          ? "goal terms: off"
          : `goal terms: ${gt.made} made in ${gt.blocks} blocks, ${gt.cut} cut (at most ${gt.maxPerBlock} per block` +
            `${gt.cut > 0 ? `; ${gt.blocksCut} blocks reached it, --max-goal-terms raises it` : ""})`) +
          `; witness depth ${wd.start}` +
          (wd.reached > wd.start
            ? ` → ${wd.reached} (deeper from burst ${wd.deepenedAt.map((b) => b + 1).join(", ")})`
            : "") +
          ` of at most ${wd.max}\n`,
      );
    if (lemmas) {
      process.stdout.write(
        `lemmas: ${lemmas.stuck.length} goals stuck; ${lemmas.candidates} candidates over ${lemmas.operations.join(" ")}, ` +
          `${lemmas.refutedByModel} refuted by ${finiteModelsText(lemmas.finiteModels)}, ${lemmas.survivors} tried, ${lemmas.proved} proved; stop: ${lemmas.stop}\n`,
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
    const assumed = comprehensionLine(summary.assumptions.comprehension);
    if (assumed !== null) process.stdout.write(`${assumed}\n`);
    const failed = reports.filter((r) => r.status === "failed").length;
    process.stdout.write(
      checked.report.ok
        ? `verified: ${checked.report.checks} checks, 0 failures\n`
        : `verification FAILED: ${checked.report.failures.length} failures; ${failed} conjecture${failed === 1 ? "" : "s"} not proved because of it\n`,
    );
    if (stopReason === "timeout" || stopReason === "max-memory")
      process.stdout.write(`${limitMessage(stopReason, limits)}\n`);
    if (written)
      process.stdout.write(`proof graph: ${written}${checked.report.ok ? "" : " (does not verify)"}\n`);
    process.stdout.write(explainTerms(["mirrors", "bursts"]));
    const open = reports.length - proved;
    if (open > 0 && !o.allowUnproved)
      process.stdout.write(
        `${open} conjecture${open === 1 ? "" : "s"} not proved: exit code 1 (--allow-unproved keeps 0)\n`,
      );
  }
  if (!checked.report.ok) return EXIT.input;
  return ok || o.allowUnproved ? EXIT.ok : EXIT.input;
}
