/**
 * `gl export <proof.json> --html <dir> [--force]`: turns a proof graph into a static HTML site.
 * The command reads and checks the JSON, then writes the site atomically (see
 * export/html/write.ts). Input errors exit 1 with one line on stderr; a missing output format
 * is a usage error and exits 2.
 */
import type { Command } from "commander";
import { SiteWriteError, writeSite } from "../../export/html/write.js";
import { ProofGraphInputError, readProofGraph } from "../../export/proof-graph-file.js";

interface ExportOptions {
  html?: string;
  force?: boolean;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

async function runExport(proof: string, options: ExportOptions, cmd: Command): Promise<void> {
  const dir = options.html;
  if (dir === undefined || dir === "") {
    cmd.error("error: say what to export: --html <dir>", { exitCode: 2, code: "gl.export.usage" });
  }
  try {
    const graph = await readProofGraph(proof);
    const result = await writeSite(graph, dir, { force: options.force === true });
    const out = cmd.configureOutput().writeOut ?? ((s: string) => process.stdout.write(s));
    out(
      `wrote ${result.files} files (${formatBytes(result.bytes)}) to ${dir}: ` +
        `${graph.theorems.length} theorems, ${graph.unproved.length} unproved conjectures\n`,
    );
  } catch (e) {
    if (e instanceof ProofGraphInputError || e instanceof SiteWriteError) {
      cmd.error(`error: ${e.message}`, { exitCode: 1, code: "gl.export.input" });
    }
    const code = (e as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === "string") {
      // A file-system refusal (permissions, a full disk) is the user's to fix, not a crash.
      cmd.error(`error: cannot write ${dir}: ${(e as Error).message}`, { exitCode: 1, code: "gl.export.io" });
    }
    throw e;
  }
}

/** Adds the `export` command to the `gl` program; returns the new subcommand. */
export function registerExport(program: Command): Command {
  return program
    .command("export")
    .description("write a proof graph (JSON) as a browsable static HTML site")
    .argument("<proof.json>", "proof graph written by the engine (schema gl-proof-graph, version 1)")
    .option("--html <dir>", "write the HTML site to this directory")
    .option("--force", "replace <dir> even if it is not empty and not a previous export")
    .action(async (proof: string, options: ExportOptions, cmd: Command) => runExport(proof, options, cmd));
}
