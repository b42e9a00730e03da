/**
 * A small graph description (nodes with labels, links and classes; edges) written as DOT and
 * laid out by Graphviz into an SVG fragment for a page: no XML prolog, no comments, no fixed
 * size (the page's pan/zoom script works on the `viewBox`), every node an `<a>` to its page.
 * Everything from the input is escaped for DOT here and for SVG by Graphviz.
 */
import { layoutSvg } from "./layout-engine.js";

export interface DrawNode {
  /** Unique within the graph; becomes the SVG element id `g-<key>`. */
  readonly key: string;
  /** Shown lines: the first in bold-ish larger type (a name), the rest below it. */
  readonly lines: readonly string[];
  readonly href: string | null;
  /** Shown on hover (the statement in full). */
  readonly tooltip: string;
  /** CSS classes of the node's SVG group: `target`, `essential`, `self`, `axioms`, `more`. */
  readonly classes: readonly string[];
  /** Rank constraint: `min` (the bottom row, as graphs are drawn bottom to top), `max` (the top row) or none. */
  readonly rank?: "min" | "max";
  /** A fixed box size in inches (the label does not size the box). */
  readonly size?: { readonly width: number; readonly height: number };
}

export interface DrawEdge {
  /** From the theorem that cites to the one it cites (drawn pointing down to what it rests on). */
  readonly from: string;
  readonly to: string;
}

export interface DrawGraph {
  readonly nodes: readonly DrawNode[];
  readonly edges: readonly DrawEdge[];
}

/**
 * A DOT double-quoted string: backslashes and quotes escaped, newlines as spaces, and `&` as
 * `&amp;` (Graphviz passes `&…;` through to the SVG as an entity, so `&amp;` must not stay raw).
 */
function q(text: string): string {
  return `"${dotText(text)}"`;
}

function dotText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, " ");
}

function nodeDot(n: DrawNode): string {
  const label = n.lines.map(dotText).join("\\n");
  const attrs = [
    `id=${q(`g-${n.key}`)}`,
    `label="${label}"`,
    `tooltip=${q(n.tooltip)}`,
    `class=${q(n.classes.join(" "))}`,
  ];
  if (n.size !== undefined) attrs.push(`width=${n.size.width}`, `height=${n.size.height}`, "fixedsize=true");
  if (n.href !== null) attrs.push(`href=${q(n.href)}`, `target="_top"`);
  return `${q(n.key)} [${attrs.join(", ")}];`;
}

/** The DOT text of a graph: bottom-to-top, so what a theorem rests on is drawn below it. */
export function graphDot(g: DrawGraph): string {
  const lines = [
    "digraph proof {",
    // Straight edges: spline routing costs more than the rest of the layout together.
    '  graph [rankdir=BT, bgcolor="transparent", nodesep=0.3, ranksep=0.6, splines=line, fontname="Helvetica,Arial,sans-serif"];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontsize=11, margin="0.1,0.05", fontname="Helvetica,Arial,sans-serif", color="#4a5a78"];',
    '  edge [color="#8090a8", arrowsize=0.6];',
  ];
  for (const n of g.nodes) lines.push(`  ${nodeDot(n)}`);
  for (const rank of ["min", "max"] as const) {
    const keys = g.nodes.filter((n) => n.rank === rank).map((n) => q(n.key));
    if (keys.length > 0) lines.push(`  { rank=${rank}; ${keys.join("; ")}; }`);
  }
  // Arrows run from what is used up to its user (rankdir BT puts the used below).
  for (const e of g.edges) lines.push(`  ${q(e.to)} -> ${q(e.from)};`);
  lines.push("}");
  return lines.join("\n");
}

/** The laid-out SVG, trimmed to an element that can sit inside a page. */
export function drawSvg(g: DrawGraph, label: string): string {
  const svg = layoutSvg(graphDot(g))
    .replace(/<\?xml[^>]*\?>\s*/g, "")
    .replace(/<!DOCTYPE[^>]*>\s*/g, "")
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    // Titles repeat the node keys; the tooltips (and the page's script) say more.
    .replace(/<title>[^<]*<\/title>\s*/g, "")
    // One font for all text, set by the stylesheet; Graphviz measured with the same.
    .replace(/ font-family="[^"]*"/g, "");
  // Keep the viewBox, drop the fixed size: the page sizes it and the script zooms.
  return svg.replace(
    /<svg width="[^"]*" height="[^"]*"/,
    `<svg class="graph-svg" role="img" aria-label="${label.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}"`,
  );
}
