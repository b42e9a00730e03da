/**
 * Compatibility with the reference system's (GL's) files: a folder of bare-formula definition
 * files plus a JSON config with their signatures, and conjecture lists with one formula per
 * line. Everything goes through the same checker and compiler as `.mpl` files: the loaders
 * only build the items that GL leaves implicit (parameter lists, types, the anchor).
 */
import { readdirSync } from "node:fs";
import { basename, dirname, join, normalize } from "node:path";
import type { AnchorItem, DefinitionItem, Formula, Name, ParamType, SourceFile, Span } from "./ast.js";
import { BUILTIN_BY_NAME } from "./builtins.js";
import { checkDistinct, checkFormula, type Signature } from "./check.js";
import { compileParsed, type SourceText } from "./compile.js";
import { type Diagnostic, diagnostic, hasErrors, nameAt, sortDiagnostics } from "./diagnostics.js";
import { type DefinitionInfo, Lowerer, PredicateTable } from "./lower.js";
import { oneOf, parseFormula } from "./parse.js";
import { printFormula } from "./print.js";
import { type ReadResult, readSource, reason } from "./source.js";
import { type Conjecture, constTerm, type Predicate, type Roles, type Term, type Theory } from "./theory.js";

export interface GlParam {
  readonly name: string;
  readonly type: ParamType;
}

export interface GlSignature {
  readonly params: readonly GlParam[];
}

export interface GlLoadOptions {
  /** The anchor's name; by default the config's `anchor_name`, else inferred (see `chooseAnchor`). */
  readonly anchor?: string;
  /**
   * Files in the folder holding conjecture lists rather than a definition; they are parsed with
   * `parseGlConjectureLines` and added to the theory. Default: conjectures.txt, theorems.txt.
   */
  readonly conjectureFiles?: readonly string[];
  /**
   * Parse those conjecture lists here (default). `false` leaves them unread, for callers
   * that read them with their own policy (e.g. `gl prove` skips malformed lines).
   */
  readonly readConjectureLists?: boolean;
}

export interface GlLoadResult {
  readonly theory: Theory | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Every file read, for rendering diagnostics. */
  readonly sources: readonly SourceText[];
  /** Definition files without a signature: parsed as formulas, not compiled. */
  readonly parsedOnly: readonly string[];
}

/** File names in a GL folder that hold conjecture lists, not definitions. */
export const GL_CONJECTURE_FILES: readonly string[] = ["conjectures.txt", "theorems.txt"];

/** GL's "definition sets" spelled as our types. */
const GL_TYPES: Readonly<Record<string, ParamType>> = {
  "(1)": "element",
  "P(1)": "set",
  "P(x(1)(1))": "function",
  "P(x(1)(x(1)(1)))": "operation",
};

interface PlannedDefinition {
  readonly name: string;
  readonly params: readonly GlParam[];
  readonly file: string;
}

/** How the loaders reach files: the file system, or texts read before (see `loadGlTexts`). */
interface GlFiles {
  read(path: string): ReadResult;
  /** The `.txt` files of a folder, sorted by name; null (with a diagnostic) if it cannot be listed. */
  listTxt(dir: string, out: Diagnostic[]): string[] | null;
}

const DISK: GlFiles = { read: readSource, listTxt };

/** Loads a GL definitions folder with the signatures of a GL config (`Config*.json`). */
export function loadGlFolder(
  configPath: string,
  definitionsDir: string,
  options: GlLoadOptions = {},
): GlLoadResult {
  return loadGlConfig(configPath, definitionsDir, options, DISK);
}

/**
 * `loadGlFolder` over texts already read, e.g. the `sources` a proof graph carries: the folder
 * holds exactly the `.txt` texts whose path lies in `definitionsDir`, and a path missing from
 * `sources` cannot be read. Given the texts `loadGlFolder` read, it gives the same theory.
 */
export function loadGlTexts(
  configPath: string,
  definitionsDir: string,
  sources: readonly SourceText[],
  options: GlLoadOptions = {},
): GlLoadResult {
  const texts = new Map(sources.map((s) => [normalize(s.path), s.text]));
  const files: GlFiles = {
    read: (path) => {
      const text = texts.get(normalize(path));
      return text === undefined
        ? {
            text: null,
            diagnostics: [
              diagnostic(
                "MPL301",
                { path, line: 0, col: 0 },
                { path, reason: "not among the given sources" },
              ),
            ],
          }
        : { text, diagnostics: [] };
    },
    listTxt: (dir) => {
      const folder = dirname(join(dir, "-")); // normalised, without a trailing separator
      return [...texts.keys()]
        .filter((p) => p.endsWith(".txt") && dirname(p) === folder)
        .map((p) => basename(p))
        .sort();
    },
  };
  return loadGlConfig(configPath, definitionsDir, options, files);
}

