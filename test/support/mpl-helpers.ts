/**
 * Helpers for the MPL front-end tests: where GL's fixture files are (beside the repository,
 * in ../shared), rendering diagnostics, and comparing ASTs without their spans.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Diagnostic, renderDiagnostic, type SourceText } from "../../mpl/index.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** GL's MPL files; compatibility tests skip (with a printed reason) when they are absent. */
export const GL_FIXTURES = join(REPO_ROOT, "..", "shared", "fixtures", "gl-mpl");
export const haveGlFixtures = existsSync(GL_FIXTURES);

export function warnIfNoGlFixtures(suite: string): void {
  if (!haveGlFixtures)
    console.warn(`${suite}: skipped, ../shared/fixtures/gl-mpl is absent beside the repository`);
}

/** The v0.1 signatures (GL's first version kept them in code, not in a config). */
export const V01_SIGNATURES = {
  NaturalNumbers: {
    params: [
      { name: "N", type: "set" },
      { name: "i0", type: "element" },
      { name: "i1", type: "element" },
      { name: "s", type: "function" },
      { name: "+", type: "operation" },
      { name: "*", type: "operation" },
    ],
  },
  fXY: {
    params: [
      { name: "f", type: "function" },
      { name: "X", type: "set" },
      { name: "Y", type: "set" },
    ],
  },
  fXYZ: {
    params: [
      { name: "f", type: "operation" },
      { name: "X", type: "set" },
      { name: "Y", type: "set" },
      { name: "Z", type: "set" },
    ],
  },
} as const;

export function renderAll(diagnostics: readonly Diagnostic[], sources: readonly SourceText[]): string {
  const texts = new Map(sources.map((s) => [s.path, s.text]));
  return diagnostics.map((d) => renderDiagnostic(d, texts.get(d.path))).join("\n");
}

/** A deep copy without `span` fields: ASTs compared modulo source positions. */
export function stripSpans(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(stripSpans);
  if (typeof x === "object" && x !== null) {
    return Object.fromEntries(
      Object.entries(x)
        .filter(([k]) => k !== "span")
        .map(([k, v]) => [k, stripSpans(v)]),
    );
  }
  return x;
}
