/**
 * The built CLI (dist/cli/main.js) as users run it, in a child process; rebuilt first when a
 * TypeScript source is newer than the build (`npm test` builds first anyway).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./mpl-helpers.js";

export const CLI = join(REPO_ROOT, "dist", "cli", "main.js");

export interface CliOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function gl(...args: string[]): CliOutcome {
  return glWithEnv({}, ...args);
}

/** `gl` with extra environment variables (testing hooks such as GL_FAULT_PROOF). */
export function glWithEnv(env: Record<string, string>, ...args: string[]): CliOutcome {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ["mpl", "cli", "engine", "export", "verify", "crosscheck"]) walk(join(REPO_ROOT, dir));
  return newest;
}

export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestSource()) return;
  const tsc = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}
