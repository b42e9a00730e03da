#!/usr/bin/env node
/**
 * The `gl` command line. Each command lives in `cli/commands/` and registers itself with one
 * call below; a run loads only the module of the command it names (a command pulls in the
 * engine, the exporters or the solvers, which a `gl verify` or `gl --version` does not need). Exit codes (see cli/failure.ts): 0 success, 1 input errors, output-path problems
 * and failed checks, 2 usage errors, 3 internal errors. Every failure is one line
 * `gl <command>: error: …` (or an MPL diagnostic), never a stack trace unless `--debug`.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { EXIT, escapeControls, printFailureJson, reportFailure } from "./failure.js";
import { guardProcess } from "./process-guard.js";

/** The package version, read at run time so that it cannot drift from package.json. */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = (pkg as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}

/** Every command in the order of the help listing, each loading its module when asked. */
const COMMANDS: Readonly<Record<string, () => Promise<(program: Command) => unknown>>> = {
  check: async () => (await import("./commands/check.js")).registerCheck,
  prove: async () => (await import("./commands/prove.js")).registerProve,
  verify: async () => (await import("./commands/verify.js")).registerVerify,
  export: async () => (await import("./commands/export.js")).registerExport,
  discover: async () => (await import("./commands/discover.js")).registerDiscover,
  crosscheck: async () => (await import("./commands/crosscheck.js")).registerCrosscheck,
};

/**
 * The program with the command `only` (the one the command line names), or with every command
 * when `only` is "" (help, the version, an unknown command and its suggestions need them all).
 */
export async function buildProgram(only = ""): Promise<Command> {
  const program = new Command("gl")
    .description("A deterministic, message-passing logic engine for MPL theories.")
    .version(packageVersion(), "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show help")
    .option("--debug", "on an internal error, print the stack trace too")
    .showSuggestionAfterError()
    // Throw instead of exiting, so usage errors can be mapped to exit code 2.
    .exitOverride();
  const names = only === "" ? Object.keys(COMMANDS) : [only];
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program);
  // Testing hook: an exception no command expects, to show how an internal error is reported.
  program.hook("preAction", () => {
    if (process.env.GL_FAULT_INTERNAL) throw new Error("injected internal fault (testing hook)");
  });
  // Commander's own messages (unknown option, missing argument) in the one error format.
  for (const cmd of [program, ...program.commands]) {
    const name = cmd === program ? "" : ` ${cmd.name()}`;
    cmd.configureOutput({
      outputError: (text, write) =>
        write(`gl${name}: ${escapeControls(text.replace(/^error: /, "error: ").trimEnd())}\n`),
    });
  }
  return program;
}

/** The sub-command named on the command line, for error messages before commander parsed it. */
function commandName(argv: readonly string[]): string {
  return argv.slice(2).find((a) => Object.hasOwn(COMMANDS, a)) ?? "";
}

/**
 * The command that commander will run: the first word that is not a program option (those
 * take no values), when it names a command; "" otherwise (`gl help prove`, `gl --help`).
 */
function invokedCommand(argv: readonly string[]): string {
  const first = argv.slice(2).find((a) => !a.startsWith("-"));
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? first : "";
}

async function main(argv: readonly string[]): Promise<void> {
  const command = commandName(argv);
  const ctx = { command: command || "", json: argv.includes("--json"), debug: argv.includes("--debug") };
  guardProcess(ctx);
  try {
    await (await buildProgram(invokedCommand(argv))).parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has already printed the message or help text.
      const code = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      if (code !== 0 && ctx.json) printFailureJson(command, "usage", code, e.message.replace(/^error: /, ""));
      process.exitCode = code;
      return;
    }
    process.exitCode = reportFailure(e, ctx);
  }
}

await main(process.argv);
