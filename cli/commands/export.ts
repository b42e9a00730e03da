/**
 * `gl export <proof.json> --html <dir> [--force]`: turns a proof graph into a static HTML site.
 * The command reads and checks the JSON, then writes the site atomically (see
 * export/html/write.ts). Input and output-path errors exit 1 with one line on stderr; a missing
 * output format is a usage error and exits 2.
 */
import type { Command } from "commander";
import { checkSiteTarget, writeSite } from "../../export/html/write.js";
import { readProofGraph } from "../../export/proof-graph-file.js";
import { UsageError } from "../failure.js";

interface ExportOptions {
  html?: string;
  force?: boolean;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

async function runExport(proof: string, options: ExportOptions): Promise<void> {
  const dir = options.html;
  if (dir === undefined || dir === "") throw new UsageError("say what to export: --html <dir>");
  const site = { force: options.force === true, inputs: [proof] };
  // The output folder first: a bad one fails before the input is read.
  checkSiteTarget(dir, site);
  const graph = await readProofGraph(proof);
  const result = await writeSite(graph, dir, site);
  process.stdout.write(
    `wrote ${result.files} files (${formatBytes(result.bytes)}) to ${dir}: ` +
      `${graph.theorems.length} theorems, ${graph.unproved.length} unproved conjectures` +
      (graph.earlier?.length
        ? `; earlier batches: ${graph.earlier.map((e) => `${e.theory.anchor} (${e.theorems.length} theorems)`).join(", ")}`
        : "") +
      "\n",
  );
}

/** Adds the `export` command to the `gl` program; returns the new subcommand. */
export function registerExport(program: Command): Command {
  return program
    .command("export")
    .description("write a proof graph (JSON) as a browsable static HTML site")
    .argument("<proof.json>", "proof graph written by the engine (schema gl-proof-graph, version 2)")
    .option("--html <dir>", "write the HTML site to this directory")
    .option("--force", "also replace a folder another gl command wrote (never one with other files)")
    .action(async (proof: string, options: ExportOptions) => runExport(proof, options));
}
