/**
 * Loading a theory for a command: `.mpl` files and folders, or a GL definitions folder with its
 * config and conjecture-list files. Diagnostics are returned, not printed.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { diagnostic } from "../mpl/diagnostics.js";
import {
  type BatchLink,
  type Conjecture,
  type Diagnostic,
  GL_CONJECTURE_FILES,
  type GlLoadResult,
  hasErrors,
  loadBatchPaths,
  loadGlFolder,
  loadPaths,
  parseGlConjectureLines,
  readSource,
  renderDiagnostic,
  reportLink,
  type Theory,
} from "../mpl/index.js";

export interface Loaded {
  readonly theory: Theory | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly texts: ReadonlyMap<string, string>;
  readonly files: readonly string[];
  readonly parsedOnly: readonly string[];
  /**
   * GL conjecture lines that were reported (with their line numbers) and left out; the theory
   * keeps the other lines. `gl check` still fails on them, `gl prove` goes on without them.
   */
  readonly skippedLines: number;
}

export function loadMpl(paths: readonly string[]): Loaded {
  const r = loadPaths(paths);
  return { ...r, texts: r.sourceTexts, files: [...r.sourceTexts.keys()], parsedOnly: [], skippedLines: 0 };
}

/**
 * A GL folder plus conjecture-list files: the given files, each read once, or, when none is
 * given, the folder's own lists (`conjectures.txt`, `theorems.txt`). Given files replace the
 * folder's lists, so a user's list is proved alone. A malformed line is reported
 * and skipped; only errors in the definitions or config leave no theory.
 */
export function loadGl(config: string, dir: string, conjectureFiles: readonly string[]): Loaded {
  const r: GlLoadResult = loadGlFolder(config, dir, { readConjectureLists: false });
  const texts = new Map(r.sources.map((s) => [s.path, s.text]));
  const diagnostics = [...r.diagnostics];
  let theory = r.theory;
  let skippedLines = 0;
  for (const path of conjectureListsOf(dir, conjectureFiles)) {
    const read = readSource(path);
    diagnostics.push(...read.diagnostics);
    if (read.text === null) continue;
    texts.set(path, read.text);
    if (theory === null || read.diagnostics.length > 0) continue;
    const added = parseGlConjectureLines(read.text, theory, path);
    diagnostics.push(...added.diagnostics);
    skippedLines += new Set(added.diagnostics.filter((d) => d.severity === "error").map((d) => d.line)).size;
    theory = {
      ...theory,
      predicates: added.predicates,
      conjectures: [...theory.conjectures, ...added.conjectures],
      sources: [...theory.sources, { path, text: read.text }],
    };
  }
  return {
    theory: hasErrors(r.diagnostics) ? null : theory,
    diagnostics,
    texts,
    files: [...texts.keys()],
    parsedOnly: r.parsedOnly,
    skippedLines,
  };
}

/** The given files without repeats, or when there are none the folder's own conjecture lists. */
function conjectureListsOf(dir: string, given: readonly string[]): string[] {
  if (given.length > 0) return unique(given);
  let present: string[] = [];
  try {
    present = readdirSync(dir).filter((f) => GL_CONJECTURE_FILES.includes(f));
  } catch {
    // An unreadable folder is already reported by the folder loader.
  }
  return GL_CONJECTURE_FILES.filter((f) => present.includes(f)).map((f) => join(dir, f));
}

