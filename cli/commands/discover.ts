/**
 * `gl discover`: the main job. Conjectures from the theory's definitions, a ground model the
 * engine proves itself, the counterexample filter, proofs, compression, independent
 * verification and the HTML site; progress on stderr, a summary on stdout.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { batchGraph, batchJson } from "../../engine/batch-graph.js";
import {
  type BatchExecutors,
  type BatchInput,
  type BatchResult,
  discoverBatches,
} from "../../engine/discovery/batches.js";
import { closedFormTexts } from "../../engine/discovery/exact-filter.js";
import { DEFAULT_MAX_VALUE } from "../../engine/discovery/model.js";
import type { discover } from "../../engine/discovery/pipeline.js";
import { buildProofGraph } from "../../engine/graph.js";
import { statementJson } from "../../engine/names.js";
import { type PoolExecutor, poolExecutor } from "../../engine/pool.js";
import { type Executor, recordWidth } from "../../engine/run.js";
import { goalTermTotals } from "../../engine/saturate/goal-terms.js";
import { DEFAULT_GOAL_TERMS, DEFAULT_SETTINGS, goalTermBound } from "../../engine/settings.js";
import { canonicalVars, statementKey, statementOf } from "../../engine/statement.js";
import { comprehensionLine, graphComprehensionList } from "../../export/assumptions.js";
import { writeSiteFiles } from "../../export/html/write.js";
import { legacyOutput, type OutputStage, stageOutput } from "../../export/output-dir.js";
import { readableStatement } from "../../export/readable.js";
import type { BatchJson, ProofGraph } from "../../export/schema.js";
import { writeJsonAtomic } from "../../export/write-json.js";
import type { Conjecture, Theory } from "../../mpl/theory.js";
import { GRAPH, type VerifyReport } from "../../verify/report.js";
import { applyProofFault, failureLines, proofFaultFromEnv } from "../checked-report.js";
import { siteDiscoveryReport } from "../discovery-report.js";
import { CliError, EXIT, printFailureJson } from "../failure.js";
import { explainTerms } from "../glossary.js";
import {
  type Limits,
  limitCheck,
  limitMessage,
  MAX_MODEL_SIZE,
  MAX_MODEL_VALUE,
  MAX_WITNESS_DEPTH,
  parseBounded,
  parseLimits,
} from "../limits.js";
import { loadBatches, printDiagnostics } from "../load-theory.js";
import { checkGraphs, PhaseAccount, renderSite } from "../pool-phases.js";
import {
  ADAPTIVE_MIN_CANDIDATES,
  COMPREHENSION_HELP,
  chooseWorkers,
  defaultWorkers,
  type EngineOverrides,
  faultFromEnv,
  heartbeat,
  inPlaceFirstMsFromEnv,
  inPlaceOptions,
  keepOpen,
  parseEngineFlags,
  peakRssMb,
  poolProfileFromEnv,
  progress,
  progressLine,
  REHEARSAL_CONJECTURES,
  type WorkerChoice,
  workerCap,
} from "../run-engine.js";

export interface DiscoverOptions {
  json?: boolean;
  out?: string;
  workers?: string;
  modelSize?: string;
  modelMaxValue?: string;
  maxBursts?: string;
  maxWitnessDepth?: string;
  maxFacts?: string;
  maxGoalTerms?: string;
  comprehension?: boolean;
  /** Repeated: one GL config per batch, in order. */
  glConfig?: string | string[];
  conjectures?: string[];
  quiet?: boolean;
  timeout?: string;
  maxMemory?: string;
}

/** What became of each candidate (given or enumerated), in order. */
export interface CandidateOutcome {
  name: string | null;
  mpl: string;
  readable: string;
  /**
   * `refuted`: false in the ground model (certified: every value used is a proved model
   * theorem); `rejected`: false by exact evaluation on the host (not certified: its values are
   * computed, not proved); `failed`: a proof was found but did not pass the independent
   * re-check; `instance`: a survivor not proved separately, an instance of the survivor `instanceOf`.
   */
  status: "refuted" | "rejected" | "proved" | "unproved" | "failed" | "instance";
  /**
   * The counterexample of a refuted or rejected candidate: its variables' numerals, the two
   * sides' values, and the values used (model theorems for a refuted one, evaluated values
   * for a rejected one).
   */
  counterexample: { instance: Record<string, number>; lhs: number; rhs: number; facts: string[] } | null;
  /** The proof graph's theorem id of a proved candidate. */
  theorem: string | null;
  /** For an instance: the name of the more general survivor it is an instance of. */
  instanceOf?: string;
}

