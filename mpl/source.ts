/**
 * Reading source files: bytes from disk, strict UTF-8 decoding, positioned errors.
 *
 * Files are read as bytes and decoded with a fatal decoder, so invalid UTF-8 is reported at
 * the line and column of the first bad byte instead of silently becoming U+FFFD.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { type Diagnostic, diagnostic } from "./diagnostics.js";

export interface DecodeResult {
  /** The text; for invalid input a lossy decoding, good enough to show the offending line. */
  readonly text: string;
  readonly diagnostics: readonly Diagnostic[];
}

const strict = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

export function decodeUtf8(path: string, bytes: Uint8Array): DecodeResult {
  try {
    return { text: strict.decode(bytes), diagnostics: [] };
  } catch {
    const bad = firstInvalidByte(bytes);
    const before = lossy.decode(bytes.subarray(0, bad));
    const lines = before.split("\n");
    const line = lines.length;
    const col = (lines[line - 1] ?? "").length + 1;
    const byte = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return { text: lossy.decode(bytes), diagnostics: [diagnostic("MPL001", { path, line, col }, { byte })] };
  }
}

export interface ReadResult {
  /** `null` when the file could not be read at all. */
  readonly text: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

/** The largest source file read (MPL, GL formula, config or conjecture list). */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

/**
 * Reads a source file. Only regular files are read (a device such as /dev/zero or a FIFO would
 * never end), and only up to MAX_SOURCE_BYTES.
 */
export function readSource(path: string): ReadResult {
  const at = { path, line: 0, col: 0 };
  let bytes: Uint8Array;
  let fd: number | null = null;
  try {
    // Non-blocking, so that opening a pipe with no writer does not wait for one.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const what = st.isDirectory()
        ? "a folder"
        : st.isFIFO()
          ? "a pipe"
          : st.isSocket()
            ? "a socket"
            : "a device";
      return { text: null, diagnostics: [diagnostic("MPL303", at, { path, what })] };
    }
    if (st.size > MAX_SOURCE_BYTES)
      return {
        text: null,
        diagnostics: [diagnostic("MPL304", at, { path, size: mib(st.size), limit: mib(MAX_SOURCE_BYTES) })],
      };
    bytes = readFileSync(fd);
  } catch (e) {
    return { text: null, diagnostics: [diagnostic("MPL301", at, { path, reason: reason(e) })] };
  } finally {
    if (fd !== null) closeSync(fd);
  }
  return decodeUtf8(path, bytes);
}

const mib = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MiB`;

/** The OS's short reason (`ENOENT: no such file or directory`) without the call details. */
export function reason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return "no such file or directory";
    if (code === "EISDIR") return "it is a directory";
    if (code === "EACCES") return "permission denied";
    return e.message;
  }
  return String(e);
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else {
      return i;
    }
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid too.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += n + 1;
  }
  return bytes.length;
}
