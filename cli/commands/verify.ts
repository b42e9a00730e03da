/**
 * `gl verify <proof.json> [--json] [--sources <paths…> | --gl-config C <defs-dir>]`: re-checks
 * every step of an exported proof graph with the independent verifier, after compiling the
 * graph's MPL sources again (or, with `--sources` / `--gl-config`, the user's own files instead)
 * to cross-check its anchor and axioms, and prints checks per kind, how the axioms were checked,
 * how the user's files compare with the graph's copies, totals and every failure.
 * Exit codes: 0 all checks pass; 1 a check fails or the file is unreadable or not a proof
 * graph; 2 usage error.
 */
import type { Command } from "commander";
import { readInputFile } from "../../export/read-input.js";
import type { StepKind } from "../../export/schema.js";
import { anchorJson, linkJson, renderDiagnostic } from "../../mpl/index.js";
import { formatFailure, GRAPH, type VerifyReport } from "../../verify/report.js";
import { compareSourceTexts, formatComparison, type SourceComparison } from "../../verify/source-diff.js";
import { type VerifyOptions, verifyGraph } from "../../verify/verify.js";
import { EXIT, escapeControls, printFailureJson, UsageError } from "../failure.js";
import { loadBatches } from "../load-theory.js";

export interface VerifyOutput {
  out(text: string): void;
  err(text: string): void;
}

const STEP_KINDS = new Set<string>([
  "premise",
  "axiom",
  "rule",
  "definition",
  "theorem",
  "hypothesis",
  "witness",
  "comprehension",
  "succ",
  "refl",
  "eq-symm",
  "eq-trans",
  "eq-subst",
  "assume",
  "contradiction",
  "suppose",
  "intro",
] satisfies StepKind[]);

/** The axioms line: what they were compared with, or plainly that they were not. */
export function formatAxiomCheck(report: VerifyReport): string {
  return report.axioms.crossChecked
    ? `Axioms cross-checked: ${report.axioms.detail}`
    : `Axioms NOT cross-checked: ${report.axioms.detail}`;
}

/** The report with how the user's files compare with the graph's copies (`--sources`). */
export type VerifyCommandReport = VerifyReport & { sources?: SourceComparison[] };

/** The report as text: checks per kind, the axiom cross-check, totals, then every failure. */
export function formatReport(file: string, report: VerifyCommandReport): string {
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
  for (const n of report.notVouchedFor ?? []) lines.push(`Not vouched for: ${n}`);
  if (report.sources) {
    lines.push("Your files against the graph's copies of its sources:");
    for (const c of report.sources) lines.push(`  ${formatComparison(c)}`);
  }
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
    return {
      report: { ok: false, checks: 0, checksByKind: {}, failures: [failure], axioms, notVouchedFor: [] },
    };
  }
}

/** Where the expected anchor comes from: the graph's own sources, or the user's files. */
export interface SourcesOption {
  /** `--sources`: MPL files or folders. */
  readonly paths?: readonly string[];
  /** `--gl-config C` with the GL definitions folder (repeated: one per batch, in order). */
  readonly glConfig?: string | readonly string[];
}

/**
 * Compiles the user's files into the expected anchor of each batch (a graph of one theory has
 * one); `graphAnchor` picks the graph's own. Diagnostics go to `err`.
 */
