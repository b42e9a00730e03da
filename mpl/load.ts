/**
 * Loading `.mpl` theories from the file system: files and folders in, one compiled theory out.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { type Batch, compileBatchSources } from "./batches.js";
import { compileSources, type SourceText } from "./compile.js";
import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "./diagnostics.js";
import { readSource, reason } from "./source.js";
import type { Theory } from "./theory.js";

export interface LoadResult {
  readonly theory: Theory | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The text of every file read, by path, for rendering diagnostics. */
  readonly sourceTexts: ReadonlyMap<string, string>;
}

export interface BatchLoadResult {
  readonly batches: readonly Batch[] | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly sourceTexts: ReadonlyMap<string, string>;
}

/**
 * Each path is a file, or a folder whose `*.mpl` files (not recursive, sorted by name) are
 * taken; everything is merged into one theory.
 */
export function loadPaths(paths: readonly string[]): LoadResult {
  const read = readPaths(paths);
  if (read.sources === null)
    return { theory: null, diagnostics: read.diagnostics, sourceTexts: read.sourceTexts };
  const compiled = compileSources(read.sources);
  return { theory: compiled.theory, diagnostics: compiled.diagnostics, sourceTexts: read.sourceTexts };
}

/** As `loadPaths`, for an input that may declare batches (anchors with `extends`). */
export function loadBatchPaths(paths: readonly string[]): BatchLoadResult {
  const read = readPaths(paths);
  if (read.sources === null)
    return { batches: null, diagnostics: read.diagnostics, sourceTexts: read.sourceTexts };
  const compiled = compileBatchSources(read.sources);
  return { batches: compiled.batches, diagnostics: compiled.diagnostics, sourceTexts: read.sourceTexts };
}

function readPaths(paths: readonly string[]): {
  sources: SourceText[] | null;
  diagnostics: Diagnostic[];
  sourceTexts: Map<string, string>;
} {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      diagnostics.push(diagnostic("MPL301", { path: p, line: 0, col: 0 }, { path: p, reason: reason(e) }));
      continue;
    }
    if (!isDir) {
      files.push(p);
      continue;
    }
    const names = readdirSync(p)
      .filter((f) => f.endsWith(".mpl"))
      .sort();
    if (names.length === 0) diagnostics.push(diagnostic("MPL302", { path: p, line: 0, col: 0 }, { path: p }));
    files.push(...names.map((n) => join(p, n)));
  }
  const sources: SourceText[] = [];
  const sourceTexts = new Map<string, string>();
  for (const path of files) {
    if (sourceTexts.has(path)) continue;
    const read = readSource(path);
    diagnostics.push(...read.diagnostics);
    if (read.text === null) continue;
    sourceTexts.set(path, read.text);
    if (read.diagnostics.length === 0) sources.push({ path, text: read.text });
  }
  if (hasErrors(diagnostics))
    return { sources: null, diagnostics: sortDiagnostics(diagnostics, files), sourceTexts };
  return { sources, diagnostics, sourceTexts };
}
