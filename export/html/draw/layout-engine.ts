/**
 * The graph layout engine: Graphviz's `dot`, compiled to WebAssembly (`@viz-js/viz`), turns a
 * DOT description into SVG at export time, so the site needs no script to draw. Loading the
 * WebAssembly is asynchronous and takes a few hundred milliseconds, so it happens once, on
 * first need (`loadLayoutEngine`), and never for commands that export no site.
 */
import { instance, type Viz } from "@viz-js/viz";

let loaded: Viz | null = null;
let loading: Promise<Viz> | null = null;

/** Loads the engine (once); later calls return at once. */
export async function loadLayoutEngine(): Promise<void> {
  if (loaded !== null) return;
  loading ??= instance();
  loaded = await loading;
}

/** Lays out a DOT graph as SVG. The engine must have been loaded. */
export function layoutSvg(dot: string): string {
  if (loaded === null)
    throw new Error("internal: the graph layout engine is not loaded (await loadLayoutEngine())");
  const result = loaded.render(dot, { format: "svg", engine: "dot" });
  if (result.status !== "success" || result.output === undefined) {
    const messages = result.errors.map((e) => e.message).join("; ");
    throw new Error(`graph layout failed: ${messages}`);
  }
  return result.output;
}
