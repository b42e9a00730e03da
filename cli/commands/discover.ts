/**
 * `gl discover`: the main job. Conjectures from the theory's definitions, a ground model the
 * engine proves itself, the counterexample filter, proofs, compression, independent
 * verification and the HTML site; progress on stderr, a summary on stdout.
 */
import { join } from "node:path";
import type { Command } from "commander";
import { DEFAULT_MAX_VALUE } from "../../engine/discovery/model.js";
import { discover } from "../../engine/discovery/pipeline.js";
import { buildProofGraph } from "../../engine/graph.js";
import { statementJson } from "../../engine/names.js";
import { type PoolExecutor, poolExecutor } from "../../engine/pool.js";
import { type Executor, recordWidth } from "../../engine/run.js";
import { goalTermTotals } from "../../engine/saturate/goal-terms.js";
import { DEFAULT_GOAL_TERMS, DEFAULT_SETTINGS, goalTermBound } from "../../engine/settings.js";
import { canonicalVars, statementKey, statementOf } from "../../engine/statement.js";
import { siteFiles } from "../../export/html/render.js";
import { writeSiteFiles } from "../../export/html/write.js";
import { legacyOutput, type OutputStage, stageOutput } from "../../export/output-dir.js";
import { readableStatement } from "../../export/readable.js";
import type { ProofGraph } from "../../export/schema.js";
import { writeJsonAtomic } from "../../export/write-json.js";
import type { Theory } from "../../mpl/theory.js";
import { applyProofFault, checkGraph, failureLines, proofFaultFromEnv } from "../checked-report.js";
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
import { loadTheory, printDiagnostics } from "../load-theory.js";
import {
  chooseWorkers,
  defaultWorkers,
  type EngineOverrides,
  heartbeat,
  inPlaceFirstMsFromEnv,
  parseEngineFlags,
  peakRssMb,
  progress,
  progressLine,
  REHEARSAL_CONJECTURES,
  type WorkerChoice,
  workerCap,
} from "../run-engine.js";
import { inputsOf } from "./prove.js";

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
  glConfig?: string;
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
   * `failed`: a proof was found but did not pass the independent re-check; `instance`: a
   * survivor not proved separately, an instance of the survivor `instanceOf`.
   */
  status: "refuted" | "proved" | "unproved" | "failed" | "instance";
  /** The counterexample of a refuted candidate: its variables' numerals, the claimed and true values. */
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
    .option("--timeout <duration>", "stop after this long (90, 90s, 5m, 1h) with what was proved so far")
    .option("--max-memory <size>", "stop when memory passes this (512M, 4G; default 3/4 of the machine's)")
    .option("--gl-config <file>", "read a GL definitions folder with this GL config (Config*.json)")
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
          inputs: inputsOf(paths, o),
          ownedWithoutManifest: legacyOutput(["proof.json", "model.json", "discovery.json", "html"]),
        });
  try {
    return await discoverInto(
      paths,
      o,
      { workers, modelSize, maxModelValue, settings, limits, inPlaceFirstMs, proofFault },
      stage,
    );
  } finally {
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
  const given = o.conjectures !== undefined;
  const loaded = loadTheory({ paths, glConfig: o.glConfig, conjectures: o.conjectures });
  printDiagnostics(loaded, (s) => process.stderr.write(s));
  if (!loaded.theory) {
    if (o.json) printFailureJson("discover", "input", EXIT.input, "the input has errors", loaded.diagnostics);
    return EXIT.input;
  }
  if (!loaded.theory.anchor?.roles)
    throw new CliError(
      loaded.theory.anchor
        ? `the anchor '${loaded.theory.anchor.name}' has no induction roles; discovery needs them: write 'anchor ${loaded.theory.anchor.name} (carrier …, zero …, successor …)'`
        : "the theory has no anchor; discovery needs one with carrier, zero and successor roles",
    );
  if (loaded.skippedLines > 0)
    process.stderr.write(
      `gl discover: warning: ${loaded.skippedLines} malformed conjecture line${loaded.skippedLines === 1 ? "" : "s"} skipped (reported above)\n`,
    );
  // Given candidates are the conjecturer's output here, not targets.
  const theory = given ? { ...loaded.theory, conjectures: [] } : loaded.theory;
  const candidates = given ? loaded.theory.conjectures : undefined;
  const readable = (s: Parameters<typeof readableStatement>[0]) => readableStatement(s, theory);
  // One pool serves every phase that proves (the model, then the survivors), so its threads
  // start and warm up once; each phase gets a view whose close leaves the pool running.
  // The pool starts now, so its threads load while enumeration runs on this one.
  const pool: PoolExecutor | null =
    workers.workers > 1
      ? poolExecutor({ ...theory, conjectures: [] }, recordWidth(theory), {
          workers: workers.workers,
          inPlaceFirstMs,
          adaptive: workers.adaptive,
          rehearsal: (candidates ?? theory.conjectures).slice(0, REHEARSAL_CONJECTURES),
        })
      : null;
  pool?.warm();
  let result: Awaited<ReturnType<typeof discover>>;
  let now = "conjectures";
  const stopBeat = heartbeat(() => `discover: ${now} still running`, o.quiet);
  try {
    result = await discover(theory, {
      ...(candidates ? { candidates } : {}),
      modelSize,
      maxModelValue,
      settings,
      executor: (): Executor | undefined => {
        if (!pool) return undefined;
        const shared = pool;
        return {
          ...(shared.resident ? { resident: shared.resident } : {}),
          runBurst: (tasks, ctx) => shared.runBurst(tasks, ctx),
          close: async () => {},
        };
      },
      shouldStop: limitCheck(limits, t0),
      onPhase: (phase) => {
        now = phase;
        say(`discover: ${phase}…`);
      },
      onModelProgress: progress("discover: model", o.quiet),
      onProgress: progress("discover: prove", o.quiet),
    });
  } finally {
    stopBeat();
    await pool?.close();
  }
  const ms = { ...result.ms };
  let t = performance.now();
  const graph = buildProofGraph(result.run, readable);
  // Readers know the target laws by name; the other theorems are lemmas (candidate ids mean nothing).
  const targetOf = new Map(
    result.targets.filter((x) => x.conjecture !== null).map((x) => [x.conjecture!, x.name]),
  );
  graph.theorems.forEach((th, i) => {
    th.name = targetOf.get(result.run.theorems[i]!.conjecture) ?? null;
  });
  for (const u of graph.unproved) u.name = null;
  const modelGraph: ProofGraph = { ...buildProofGraph(result.model.run, readable), unproved: [] };
  ms.export = Math.round(performance.now() - t);
  say("discover: verify…");
  t = performance.now();
  applyProofFault(graph, proofFault);
  // Nothing is reported as proved before the independent verifier has passed it.
  const checked = checkGraph(graph);
  const modelChecked = checkGraph(modelGraph);
  const [check, modelCheck] = [checked.report, modelChecked.report];
  ms.verify = Math.round(performance.now() - t);
  for (const line of [
    ...failureLines(graph, checked),
    ...failureLines(modelGraph, modelChecked, "the ground model's graph"),
  ])
    process.stderr.write(`gl discover: ${line}\n`);
  const verified = (th: { id: string }) => !checked.failed.has(th.id);

  const byConjecture = new Map(result.run.theorems.map((th, i) => [th.conjecture, graph.theorems[i]!]));
  const outcomes = candidateOutcomes(result, graph, theory, readable, checked.failed);
  const essential = new Set(result.compression.essential);
  const summary = {
    candidatesFrom: given ? "given" : "enumerated",
    stages: {
      generated: result.enumeration?.generated ?? null,
      candidates: result.candidates,
      refutedByModel: result.refuted.length,
      survivors: result.survivors,
      instances: result.instances.length,
      proved: graph.theorems.filter((x) => !x.mirrorOf && verified(x)).length,
      mirrorsProved: graph.theorems.filter((x) => x.mirrorOf && verified(x)).length,
      failedRecheck: checked.failed.size,
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
      size: modelSize,
      maxValue: maxModelValue,
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
    targets: result.targets.map((x) => {
      const th = x.conjecture === null ? undefined : byConjecture.get(x.conjecture);
      if (th && !verified(th)) return { name: x.name, status: "failed", theorem: null };
      return {
        name: x.name,
        status: x.status,
        theorem: th ? { id: th.id, statement: th.mpl, readable: th.readable, method: th.method } : null,
      };
    }),
    theorems: graph.theorems.filter(verified).map((x) => ({
      id: x.id,
      name: x.name,
      statement: x.mpl,
      readable: x.readable,
      method: x.method,
      essential: essential.has(x.id),
      mirrorOf: x.mirrorOf ?? null,
    })),
    candidates: outcomes,
    skippedLines: loaded.skippedLines,
    verification: {
      ok: check.ok && modelCheck.ok,
      failedTheorems: [...checked.failed],
      checks: check.checks + modelCheck.checks,
      failures: [...check.failures, ...modelCheck.failures],
    },
    stopReason: result.stoppedBy ?? graph.run.stopReason,
    bursts: graph.run.bursts,
    facts: graph.run.facts,
    // Goal-directed terms of the proof phase (off for theories with induction roles unless
    // --max-goal-terms asks for them).
    goalTerms: { maxPerBlock: goalTermBound(result.run.settings), ...goalTermTotals(result.run.blocks) },
    // Threads that really ran blocks (the default uses fewer than the cores for small work).
    workers: pool?.stats().threadsRun ?? 1,
    timeMs: ms,
    totalMs: 0,
    peakRssMb: 0,
    outputs: null as null | { proofGraph: string; model: string; report: string; html: string | null },
  };
  // A site shows its theorems as proved, so a graph that fails the re-check gets none.
  const siteOk = check.ok && modelCheck.ok;
  if (stage !== null && o.out !== undefined) {
    t = performance.now();
    await stage.writing(async () => {
      if (siteOk) {
        say("discover: html…");
        const report = siteDiscoveryReport(
          result,
          outcomes,
          modelGraph,
          theory,
          summary.stages,
          summary.candidatesFrom,
          modelSize,
        );
        await writeSiteFiles(graph, join(stage.dir, "html"), (g) => siteFiles(g, { discovery: report }));
        ms.html = Math.round(performance.now() - t);
      }
      writeJsonAtomic(join(stage.dir, "proof.json"), graph);
      writeJsonAtomic(join(stage.dir, "model.json"), modelGraph);
    });
    summary.outputs = {
      proofGraph: join(o.out, "proof.json"),
      model: join(o.out, "model.json"),
      report: join(o.out, "discovery.json"),
      html: siteOk ? join(o.out, "html", "index.html") : null,
    };
  }
  summary.timeMs = ms;
  summary.totalMs = Math.round(performance.now() - t0);
  summary.peakRssMb = peakRssMb();
  if (stage !== null) {
    // The report holds what the run found, not how it ran: the same bytes for any worker count.
    const { timeMs, totalMs, peakRssMb: _m, workers: _w, ...stable } = summary;
    void timeMs;
    void totalMs;
    // Paths relative to the report's own folder, so the folder can move (and two runs compare).
    const outputs = {
      proofGraph: "proof.json",
      model: "model.json",
      report: "discovery.json",
      html: siteOk ? "html/index.html" : null,
    };
    await stage.writing(async () =>
      writeJsonAtomic(join(stage.dir, "discovery.json"), { ...stable, outputs }),
    );
    // Everything is complete: one swap puts the new output in place of the old.
    stage.commit();
  }
  if (o.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    process.stdout.write(formatSummary(summary));
    if (result.stoppedBy) process.stdout.write(`${limitMessage(result.stoppedBy, limits)}\n`);
    process.stdout.write(explainTerms(["mirrors", "essential", "bursts"]));
  }
  return summary.verification.ok ? EXIT.ok : EXIT.input;
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
  const instanceOf = new Map(result.instances.map((d) => [d.conjecture, d.of.name]));
  const runByKey = new Map(result.run.conjectures.map((c) => [statementKey(c.statement), c]));
  const theoremOf = new Map(result.run.theorems.map((t, i) => [t.conjecture, graph.theorems[i]!.id]));
  return result.candidateList.map((c) => {
    const r = refutedBy.get(c);
    const st = statementOf(c);
    const run = r ? undefined : runByKey.get(statementKey(canonicalVars(st)));
    const theorem = run ? (theoremOf.get(run.index) ?? null) : null;
    const general = instanceOf.get(c);
    const status: CandidateOutcome["status"] = r
      ? "refuted"
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

type Summary = Parameters<typeof formatSummary>[0];

function formatSummary(s: {
  candidatesFrom: string;
  candidates: CandidateOutcome[] | null;
  stages: Record<string, number | null>;
  model: {
    size: number;
    maxValue: number;
    valueBound: number;
    rounds: number;
    boundHit: boolean;
    unprovedValues: number;
    undecidedSurvivors: number;
    functions: string[];
    unevaluated: string[];
    values: number;
    constants: string[];
    distinctness: number;
  };
  targets: {
    name: string;
    status: string;
    theorem: { id: string; readable: string; method: string } | null;
  }[];
  verification: { ok: boolean; checks: number; failures: unknown[] };
  stopReason: string;
  bursts: number;
  goalTerms: { maxPerBlock: number; made: number; cut: number; blocks: number };
  workers: number;
  timeMs: Record<string, number>;
  totalMs: number;
  peakRssMb: number;
  outputs: null | { proofGraph: string; model: string; report: string; html: string | null };
}): string {
  const st = s.stages;
  const lines = [
    s.candidatesFrom === "given"
      ? `candidates: ${st.candidates} given, ${st.refutedByModel} refuted by the ground model, ${st.survivors} survivors`
      : `candidates: ${st.generated} equations generated, ${st.candidates} kept, ${st.refutedByModel} refuted by the ground model, ${st.survivors} survivors${st.instances ? ` (${st.instances} of them instances of others, not proved separately)` : ""}`,
    `ground model (test range 0..${s.model.size}, numerals 0..${s.model.valueBound}; evaluates ${s.model.functions.join(" ") || "nothing"}${s.model.unevaluated.length ? `, not ${s.model.unevaluated.join(" ")}` : ""}): ${s.model.values} values${s.model.constants.map((c) => `, ${c}`).join("")} and ${s.model.distinctness} distinctness facts, each a proved theorem`,
    ...(s.model.unprovedValues > 0
      ? [`ground model: ${s.model.unprovedValues} posed values not proved by the engine (left unknown)`]
      : []),
    ...(s.model.undecidedSurvivors > 0
      ? [
          `ground model: ${s.model.undecidedSurvivors} survivors have assignments it could not evaluate (values past ${s.model.maxValue}: raise --model-max-value)`,
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
    ...(s.candidates ?? [])
      .filter((c) => c.status === "unproved" || c.status === "failed")
      .map(
        (c) =>
          `  ${c.status === "failed" ? "FAILED re-check" : "unproved"}: ${c.name ?? "(unnamed)"}  ${c.readable}`,
      ),
    `verification: ${s.verification.checks} checks, ${s.verification.failures.length} failures`,
    `time: ${Object.entries(s.timeMs)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`)
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
void (null as unknown as Summary);