export function registerDiscover(program: Command): void {
  program
    .command("discover")
    .description(
      "discover and prove theorems from a theory's definitions (conjectures, model, proofs, checks, HTML)",
    )
    .argument("<paths...>", ".mpl files or folders; with --gl-config: a GL definitions folder")
    .option("--json", "print the summary as JSON on stdout")
    .option(
      "--out <dir>",
      "write proof.json, model.json, discovery.json and the HTML site (html/) there; the folder is replaced as a whole",
    )
    .option(
      "--workers <n>",
      `threads running blocks (default: up to the number of cores, ${defaultWorkers()} here, fewer for small work; at most ${workerCap()})`,
    )
    .option(
      "--model-size <n>",
      `largest numeral of the ground model's test range (default 5, at most ${MAX_MODEL_SIZE})`,
    )
    .option(
      "--model-max-value <n>",
      `largest numeral the ground model grows to so that candidates' values are known (default ${DEFAULT_MAX_VALUE}, at most ${MAX_MODEL_VALUE})`,
    )
    .option("--max-bursts <n>", `stop proving after this many bursts (default ${DEFAULT_SETTINGS.maxBursts})`)
    .option(
      "--max-witness-depth <n>",
      `bound on nested witnesses when proving (default ${DEFAULT_SETTINGS.maxWitnessDepth}, at most ${MAX_WITNESS_DEPTH})`,
    )
    .option(
      "--max-facts <n>",
      `facts per logic block before its saturation stops (default ${DEFAULT_SETTINGS.maxFactsPerBlock})`,
    )
    .option(
      "--max-goal-terms <n>",
      `goal-directed terms per logic block, 0 for none (default ${DEFAULT_GOAL_TERMS} for theories without induction roles, 0 for theories with them)`,
    )
    .option("--comprehension", COMPREHENSION_HELP)
    .option("--timeout <duration>", "stop after this long (90, 90s, 5m, 1h) with what was proved so far")
    .option("--max-memory <size>", "stop when memory passes this (512M, 4G; default 3/4 of the machine's)")
    .option(
      "--gl-config <file>",
      "read a GL definitions folder with this GL config (Config*.json); repeat it for batches, in order (each extends the one before)",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option(
      "--conjectures <files...>",
      "with --gl-config: take the candidates from these GL conjecture files (they replace the folder's own lists) instead of enumerating them",
    )
    .option("-q, --quiet", "no progress on stderr")
    .addHelpText(
      "after",
      "\nExamples:\n  gl discover examples/peano --out out/peano\n  gl discover examples/peano --json --workers 2\n" +
        "  gl discover --gl-config defs/Config.json defs --conjectures conjectures.txt --out out/gl",
    )
    .action(async (paths: string[], options: DiscoverOptions) => {
      process.exitCode = await runDiscover(paths, options);
    });
}

export async function runDiscover(paths: string[], o: DiscoverOptions): Promise<number> {
  const proofFault = proofFaultFromEnv();
  const inPlaceFirstMs = inPlaceFirstMsFromEnv();
  const workers = chooseWorkers(o.workers, (line) => process.stderr.write(`gl discover: ${line}\n`));
  const modelSize =
    o.modelSize === undefined ? 5 : parseBounded(o.modelSize, "--model-size", 2, MAX_MODEL_SIZE);
  const maxModelValue =
    o.modelMaxValue === undefined
      ? DEFAULT_MAX_VALUE
      : parseBounded(o.modelMaxValue, "--model-max-value", 2, MAX_MODEL_VALUE);
  const settings = parseEngineFlags(o);
  const limits = parseLimits(o);
  // The output folder is checked (and its temporary sibling made) before any work.
  const stage: OutputStage | null =
    o.out === undefined
      ? null
      : stageOutput(o.out, {
          command: "discover",
          inputs: [...paths, ...glConfigsOf(o), ...(o.conjectures ?? [])],
          ownedWithoutManifest: legacyOutput(["proof.json", "model.json", "discovery.json", "html"]),
        });
  const closers: (() => Promise<void>)[] = [];
  try {
    return await discoverInto(
      paths,
      o,
      { workers, modelSize, maxModelValue, settings, limits, inPlaceFirstMs, proofFault, closers },
      stage,
    );
  } finally {
    for (const close of closers) await close();
    stage?.abort();
  }
}

interface Prepared {
  workers: WorkerChoice;
  modelSize: number;
  maxModelValue: number;
  settings: EngineOverrides;
  limits: Limits;
  inPlaceFirstMs: number;
  proofFault: ReturnType<typeof proofFaultFromEnv>;
  /** Run when the command ends, however it ends (the pool, which serves every phase). */
  closers: (() => Promise<void>)[];
}

/** One batch after the run: its result, its graphs and what became of its candidates. */
interface RanBatch {
  readonly ran: BatchResult;
  readonly theory: Theory;
  readonly graph: ProofGraph;
  readonly model: ProofGraph;
  readonly batch: BatchJson | null;
  readonly readable: (s: Parameters<typeof readableStatement>[0]) => string;
}

async function discoverInto(
  paths: string[],
  o: DiscoverOptions,
  p: Prepared,
  stage: OutputStage | null,
): Promise<number> {
  const { workers, modelSize, maxModelValue, settings, limits, inPlaceFirstMs, proofFault } = p;
  const t0 = performance.now();
  const say = (s: string) => {
    if (!o.quiet) progressLine(s);
  };
  const loaded = loadBatches({ paths, glConfigs: glConfigsOf(o), conjectures: o.conjectures });
  printDiagnostics(loaded, (s) => process.stderr.write(s));
  if (!loaded.batches) {
    if (o.json) printFailureJson("discover", "input", EXIT.input, "the input has errors", loaded.diagnostics);
    return EXIT.input;
  }
  for (const b of loaded.batches) {
    const anchor = b.theory.anchor;
    if (!anchor?.roles)
      throw new CliError(
        anchor
          ? `the anchor '${anchor.name}' has no induction roles; discovery needs them: write 'anchor ${anchor.name} (carrier …, zero …, successor …)'`
          : "the theory has no anchor; discovery needs one with carrier, zero and successor roles",
      );
  }
  if (loaded.skippedLines > 0)
    process.stderr.write(
      `gl discover: warning: ${loaded.skippedLines} malformed conjecture line${loaded.skippedLines === 1 ? "" : "s"} skipped (reported above)\n`,
    );
  const batched = loaded.batches.length > 1;
  const candidatesFrom = (b: { candidates?: readonly unknown[] }) => (b.candidates ? "given" : "enumerated");
  // One pool serves every batch and every phase (the model and the proofs run their bursts on
  // it, the others their independent tasks), so its threads start and warm up once; each
  // proving phase gets a view whose close leaves the pool running, and a later batch switches
  // the pool to its theory. It starts once a batch's candidates are known — its threads then
  // load during the model phase instead of slowing the enumeration on a machine with few
  // cores — and by default only when they are many (ADAPTIVE_MIN_CANDIDATES): on less work a
  // second thread's start-up costs more than it saves. It closes when the command ends.
  const profiling = poolProfileFromEnv();
  const fault = faultFromEnv(process.env.GL_FAULT_INJECT);
  const pooled: { pool: PoolExecutor | null; batch: BatchInput | null } = { pool: null, batch: null };
  let current: BatchInput = loaded.batches[0]!;
  const startPool = (batch: BatchInput, candidates: readonly Conjecture[]): void => {
    if (pooled.pool) return;
    const wanted =
      profiling !== null ||
      fault !== undefined ||
      (workers.workers > 1 && (!workers.adaptive || candidates.length >= ADAPTIVE_MIN_CANDIDATES));
    if (!wanted) return;
    pooled.batch = batch;
    pooled.pool = poolExecutor({ ...batch.theory, conjectures: [] }, recordWidth(batch.theory), {
      ...(profiling ? { profile: profiling.profile } : {}),
      ...(fault ? { fault } : {}),
      workers: workers.workers,
      ...inPlaceOptions(inPlaceFirstMs),
      adaptive: workers.adaptive,
      rehearsal: candidates.slice(0, REHEARSAL_CONJECTURES),
    });
    pooled.pool.warm();
  };
  p.closers.push(async () => {
    await pooled.pool?.close();
    profiling?.write();
  });
  const executors = (batch: BatchInput): BatchExecutors => ({
    executor: (): Executor | undefined => {
      const pool = pooled.pool;
      if (!pool) return undefined;
      if (pooled.batch !== batch) {
        pool.setTheory({ ...batch.theory, conjectures: [] }, recordWidth(batch.theory));
        pooled.batch = batch;
      }
      return keepOpen(pool);
    },
    close: async () => {},
  });
  const account = new PhaseAccount(() => pooled.pool);
  let results: BatchResult[];
  let now = "conjectures";
  const stopBeat = heartbeat(() => `discover: ${now} still running`, o.quiet);
  try {
    let prefix = "";
    let batchName = "";
    results = await discoverBatches(loaded.batches, {
      modelSize,
      maxModelValue,
      settings,
      executors,
      shouldStop: limitCheck(limits, t0),
      onBatch: (b, i) => {
        current = b;
        prefix = batched ? `batch ${b.name}: ` : "";
        batchName = b.name;
        if (batched)
          say(
            `discover: batch ${i + 1} of ${loaded.batches!.length}: ${b.name}${b.extends ? ` (extends ${b.extends})` : ""}`,
          );
      },
      onPhase: (phase) => {
        now = `${prefix}${phase}`;
        // Accounted under the key of the summary's times; the pool's fault hook knows the phase.
        account.enter(batched ? `${batchName} ${phase}` : phase, phase);
        say(`discover: ${now}…`);
      },
      onCandidates: (candidates) => startPool(current, candidates),
      onModelProgress: progress("discover: model", o.quiet),
      onProgress: progress("discover: prove", o.quiet),
    });
  } finally {
    stopBeat();
  }
  const ms: Record<string, number> = {};
  for (const r of results)
    for (const [k, v] of Object.entries(r.result.ms)) ms[batched ? `${r.batch.name} ${k}` : k] = v;
  account.enter("export");
  let t = performance.now();
  const ran: RanBatch[] = [];
  for (const r of results) {
    const theory = r.batch.theory;
    const readable = (st: Parameters<typeof readableStatement>[0]) => readableStatement(st, theory);
    const graph = buildProofGraph(r.result.run, readable);
    // Readers know the target laws by name; the other theorems are lemmas (candidate ids mean nothing).
    const targetOf = new Map(
      r.result.targets.filter((x) => x.conjecture !== null).map((x) => [x.conjecture!, x.name]),
    );
    graph.theorems.forEach((th, i) => {
      th.name = targetOf.get(r.result.run.theorems[i]!.conjecture) ?? null;
    });
    for (const u of graph.unproved) u.name = null;
    const model: ProofGraph = { ...buildProofGraph(r.result.model.run, readable), unproved: [] };
    const parent = ran.find((x) => x.ran.batch.name === r.batch.extends);
    const batch = batched
      ? batchJson(r, parent ? { graph: parent.graph, theory: parent.theory } : null, readable)
      : null;
    ran.push({ ran: r, theory, graph, model, batch, readable });
  }
  const withBatches = (i: number, own: ProofGraph): ProofGraph =>
    batched
      ? batchGraph([
          ...ran.slice(0, i).map((x) => ({ graph: x.graph, batch: x.batch! })),
          { graph: own, batch: ran[i]!.batch! },
        ])
      : own;
  const last = ran.length - 1;
  const graph = withBatches(last, ran[last]!.graph);
  const modelGraphs = ran.map((x, i) => withBatches(i, x.model));
  ms.export = Math.round(performance.now() - t);
  say("discover: verify…");
  account.enter("verify");
  t = performance.now();
  applyProofFault(graph, proofFault);
  // Nothing is reported as proved before the independent verifier has passed it.
  // The models' graphs first: pool threads take them, the larger proof graph stays here.
  const rechecked = (await checkGraphs(pooled.pool, [...modelGraphs, graph])).checked;
  const checked = rechecked[modelGraphs.length]!;
  const modelChecked = rechecked.slice(0, modelGraphs.length);
  const check = checked.report;
  ms.verify = Math.round(performance.now() - t);
  account.end();
  for (const line of [
    ...failureLines(graph, checked),
    ...earlierFailureLines(checked.report, ran.slice(0, last)),
    ...modelGraphs.flatMap((g, i) =>
      failureLines(
        g,
        modelChecked[i]!,
        `the ground model's graph${batched ? ` of ${ran[i]!.ran.batch.name}` : ""}`,
      ),
    ),
  ])
    process.stderr.write(`gl discover: ${line}\n`);
  const modelOk = modelChecked.every((c) => c.report.ok);
  const summaries = ran.map((x, i) =>
    batchSummary(
      x,
      i === last ? checked.failed : failedIn(checked.report, x.ran.batch.name),
      { size: modelSize, maxValue: maxModelValue },
      candidatesFrom(x.ran.batch),
    ),
  );
  const own = summaries[last]!;
  const summary = {
    ...own.summary,
    ...(batched ? { batches: summaries.map((x) => x.summary) } : {}),
    skippedLines: loaded.skippedLines,
    // Theorems whose proofs assume a set exists (--comprehension), with the definitions.
    assumptions: { comprehension: graphComprehensionList(graph) },
    verification: {
      ok: check.ok && modelOk,
      failedTheorems: [...checked.failed],
      checks: check.checks + modelChecked.reduce((n, c) => n + c.report.checks, 0),
      failures: [...check.failures, ...modelChecked.flatMap((c) => c.report.failures)],
    },
    // Threads that really ran blocks (the default uses fewer than the cores for small work).
    workers: pooled.pool?.stats().threadsRun ?? 1,
    timeMs: ms,
    /** Per phase: wall and CPU milliseconds (all threads) and the threads that ran its work. */
    phases: {} as Record<string, { ms: number; cpuMs: number; threads: number }>,
    totalMs: 0,
    peakRssMb: 0,
    outputs: null as null | { proofGraph: string; model: string; report: string; html: string | null },
  };
  const modelFiles = ran.map((x, i) =>
    i === last ? "model.json" : `model.${fileSafe(x.ran.batch.name, i)}.json`,
  );
  // A site shows its theorems as proved, so a graph that fails the re-check gets none.
  const siteOk = check.ok && modelOk;
  if (stage !== null && o.out !== undefined) {
    t = performance.now();
    await stage.writing(async () => {
      if (siteOk) {
        say("discover: html…");
        const reports = ran.map((x, i) =>
          siteDiscoveryReport(
            x.ran.result,
            summaries[i]!.outcomes,
            x.model,
            x.theory,
            summaries[i]!.summary.stages,
            candidatesFrom(x.ran.batch),
            modelSize,
          ),
        );
        account.enter("html");
        const site = await renderSite(pooled.pool, graph, {
          discovery: reports[last]!,
          earlierDiscovery: reports.slice(0, last),
        });
        await writeSiteFiles(graph, join(stage.dir, "html"), () => site.files);
        ms.html = Math.round(performance.now() - t);
        account.end();
      }
      writeJsonAtomic(join(stage.dir, "proof.json"), graph);
      for (const [i, g] of modelGraphs.entries()) writeJsonAtomic(join(stage.dir, modelFiles[i]!), g);
    });
    summary.outputs = {
      proofGraph: join(o.out, "proof.json"),
      model: join(o.out, "model.json"),
      report: join(o.out, "discovery.json"),
      html: siteOk ? join(o.out, "html", "index.html") : null,
    };
  }
  summary.timeMs = ms;
  summary.phases = account.summary(ms);
  summary.totalMs = Math.round(performance.now() - t0);
  summary.peakRssMb = peakRssMb();
  if (stage !== null) {
    // The report holds what the run found, not how it ran: the same bytes for any worker count.
    const { timeMs, totalMs, peakRssMb: _m, workers: _w, phases: _p, ...stable } = summary;
    void timeMs;
    void totalMs;
    // Paths relative to the report's own folder, so the folder can move (and two runs compare).
    const outputs = {
      proofGraph: "proof.json",
      model: "model.json",
      ...(batched
        ? { models: Object.fromEntries(ran.map((x, i) => [x.ran.batch.name, modelFiles[i]!])) }
        : {}),
      report: "discovery.json",
      html: siteOk ? "html/index.html" : null,
    };
    await stage.writing(async () =>
      writeJsonAtomic(join(stage.dir, "discovery.json"), { ...stable, outputs }),
    );
    // Everything is complete: one swap puts the new output in place of the old.
    stage.commit();
  }
  const stoppedBy = results[results.length - 1]!.result.stoppedBy;
  if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    if (batched) for (const x of summaries.slice(0, last)) process.stdout.write(formatBatch(x.summary, true));
    process.stdout.write(formatBatch(own.summary, batched));
    const assumed = comprehensionLine(summary.assumptions.comprehension);
    if (assumed !== null) process.stdout.write(`${assumed}\n`);
    process.stdout.write(formatRun(summary));
    if (stoppedBy) process.stdout.write(`${limitMessage(stoppedBy, limits)}\n`);
    if (results.length < loaded.batches.length)
      process.stdout.write(
        `batches not run (the limit ended the run): ${loaded.batches
          .slice(results.length)
          .map((b) => b.name)
          .join(", ")}\n`,
      );
    process.stdout.write(explainTerms(["mirrors", "essential", "bursts"]));
  }
  return summary.verification.ok ? EXIT.ok : EXIT.input;
}

