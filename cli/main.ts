#!/usr/bin/env node
/**
 * The `gl` command line. Each command lives in `cli/commands/` and registers itself with one
 * call below. Exit codes (see cli/failure.ts): 0 success, 1 input errors, output-path problems
 * and failed checks, 2 usage errors, 3 internal errors. Every failure is one line
 * `gl <command>: error: …` (or an MPL diagnostic), never a stack trace unless `--debug`.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerCheck } from "./commands/check.js";
import { registerCrosscheck } from "./commands/crosscheck.js";
import { registerDiscover } from "./commands/discover.js";
import { registerExport } from "./commands/export.js";
import { registerProve } from "./commands/prove.js";
import { registerVerify } from "./commands/verify.js";
import { EXIT, escapeControls, printFailureJson, reportFailure } from "./failure.js";
import { guardProcess } from "./process-guard.js";

/** The package version, read at run time so that it cannot drift from package.json. */
function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = (pkg as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}

export function buildProgram(): Command {
  const program = new Command("gl")
    .description("A deterministic, message-passing logic engine for MPL theories.")
    .version(packageVersion(), "-V, --version", "print the version and exit")
    .helpOption("-h, --help", "show help")
    .option("--debug", "on an internal error, print the stack trace too")
    .showSuggestionAfterError()
    // Throw instead of exiting, so usage errors can be mapped to exit code 2.
    .exitOverride();
  registerCheck(program);
  registerProve(program);
  registerVerify(program);
  registerExport(program);
  registerDiscover(program);
  registerCrosscheck(program);
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
  const known = new Set(["check", "prove", "verify", "export", "discover", "crosscheck"]);
  return argv.slice(2).find((a) => known.has(a)) ?? "";
}

async function main(argv: readonly string[]): Promise<void> {
  const command = commandName(argv);
  const ctx = { command: command || "", json: argv.includes("--json"), debug: argv.includes("--debug") };
  guardProcess(ctx);
  try {
    await buildProgram().parseAsync([...argv]);
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
