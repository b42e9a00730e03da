/**
 * Writes the HTML site to a directory without ever losing data: the files go into a fresh
 * temporary sibling, which replaces the target with renames only when complete (see
 * export/output-dir.ts). The target is replaced when it is missing, empty, or a previous export
 * (recognised by a marker file or gl's output manifest); with `force` also a folder another gl
 * command wrote; never a folder with other files in it, nor one that holds the input.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { checkOutput, type PreviousOutput, stageOutput } from "../output-dir.js";
import type { ProofGraph } from "../schema.js";
import { loadLayoutEngine, type SiteFile, siteFiles } from "./render.js";

/** The file that marks a directory as an HTML export, so a later export may replace it. */
export const SITE_MARKER = ".gl-html-export";
const MARKER_TEXT = "HTML proof-graph site written by gl export; replaced by the next export.\n";

export interface WriteSiteOptions {
  /** Also replace a folder written by another gl command (never a folder gl did not write). */
  force?: boolean;
  /** The files to write (default: the rendered site); tests inject failures through it. */
  render?: (graph: ProofGraph) => Iterable<SiteFile>;
  /** The files the site is made from: the target may not hold them. */
  inputs?: readonly string[];
}

export interface WriteSiteResult {
  /** The site directory, resolved. */
  dir: string;
  /** Files written, the marker included. */
  files: number;
  /** Total bytes written (UTF-8). */
  bytes: number;
  /** What was at `dir` before. */
  previous: "none" | "empty" | "export" | "forced";
}

/** A refusal or failure the user can act on (the message says how). */
export class SiteWriteError extends Error {
  override name = "SiteWriteError";
}

const SAFE_PATH = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/;

const PREVIOUS: Record<PreviousOutput, WriteSiteResult["previous"]> = {
  none: "none",
  empty: "empty",
  own: "export",
  "other-command": "forced",
};

/**
 * Writes the site's files (and the marker) into `dir`, which must be new or empty; used for a
 * folder that is itself being staged (e.g. `html/` inside `gl discover`'s temporary output).
 */
export async function writeSiteFiles(
  graph: ProofGraph,
  dir: string,
  render: (graph: ProofGraph) => Iterable<SiteFile> = siteFiles,
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  await loadLayoutEngine();
  await mkdir(dir, { recursive: true });
  const made = new Set<string>();
  const put = async (rel: string, content: string): Promise<void> => {
    if (rel !== SITE_MARKER && (!SAFE_PATH.test(rel) || rel.split("/").includes(".."))) {
      throw new SiteWriteError(`refusing to write outside the site: ${JSON.stringify(rel)}`);
    }
    const sub = dirname(rel);
    if (sub !== "." && !made.has(sub)) {
      await mkdir(join(dir, sub), { recursive: true });
      made.add(sub);
    }
    await writeFile(join(dir, rel), content, { flag: "wx" });
    files += 1;
    bytes += Buffer.byteLength(content, "utf8");
  };
  for (const [rel, content] of render(graph)) await put(rel, content);
  await put(SITE_MARKER, MARKER_TEXT);
  return { files, bytes };
}

const stageOptions = (options: WriteSiteOptions) => ({
  command: "export",
  inputs: options.inputs ?? [],
  ownedWithoutManifest: (entries: readonly string[]) => entries.includes(SITE_MARKER),
  replaceOtherCommands: options.force === true,
});

/** Throws OutputPathError now when `writeSite` would refuse `dir` (so a bad one fails first). */
export function checkSiteTarget(dir: string, options: WriteSiteOptions = {}): void {
  checkOutput(dir, stageOptions(options));
}

/** Writes the site for `graph` to `dir`; see the module comment for when `dir` is replaced. */
export async function writeSite(
  graph: ProofGraph,
  dir: string,
  options: WriteSiteOptions = {},
): Promise<WriteSiteResult> {
  const stage = stageOutput(dir, stageOptions(options));
  try {
    const { files, bytes } = await stage.writing(() => writeSiteFiles(graph, stage.dir, options.render));
    stage.commit();
    return { dir: stage.target, files, bytes, previous: PREVIOUS[stage.previous] };
  } finally {
    stage.abort();
  }
}
