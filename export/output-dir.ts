/**
 * Output folders that never lose data. A command that writes a folder first checks the target
 * (before any work, so a bad path fails at once), then writes everything into a fresh
 * temporary sibling `.<name>.gl-tmp-<pid>-…` and swaps it in with renames at the end. The
 * target is replaced only when it is missing, empty, or a folder gl wrote (it holds the
 * manifest `.gl-output.json`); never when it holds other files or the command's own input.
 *
 * Crash safety: the temporary folders of the running process are removed on every exit path
 * (see `removeStagedSync`, called from the process guard on exit and on signals). After a
 * SIGKILL, the next command that targets the same folder removes what a dead process left
 * and, when the kill fell between the two renames of the swap, puts the old output back; so
 * the target always holds either the complete old output or the complete new one.
 */
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { describeFsError } from "./fs-errors.js";

/** The file that marks a folder as written by gl (and so replaceable by gl). */
export const OUTPUT_MANIFEST = ".gl-output.json";

/** A refusal or failure about an output path that the user can act on (the message says how). */
export class OutputPathError extends Error {
  override name = "OutputPathError";
}

/** Pseudo file systems that are never a place for output (writing there can hang or harm). */
const FORBIDDEN_ROOTS = ["/proc", "/sys", "/dev"];

const TMP_TAG = "gl-tmp";
const OLD_TAG = "gl-old";

/** Temporary folders of this process not yet swapped in or removed. */
const staged = new Set<string>();

/** Removes this process's temporary folders; safe to call from an exit or signal handler. */
export function removeStagedSync(): void {
  for (const dir of staged) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort on the way out; the next run targeting the folder removes it.
    }
    staged.delete(dir);
  }
}

export interface StageOptions {
  /** The command, recorded in the manifest (`discover`, `prove`, `export`). */
  readonly command: string;
  /** The command's input files and folders: the target may not hold any of them. */
  readonly inputs?: readonly string[];
  /**
   * Whether an existing folder without the manifest may be replaced anyway because it is
   * recognisably this command's earlier output (e.g. an HTML export with its own marker).
   */
  readonly ownedWithoutManifest?: (entries: readonly string[], dir: string) => boolean;
  /** Replace a folder written by another gl command (by default only the same command's). */
  readonly replaceOtherCommands?: boolean;
}

/** What the target held before. */
export type PreviousOutput = "none" | "empty" | "own" | "other-command";

export interface OutputStage {
  /** The target folder, resolved. */
  readonly target: string;
  /** The temporary folder to write into. */
  readonly dir: string;
  readonly previous: PreviousOutput;
  /** Writes the manifest and swaps the temporary folder in. */
  commit(): void;
  /**
   * Runs the writing of the output: a file-system failure (a full disk, a file-size limit)
   * becomes an OutputPathError that names the target instead of the temporary folder.
   */
  writing<T>(write: () => Promise<T>): Promise<T>;
  /** Removes the temporary folder (the target is untouched). */
  abort(): void;
}

/** The nearest existing ancestor of a path (the path itself when it exists). */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p)) {
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  return p;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && rel !== "..");
}

function checkPlace(target: string): void {
  const real = join(realpathSync(existingAncestor(target)), relative(existingAncestor(target), target));
  for (const root of FORBIDDEN_ROOTS)
    if (isInside(target, root) || isInside(real, root))
      throw new OutputPathError(`${target} is under ${root}, which is not a place for output`);
}

function readManifest(dir: string): { command?: unknown } | null {
  try {
    return JSON.parse(readFileSync(join(dir, OUTPUT_MANIFEST), "utf8")) as { command?: unknown } | null;
  } catch {
    return {};
  }
}

/** What is at the target now, or a refusal. */
function inspectTarget(target: string, o: StageOptions): PreviousOutput {
  let st: ReturnType<typeof lstatSync>;
  try {
    st = lstatSync(target);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "none";
    throw new OutputPathError(`cannot use ${target}: ${describeFsError(e)}`);
  }
  if (st.isSymbolicLink())
    throw new OutputPathError(`${target} is a symbolic link; give the real folder instead`);
  if (!st.isDirectory()) throw new OutputPathError(`${target} exists and is a file, not a folder`);
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch (e) {
    throw new OutputPathError(`cannot read ${target}: ${describeFsError(e)}`);
  }
  if (entries.length === 0) return "empty";
  if (entries.includes(OUTPUT_MANIFEST)) {
    const m = readManifest(target);
    if (m?.command === o.command) return "own";
    if (o.replaceOtherCommands) return "other-command";
    const by = typeof m?.command === "string" ? `gl ${m.command}` : "another gl command";
    throw new OutputPathError(
      `${target} holds the output of ${by}; give another folder${o.command === "export" ? " or use --force to replace it" : ""}`,
    );
  }
  if (o.ownedWithoutManifest?.(entries, target)) return "own";
  throw new OutputPathError(
    `${target} is not empty and was not written by gl (${entries.length} ${entries.length === 1 ? "entry" : "entries"}); ` +
      "give a new or empty folder, or one gl wrote before",
  );
}