function loadGlConfig(
  configPath: string,
  definitionsDir: string,
  options: GlLoadOptions,
  files: GlFiles,
): GlLoadResult {
  const read = files.read(configPath);
  const sources: SourceText[] = read.text === null ? [] : [{ path: configPath, text: read.text }];
  const fail = (ds: readonly Diagnostic[]): GlLoadResult => ({
    theory: null,
    diagnostics: ds,
    sources,
    parsedOnly: [],
  });
  if (read.text === null || read.diagnostics.length > 0) return fail(read.diagnostics);
  const whole = { path: configPath, line: 0, col: 0 };
  let config: unknown;
  try {
    config = JSON.parse(read.text);
  } catch (e) {
    return fail([diagnostic("MPL201", whole, { reason: reason(e) })]);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    return fail([diagnostic("MPL201", whole, { reason: "the top level is not a JSON object" })]);
  }
  const diagnostics: Diagnostic[] = [];
  const planned: PlannedDefinition[] = [];
  for (const [key, entry] of Object.entries(config)) {
    if (BUILTIN_BY_NAME.has(key) || !isSignatureEntry(entry)) continue;
    const p = signatureFromEntry(key, entry, configPath, diagnostics);
    if (p !== null) planned.push(p);
  }
  if (hasErrors(diagnostics)) return fail(diagnostics);
  const configured = (config as Record<string, unknown>).anchor_name;
  let anchor = options.anchor ?? (typeof configured === "string" ? configured : undefined);
  if (anchor === undefined) {
    const chosen = chooseAnchor(
      planned.map((p) => p.name),
      configPath,
      () => structuralAnchors(planned, definitionsDir, files),
    );
    if ("reason" in chosen) return fail([diagnostic("MPL204", whole, { reason: chosen.reason })]);
    anchor = chosen.name;
  }
  const result = loadPlanned(definitionsDir, planned, anchor, options, files);
  const all = [...sources, ...result.sources];
  // The config is a source of the theory too: without its signatures the folder cannot be compiled.
  const theory = result.theory && { ...result.theory, sources: all };
  return { ...result, theory, sources: all };
}

/** Loads a GL definitions folder with signatures given directly (e.g. GL's first version). */
export function loadGlFolderWithSignatures(
  dir: string,
  signatures: Readonly<Record<string, GlSignature>>,
  anchor: string | null,
  options: GlLoadOptions = {},
): GlLoadResult {
  const planned = Object.entries(signatures).map(([name, s]) => ({
    name,
    params: s.params,
    file: `${name}.txt`,
  }));
  return loadPlanned(dir, planned, anchor, options, DISK);
}

interface SignatureEntry {
  readonly short_mpl: string;
  readonly definition_sets: Readonly<Record<string, unknown>>;
  readonly full_mpl?: unknown;
}

function isSignatureEntry(v: unknown): v is SignatureEntry {
  if (typeof v !== "object" || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.short_mpl === "string" && typeof e.definition_sets === "object" && e.definition_sets !== null
  );
}

function signatureFromEntry(
  key: string,
  entry: SignatureEntry,
  configPath: string,
  out: Diagnostic[],
): PlannedDefinition | null {
  const whole = { path: configPath, line: 0, col: 0 };
  const bad = (why: string) => {
    out.push(diagnostic("MPL202", whole, { name: key, reason: why }));
    return null;
  };
  const parsed = parseFormula(entry.short_mpl, `${configPath}#${key}`);
  const f = parsed.formula;
  if (f === undefined || f.kind !== "atom")
    return bad(`'short_mpl' is not a single atom: ${entry.short_mpl}`);
  if (f.name.text !== key) return bad(`'short_mpl' names '${f.name.text}'`);
  const params: GlParam[] = [];
  for (const [i, arg] of f.args.entries()) {
    const set = entry.definition_sets[String(i + 1)];
    const spelled = Array.isArray(set) ? set[0] : set;
    const type = typeof spelled === "string" ? GL_TYPES[spelled] : undefined;
    if (type === undefined) return bad(`parameter ${i + 1} ('${arg.text}') has no known definition set`);
    params.push({ name: arg.text, type });
  }
  const file =
    typeof entry.full_mpl === "string" && entry.full_mpl.endsWith(".txt") ? entry.full_mpl : `${key}.txt`;
  return { name: key, params, file };
}

