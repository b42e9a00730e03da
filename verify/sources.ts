/**
 * The trust anchor, recomputed: the sources a graph carries (`theory.sources`) are compiled
 * again with the MPL compiler, which gives the anchor, the constants with their induction
 * roles, and the axioms the graph must have. The sources are either `.mpl` files or a GL
 * folder: one `Config*.json` with the definitions' signatures plus the folder's `.txt` files.
 */
import { dirname } from "node:path";
import type { EntityJson, LinkJson, ProofGraph } from "../export/schema.js";
import { anchorJson, type ConstantJson, linkJson, patternJson } from "../mpl/entity-json.js";
import {
  compileBatchSources,
  type Diagnostic,
  findLink,
  loadGlTexts,
  renderDiagnostic,
  type Theory,
} from "../mpl/index.js";
import type { SourceNames } from "./fields.js";

export interface ExpectedAnchor {
  readonly anchor: string;
  readonly constants: readonly ConstantJson[];
  readonly axioms: readonly EntityJson[];
  /** The named conjectures of the sources, for checking theorem names. */
  readonly names?: SourceNames;
}

/** The anchor part and the named conjectures of a compiled theory. */
export function expectedOf(theory: Theory, complete: boolean): ExpectedAnchor {
  const consts = theory.constants.map((c) => c.name);
  const conjectures = theory.conjectures.map((c) => ({
    name: c.name,
    statement: {
      vars: [...c.varNames],
      premises: c.premises.map((a) => patternJson(a, theory.predicates, c.varNames, consts)),
      head: patternJson(c.head, theory.predicates, c.varNames, consts),
    },
  }));
  return { ...anchorJson(theory), names: { conjectures, complete } };
}

/**
 * `compiled`: what the sources give. `failed`: the sources do not give a theory, so nothing
 * anchors the graph's axioms (always a failure: the verifier fails closed).
 */
export type Recompiled =
  | {
      readonly kind: "compiled";
      readonly expected: ExpectedAnchor;
      readonly from: string;
      readonly theory: Theory;
      /**
       * A later batch's link as the sources give it: compiled with the batch (`.mpl`), or found
       * from the extended batch's theory (GL folders); null for a first batch; a string says
       * why it could not be derived.
       */
      readonly link: LinkJson | null | string;
    }
  | { readonly kind: "failed"; readonly reason: string };

/** Which batch of the sources to compile, and the theory of the batch it extends (if any). */
export interface BatchWanted {
  readonly anchor: string;
  readonly earlier: Theory | null;
}

type Source = ProofGraph["theory"]["sources"][number];

function firstError(diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics.find((x) => x.severity === "error");
  return d ? renderDiagnostic(d) : "no theory";
}

/**
 * The folder of a GL theory's definition files: the one holding most `.txt` sources. Other
 * `.txt` sources are conjecture lists given on the command line; they carry no axioms.
 */
function glFolder(config: Source, texts: readonly Source[]): { dir: string } {
  const count = new Map<string, number>();
  for (const t of texts) count.set(dirname(t.path), (count.get(dirname(t.path)) ?? 0) + 1);
  const dirs = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { dir: dirs[0]?.[0] ?? dirname(config.path) };
}

type Compiled = { theory: Theory; complete: boolean; link: LinkJson | null | string };

function compile(
  sources: readonly Source[],
  wanted: BatchWanted | null,
): Compiled | Extract<Recompiled, { kind: "failed" }> {
  const configs = sources.filter((s) => s.path.endsWith(".json"));
  const texts = sources.filter((s) => s.path.endsWith(".txt"));
  if (configs.length > 1) {
    return { kind: "failed", reason: `several JSON sources (${configs.map((s) => s.path).join(", ")})` };
  }
  const config = configs[0];
  let result: { theory: Theory | null; diagnostics: readonly Diagnostic[] };
  let link: LinkJson | null | string = null;
  if (config === undefined) {
    const batches = compileBatchSources(sources);
    const chosen =
      batches.batches === null
        ? undefined
        : wanted === null
          ? batches.batches.length === 1
            ? batches.batches[0]
            : undefined
          : batches.batches.find((b) => b.name === wanted.anchor);
    if (batches.batches !== null && chosen === undefined)
      return {
        kind: "failed",
        reason: `the sources declare the batches ${batches.batches.map((b) => b.name).join(", ")}, ${wanted === null ? "but the graph is not one of several batches" : `none named ${wanted.anchor}`}`,
      };
    result = { theory: chosen?.theory ?? null, diagnostics: batches.diagnostics };
    if (chosen?.link) {
      const parent = batches.batches!.find((b) => b.name === chosen.extends)!;
      link = linkJson(chosen.link, parent.theory, chosen.theory);
    }
    // `.txt` files that are not MPL files are GL definitions, which need a config's signatures.
    if (result.theory === null && texts.length === sources.length) {
      return {
        kind: "failed",
        reason:
          "the sources are GL definition files without a config, so they cannot be compiled (check the graph against your files with --sources or --gl-config)",
      };
    }
  } else {
    const folder = glFolder(config, texts);
    const inFolder = sources.filter((x) => x === config || dirname(x.path) === folder.dir);
    result = loadGlTexts(config.path, folder.dir, inFolder);
    // A GL batch is linked to the one it extends by the search (its anchor restates the other).
    if (result.theory !== null && wanted?.earlier) {
      const found = findLink(wanted.earlier, result.theory, null);
      link = found.kind === "linked" ? linkJson(found.link, wanted.earlier, result.theory) : found.detail;
    }
    // Conjecture lists from elsewhere are not compiled again: their names cannot be checked.
    if (result.theory !== null && inFolder.length < sources.length)
      return { theory: result.theory, complete: false, link };
  }
  if (result.theory === null) {
    return { kind: "failed", reason: `the sources do not compile: ${firstError(result.diagnostics)}` };
  }
  return { theory: result.theory, complete: true, link };
}

/**
 * Compiles the graph's sources again; never throws. `wanted`: the batch of a graph of several
 * (its sources may hold the batches it extends too).
 */
export function recompileSources(sources: readonly Source[], wanted: BatchWanted | null = null): Recompiled {
  if (sources.length === 0) return { kind: "failed", reason: "the graph carries no sources" };
  let compiled: ReturnType<typeof compile>;
  try {
    compiled = compile(sources, wanted);
  } catch (e) {
    return { kind: "failed", reason: `the compiler stopped: ${e instanceof Error ? e.message : String(e)}` };
  }
  if ("kind" in compiled) return compiled;
  const { theory, complete, link } = compiled;
  if (theory.anchor === null) return { kind: "failed", reason: "the sources declare no anchor" };
  const files = sources.length === 1 ? "1 source file" : `${sources.length} source files`;
  return {
    kind: "compiled",
    expected: expectedOf(theory, complete),
    from: `${files} carried by the graph`,
    theory,
    link,
  };
}
