#!/usr/bin/env node
/**
 * The `gl` command line. Each command lives in `cli/commands/` and registers itself with one
 * call below. Exit codes: 0 success, 1 input errors (e.g. MPL errors), 2 usage errors.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerCheck } from "./commands/check.js";
import { registerCrosscheck } from "./commands/crosscheck.js";
import { registerDiscover } from "./commands/discover.js";
import { registerExport } from "./commands/export.js";
import { registerProve } from "./commands/prove.js";
import { registerVerify } from "./commands/verify.js";

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
    .showSuggestionAfterError()
    // Throw instead of exiting, so usage errors can be mapped to exit code 2.
    .exitOverride();
  registerCheck(program);
  registerProve(program);
  registerVerify(program);
  registerExport(program);
  registerDiscover(program);
  registerCrosscheck(program);
  return program;
}

async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    // commander has already printed the message or help text.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  }
}

await main(process.argv);
