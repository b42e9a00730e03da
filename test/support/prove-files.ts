/**
 * `gl prove --json` on a theory written into a fresh folder (tests of how a theory's wording
 * changes what is proved).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { gl } from "./built-cli.js";
import { glAsync, limiter } from "./cli-async.js";

function writeTheory(dir: string, files: Record<string, string>): void {
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

/** Writes `files` (name → text) into `dir` and returns the parsed `gl prove --json -q --workers 1` summary. */
export function proveFiles<S>(dir: string, files: Record<string, string>, ...extra: string[]): S {
  writeTheory(dir, files);
  const r = gl("prove", dir, "--json", "-q", "--workers", "1", ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as S;
}

/** One thread per run: as many runs at a time as there are cores. */
const oneRunPerCore = limiter();

/** {@link proveFiles} in the background, at most one run per core at a time (for concurrent tests). */
export async function proveFilesAsync<S>(
  dir: string,
  files: Record<string, string>,
  ...extra: string[]
): Promise<S> {
  writeTheory(dir, files);
  const r = await oneRunPerCore(() =>
    glAsync(["prove", dir, "--json", "-q", "--workers", "1", ...extra], { timeoutMs: 120_000 }),
  );
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as S;
}