/** The GL configs given (`--gl-config` may be repeated: one batch each, in order). */
const glConfigsOf = (o: DiscoverOptions): string[] =>
  o.glConfig === undefined ? [] : Array.isArray(o.glConfig) ? o.glConfig : [o.glConfig];

/** A batch's name as part of a file name: plain names as they are, others by position. */
const fileSafe = (name: string, i: number): string =>
  /^[A-Za-z][A-Za-z0-9_-]*$/.test(name) ? name : `batch${i + 1}`;

/** Ids of an earlier batch's theorems that failed (the verifier names them `<batch>:<id>`). */
function failedIn(report: VerifyReport, name: string): Set<string> {
  const prefix = `${name}:`;
  const mine = report.failures
    .filter((f) => f.theorem.startsWith(prefix))
    .map((f) => f.theorem.slice(prefix.length));
  return new Set(mine);
}

/** One line per failure of an earlier batch (its theorems are checked inside the last graph). */
function earlierFailureLines(report: VerifyReport, earlier: readonly RanBatch[]): string[] {
  const names = new Set(earlier.map((x) => x.ran.batch.name));
  return report.failures
    .filter((f) => names.has(f.theorem.slice(0, f.theorem.indexOf(":"))))
    .map(
      (f) =>
        `error: ${f.theorem} failed the independent re-check${f.step === null ? ": " : ` at step ${f.step}: `}${f.reason}`,
    );
}

