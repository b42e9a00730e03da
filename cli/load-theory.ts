/**
 * Loading a theory for a command: `.mpl` files and folders, or a GL definitions folder with its
 * config and conjecture-list files. Diagnostics are returned, not printed.
 */
import {
  type Diagnostic,
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
}

export function loadMpl(paths: readonly string[]): Loaded {
  const r = loadPaths(paths);
  return { ...r, texts: r.sourceTexts, files: [...r.sourceTexts.keys()], parsedOnly: [] };
}

/** A GL folder plus optional conjecture-list files. */
export function loadGl(config: string, dir: string, conjectureFiles: readonly string[]): Loaded {
  const r: GlLoadResult = loadGlFolder(config, dir);
  const texts = new Map(r.sources.map((s) => [s.path, s.text]));
  const diagnostics = [...r.diagnostics];
  let theory = r.theory;
  for (const path of conjectureFiles) {
    const read = readSource(path);
    diagnostics.push(...read.diagnostics);
    if (read.text === null) continue;
    texts.set(path, read.text);
    if (theory === null || read.diagnostics.length > 0) continue;
    const added = parseGlConjectureLines(read.text, theory, path);
    diagnostics.push(...added.diagnostics);
    theory = {
      ...theory,
      predicates: added.predicates,
      conjectures: [...theory.conjectures, ...added.conjectures],
    };
  }
  return {
    theory: hasErrors(diagnostics) ? null : theory,
    diagnostics,
    texts,
    files: [...texts.keys()],
    parsedOnly: r.parsedOnly,
  };
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
