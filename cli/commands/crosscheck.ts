/**
 * `gl crosscheck <proof.json>`: a second opinion from z3 (or, with `--solver e`, a third from
 * E). Every theorem of the graph becomes first-order problems (crosscheck/obligations.ts) that
 * the solver decides; per theorem the report says confirmed, unknown (with the solver's
 * reason) or refuted, with times. `--smt2-dir` and `--tptp-dir` write the same problems as
 * SMT-LIB 2 and TPTP files for other solvers.
 *
 * Exit codes: 0 nothing refuted (and, with --strict, nothing unknown); 1 a theorem refuted, an
 * unknown under --strict, or the file unreadable or not a proof graph; 2 usage error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import {
  type CrosscheckReport,
  crosscheckGraph,
  type ProblemSolver,
  type TheoremResult,
} from "../../crosscheck/crosscheck.js";
import type { EncodingName, Obligation } from "../../crosscheck/obligations.js";
import { readProofGraph } from "../../export/proof-graph-file.js";
import { CliError, UsageError } from "../failure.js";

export interface CrosscheckCliOptions {
  json?: boolean;
  problemTimeout?: string;
  progress?: string;
  quiet?: boolean;
  strict?: boolean;
  smt2Dir?: string;
  tptpDir?: string;
  solver?: string;
  encoding?: string;
  only?: string;
  allAxioms?: boolean;
  allObligations?: boolean;
  keepGuards?: boolean;
  /** `--no-hints` sets it false. */
  hints?: boolean;
}

export const DEFAULT_PROBLEM_TIMEOUT_S = 5;
const DEFAULT_PROGRESS_EVERY = 10;

function seconds(value: string, flag: string): number {
  const s = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(s > 0) || s > 3600)
    throw new UsageError(`${flag} must be a number of seconds above 0 and at most 3600, got '${value}'`);
  return s;
}

function count(value: string, flag: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new UsageError(`${flag} must be a whole number of at least 1, got '${value}'`);
  return Number(value);
}

/**
 * `T7-step.smt2` (or `.p` for TPTP); an id with characters unfit for a file name (or a path)
 * has them replaced.
 */
export function problemFileName(theorem: string, obligation: string, extension = "smt2"): string {
  const safe = theorem.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${safe}-${obligation}.${extension}`;
}

const SOLVERS = ["z3", "e"] as const;
const ENCODINGS: readonly EncodingName[] = ["functional", "relational"];

function choice<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  const v = value.trim().toLowerCase();
  const found = allowed.find((a) => a === v);
  if (!found) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got '${value}'`);
  return found;
}

function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new CliError(`cannot create ${dir}: ${(e as Error).message}`, "output");
  }
}

/** The solver the command asked for, started; E that is not installed is a clear error. */
async function startSolver(
  name: (typeof SOLVERS)[number],
): Promise<ProblemSolver & { close(): Promise<void> }> {
  if (name === "e") {
    const { EProver } = await import("../../crosscheck/eprover.js");
    const e = await EProver.find();
    if ("missing" in e) throw new CliError(`--solver e: ${e.missing}`, "input");
    return Object.assign(e, { close: async () => {} });
  }
  // Loaded here, not at the top: the solver takes most of a second to load, and every other
  // gl command would pay for it at start-up.
  const { Z3Session } = await import("../../crosscheck/z3.js");
  return Z3Session.start();
}

const secondsText = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function theoremLine(r: TheoremResult, width: number): string {
  const head = `  ${r.id.padEnd(width)}  ${r.verdict.padEnd(9)}  ${secondsText(r.ms).padStart(7)}  ${r.readable}`;
  const note =
    r.reason ??
    (r.assumes.length > 0 ? `assumes ${r.assumes.join(", ")} (cited, not confirmed in this run)` : null);
  return note ? `${head}\n  ${" ".repeat(width)}  ${note}` : head;
}

/** The report as text: one line per theorem, totals, and a closing verdict. */
export function formatCrosscheck(file: string, report: CrosscheckReport, strict: boolean): string {
  const axioms = report.axioms === "all" ? "every axiom" : "the axioms each part of a proof cites";
  const encoding =
    report.functions.length > 0
      ? `functional encoding: ${report.functions.join(", ")}`
      : report.encoding === "functional"
        ? "functional encoding, but no relation is a function"
        : "relational encoding";
  const hints = report.encoding === "functional" && !report.hints ? ", no term hints" : "";
  const lines = [
    `Crosscheck of ${file} with ${report.solver} (${report.timeoutMs / 1000} s per problem, ${axioms}, ${encoding}${hints})`,
  ];
  const width = Math.max(0, ...report.theorems.map((t) => t.id.length));
  for (const t of report.theorems) lines.push(theoremLine(t, width));
  const { confirmed, unknown, refuted } = report.counts;
  lines.push(
    `Total: ${report.theorems.length} theorems, ${report.problems} problems: ${confirmed} confirmed, ${unknown} unknown, ${refuted} refuted; ${secondsText(report.ms)}`,
  );
  const solver = report.solverName;
  if (refuted > 0) lines.push(`REFUTED: ${solver} found a counter-model for at least one theorem.`);
  else if (unknown > 0)
    lines.push(
      strict
        ? `NOT CONFIRMED: ${solver} could not decide every theorem (--strict).`
        : `Nothing refuted; ${solver} could not decide every theorem (see the reasons above).`,
    );
  else lines.push(`OK: ${solver} confirmed every theorem.`);
  return `${lines.join("\n")}\n`;
}