function userSources(
  src: SourcesOption,
  graphAnchor: string | null,
  err: (t: string) => void,
): { options: VerifyOptions; texts: ReadonlyMap<string, string> } {
  const configs =
    src.glConfig === undefined ? [] : typeof src.glConfig === "string" ? [src.glConfig] : src.glConfig;
  const loaded = loadBatches({ paths: src.paths ?? [], glConfigs: configs });
  for (const d of loaded.diagnostics) err(`${renderDiagnostic(d, loaded.texts.get(d.path))}\n`);
  const count = loaded.texts.size;
  const files = count === 1 ? "1 file" : `${count} files`;
  const firstError = loaded.diagnostics.find((d) => d.severity === "error");
  const batches = loaded.batches ?? [];
  const failure =
    loaded.batches === null
      ? `your sources do not compile${firstError ? `: ${renderDiagnostic(firstError)}` : ""}`
      : batches.some((b) => b.theory.anchor === null)
        ? "your sources declare no anchor"
        : null;
  if (failure !== null) return { options: { expected: { failure } }, texts: loaded.texts };
  const byName = new Map(
    batches.map((b) => {
      const earlier = batches.find((x) => x.name === b.extends);
      const link = b.link && earlier ? linkJson(b.link, earlier.theory, b.theory) : null;
      return [b.name, { anchor: anchorJson(b.theory), from: `your ${files}`, link }] as const;
    }),
  );
  const own = (batches.length === 1 ? batches[0]?.name : graphAnchor) ?? "";
  const expected = byName.get(own) ?? {
    failure: `your sources declare the batches ${batches.map((b) => b.name).join(", ")}, none named ${own}`,
  };
  // A graph of one theory compares no link.
  const single =
    batches.length === 1 && "anchor" in expected
      ? { anchor: expected.anchor, from: expected.from }
      : expected;
  return { options: { expected: single, expectedEarlier: byName }, texts: loaded.texts };
}

/** Reads, verifies and prints; returns the exit code. */
export function runVerify(
  file: string,
  options: { json: boolean; sources?: SourcesOption },
  io: VerifyOutput,
): number {
  let text: string;
  try {
    text = readInputFile(file);
  } catch (e) {
    io.err(`gl verify: error: ${escapeControls((e as Error).message)}\n`);
    if (options.json) printFailureJson("verify", "input", EXIT.input, (e as Error).message);
    return EXIT.input;
  }
  const parsed = parse(text);
  let report: VerifyCommandReport;
  if ("report" in parsed) report = parsed.report;
  else if (options.sources) {
    const anchor = (parsed.value as { theory?: { anchor?: unknown } } | null)?.theory?.anchor;
    const user = userSources(options.sources, typeof anchor === "string" ? anchor : null, io.err);
    report = verifyGraph(parsed.value, user.options);
    const carried = (parsed.value as { theory?: { sources?: unknown } } | null)?.theory?.sources;
    const copies = (Array.isArray(carried) ? (carried as unknown[]) : []).filter(
      (c): c is { path: string; text: string } =>
        typeof (c as { path?: unknown })?.path === "string" &&
        typeof (c as { text?: unknown })?.text === "string",
    );
    report.sources = compareSourceTexts(user.texts, copies);
  } else report = verifyGraph(parsed.value, { recompileSources: true });
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(file, report));
  return report.ok ? 0 : 1;
}

interface VerifyCommandOptions {
  json?: boolean;
  sources?: string[];
  glConfig?: string[];
}

function usageProblem(dir: string | undefined, o: VerifyCommandOptions): string | null {
  if (o.sources && o.glConfig !== undefined) return "give either --sources or --gl-config, not both";
  if (o.glConfig !== undefined && dir === undefined)
    return "--gl-config needs the GL definitions folder: gl verify <proof.json> --gl-config C <defs-dir>";
  if (o.glConfig === undefined && dir !== undefined)
    return `unexpected argument '${dir}' (files to check against go after --sources)`;
  return null;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("re-check every step of an exported proof graph with the independent verifier")
    .argument("<proof.json>", "a proof graph written by the engine")
    .argument("[defs-dir]", "with --gl-config: the GL definitions folder to check against")
    .option("--json", "print the report as JSON")
    .option(
      "--sources <paths...>",
      "check the anchor and axioms against these MPL files or folders instead of the graph's copies",
    )
    .option(
      "--gl-config <file>",
      "check against a GL definitions folder read with this GL config (repeat it for a graph of batches, in order)",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .action((file: string, dir: string | undefined, options: VerifyCommandOptions) => {
      const usage = usageProblem(dir, options);
      if (usage) throw new UsageError(usage);
      const sources: SourcesOption | undefined =
        options.glConfig !== undefined
          ? { paths: [dir!], glConfig: options.glConfig }
          : options.sources
            ? { paths: options.sources }
            : undefined;
      process.exitCode = runVerify(
        file,
        { json: options.json === true, ...(sources ? { sources } : {}) },
        {
          out: (t) => process.stdout.write(t),
          err: (t) => process.stderr.write(t),
        },
      );
    });
}
