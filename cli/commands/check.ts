/**
 * `gl check`: parse and compile MPL sources (or a GL definitions folder) and summarise the
 * theory; errors go to stderr with file:line:col and a caret.
 */
import type { Command } from "commander";
import { type Diagnostic, formatMapping, renderDiagnostic, type Theory } from "../../mpl/index.js";
import { loadBatches, loadGl } from "../load-theory.js";

export interface CheckOptions {
  readonly json?: boolean;
  /** Repeated: a GL folder read once per config, as batches in that order. */
  readonly glConfig?: string | readonly string[];
}

/** A later batch in the summary: what it extends and how the earlier anchor maps into it. */
export interface BatchSummary extends CheckSummary {
  readonly batch: string;
  readonly extends: string | null;
  /** `Nat→Nat, zero→zero, …` (null for the first batch), and whether it was written or found. */
  readonly link: { readonly mapping: string; readonly how: "declared" | "found" } | null;
}

export interface CheckSummary {
  readonly ok: boolean;
  readonly files: readonly string[];
  readonly definitions: readonly string[];
  /** GL folders only: definition files without a signature, parsed but not compiled. */
  readonly parsedOnly: readonly string[];
  readonly anchor: {
    readonly name: string;
    readonly params: readonly string[];
    readonly roles: { readonly carrier: string; readonly zero: string; readonly successor: string } | null;
  } | null;
  readonly constants: readonly { readonly name: string; readonly type: string }[];
  readonly predicates: readonly string[];
  readonly entities: {
    readonly total: number;
    readonly fact: number;
    readonly rule: number;
    readonly exists: number;
  };
  readonly conjectures: readonly string[];
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly Diagnostic[];
}