function unique(paths: readonly string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((p) => {
    const key = resolve(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Prints every diagnostic (file:line:col, the line and a caret) to stderr. */
export function printDiagnostics(
  loaded: Pick<Loaded, "diagnostics" | "texts">,
  err: (s: string) => void,
): void {
  for (const d of loaded.diagnostics) err(`${renderDiagnostic(d, loaded.texts.get(d.path))}\n`);
}

export interface TheorySource {
  readonly paths: readonly string[];
  readonly glConfig?: string | undefined;
  readonly conjectures?: readonly string[] | undefined;
}

export function loadTheory(src: TheorySource): Loaded {
  if (src.glConfig === undefined) return loadMpl(src.paths);
  return loadGl(src.glConfig, src.paths[0] ?? ".", [...src.paths.slice(1), ...(src.conjectures ?? [])]);
}

/** A batch as `gl discover` runs it: its theory, its link, and candidates when a list gave them. */
export interface LoadedBatch {
  readonly name: string;
  readonly extends: string | null;
  readonly theory: Theory;
  readonly link: BatchLink | null;
  /** Given candidates (a GL conjecture list) instead of enumerated ones. */
  readonly candidates?: readonly Conjecture[];
}

export interface LoadedBatches {
  /** In run order; null when the input has errors. */
  readonly batches: readonly LoadedBatch[] | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly texts: ReadonlyMap<string, string>;
  readonly skippedLines: number;
}

export interface BatchSource {
  readonly paths: readonly string[];
  /** GL configs, one batch each, in run order (each extends the one before). */
  readonly glConfigs: readonly string[];
  readonly conjectures?: readonly string[] | undefined;
}

/**
 * The batches of an input: `.mpl` files and folders (batches declared with `extends`), or a GL
 * definitions folder read once per config. With one config a GL conjecture list gives that
 * batch's candidates; with several, each line goes to the batch whose anchor it quantifies over.
 */
export function loadBatches(src: BatchSource): LoadedBatches {
  if (src.glConfigs.length === 0) {
    const r = loadBatchPaths(src.paths);
    return {
      batches:
        r.batches?.map((b) => ({ name: b.name, extends: b.extends, theory: b.theory, link: b.link })) ?? null,
      diagnostics: r.diagnostics,
      texts: r.sourceTexts,
      skippedLines: 0,
    };
  }
  const dir = src.paths[0] ?? ".";
  const lists = [...src.paths.slice(1), ...(src.conjectures ?? [])];
  if (src.glConfigs.length === 1) {
    const one = loadGl(src.glConfigs[0]!, dir, lists);
    const t = one.theory;
    const given = lists.length > 0;
    return {
      batches: t
        ? [
            {
              name: t.anchor?.name ?? "",
              extends: null,
              theory: given ? { ...t, conjectures: [] } : t,
              link: null,
              ...(given ? { candidates: t.conjectures } : {}),
            },
          ]
        : null,
      diagnostics: one.diagnostics,
      texts: one.texts,
      skippedLines: one.skippedLines,
    };
  }
  const diagnostics: Diagnostic[] = [];
  const texts = new Map<string, string>();
  // Conjecture lines by the anchor they quantify over; the other lines blanked, so numbers stay.
  const listTexts: { path: string; text: string }[] = [];
  for (const path of lists) {
    const read = readSource(path);
    diagnostics.push(...read.diagnostics);
    if (read.text === null) continue;
    texts.set(path, read.text);
    listTexts.push({ path, text: read.text });
  }
  const anchorOfLine = (line: string) => /^\s*\(\s*>\s*\[[^\]]*\]\s*\(\s*([^[\s(]+)\s*\[/.exec(line)?.[1];
  const batches: LoadedBatch[] = [];
  const claimed = new Map<string, Set<number>>();
  let skippedLines = 0;
  for (const config of src.glConfigs) {
    const r = loadGlFolder(config, dir, { readConjectureLists: false });
    for (const s of r.sources) texts.set(s.path, s.text);
    diagnostics.push(...r.diagnostics);
    let theory = r.theory;
    if (theory === null || hasErrors(r.diagnostics) || theory.anchor === null) continue;
    const anchor = theory.anchor.name;
    let candidates: Conjecture[] | undefined;
    for (const { path, text } of listTexts) {
      const lines = text.split("\n");
      const mine = lines.map((l) => (anchorOfLine(l) === anchor ? l : ""));
      if (mine.every((l) => l === "")) continue;
      const set = claimed.get(path) ?? new Set<number>();
      mine.forEach((l, i) => {
        if (l !== "") set.add(i);
      });
      claimed.set(path, set);
      const added = parseGlConjectureLines(mine.join("\n"), theory, path);
      diagnostics.push(...added.diagnostics);
      skippedLines += new Set(added.diagnostics.filter((d) => d.severity === "error").map((d) => d.line))
        .size;
      candidates = [...(candidates ?? []), ...added.conjectures];
      theory = { ...theory, predicates: added.predicates, sources: [...theory.sources, { path, text }] };
    }
    const earlier = batches[batches.length - 1];
    let link: BatchLink | null = null;
    if (earlier !== undefined) {
      link = reportLink(earlier.theory, theory, null, { path: config, line: 0, col: 0 }, diagnostics);
      if (link === null) continue;
    }
    batches.push({
      name: anchor,
      extends: earlier?.name ?? null,
      theory: candidates ? { ...theory, conjectures: [] } : theory,
      link,
      ...(candidates ? { candidates } : {}),
    });
  }
  // A line for none of the batches is reported, not dropped in silence.
  for (const { path, text } of listTexts)
    text.split("\n").forEach((l, i) => {
      if (l.trim() === "" || claimed.get(path)?.has(i)) return;
      skippedLines++;
      diagnostics.push(
        diagnostic(
          "MPL205",
          { path, line: i + 1, col: 1 },
          {
            expected: `a conjecture over one of the anchors ${batches.map((b) => b.name).join(", ")}`,
            found: anchorOfLine(l) ?? "no anchor premise",
          },
        ),
      );
    });
  const failed =
    hasErrors(diagnostics.filter((d) => d.code !== "MPL205")) || batches.length !== src.glConfigs.length;
  return { batches: failed ? null : batches, diagnostics, texts, skippedLines };
}