/** The summary of one batch (what its run found) and what became of its candidates. */
function batchSummary(
  x: RanBatch,
  failed: ReadonlySet<string>,
  bounds: { size: number; maxValue: number },
  candidatesFrom: string,
) {
  const { ran, graph, model: modelGraph, theory, readable } = x;
  const result = ran.result;
  const whole = failed.has(GRAPH);
  const verified = (th: { id: string }) => !whole && !failed.has(th.id);
  const byConjecture = new Map(result.run.theorems.map((th, i) => [th.conjecture, graph.theorems[i]!]));
  const failedIds = new Set(graph.theorems.filter((th) => !verified(th)).map((th) => th.id));
  const outcomes = candidateOutcomes(result, graph, theory, readable, failedIds);
  const essential = new Set(result.compression.essential);
  const summary = {
    ...(x.batch
      ? {
          batch: x.batch.name,
          extends: x.batch.extends,
          newConstants: x.batch.newConstants,
          imports: x.batch.imports.map((i) => ({ id: i.id, name: i.name, readable: i.readable })),
          notImported: ran.notImported,
        }
      : {}),
    candidatesFrom,
    stages: {
      generated: result.enumeration?.generated ?? null,
      candidates: result.candidates,
      refutedByModel: result.refuted.length,
      rejectedByEvaluation: result.exact.rejected.length,
      survivors: result.survivors,
      instances: result.instances.length,
      proved: graph.theorems.filter((th) => !th.mirrorOf && verified(th)).length,
      mirrorsProved: graph.theorems.filter((th) => th.mirrorOf && verified(th)).length,
      failedRecheck: failedIds.size,
      unproved: graph.unproved.length,
      essential: result.compression.essential.length,
    },
    conjecturer: result.enumeration
      ? {
          sides: result.enumeration.sides,
          sidesRejected: result.enumeration.sidesRejected,
          generated: result.enumeration.generated,
          outsideRequired: result.enumeration.outsideRequired,
          dropped: Object.fromEntries(Object.entries(result.enumeration.reasons).filter(([, n]) => n > 0)),
          duplicates: result.enumeration.duplicates,
          kept: result.enumeration.kept,
        }
      : null,
    model: {
      size: bounds.size,
      maxValue: bounds.maxValue,
      valueBound: result.model.valueBound,
      rounds: result.model.rounds,
      boundHit: result.model.boundHit,
      unprovedValues: result.model.unprovedPosed,
      undecidedSurvivors: result.undecided,
      functions: result.model.functions.map((id) => theory.constants[id]!.name),
      unevaluated: result.model.unevaluated.map((id) => theory.constants[id]!.name),
      values: result.model.positives,
      constants: result.model.constantValues.map((v) => v.name),
      distinctness: result.model.negatives,
      theorems: modelGraph.theorems.length,
    },
    // The second filter stage (engine/discovery/exact-filter.ts): not certified.
    exactEvaluation: {
      closedForms: closedFormTexts(theory, result.exact.forms),
      examined: result.exact.examined,
      rejected: result.exact.rejected.length,
      undecided: result.exact.undecided,
    },
    targets: result.targets.map((tg) => {
      const th = tg.conjecture === null ? undefined : byConjecture.get(tg.conjecture);
      if (th && !verified(th)) return { name: tg.name, status: "failed", theorem: null };
      return {
        name: tg.name,
        status: tg.status,
        theorem: th ? { id: th.id, statement: th.mpl, readable: th.readable, method: th.method } : null,
      };
    }),
    theorems: graph.theorems.filter(verified).map((th) => ({
      id: th.id,
      name: th.name,
      statement: th.mpl,
      readable: th.readable,
      method: th.method,
      essential: essential.has(th.id),
      mirrorOf: th.mirrorOf ?? null,
    })),
    candidates: outcomes,
    stopReason: result.stoppedBy ?? graph.run.stopReason,
    bursts: graph.run.bursts,
    facts: graph.run.facts,
    // Goal-directed terms of the proof phase (off for theories with induction roles unless
    // --max-goal-terms asks for them).
    goalTerms: { maxPerBlock: goalTermBound(result.run.settings), ...goalTermTotals(result.run.blocks) },
  };
  return { summary, outcomes };
}