export interface Output {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const processOutput: Output = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("parse and compile MPL sources and print a summary of the theory")
    .argument(
      "<paths...>",
      ".mpl files or folders of .mpl files; with --gl-config: a GL definitions folder, then GL conjecture files",
    )
    .option("--json", "print the summary as one JSON object on stdout")
    .option(
      "--gl-config <file>",
      "read a GL definitions folder with the signatures of this GL config (Config*.json); repeat it for batches, in order",
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .addHelpText(
      "after",
      "\nExamples:\n  gl check examples/peano\n  gl check --json examples/peano/peano.mpl examples/peano/functions.mpl\n" +
        "  gl check --gl-config defs/config/ConfigPeano.json defs",
    )
    .action((paths: string[], options: CheckOptions) => {
      process.exitCode = runCheck(paths, options, processOutput);
    });
}

/** Runs the check and returns the exit code (0, or 1 on input errors). */
export function runCheck(paths: readonly string[], options: CheckOptions, io: Output): number {
  const configs =
    options.glConfig === undefined
      ? []
      : typeof options.glConfig === "string"
        ? [options.glConfig]
        : options.glConfig;
  if (configs.length !== 1) {
    // `.mpl` input (which may declare batches) or several GL configs (a batch each).
    const loaded = loadBatches({
      paths: configs.length > 1 ? paths.slice(0, 1) : paths,
      glConfigs: configs,
      conjectures: configs.length > 1 ? paths.slice(1) : [],
    });
    for (const d of loaded.diagnostics) io.err(`${renderDiagnostic(d, loaded.texts.get(d.path))}\n`);
    const files = [...loaded.texts.keys()];
    const batches = loaded.batches ?? [];
    if (batches.length <= 1) {
      const summary = summarise(batches[0]?.theory ?? null, loaded.diagnostics, files, []);
      io.out(options.json === true ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
      return summary.ok ? 0 : 1;
    }
    const summaries: BatchSummary[] = batches.map((b) => {
      const earlier = batches.find((x) => x.name === b.extends);
      return {
        ...summarise(
          b.theory,
          loaded.diagnostics,
          b.theory.sources.map((s) => s.path),
          [],
        ),
        batch: b.name,
        extends: b.extends,
        link:
          b.link && earlier
            ? { mapping: formatMapping(b.link.constants, earlier.theory, b.theory), how: b.link.how }
            : null,
      };
    });
    const ok = summaries.every((s) => s.ok);
    if (options.json === true) io.out(`${JSON.stringify({ ok, files, batches: summaries }, null, 2)}\n`);
    else
      io.out(
        summaries
          .map((s) => {
            const head = `batch ${s.batch}${s.extends ? ` extends ${s.extends} (${s.link?.how === "declared" ? "mapping" : "mapping found"}: ${s.link?.mapping})` : ""}`;
            return `${head}\n${formatSummary(s).replace(/ok\n$/, "")}`;
          })
          .join("\n") + (ok ? "ok\n" : ""),
      );
    return ok ? 0 : 1;
  }
  const loaded = loadGl(configs[0]!, paths[0] ?? ".", paths.slice(1));
  for (const d of loaded.diagnostics) io.err(`${renderDiagnostic(d, loaded.texts.get(d.path))}\n`);
  const summary = summarise(loaded.theory, loaded.diagnostics, loaded.files, loaded.parsedOnly);
  if (options.json === true) io.out(`${JSON.stringify(summary, null, 2)}\n`);
  else io.out(formatSummary(summary));
  return summary.ok ? 0 : 1;
}

export function summarise(
  theory: Theory | null,
  diagnostics: readonly Diagnostic[],
  files: readonly string[],
  parsedOnly: readonly string[],
): CheckSummary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const entities = theory?.anchor?.entities ?? [];
  const count = (kind: string) => entities.filter((e) => e.kind === kind).length;
  const constName = (id: number) => theory?.constants[id]?.name ?? `#${id}`;
  const anchor = theory?.anchor ?? null;
  return {
    ok: theory !== null && errors === 0,
    files,
    definitions: theory?.definitions.map((d) => d.name) ?? [],
    parsedOnly,
    anchor:
      anchor === null
        ? null
        : {
            name: anchor.name,
            params: anchor.params.map(constName),
            roles:
              anchor.roles === null
                ? null
                : {
                    carrier: constName(anchor.roles.carrier),
                    zero: constName(anchor.roles.zero),
                    successor: constName(anchor.roles.successor),
                  },
          },
    constants: theory?.constants.map((c) => ({ name: c.name, type: c.type })) ?? [],
    predicates: theory?.predicates.map((p) => p.name) ?? [],
    entities: { total: entities.length, fact: count("fact"), rule: count("rule"), exists: count("exists") },
    conjectures: theory?.conjectures.map((c) => c.name) ?? [],
    errors,
    warnings: diagnostics.length - errors,
    diagnostics,
  };
}

const LIST_LIMIT = 8;

function list(xs: readonly string[]): string {
  if (xs.length <= LIST_LIMIT) return xs.join(", ");
  return `${xs.slice(0, LIST_LIMIT).join(", ")}, ... (${xs.length - LIST_LIMIT} more)`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function formatSummary(s: CheckSummary): string {
  if (!s.ok) return `check failed: ${plural(s.errors, "error")}, ${plural(s.warnings, "warning")}\n`;
  const rows: [string, string][] = [["files", `${s.files.length}`]];
  rows.push(["definitions", `${s.definitions.length}  ${list(s.definitions)}`]);
  if (s.parsedOnly.length > 0) rows.push(["parsed only", `${s.parsedOnly.length}  ${list(s.parsedOnly)}`]);
  if (s.anchor === null) {
    rows.push(["anchor", "none"]);
  } else {
    const r = s.anchor.roles;
    const roles =
      r === null ? "no induction roles" : `carrier ${r.carrier}, zero ${r.zero}, successor ${r.successor}`;
    rows.push(["anchor", `${s.anchor.name}[${s.anchor.params.join(", ")}]  (${roles})`]);
  }
  rows.push(["constants", `${s.constants.length}  ${list(s.constants.map((c) => `${c.name}: ${c.type}`))}`]);
  rows.push(["predicates", `${s.predicates.length}  ${list(s.predicates)}`]);
  const e = s.entities;
  rows.push([
    "entities",
    `${e.total}  ${plural(e.fact, "fact")}, ${plural(e.rule, "rule")}, ${e.exists} exists`,
  ]);
  rows.push(["conjectures", `${s.conjectures.length}  ${list(s.conjectures)}`]);
  if (s.warnings > 0) rows.push(["warnings", `${s.warnings}`]);
  return `${rows.map(([k, v]) => `${k.padEnd(12)} ${v}`.trimEnd()).join("\n")}\nok\n`;
}
