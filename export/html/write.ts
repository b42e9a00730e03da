/**
 * Writes the HTML site to a directory, atomically: every file goes into a fresh temporary
 * sibling directory, which is renamed into place only when complete. A failure at any point
 * removes the temporary directory and leaves the target as it was. An existing target is
 * replaced when it is empty or a previous export (recognised by a marker file), and a foreign,
 * non-empty directory only with `force`.
 */
import { chmod, lstat, mkdir, mkdtemp, readdir, rename, rm, rmdir, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { ProofGraph } from "../schema.js";
import { loadLayoutEngine, type SiteFile, siteFiles } from "./render.js";

/** The file that marks a directory as an HTML export, so a later export may replace it. */
export const SITE_MARKER = ".gl-html-export";
const MARKER_TEXT = "HTML proof-graph site written by gl export; replaced by the next export.\n";

export interface WriteSiteOptions {
  /** Replace an existing non-empty directory even when it is not a previous export. */
  force?: boolean;
  /** The files to write (default: the rendered site); tests inject failures through it. */
  render?: (graph: ProofGraph) => Iterable<SiteFile>;
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

async function existing(dir: string, force: boolean): Promise<WriteSiteResult["previous"]> {
  let stat: Awaited<ReturnType<typeof lstat>>;
  try {
    stat = await lstat(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "none";
    throw e;
  }
  if (stat.isSymbolicLink()) throw new SiteWriteError(`${dir} is a symbolic link; give the real directory`);
  if (!stat.isDirectory()) throw new SiteWriteError(`${dir} exists and is not a directory`);
  const entries = await readdir(dir);
  if (entries.length === 0) return "empty";
  if (entries.includes(SITE_MARKER)) return "export";
  if (force) return "forced";
  throw new SiteWriteError(
    `${dir} is not empty and is not a previous HTML export (${entries.length} ${entries.length === 1 ? "entry" : "entries"}); use --force to replace it`,
  );
}

/** Writes the site for `graph` to `dir`; see the module comment for when `dir` is replaced. */
export async function writeSite(
  graph: ProofGraph,
  dir: string,
  options: WriteSiteOptions = {},
): Promise<WriteSiteResult> {
  const target = resolve(dir);
  const parent = dirname(target);
  const base = basename(target);
  const previous = await existing(target, options.force === true);
  await mkdir(parent, { recursive: true });
  await loadLayoutEngine();
  const temp = await mkdtemp(join(parent, `.${base}.tmp-`));
  // mkdtemp makes 0700; the site is for others to read too, as `cp` would leave it (umask applies).
  await chmod(temp, 0o777 & ~process.umask());
  let files = 0;
  let bytes = 0;
  try {
    const made = new Set<string>();
    const put = async (rel: string, content: string): Promise<void> => {
      if (rel !== SITE_MARKER && (!SAFE_PATH.test(rel) || rel.split("/").includes(".."))) {
        throw new SiteWriteError(`refusing to write outside the site: ${JSON.stringify(rel)}`);
      }
      const sub = dirname(rel);
      if (sub !== "." && !made.has(sub)) {
        await mkdir(join(temp, sub), { recursive: true });
        made.add(sub);
      }
      await writeFile(join(temp, rel), content, { flag: "wx" });
      files += 1;
      bytes += Buffer.byteLength(content, "utf8");
    };
    const render = options.render ?? siteFiles;
    for (const [rel, content] of render(graph)) await put(rel, content);
    await put(SITE_MARKER, MARKER_TEXT);
    await swapIn(temp, target, previous !== "none");
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    throw e;
  }
  return { dir: target, files, bytes, previous };
}

/** Moves the finished site into place, keeping the old directory until the move succeeded. */
async function swapIn(temp: string, target: string, replace: boolean): Promise<void> {
  if (!replace) {
    await rename(temp, target);
    return;
  }
  const aside = await mkdtemp(join(dirname(target), `.${basename(target)}.old-`));
  await rmdir(aside);
  await rename(target, aside);
  try {
    await rename(temp, target);
  } catch (e) {
    await rename(aside, target);
    throw e;
  }
  await rm(aside, { recursive: true, force: true });
}