/** What became of each given candidate; duplicates share the first one's proof attempt. */
function candidateOutcomes(
  result: Awaited<ReturnType<typeof discover>>,
  graph: ProofGraph,
  theory: Theory,
  readable: (s: Parameters<typeof readableStatement>[0]) => string,
  failed: ReadonlySet<string>,
): CandidateOutcome[] {
  const names = theory.constants.map((k) => k.name);
  const refutedBy = new Map(result.refuted.map((r) => [r.conjecture, r]));
  const rejectedBy = new Map(result.exact.rejected.map((r) => [r.conjecture, r]));
  const instanceOf = new Map(result.instances.map((d) => [d.conjecture, d.of.name]));
  const runByKey = new Map(result.run.conjectures.map((c) => [statementKey(c.statement), c]));
  const theoremOf = new Map(result.run.theorems.map((t, i) => [t.conjecture, graph.theorems[i]!.id]));
  return result.candidateList.map((c) => {
    const r = refutedBy.get(c) ?? rejectedBy.get(c);
    const st = statementOf(c);
    const run = r ? undefined : runByKey.get(statementKey(canonicalVars(st)));
    const theorem = run ? (theoremOf.get(run.index) ?? null) : null;
    const general = instanceOf.get(c);
    const status: CandidateOutcome["status"] = r
      ? refutedBy.has(c)
        ? "refuted"
        : "rejected"
      : theorem
        ? failed.has(theorem)
          ? "failed"
          : "proved"
        : general !== undefined
          ? "instance"
          : "unproved";
    return {
      name: c.name,
      mpl: c.mpl,
      readable: readable(statementJson(st, theory.predicates, names)),
      status,
      counterexample: r ? { instance: { ...r.instance }, lhs: r.lhs, rhs: r.rhs, facts: [...r.facts] } : null,
      theorem,
      ...(status === "instance" ? { instanceOf: general! } : {}),
    };
  });
}

