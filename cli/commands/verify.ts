/**
 * `gl verify <proof.json> [--json]`: re-checks every step of an exported proof graph with the
 * independent verifier, after compiling the graph's MPL sources again to cross-check its
 * axioms, and prints checks per kind, how the axioms were checked, totals and every failure.
 * Exit codes: 0 all checks pass; 1 a check fails or the file is unreadable or not a proof
 * graph; 2 usage error.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { StepKind } from "../../export/schema.js";
import { formatFailure, GRAPH, type VerifyReport } from "../../verify/report.js";
import { verifyGraph } from "../../verify/verify.js";

export interface VerifyOutput {
  out(text: string): void;
  err(text: string): void;
}

const STEP_KINDS = new Set<string>([
  "premise",
  "axiom",
  "rule",
  "theorem",
  "hypothesis",
  "witness",
  "succ",
  "refl",
  "eq-symm",
  "eq-trans",
  "eq-subst",
  "assume",
  "contradiction",
] satisfies StepKind[]);

/** The axioms line: what they were compared with, or plainly that they were not. */
export function formatAxiomCheck(report: VerifyReport): string {
  return report.axioms.crossChecked
    ? `Axioms cross-checked: ${report.axioms.detail}`
    : `Note: axioms not cross-checked: ${report.axioms.detail}`;
}

/** The report as text: checks per kind, the axiom cross-check, totals, then every failure. */
export function formatReport(file: string, report: VerifyReport): string {
  const kinds = Object.entries(report.checksByKind);
  const width = Math.max(0, ...kinds.map(([k]) => k.length));
  const lines = [`Verifying ${file}`];
  for (const [title, steps] of [
    ["Step checks:", true],
    ["Theorem and graph checks:", false],
  ] as const) {
    lines.push(title);
    for (const [kind, n] of kinds)
      if (STEP_KINDS.has(kind) === steps) lines.push(`  ${kind.padEnd(width)}  ${n}`);
  }
  lines.push(formatAxiomCheck(report));
  const failed = report.failures.length;
  lines.push(`Total: ${report.checks} checks, ${failed} ${failed === 1 ? "failure" : "failures"}`);
  for (const f of report.failures) lines.push(`  FAIL ${formatFailure(f)}`);
  lines.push(report.ok ? "OK: every check passed." : "FAILED: the proof graph does not verify.");
  return `${lines.join("\n")}\n`;
}

/** The parsed file, or a report saying it is not JSON. */
function parse(text: string): { value: unknown } | { report: VerifyReport } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    const failure = { theorem: GRAPH, step: null, reason: `not JSON: ${(e as Error).message}` };
    const axioms = { crossChecked: false, detail: "the file is not JSON" };
    return { report: { ok: false, checks: 0, checksByKind: {}, failures: [failure], axioms } };
  }
}

/** Reads, verifies and prints; returns the exit code. */
export function runVerify(file: string, options: { json: boolean }, io: VerifyOutput): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`gl verify: cannot read ${file}${code ? ` (${code})` : ""}\n`);
    return 1;
  }
  const parsed = parse(text);
  const report = "report" in parsed ? parsed.report : verifyGraph(parsed.value, { recompileSources: true });
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(file, report));
  return report.ok ? 0 : 1;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("re-check every step of an exported proof graph with the independent verifier")
    .argument("<proof.json>", "a proof graph written by the engine")
    .option("--json", "print the report as JSON")
    // Usage errors (missing file argument, unknown option) exit with 2, not commander's 1.
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2))
    .action((file: string, options: { json?: boolean }) => {
      process.exitCode = runVerify(
        file,
        { json: options.json === true },
        {
          out: (t) => process.stdout.write(t),
          err: (t) => process.stderr.write(t),
        },
      );
    });
}
