/**
 * Process-wide safety for the command line: a closed stdout or stderr (`gl … | head -1`) ends
 * the run quietly instead of crashing with EPIPE; SIGINT and SIGTERM stop it with one line and
 * the signal's exit code; an exception that escapes a command is reported as an internal error;
 * and on every way out the temporary output folders of the run are removed.
 */
import { removeStagedSync } from "../export/output-dir.js";
import { type FailureContext, reportFailure } from "./failure.js";

const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function guardProcess(ctx: FailureContext): void {
  process.on("exit", removeStagedSync);
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      removeStagedSync();
      // The reader went away (EPIPE) or the terminal did: nothing more can be shown.
      process.exit(e.code === "EPIPE" ? (typeof process.exitCode === "number" ? process.exitCode : 0) : 1);
    });
  }
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.on(signal, () => {
      removeStagedSync();
      try {
        process.stderr.write(`gl${ctx.command ? ` ${ctx.command}` : ""}: stopped by ${signal}\n`);
      } catch {
        // stderr closed
      }
      process.exit(code);
    });
  }
  const internal = (e: unknown) => {
    removeStagedSync();
    process.exitCode = reportFailure(e, ctx);
    process.exit();
  };
  process.on("uncaughtException", internal);
  process.on("unhandledRejection", internal);
}
