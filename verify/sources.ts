/**
 * The trust anchor, recomputed: the sources a graph carries (`theory.sources`) are compiled
 * again with the MPL compiler, which gives the anchor, the constants with their induction
 * roles, and the axioms the graph must have. The sources are either `.mpl` files or a GL
 * folder: one `Config*.json` with the definitions' signatures plus the folder's `.txt` files.
 */
import { dirname } from "node:path";
import type { EntityJson, ProofGraph } from "../export/schema.js";
import { anchorJson, type ConstantJson } from "../mpl/entity-json.js";
import { compileSources, type Diagnostic, loadGlTexts, renderDiagnostic, type Theory } from "../mpl/index.js";

export interface ExpectedAnchor {
  readonly anchor: string;
  readonly constants: readonly ConstantJson[];
  readonly axioms: readonly EntityJson[];
}

/**
 * `compiled`: what the sources give. `failed`: the sources do not give a theory, so the graph
 * claims sources it cannot have come from (a failure). `unchecked`: the sources cannot be
 * compiled again for a reason that says nothing against the graph (reported as a note).
 */
export type Recompiled =
  | { readonly kind: "compiled"; readonly expected: ExpectedAnchor; readonly from: string }
  | { readonly kind: "failed" | "unchecked"; readonly reason: string };

type Source = ProofGraph["theory"]["sources"][number];

function firstError(diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics.find((x) => x.severity === "error");
  return d ? renderDiagnostic(d) : "no theory";
}

/** The folder the `.txt` files of a GL theory share, or a reason why they share none. */
function glFolder(config: Source, texts: readonly Source[]): { dir: string } | { reason: string } {
  const dirs = [...new Set(texts.map((s) => dirname(s.path)))].sort();
  if (dirs.length > 1)
    return { reason: `the GL definition files lie in several folders (${dirs.join(", ")})` };
  return { dir: dirs[0] ?? dirname(config.path) };
}

function compile(sources: readonly Source[]): { theory: Theory } | Recompiled {
  const configs = sources.filter((s) => s.path.endsWith(".json"));
  const texts = sources.filter((s) => s.path.endsWith(".txt"));
  if (configs.length > 1) {
    return { kind: "failed", reason: `several JSON sources (${configs.map((s) => s.path).join(", ")})` };
  }
  const config = configs[0];
  let result: { theory: Theory | null; diagnostics: readonly Diagnostic[] };
  if (config === undefined) {
    result = compileSources(sources);
    // `.txt` files that are not MPL files are GL definitions, which need a config's signatures.
    if (result.theory === null && texts.length === sources.length) {
      return {
        kind: "unchecked",
        reason: "the sources are GL definition files without a config, so their signatures are unknown",
      };
    }
  } else {
    const folder = glFolder(config, texts);
    if ("reason" in folder) return { kind: "failed", reason: folder.reason };
    result = loadGlTexts(config.path, folder.dir, sources);
  }
  if (result.theory === null) {
    return { kind: "failed", reason: `the sources do not compile: ${firstError(result.diagnostics)}` };
  }
  return { theory: result.theory };
}

/** Compiles the graph's sources again; never throws. */
export function recompileSources(sources: readonly Source[]): Recompiled {
  if (sources.length === 0) return { kind: "failed", reason: "the graph carries no sources" };
  let compiled: ReturnType<typeof compile>;
  try {
    compiled = compile(sources);
  } catch (e) {
    return { kind: "failed", reason: `the compiler stopped: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!("theory" in compiled)) return compiled;
  const { theory } = compiled;
  if (theory.anchor === null) return { kind: "failed", reason: "the sources declare no anchor" };
  const files = sources.length === 1 ? "1 source file" : `${sources.length} source files`;
  return { kind: "compiled", expected: anchorJson(theory), from: files };
}
