/**
 * The built `gl` in a child process, asynchronously (so that cases run side by side and a test
 * can act on a run while it works: kill it, signal it), and the checks every failure must pass:
 * no stack trace, the one error format, nothing left behind.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { CLI } from "./built-cli.js";
import { REPO_ROOT } from "./mpl-helpers.js";

export interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string>;
  /** Kill the run (SIGKILL) after this long; the outcome then has signal SIGKILL. */
  readonly timeoutMs?: number;
  /** Called once the child has started, e.g. to kill it at a chosen moment. */
  readonly onStart?: (child: ChildProcess) => void;
}

function collect(child: ChildProcess, o: RunOptions): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => {
    stdout += s;
  });
  child.stderr?.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), o.timeoutMs ?? 90_000);
  o.onStart?.(child);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/**
 * Runs at most `n` tasks at a time (by default one per core): for child processes that use one
 * thread each, so that they fill the cores without oversubscribing them.
 */
export function limiter(n = availableParallelism()): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finished task hands its slot straight to the next waiting one.
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** `gl <args>` from the repository root. */
export function glAsync(args: readonly string[], o: RunOptions = {}): Promise<Outcome> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...o.env },
  });
  return collect(child, o);
}

/** A bash script in which the function `gl` runs the built `gl` (for ulimit and pipes). */
export function shAsync(script: string, o: RunOptions = {}): Promise<Outcome> {
  const child = spawn("bash", ["-c", `gl() { "$GL_NODE" "$GL_CLI" "$@"; }; ${script}`], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...o.env, GL_NODE: process.execPath, GL_CLI: CLI },
  });
  return collect(child, o);
}

const STACK = /\n\s+at |node:internal|Error: .*\n\s+at|^\s+at /m;

/** No stack trace anywhere in the output. */
export function hasStackTrace(o: Outcome): boolean {
  return STACK.test(o.stderr) || STACK.test(o.stdout);
}

/** `gl <cmd>: error: …` or an MPL diagnostic `file[:line:col]: error MPLnnn: …`. */
const ERROR_LINE = /^(gl( [a-z]+)?: error: |.+?(:\d+:\d+)?: error MPL\d{3}: )/;

/** The stderr lines that are errors, or lines that look like errors in another format. */
export function errorLines(stderr: string): { good: string[]; bad: string[] } {
  const good: string[] = [];
  const bad: string[] = [];
  for (const line of stderr.split("\n")) {
    if (ERROR_LINE.test(line)) good.push(line);
    else if (/\berror\b/i.test(line) && !/^\s/.test(line)) bad.push(line);
  }
  return { good, bad };
}

/** Temporary folders a gl command may leave beside `target` (there must be none). */
export function leftovers(target: string): string[] {
  const prefix = `.${target.split("/").pop()}.gl-`;
  try {
    return readdirSync(dirname(target)).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
}