function checkInputs(target: string, inputs: readonly string[]): void {
  for (const input of inputs) {
    const abs = resolve(input);
    let real = abs;
    try {
      real = realpathSync(abs);
    } catch {
      // A missing input is reported by the loader.
    }
    if (isInside(abs, target) || isInside(real, target))
      throw new OutputPathError(
        `${target} holds this command's input ${input}; write the output to another folder`,
      );
  }
}

/** Whether a process id is alive (a process we may not signal still counts as alive). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Clears what a killed run left beside `target`: its temporary folders, and, when the kill fell
 * between the two renames of a swap (the target is missing), the old output is put back.
 */
export function recoverLeftovers(target: string): void {
  const parent = dirname(target);
  const prefix = `.${basename(target)}.`;
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = new RegExp(`^(${TMP_TAG}|${OLD_TAG})-(\\d+)-`).exec(name.slice(prefix.length));
    if (!m) continue;
    const path = join(parent, name);
    // A live process's folders are its own business (this process's too: they are in use).
    if (alive(Number(m[2]))) continue;
    try {
      if (m[1] === OLD_TAG && !existsSync(target)) renameSync(path, target);
      else rmSync(path, { recursive: true, force: true });
    } catch {
      // Leave it for a later run rather than fail this one.
    }
  }
}

/** The checks of `stageOutput` alone, making nothing (for a command that reads its input first). */
export function checkOutput(targetPath: string, o: StageOptions): PreviousOutput {
  const target = resolve(targetPath);
  checkPlace(target);
  checkInputs(target, o.inputs ?? []);
  return inspectTarget(target, o);
}

/**
 * Checks `target` and makes the temporary folder beside it; throws OutputPathError with a
 * message for the user when the target cannot or may not be written.
 */
export function stageOutput(targetPath: string, o: StageOptions): OutputStage {
  const target = resolve(targetPath);
  checkPlace(target);
  checkInputs(target, o.inputs ?? []);
  recoverLeftovers(target);
  const previous = inspectTarget(target, o);
  const parent = dirname(target);
  try {
    mkdirSync(parent, { recursive: true });
  } catch (e) {
    throw new OutputPathError(`cannot create ${parent}: ${describeFsError(e)}`);
  }
  let dir: string;
  try {
    accessSync(parent, constants.W_OK);
    dir = mkdtempSync(join(parent, `.${basename(target)}.${TMP_TAG}-${process.pid}-`));
    // mkdtemp makes 0700; the output is for others to read too, as `cp` would leave it.
    chmodSync(dir, 0o777 & ~process.umask());
  } catch (e) {
    throw new OutputPathError(`cannot write in ${parent}: ${describeFsError(e)}`);
  }
  staged.add(dir);
  const abort = () => {
    rmSync(dir, { recursive: true, force: true });
    staged.delete(dir);
  };
  const commit = () => {
    try {
      // The target may have changed while the work ran: check it again.
      const now = inspectTarget(target, o);
      const files = readdirSync(dir, { recursive: true }).map(String).sort();
      writeFileSync(
        join(dir, OUTPUT_MANIFEST),
        `${JSON.stringify({ writtenBy: "gl", command: o.command, files }, null, 1)}\n`,
      );
      swapIn(dir, target, now !== "none");
    } catch (e) {
      abort();
      if (e instanceof OutputPathError) throw e;
      throw new OutputPathError(`cannot write ${target}: ${describeFsError(e)}`);
    }
    staged.delete(dir);
  };
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code === "string" && /^E[A-Z]+$/.test(code))
        throw new OutputPathError(`cannot write ${target}: ${describeFsError(e)}`);
      throw e;
    }
  };
  return { target, dir, previous, commit, abort, writing };
}

/** Renames the finished folder into place; the old one is moved aside first and removed last. */
function swapIn(temp: string, target: string, replace: boolean): void {
  if (!replace) {
    renameSync(temp, target);
    return;
  }
  const aside = `${join(dirname(target), `.${basename(target)}.${OLD_TAG}-${process.pid}-`)}${basename(temp).slice(-6)}`;
  renameSync(target, aside);
  try {
    renameSync(temp, target);
  } catch (e) {
    renameSync(aside, target);
    throw e;
  }
  rmSync(aside, { recursive: true, force: true });
}

/** The start of a file, for recognising what wrote it. */
function head(path: string, bytes = 512): string {
  try {
    const fd = openSync(path, "r");
    try {
      const buf = Buffer.alloc(bytes);
      return buf.subarray(0, readSync(fd, buf, 0, bytes, 0)).toString("utf8");
    } finally {
      closeSync(fd);
    }
  } catch {
    return "";
  }
}

const isProofGraph = (path: string): boolean => /"schema":\s*"gl-proof-graph"/.test(head(path));

/**
 * Output folders written before gl marked them with the manifest: only the files gl writes
 * there, and a proof graph among them (so a user's folder is never mistaken for one).
 */
export const legacyOutput =
  (names: readonly string[]) =>
  (entries: readonly string[], dir: string): boolean =>
    entries.every((e) => names.includes(e)) &&
    entries.includes("proof.json") &&
    isProofGraph(join(dir, "proof.json")) &&
    (!entries.includes("html") || existsSync(join(dir, "html", ".gl-html-export")));
