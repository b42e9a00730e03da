/**
 * `gl crosscheck <proof.json>`: a second opinion from z3. Every theorem of the graph becomes
 * first-order problems (crosscheck/obligations.ts) that z3 decides; per theorem the report
 * says confirmed, unknown (with z3's reason) or refuted, with times. `--smt2-dir` writes the
 * same problems as SMT-LIB 2 files for other solvers.
 *
 * Exit codes: 0 nothing refuted (and, with --strict, nothing unknown); 1 a theorem refuted, an
 * unknown under --strict, or the file unreadable or not a proof graph; 2 usage error.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { type CrosscheckReport, crosscheckGraph, type TheoremResult } from "../../crosscheck/crosscheck.js";
import { readProofGraph } from "../../export/proof-graph-file.js";
import { CliError, UsageError } from "../failure.js";

export interface CrosscheckCliOptions {
  json?: boolean;
  problemTimeout?: string;
  progress?: string;
  quiet?: boolean;
  strict?: boolean;
  smt2Dir?: string;
  only?: string;
  allAxioms?: boolean;
  allObligations?: boolean;
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

/** `T7-step.smt2`; an id with characters unfit for a file name (or a path) has them replaced. */
export function smt2FileName(theorem: string, obligation: string): string {
  const safe = theorem.replace(/[^A-Za-z0-9_-]/g, "_");
  return `${safe}-${obligation}.smt2`;
}

const secondsText = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function theoremLine(r: TheoremResult, width: number): string {
  const head = `  ${r.id.padEnd(width)}  ${r.verdict.padEnd(9)}  ${secondsText(r.ms).padStart(7)}  ${r.readable}`;
  return r.reason ? `${head}\n  ${" ".repeat(width)}  ${r.reason}` : head;
}

/** The report as text: one line per theorem, totals, and a closing verdict. */
export function formatCrosscheck(file: string, report: CrosscheckReport, strict: boolean): string {
  const axioms = report.axioms === "all" ? "every axiom" : "the axioms each proof cites";
  const lines = [
    `Crosscheck of ${file} with ${report.solver} (${report.timeoutMs / 1000} s per problem, ${axioms})`,
  ];
  const width = Math.max(0, ...report.theorems.map((t) => t.id.length));
  for (const t of report.theorems) lines.push(theoremLine(t, width));
  const { confirmed, unknown, refuted } = report.counts;
  lines.push(
    `Total: ${report.theorems.length} theorems, ${report.problems} problems: ${confirmed} confirmed, ${unknown} unknown, ${refuted} refuted; ${secondsText(report.ms)}`,
  );
  if (refuted > 0) lines.push("REFUTED: z3 found a counter-model for at least one theorem.");
  else if (unknown > 0)
    lines.push(
      strict
        ? "NOT CONFIRMED: z3 could not decide every theorem (--strict)."
        : "Nothing refuted; z3 could not decide every theorem (see the reasons above).",
    );
  else lines.push("OK: z3 confirmed every theorem.");
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
  if (o.smt2Dir !== undefined) {
    try {
      mkdirSync(o.smt2Dir, { recursive: true });
    } catch (e) {
      throw new CliError(`cannot create ${o.smt2Dir}: ${(e as Error).message}`, "output");
    }
  }
  const smt2Dir = o.smt2Dir;
  // Loaded here, not at the top: the solver takes most of a second to load, and every other
  // gl command would pay for it at start-up.
  const { Z3Session } = await import("../../crosscheck/z3.js");
  const session = await Z3Session.start();
  const progress = { confirmed: 0, unknown: 0, refuted: 0 };
  try {
    const report = await crosscheckGraph(graph, session, {
      timeoutMs,
      allAxioms: o.allAxioms === true,
      allObligations: o.allObligations === true,
      ...(only ? { only } : {}),
      ...(smt2Dir === undefined
        ? {}
        : { onProblem: (p) => writeFileSync(join(smt2Dir, smt2FileName(p.theorem, p.name)), p.smt2) }),
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
    session.close();
  }
}

export function registerCrosscheck(program: Command): void {
  program
    .command("crosscheck")
    .description("have z3 decide every theorem of a proof graph as first-order problems (a second opinion)")
    .argument("<proof.json>", "a proof graph written by the engine")
    .option("--json", "print the report as JSON on stdout")
    .option(
      "--problem-timeout <s>",
      `seconds z3 may spend on one problem (default ${DEFAULT_PROBLEM_TIMEOUT_S})`,
    )
    .option("--strict", "exit 1 unless every theorem is confirmed (unknowns count as failures)")
    .option(
      "--smt2-dir <dir>",
      "also write every problem there as an SMT-LIB 2 file (<theorem>-<obligation>.smt2)",
    )
    .option("--only <ids>", "only these theorems, comma-separated (e.g. T3,T7)")
    .option("--all-axioms", "give every problem all axioms, not only those the proof cites (slower)")
    .option("--all-obligations", "decide every obligation of a theorem, even after one stayed open")
    .option(
      "--progress <n>",
      `a progress line on stderr every n theorems (default ${DEFAULT_PROGRESS_EVERY})`,
    )
    .option("-q, --quiet", "no progress on stderr")
    .addHelpText(
      "after",
      "\nExamples:\n  gl crosscheck out/peano/proof.json\n  gl crosscheck out/peano/proof.json --json --problem-timeout 10\n" +
        "  gl crosscheck out/peano/proof.json --smt2-dir out/peano/smt2   # then: cvc5 out/peano/smt2/T1-main.smt2",
    )
    .action(async (file: string, options: CrosscheckCliOptions) => {
      process.exitCode = await runCrosscheck(file, options);
    });
}
