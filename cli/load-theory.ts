/**
 * Loading a theory for a command: `.mpl` files and folders, or a GL definitions folder with its
 * config and conjecture-list files. Diagnostics are returned, not printed.
 */
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type Diagnostic,
  GL_CONJECTURE_FILES,
  type GlLoadResult,
  hasErrors,
  loadGlFolder,
  loadPaths,
  parseGlConjectureLines,
  readSource,
  renderDiagnostic,
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
export function printDiagnostics(loaded: Loaded, err: (s: string) => void): void {
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
