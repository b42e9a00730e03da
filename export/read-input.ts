/**
 * Reading an input file for the tools (a proof graph): only a regular file, and only up to a
 * size cap, so that a device such as /dev/zero or a FIFO fails at once instead of being read
 * until memory runs out.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { describeFsError } from "./fs-errors.js";

/** The largest proof graph read (the HTML export and the verifier hold it in memory). */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export class InputFileError extends Error {
  override name = "InputLimitError";
}

export function readInputFile(path: string, maxBytes = MAX_INPUT_BYTES): string {
  let fd: number | null = null;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputFileError(`cannot read ${path}: it is a folder, not a file`);
    if (!st.isFile()) throw new InputFileError(`cannot read ${path}: it is not a regular file`);
    if (st.size > maxBytes)
      throw new InputFileError(
        `cannot read ${path}: it is ${Math.round(st.size / 1048576)} MiB, more than the ${Math.round(maxBytes / 1048576)} MiB limit`,
      );
    return readFileSync(fd, "utf8");
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    throw new InputFileError(`cannot read ${path}: ${describeFsError(e)}`);
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
