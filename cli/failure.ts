/**
 * How every command fails: one line `gl <command>: error: …` on stderr (MPL errors keep their
 * `file:line:col: error MPLnnn:` form), the exit code the README promises, and with `--json`
 * the same failure as one JSON document on stdout. An unexpected exception is an internal
 * error: a short line asking for a report, the stack trace only under `--debug`.
 *
 * Exit codes: 0 success, 1 input errors, output-path problems and failed checks, 2 usage errors,
 * 3 internal errors (bugs), 130/143 stopped by SIGINT/SIGTERM.
 */
import { escapeControls } from "../mpl/diagnostics.js";
import type { Diagnostic } from "../mpl/index.js";

export { escapeControls };

export const EXIT = { ok: 0, input: 1, usage: 2, internal: 3 } as const;

export type FailureKind = "usage" | "input" | "output" | "internal" | "stopped";

/** An error meant for the user: its message is shown as is, with its exit code. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly kind: FailureKind = "input",
    readonly exitCode: number = kind === "usage" ? EXIT.usage : EXIT.input,
  ) {
    super(message);
  }
}

/** A bad flag or flag value: exit 2. */
export class UsageError extends CliError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, "usage", EXIT.usage);
  }
}

/** The JSON document printed on stdout for a failure under `--json`. */
export interface FailureJson {
  readonly ok: false;
  readonly command: string;
  readonly exitCode: number;
  readonly error: { readonly kind: FailureKind; readonly message: string };
  readonly diagnostics: readonly Diagnostic[];
}

export interface FailureContext {
  readonly command: string;
  readonly json: boolean;
  readonly debug: boolean;
}

/** Error classes from the other folders that carry a user-facing message. */
const USER_ERRORS = new Set([
  "OutputPathError",
  "SiteWriteError",
  "ProofGraphInputError",
  "WorkerError",
  "InputLimitError",
]);

function classify(e: unknown): { kind: FailureKind; exitCode: number; message: string } {
  if (e instanceof CliError) return { kind: e.kind, exitCode: e.exitCode, message: e.message };
  if (e instanceof Error && USER_ERRORS.has(e.name))
    return {
      kind: e.name === "OutputPathError" ? "output" : "input",
      exitCode: EXIT.input,
      message: e.message,
    };
  if (e instanceof Error && USER_ERRORS.has(e.constructor.name))
    return { kind: "input", exitCode: EXIT.input, message: e.message };
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ERR_WORKER_OUT_OF_MEMORY")
    return {
      kind: "input",
      exitCode: EXIT.input,
      message: "a worker thread ran out of memory; lower --workers or --model-size, or raise --max-memory",
    };
  const message = e instanceof Error ? e.message : String(e);
  return {
    kind: "internal",
    exitCode: EXIT.internal,
    message: `internal error: ${message.split("\n")[0]!.slice(0, 300)}. This is a bug; please report it with the command you ran (add --debug for the trace)`,
  };
}

/** Prints a failure (stderr line, JSON document under --json) and returns its exit code. */
export function reportFailure(
  e: unknown,
  ctx: FailureContext,
  diagnostics: readonly Diagnostic[] = [],
): number {
  const { kind, exitCode, message } = classify(e);
  const line = message.startsWith("internal error:") ? message : `error: ${message}`;
  writeSafely(process.stderr, `gl ${ctx.command}: ${escapeControls(line)}\n`);
  if (ctx.debug && e instanceof Error && e.stack) writeSafely(process.stderr, `${e.stack}\n`);
  if (ctx.json) printFailureJson(ctx.command, kind, exitCode, message, diagnostics);
  return exitCode;
}

/** The JSON failure document alone (the stderr part was printed elsewhere, e.g. MPL diagnostics). */
export function printFailureJson(
  command: string,
  kind: FailureKind,
  exitCode: number,
  message: string,
  diagnostics: readonly Diagnostic[] = [],
): void {
  const doc: FailureJson = { ok: false, command, exitCode, error: { kind, message }, diagnostics };
  writeSafely(process.stdout, `${JSON.stringify(doc, null, 2)}\n`);
}

function writeSafely(stream: NodeJS.WriteStream, text: string): void {
  try {
    stream.write(text);
  } catch {
    // A closed pipe: nothing more can be said there.
  }
}
