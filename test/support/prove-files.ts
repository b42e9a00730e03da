/**
 * `gl prove --json` on a theory written into a fresh folder (tests of how a theory's wording
 * changes what is proved).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { gl } from "./built-cli.js";

/** Writes `files` (name → text) into `dir` and returns the parsed `gl prove --json -q --workers 1` summary. */
export function proveFiles<S>(dir: string, files: Record<string, string>, ...extra: string[]): S {
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = gl("prove", dir, "--json", "-q", "--workers", "1", ...extra);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as S;
}