/**
 * GL configs rarely name the anchor (`anchor_name` wins when they do). Prefer `Anchor<X>` for
 * `Config<X>.json`; then the structure of the folder (see `structuralAnchors`); then the only
 * `Anchor*` definition, then `NaturalNumbers`.
 */
export function chooseAnchor(
  names: readonly string[],
  configPath: string,
  structural: () => readonly string[] = () => [],
): { name: string } | { reason: string } {
  const stem = /^Config(.+)\.json$/.exec(basename(configPath))?.[1];
  if (stem !== undefined && names.includes(`Anchor${stem}`)) return { name: `Anchor${stem}` };
  const inferred = structural();
  if (inferred.length === 1 && inferred[0] !== undefined) return { name: inferred[0] };
  const anchors = names.filter((n) => n.startsWith("Anchor"));
  const only = anchors[0];
  if (anchors.length === 1 && only !== undefined) return { name: only };
  if (anchors.length === 0 && names.includes("NaturalNumbers")) return { name: "NaturalNumbers" };
  const candidates = inferred.length > 1 ? [...inferred] : anchors;
  if (candidates.length === 0)
    return {
      reason:
        "no definition is used by every conjecture or by no other definition; name it with 'anchor_name'",
    };
  return { reason: `several candidates (${oneOf([...candidates].sort())}); name one with 'anchor_name'` };
}

/** Names applied as atoms in a GL formula text (`Name[…]`). */
const appliedNames = (text: string): Set<string> =>
  new Set([...text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\[/g)].map((m) => m[1]!));

/**
 * The anchor by structure, for folders whose names say nothing: the definition that every line
 * of the folder's conjecture list quantifies over (its first premise), else the definitions no
 * other definition uses. Returns every candidate; the caller takes a unique one.
 */
function structuralAnchors(planned: readonly PlannedDefinition[], dir: string, files: GlFiles): string[] {
  const names = new Set(planned.map((p) => p.name));
  const listed = files.listTxt(dir, []) ?? [];
  for (const list of GL_CONJECTURE_FILES) {
    if (!listed.includes(list)) continue;
    const text = files.read(join(dir, list)).text;
    if (text === null) continue;
    const firsts = new Set<string>();
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      const m = /^\s*\(\s*>\s*\[[^\]]*\]\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\[/.exec(line);
      firsts.add(m?.[1] ?? "");
    }
    const [only] = firsts;
    if (firsts.size === 1 && only !== undefined && names.has(only)) return [only];
  }
  const used = new Set<string>();
  for (const def of planned) {
    if (!listed.includes(def.file)) continue;
    const text = files.read(join(dir, def.file)).text;
    if (text === null) continue;
    for (const n of appliedNames(text)) if (n !== def.name) used.add(n);
  }
  return planned.map((p) => p.name).filter((n) => !used.has(n));
}

/** A name that points at the start of a GL file (GL files carry no declarations to point at). */
const fileStartName = (text: string): Name => ({
  text,
  span: { start: { line: 1, col: 1, offset: 0 }, end: { line: 1, col: 1, offset: 0 } },
});

function listTxt(dir: string, out: Diagnostic[]): string[] | null {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(".txt"))
      .sort();
  } catch (e) {
    out.push(diagnostic("MPL301", { path: dir, line: 0, col: 0 }, { path: dir, reason: reason(e) }));
    return null;
  }
}

