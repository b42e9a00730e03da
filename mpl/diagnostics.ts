/**
 * The one catalogue of MPL diagnostics and their rendering.
 *
 * Every user-facing error or warning of the front end (decoding, lexing, parsing, compiling,
 * loading) has a code here with a message template; phases build diagnostics only through
 * `diagnostic()`, so codes and wording stay in one place. Rendering follows the GNU
 * `file:line:col:` convention so that editors and terminals can link to the spot.
 */
import type { Span } from "./ast.js";

export type Severity = "error" | "warning";

interface CatalogueEntry {
  readonly severity: Severity;
  /** `{name}` placeholders are filled from the arguments given to `diagnostic()`. */
  readonly template: string;
}

/** Codes 0xx: decoding, lexing and parsing; 1xx: compiling; 2xx: GL compatibility; 3xx: loading. */
export const CATALOGUE = {
  MPL001: { severity: "error", template: "the file is not valid UTF-8 (invalid byte 0x{byte})" },
  MPL002: { severity: "error", template: "nothing to parse: {what}" },
  MPL003: { severity: "error", template: "formula nested deeper than {limit} levels" },
  MPL004: { severity: "error", template: "unexpected character {char}" },
  MPL005: { severity: "error", template: "unbalanced parenthesis: '{close}' has no matching '{open}'" },
  MPL006: { severity: "error", template: "'{close}' does not close the '{open}' opened at {where}" },
  MPL007: { severity: "error", template: "unbalanced parenthesis: '{open}' is never closed" },
  MPL008: { severity: "error", template: "unexpected {found}, expected {expected}" },
  MPL009: { severity: "error", template: "unexpected end of input, expected {expected}" },
  MPL010: {
    severity: "error",
    template: "unknown type '{name}' (expected element, set, function or operation)",
  },
  MPL011: { severity: "error", template: "unknown role '{name}' (expected carrier, zero or successor)" },
  MPL012: { severity: "error", template: "role '{name}' is given twice" },
  MPL013: { severity: "error", template: "the role list of anchor '{anchor}' lacks '{name}'" },

  MPL101: { severity: "error", template: "unknown definition or predicate '{name}'" },
  MPL102: { severity: "error", template: "'{name}' takes {expected} argument(s), but {actual} are given" },
  MPL103: {
    severity: "error",
    template: "type mismatch: '{name}' is {actual}, but argument {index} of '{pred}' must be {expected}",
  },
  MPL104: { severity: "error", template: "unbound variable '{name}': not bound by '>[...]' and not {owner}" },
  MPL105: { severity: "error", template: "'{name}' shadows {what} declared at {where}" },
  MPL106: { severity: "error", template: "'{name}' appears twice in this {list}" },
  MPL107: { severity: "error", template: "duplicate definition '{name}' (first defined at {where})" },
  MPL108: { severity: "error", template: "recursive definition: {cycle}" },
  MPL109: { severity: "error", template: "'{name}' is a built-in predicate and cannot be redefined" },
  MPL110: { severity: "error", template: "conjecture '{name}' needs an anchor: add 'anchor <Definition>'" },
  MPL111: { severity: "error", template: "the anchor '{name}' is not a definition" },
  MPL112: {
    severity: "error",
    template: "a second anchor '{name}' (the anchor is already declared at {where})",
  },
  MPL113: { severity: "error", template: "role '{role}' must be {expected}, but '{name}' is {actual}" },
  MPL114: { severity: "error", template: "'{name}' is not a parameter of the anchor '{anchor}'" },
  MPL115: {
    severity: "error",
    template: "the conclusion of a conjecture must be an atom or a negated atom, not {what}",
  },
  MPL116: { severity: "error", template: "duplicate conjecture '{name}' (first defined at {where})" },
  MPL117: {
    severity: "error",
    template: "type mismatch: '{name}' is used as {actual} here but as {previous} at {where}",
  },
  MPL118: {
    severity: "error",
    template: "{what} cannot be compiled into rules (in the definition '{definition}')",
  },
  MPL119: { severity: "error", template: "{what} cannot be compiled into rules ({context})" },
  MPL120: {
    severity: "error",
    template: "definitions expand into formulas nested deeper than {limit} levels",
  },
  MPL121: { severity: "error", template: "definition {name} expands to more than {limit} atoms" },
  MPL122: {
    severity: "error",
    template: "'{name}' is not an anchor of this input (extends names the anchor of an earlier batch)",
  },
  MPL123: { severity: "error", template: "batches that extend each other in a cycle: {cycle}" },
  MPL124: {
    severity: "error",
    template: "a second anchor '{name}' in this file ('{first}' is declared at {where}): one batch per file",
  },
  MPL125: {
    severity: "error",
    template: "the axioms of '{later}' do not contain those of '{earlier}' {how}: {detail}",
  },
  MPL126: {
    severity: "error",
    template:
      "conjecture '{name}' belongs to no batch: with several anchors, a conjecture goes in the file of its anchor",
  },
  MPL127: {
    severity: "warning",
    template:
      "several mappings link '{earlier}' into '{later}'; using {chosen} (also: {others}); write extends {earlier}[…] to choose",
  },
  MPL128: {
    severity: "error",
    template:
      "this input declares {count} batches ({names}); this command takes one theory (gl discover and gl check take batches)",
  },

  MPL129: {
    severity: "error",
    template:
      "conjecture '{name}' names the clause '{clause}', which no axiom of the anchor's definitions mentions (nothing there unfolds it)",
  },

  MPL201: { severity: "error", template: "cannot use the GL config: {reason}" },
  MPL202: { severity: "error", template: "GL config entry '{name}': {reason}" },
  MPL203: { severity: "error", template: "definition '{name}' has no formula file '{file}'" },
  MPL204: { severity: "error", template: "cannot determine the anchor: {reason}" },
  MPL205: { severity: "error", template: "expected a conjecture of the form {expected}, found {found}" },
  MPL206: {
    severity: "error",
    template: "the anchor '{anchor}' takes {expected} arguments, but {actual} are given",
  },

  MPL301: { severity: "error", template: "cannot read '{path}': {reason}" },
  MPL302: { severity: "error", template: "no .mpl files in directory '{path}'" },
  MPL303: { severity: "error", template: "cannot read '{path}': it is {what}, not a regular file" },
  MPL304: {
    severity: "error",
    template: "cannot read '{path}': it is {size}, more than the {limit} a source may have",
  },
} as const satisfies Record<string, CatalogueEntry>;

