/**
 * The built engine, for tests that start worker threads: a pool's worker runs
 * dist/engine/worker.js, so these tests load the engine from dist/ too (rebuilding it first
 * when a source is newer; `npm test` builds before running). Types come from the sources.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "./mpl-helpers.js";

export const CLI = join(REPO_ROOT, "dist", "cli", "main.js");
const WORKER = join(REPO_ROOT, "dist", "engine", "worker.js");

const SOURCE_DIRS = ["mpl", "engine", "export", "verify", "cli", "bench"];

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(join(REPO_ROOT, dir))) walk(join(REPO_ROOT, dir));
  return newest;
}

/** Builds dist/ when it is missing or older than a source file. */
export function ensureBuilt(): void {
  const oldest = Math.min(
    ...[CLI, WORKER].map((f) => (existsSync(f) ? statSync(f).mtimeMs : Number.NEGATIVE_INFINITY)),
  );
  if (oldest >= newestSource()) return;
  const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}

/** Imports a built module, e.g. `fromDist<typeof import("../../cli/run-engine.js")>("cli/run-engine.js")`. */
export async function fromDist<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(REPO_ROOT, "dist", path)).href)) as T;
}