function loadPlanned(
  dir: string,
  planned: readonly PlannedDefinition[],
  anchor: string | null,
  options: GlLoadOptions,
  fs: GlFiles,
): GlLoadResult {
  const diagnostics: Diagnostic[] = [];
  const sources: SourceText[] = [];
  const files: SourceFile[] = [];
  const present = fs.listTxt(dir, diagnostics);
  if (present === null) return { theory: null, diagnostics, sources, parsedOnly: [] };
  const conjectureFiles = options.conjectureFiles ?? GL_CONJECTURE_FILES;

  const readFormula = (file: string): { path: string; formula: Formula | null } => {
    const path = join(dir, file);
    const read = fs.read(path);
    diagnostics.push(...read.diagnostics);
    if (read.text === null) return { path, formula: null };
    sources.push({ path, text: read.text });
    if (read.diagnostics.length > 0) return { path, formula: null };
    const parsed = parseFormula(read.text, path);
    diagnostics.push(...parsed.diagnostics);
    return { path, formula: parsed.formula ?? null };
  };

  for (const def of planned) {
    if (!present.includes(def.file)) {
      diagnostics.push(
        diagnostic("MPL203", { path: dir, line: 0, col: 0 }, { name: def.name, file: def.file }),
      );
      continue;
    }
    const { path, formula } = readFormula(def.file);
    if (formula === null) continue;
    const item: DefinitionItem = {
      kind: "definition",
      name: fileStartName(def.name),
      params: def.params.map((p) => ({ name: fileStartName(p.name), type: p.type })),
      body: formula,
      span: formula.span,
    };
    const items = [item];
    if (def.name === anchor) {
      const anchorItem: AnchorItem = {
        kind: "anchor",
        name: fileStartName(def.name),
        roles: null,
        extends: null,
        span: item.span,
      };
      files.push({ path, items: [...items, anchorItem] });
    } else {
      files.push({ path, items });
    }
  }
  if (anchor !== null && !planned.some((p) => p.name === anchor)) {
    diagnostics.push(
      diagnostic("MPL204", { path: dir, line: 0, col: 0 }, { reason: `'${anchor}' has no signature` }),
    );
  }

  const signed = new Set(planned.map((p) => p.file));
  const parsedOnly: string[] = [];
  const conjectureLists: string[] = [];
  for (const file of present) {
    if (signed.has(file)) continue;
    if (conjectureFiles.includes(file)) {
      conjectureLists.push(file);
      continue;
    }
    readFormula(file);
    parsedOnly.push(file.replace(/\.txt$/, ""));
  }

  const order = sources.map((s) => s.path);
  if (hasErrors(diagnostics)) {
    return { theory: null, diagnostics: sortDiagnostics(diagnostics, order), sources, parsedOnly };
  }
  const compiled = compileParsed(files, sources);
  diagnostics.push(...compiled.diagnostics);
  let theory = compiled.theory;
  if (theory?.anchor != null) {
    theory = { ...theory, anchor: { ...theory.anchor, roles: inferRoles(theory) } };
  }
  for (const file of options.readConjectureLists === false ? [] : conjectureLists) {
    const path = join(dir, file);
    const read = fs.read(path);
    diagnostics.push(...read.diagnostics);
    if (read.text === null) continue;
    sources.push({ path, text: read.text });
    if (theory === null || read.diagnostics.length > 0) continue;
    const added = parseGlConjectureLines(read.text, theory, path);
    diagnostics.push(...added.diagnostics);
    theory = {
      ...theory,
      predicates: added.predicates,
      conjectures: [...theory.conjectures, ...added.conjectures],
    };
  }
  if (theory !== null) theory = { ...theory, sources };
  return {
    theory: hasErrors(diagnostics) ? null : theory,
    diagnostics: sortDiagnostics(
      diagnostics,
      sources.map((s) => s.path),
    ),
    sources,
    parsedOnly,
  };
}

/**
 * Induction roles from the anchor's signature and axioms: the carrier is the first set
 * parameter, the successor the first function parameter, and zero the first element parameter
 * that is not the successor's output in a ground `in2` fact of the anchor (GL's anchors state
 * `s(i0) = i1`, so `i1` is not zero).
 */
export function inferRoles(theory: Theory): Roles | null {
  const anchor = theory.anchor;
  if (anchor === null) return null;
  const params = anchor.params.map((id) => theory.constants[id]).filter((c) => c !== undefined);
  const carrier = params.find((c) => c.type === "set")?.id;
  const successor = params.find((c) => c.type === "function")?.id;
  if (carrier === undefined || successor === undefined) return null;
  const in2 = BUILTIN_BY_NAME.get("in2")?.id;
  const outputs = new Set<Term>();
  for (const e of anchor.entities) {
    if (e.kind !== "fact" || e.atom.negated || e.atom.pred !== in2) continue;
    const [input, output, fn] = e.atom.args;
    if (
      fn === constTerm(successor) &&
      input !== undefined &&
      input < 0 &&
      output !== undefined &&
      output < 0
    ) {
      outputs.add(output);
    }
  }
  const zero = params.find((c) => c.type === "element" && !outputs.has(constTerm(c.id)))?.id;
  return zero === undefined ? null : { carrier, zero, successor };
}