export type DiagnosticCode = keyof typeof CATALOGUE;

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  /** 1-based; 0 when the diagnostic concerns the whole file (then `col` is 0 too). */
  readonly line: number;
  /** 1-based, in UTF-16 code units (a tab counts as one column). */
  readonly col: number;
}

/** Where a diagnostic points. */
export interface Location {
  readonly path: string;
  readonly line: number;
  readonly col: number;
}

export type DiagnosticArgs = Readonly<Record<string, string | number>>;

export function diagnostic(
  code: DiagnosticCode,
  at: Location,
  args: DiagnosticArgs = {},
  severity?: Severity,
): Diagnostic {
  const entry: CatalogueEntry = CATALOGUE[code];
  const message = entry.template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const value = args[key];
    // A missing argument is a bug in the caller, not a user error.
    if (value === undefined) throw new Error(`diagnostic ${code}: missing argument '${key}'`);
    return shortToken(escapeControls(String(value)));
  });
  return { code, severity: severity ?? entry.severity, message, path: at.path, line: at.line, col: at.col };
}

/**
 * Control characters (all but tab and newline) as visible escapes, so that a hostile input file
 * cannot clear or recolour the terminal through a diagnostic.
 */
export function escapeControls(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code === 0x1b ? "\\e" : `\\x${code.toString(16).padStart(2, "0")}`;
  });
}

/** Tokens quoted in a message are cut to this many characters (a 5 MB token stays a line). */
const MAX_TOKEN = 200;

function shortToken(s: string): string {
  return s.length <= MAX_TOKEN ? s : `${s.slice(0, MAX_TOKEN)}… (${s.length} characters)`;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === "error");

/** The location of a name (or any node) in `path`. */
export const nameAt = (path: string, n: { readonly span: Span }): Location => ({
  path,
  line: n.span.start.line,
  col: n.span.start.col,
});

/** `line:col` for messages that point at a second place in the same file. */
export const where = (p: { readonly line: number; readonly col: number }): string => `${p.line}:${p.col}`;

/** `path:line:col` for messages that may point into another file. */
export const whereIn = (path: string, p: { readonly line: number; readonly col: number }): string =>
  `${path}:${p.line}:${p.col}`;

/**
 * `file:line:col: error MPLnnn: message`, then the source line and a caret under the column.
 * Tabs before the column are kept as tabs so the caret lines up in any terminal.
 */
export function renderDiagnostic(d: Diagnostic, sourceText?: string): string {
  const path = escapeControls(d.path);
  const message = escapeControls(d.message);
  if (d.line === 0) return `${path}: ${d.severity} ${d.code}: ${message}`;
  const header = `${path}:${d.line}:${d.col}: ${d.severity} ${d.code}: ${message}`;
  if (sourceText === undefined) return header;
  const line = sourceLine(sourceText, d.line);
  if (line === undefined) return header;
  const raw = window(line, d.col - 1);
  // Escaping lengthens the line; the caret moves with the escaped text before it.
  const before = escapeControls(raw.shown.slice(0, raw.caret));
  const shown = before + escapeControls(raw.shown.slice(raw.caret));
  const caret = raw.caret <= raw.shown.length ? before.length : raw.caret + before.length - raw.shown.length;
  const prefix = shown.slice(0, caret).replace(/[^\t]/g, " ");
  const pad = " ".repeat(Math.max(0, caret - shown.length));
  return `${header}\n  ${shown}\n  ${prefix}${pad}^`;
}

/** Lines longer than this are cut to a window around the column, marked with `...`. */
const MAX_SHOWN = 100;

function window(line: string, index: number): { shown: string; caret: number } {
  if (line.length <= MAX_SHOWN) return { shown: line, caret: index };
  const start = Math.max(0, Math.min(index - 40, line.length - MAX_SHOWN));
  const end = Math.min(line.length, start + MAX_SHOWN);
  const lead = start > 0 ? "..." : "";
  const tail = end < line.length ? "..." : "";
  return { shown: `${lead}${line.slice(start, end)}${tail}`, caret: index - start + lead.length };
}

function sourceLine(text: string, line: number): string | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf("\n", start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  let end = text.indexOf("\n", start);
  if (end < 0) end = text.length;
  return text.slice(start, end).replace(/\r$/, "");
}

/** Source order: by the order of paths given, then line and column; stable otherwise. */
export function sortDiagnostics(ds: readonly Diagnostic[], pathOrder: readonly string[]): Diagnostic[] {
  const rank = new Map(pathOrder.map((p, i) => [p, i] as const));
  const key = (d: Diagnostic) => rank.get(d.path) ?? pathOrder.length;
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        key(a.d) - key(b.d) ||
        cmp(a.d.path, b.d.path) ||
        a.d.line - b.d.line ||
        a.d.col - b.d.col ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Drops exact repeats (the same finding reached twice, e.g. through two expansions). */
export function dedupeDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of ds) {
    const k = `${d.code}\u0000${d.path}\u0000${d.line}\u0000${d.col}\u0000${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}