type BatchSummary = ReturnType<typeof batchSummary>["summary"];

/** The stage count of exact evaluation in the candidates line, when it rejected something. */
const rejectedText = (st: { rejectedByEvaluation: number }): string =>
  st.rejectedByEvaluation > 0
    ? `${st.rejectedByEvaluation} rejected by exact evaluation (not certified), `
    : "";

/** What exact evaluation did with the survivors the ground model could not evaluate. */
function exactText(e: BatchSummary["exactEvaluation"]): string {
  const forms = Object.values(e.closedForms);
  return `exact evaluation (not certified; ${forms.length > 0 ? `closed forms ${forms.join(", ")}` : "no closed forms"}): of those ${e.examined}, ${e.rejected} rejected, ${e.undecided} still with assignments it could not evaluate`;
}

const instanceText = (instance: Readonly<Record<string, number>>): string =>
  Object.entries(instance)
    .map(([k, v]) => `${k} = ${v}`)
    .join(", ");

/** What one batch found, in lines; with `header`, under its name. */
function formatBatch(s: BatchSummary, header: boolean): string {
  const st = s.stages;
  const lines = [
    ...(header
      ? [
          `batch ${s.batch}${s.extends ? ` (extends ${s.extends}: ${s.imports?.length ?? 0} theorems imported; candidates mention ${s.newConstants?.join(", ") || "nothing new"})` : ""}:`,
        ]
      : []),
    s.candidatesFrom === "given"
      ? `candidates: ${st.candidates} given, ${st.refutedByModel} refuted by the ground model, ${rejectedText(st)}${st.survivors} survivors`
      : `candidates: ${st.generated} equations generated, ${st.candidates} kept, ${st.refutedByModel} refuted by the ground model, ${rejectedText(st)}${st.survivors} survivors${st.instances ? ` (${st.instances} of them instances of others, not proved separately)` : ""}`,
    `ground model (test range 0..${s.model.size}, numerals 0..${s.model.valueBound}; evaluates ${s.model.functions.join(" ") || "nothing"}${s.model.unevaluated.length ? `, not ${s.model.unevaluated.join(" ")}` : ""}): ${s.model.values} values${s.model.constants.map((c) => `, ${c}`).join("")} and ${s.model.distinctness} distinctness facts, each a proved theorem`,
    ...(s.model.unprovedValues > 0
      ? [`ground model: ${s.model.unprovedValues} posed values not proved by the engine (left unknown)`]
      : []),
    ...(s.model.undecidedSurvivors > 0
      ? [
          `ground model: ${s.model.undecidedSurvivors} survivors have assignments it could not evaluate (values past ${s.model.maxValue}: raise --model-max-value)`,
          exactText(s.exactEvaluation),
        ]
      : []),
    `proved: ${st.proved} of ${st.survivors} survivors (+${st.mirrorsProved} mirrors), ${st.unproved} unproved${st.failedRecheck ? `, ${st.failedRecheck} theorems failed the independent re-check` : ""}; essential: ${st.essential}; stop: ${s.stopReason} after ${s.bursts} bursts`,
    ...(s.goalTerms.maxPerBlock > 0
      ? [
          `goal terms: ${s.goalTerms.made} made in ${s.goalTerms.blocks} blocks, ${s.goalTerms.cut} cut (at most ${s.goalTerms.maxPerBlock} per block)`,
        ]
      : []),
    ...(s.targets.length > 0 ? ["targets:"] : []),
    ...s.targets.map((t) =>
      t.theorem
        ? `  ${t.name.padEnd(14)} proved as ${t.theorem.id} (${t.theorem.method}): ${t.theorem.readable}`
        : `  ${t.name.padEnd(14)} ${t.status === "failed" ? "FAILED the independent re-check" : "not found"}`,
    ),
    ...s.candidates
      .filter((c) => c.status === "rejected" && c.counterexample !== null)
      .map(
        (c) =>
          `  rejected by exact evaluation (not certified): ${c.name ?? "(unnamed)"}  ${c.readable}  at ${instanceText(c.counterexample!.instance)}: ${c.counterexample!.lhs} ≠ ${c.counterexample!.rhs}`,
      ),
    ...s.candidates
      .filter((c) => c.status === "unproved" || c.status === "failed")
      .map(
        (c) =>
          `  ${c.status === "failed" ? "FAILED re-check" : "unproved"}: ${c.name ?? "(unnamed)"}  ${c.readable}`,
      ),
  ];
  return `${lines
    .map((l) => (header ? `  ${l}` : l))
    .join("\n")
    .replace(/^ {2}batch/, "batch")}\n`;
}