export interface GlConjectureLines {
  readonly conjectures: readonly Conjecture[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The theory's predicates, extended by any definition first referenced in these lines;
   * use it in place of `theory.predicates`.
   */
  readonly predicates: readonly Predicate[];
}

/**
 * Reads GL conjecture lines `(>[…](Anchor[1,…,k])(…))`: one formula per line, the anchor's
 * arguments named in signature order. The anchor premise is stripped, its arguments become the
 * theory's constants, and the conjecture is named `line<N>`. A malformed line is reported with
 * its position and skipped; blank lines are ignored.
 */
export function parseGlConjectureLines(text: string, theory: Theory, path: string): GlConjectureLines {
  const diagnostics: Diagnostic[] = [];
  const conjectures: Conjecture[] = [];
  const anchor = theory.anchor;
  if (anchor === null) {
    const d = diagnostic("MPL204", { path, line: 0, col: 0 }, { reason: "the theory has no anchor" });
    return { conjectures, diagnostics: [d], predicates: theory.predicates };
  }
  const anchorParams = anchor.params.map((id) => theory.constants[id]).filter((c) => c !== undefined);
  const predicates = new PredicateTable();
  for (const p of theory.predicates) predicates.intern(p.name, p.argTypes);
  const infos = new Map<string, DefinitionInfo>(
    theory.definitions.map((d) => [
      d.name,
      { name: d.name, params: d.params, body: null, path: d.source.path },
    ]),
  );
  const lookup = (name: string): Signature | undefined => {
    const builtin = BUILTIN_BY_NAME.get(name);
    if (builtin !== undefined) return { name, paramTypes: builtin.argTypes, isDefinition: false };
    const def = infos.get(name);
    if (def !== undefined) return { name, paramTypes: def.params.map((p) => p.type), isDefinition: true };
    // A definition's implication clause (`fold.imp4`), a predicate of the compiled theory.
    const types = lowerer.clauseTypes(name);
    return types === undefined ? undefined : { name, paramTypes: types, isDefinition: false };
  };
  const lowerer = new Lowerer(infos, predicates, diagnostics);
  const shape = `'(>[...](${anchor.name}[${anchorParams.map((_, i) => i + 1).join(",")}])(...))'`;

  let offset = 0;
  text.split("\n").forEach((raw, index) => {
    const lineNo = index + 1;
    const lineText = raw.replace(/\r$/, "");
    const base = { line: lineNo, col: 1, offset };
    offset += raw.length + 1;
    if (lineText.trim() === "") return;
    const parsed = parseFormula(lineText, path, base);
    if (parsed.formula === undefined) {
      diagnostics.push(...parsed.diagnostics);
      return;
    }
    const f = parsed.formula;
    const premise = f.kind === "implies" ? f.premise : null;
    if (
      f.kind !== "implies" ||
      premise === null ||
      premise.kind !== "atom" ||
      premise.name.text !== anchor.name
    ) {
      const at = premise ?? f;
      diagnostics.push(
        diagnostic("MPL205", nameAt(path, at), {
          expected: shape,
          found: describeStart(at, lineText, base.offset),
        }),
      );
      return;
    }
    if (premise.args.length !== anchorParams.length) {
      diagnostics.push(
        diagnostic("MPL206", nameAt(path, premise.name), {
          anchor: anchor.name,
          expected: anchorParams.length,
          actual: premise.args.length,
        }),
      );
      return;
    }
    const before = diagnostics.length;
    checkDistinct(premise.args, "anchor argument list", path, diagnostics);
    for (const v of f.vars) {
      if (!premise.args.some((a) => a.text === v.text)) {
        diagnostics.push(diagnostic("MPL114", nameAt(path, v), { name: v.text, anchor: anchor.name }));
      }
    }
    const params = premise.args.map((a, i) => ({ name: a, type: anchorParams[i]?.type ?? "element" }));
    const owner = `an argument of the anchor '${anchor.name}'`;
    checkFormula(f.conclusion, { path, ownerDescription: owner, params }, lookup, diagnostics);
    if (diagnostics.length > before) return;
    const env = new Map<string, Term>(premise.args.map((a, i) => [a.text, constTerm(i)]));
    const name = `line${lineNo}`;
    const lowered = lowerer.conjecture(f.conclusion, env, { kind: "conjecture", name }, path);
    if (lowered === null) return;
    conjectures.push({ name, mpl: printFormula(f), ...lowered, source: { path, line: lineNo, col: 1 } });
  });
  return { conjectures, diagnostics, predicates: predicates.all() };
}

/** The first few characters of a node, for "found ..." in messages. */
function describeStart(node: { readonly span: Span }, lineText: string, lineOffset: number): string {
  const from = node.span.start.offset - lineOffset;
  const snippet = lineText.slice(from, from + 24);
  return `'${snippet}${lineText.length - from > 24 ? "..." : ""}'`;
}