export function exitCodeOf(report: CrosscheckReport, strict: boolean): number {
  if (report.counts.refuted > 0) return 1;
  return strict && report.counts.unknown > 0 ? 1 : 0;
}

export async function runCrosscheck(file: string, o: CrosscheckCliOptions): Promise<number> {
  const timeoutMs =
    1000 *
    (o.problemTimeout === undefined
      ? DEFAULT_PROBLEM_TIMEOUT_S
      : seconds(o.problemTimeout, "--problem-timeout"));
  const every = o.progress === undefined ? DEFAULT_PROGRESS_EVERY : count(o.progress, "--progress");
  const only = o.only === undefined ? undefined : new Set(o.only.split(",").map((s) => s.trim()));
  const graph = await readProofGraph(file);
  const unknownIds = [...(only ?? [])].filter((id) => !graph.theorems.some((t) => t.id === id));
  if (unknownIds.length > 0)
    throw new UsageError(`--only names theorems the graph does not have: ${unknownIds.join(", ")}`);
  const solverName = o.solver === undefined ? "z3" : choice(o.solver, SOLVERS, "--solver");
  const encoding = o.encoding === undefined ? "functional" : choice(o.encoding, ENCODINGS, "--encoding");
  const { smt2Dir, tptpDir } = o;
  // The solver first: a missing E fails before any file is written.
  const session = await startSolver(solverName);
  const exports = (p: Obligation) => {
    if (smt2Dir !== undefined) writeFileSync(join(smt2Dir, problemFileName(p.theorem, p.name)), p.smt2);
    if (tptpDir !== undefined) writeFileSync(join(tptpDir, problemFileName(p.theorem, p.name, "p")), p.tptp);
  };
  const progress = { confirmed: 0, unknown: 0, refuted: 0 };
  try {
    if (smt2Dir !== undefined) ensureDir(smt2Dir);
    if (tptpDir !== undefined) ensureDir(tptpDir);
    const report = await crosscheckGraph(graph, session, {
      timeoutMs,
      encoding,
      allAxioms: o.allAxioms === true,
      keepGuards: o.keepGuards === true,
      hints: o.hints !== false,
      allObligations: o.allObligations === true,
      ...(only ? { only } : {}),
      onProblem: exports,
      onTheorem: (done, total, r) => {
        const c = progress;
        c[r.verdict]++;
        if (o.quiet || (done % every !== 0 && done !== total)) return;
        process.stderr.write(
          `crosscheck: ${done}/${total} theorems (${c.confirmed} confirmed, ${c.unknown} unknown, ${c.refuted} refuted)\n`,
        );
      },
    });
    process.stdout.write(
      o.json === true
        ? `${JSON.stringify(report, null, 2)}\n`
        : formatCrosscheck(file, report, o.strict === true),
    );
    return exitCodeOf(report, o.strict === true);
  } finally {
    await session.close();
  }
}

export function registerCrosscheck(program: Command): void {
  program
    .command("crosscheck")
    .description(
      "have z3 (or E) decide every theorem of a proof graph as first-order problems (a second opinion)",
    )
    .argument("<proof.json>", "a proof graph written by the engine")
    .option("--json", "print the report as JSON on stdout")
    .option("--solver <name>", "z3 (default; bundled) or e (the E prover, eprover on the PATH)")
    .option(
      "--problem-timeout <s>",
      `seconds the solver may spend on one problem (default ${DEFAULT_PROBLEM_TIMEOUT_S})`,
    )
    .option(
      "--encoding <name>",
      "functional (default: operations the theory makes total and single-valued become functions) or relational",
    )
    .option("--strict", "exit 1 unless every theorem is confirmed (unknowns count as failures)")
    .option(
      "--smt2-dir <dir>",
      "also write every problem there as an SMT-LIB 2 file (<theorem>-<obligation>.smt2)",
    )
    .option(
      "--tptp-dir <dir>",
      "also write every problem there as a TPTP FOF file (<theorem>-<obligation>.p)",
    )
    .option("--only <ids>", "only these theorems, comma-separated (e.g. T3,T7)")
    .option("--all-axioms", "give every problem all axioms, not only those the proof cites (slower)")
    .option(
      "--keep-guards",
      "keep the carrier memberships in every problem, even where relativisation makes them redundant",
    )
    .option(
      "--no-hints",
      "do not give z3 the terms of the proof's facts (hints that change no answer, only what z3 tries)",
    )
    .option("--all-obligations", "decide every obligation of a theorem, even after one stayed open")
    .option(
      "--progress <n>",
      `a progress line on stderr every n theorems (default ${DEFAULT_PROGRESS_EVERY})`,
    )
    .option("-q, --quiet", "no progress on stderr")
    .addHelpText(
      "after",
      "\nExamples:\n  gl crosscheck out/peano/proof.json\n  gl crosscheck out/peano/proof.json --json --problem-timeout 10\n" +
        "  gl crosscheck out/peano/proof.json --smt2-dir out/peano/smt2   # then: cvc5 out/peano/smt2/T1-main.smt2\n" +
        "  gl crosscheck out/peano/proof.json --solver e --tptp-dir out/peano/tptp   # E, and its input files",
    )
    .action(async (file: string, options: CrosscheckCliOptions) => {
      process.exitCode = await runCrosscheck(file, options);
    });
}