/** How the run went: verification, time, outputs. */
function formatRun(s: {
  verification: { ok: boolean; checks: number; failures: unknown[] };
  workers: number;
  timeMs: Record<string, number>;
  phases: Record<string, { threads: number }>;
  totalMs: number;
  peakRssMb: number;
  outputs: null | { proofGraph: string; model: string; report: string; html: string | null };
}): string {
  const lines = [
    `verification: ${s.verification.checks} checks, ${s.verification.failures.length} failures`,
    `time: ${Object.entries(s.timeMs)
      .map(([k, v]) => {
        const n = s.phases[k]?.threads ?? 1;
        return `${k} ${(v / 1000).toFixed(2)} s${n > 1 ? ` (${n} threads)` : ""}`;
      })
      .join(
        ", ",
      )}; total ${(s.totalMs / 1000).toFixed(2)} s; peak ${s.peakRssMb} MB; ${s.workers} worker${s.workers > 1 ? "s" : ""}`,
  ];
  if (s.outputs) {
    const verified = s.verification.failures.length === 0;
    lines.push(
      `proof graph: ${s.outputs.proofGraph}${verified ? "" : " (does not verify)"}`,
      `html: ${s.outputs.html ?? "not written (the proof graph does not verify)"}`,
    );
  }
  return `${lines.join("\n")}\n`;
}
