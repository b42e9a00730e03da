/**
 * Writes JSON atomically: to a temporary file in the same folder, then renamed into place, so
 * a reader (or a failed run) never sees a half-written file.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function writeJsonAtomic(path: string, value: unknown): number {
  const text = `${JSON.stringify(value, null, 1)}\n`;
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return Buffer.byteLength(text);
}
