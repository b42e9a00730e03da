/**
 * Neighbourhood drawings for theorem pages, fast enough for thousands of pages. Graphviz lays
 * out each *shape* once (how many nodes in each row, their line counts and a common box width)
 * with placeholder text, and the SVG it produces is kept as a template; each page fills in its
 * own names, statements, links and classes, escaped for XML here. Graphviz's fixed cost per
 * call (several milliseconds) is then paid per shape, not per page, and a page's picture is
 * exactly what Graphviz would have drawn with boxes of that width.
 */
import { type DrawGraph, type DrawNode, drawSvg } from "./dot-svg.js";

/** Box widths are rounded up to this many inches, so few shapes cover many pages. */
const WIDTH_STEP = 0.25;
/** Estimated width of one character at the drawing's font size, in inches (Helvetica 11 pt). */
const CHAR_INCHES = 0.068;

const templates = new Map<string, string>();

function boxWidth(nodes: readonly DrawNode[]): number {
  const chars = Math.max(...nodes.flatMap((n) => n.lines.map((l) => [...l].length)));
  return Math.ceil((chars * CHAR_INCHES + 0.2) / WIDTH_STEP) * WIDTH_STEP;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The graph with placeholders `@@<node><field>@@` where its own text goes. */
function placeholderGraph(g: DrawGraph, width: number): DrawGraph {
  const index = new Map(g.nodes.map((n, i) => [n.key, i]));
  return {
    nodes: g.nodes.map((n, i) => ({
      key: `@@${i}k@@`,
      lines: n.lines.map((_, j) => `@@${i}l${j}@@`),
      href: n.href === null ? null : `@@${i}h@@`,
      tooltip: `@@${i}t@@`,
      classes: [`@@${i}c@@`],
      ...(n.rank === undefined ? {} : { rank: n.rank }),
      size: { width, height: 0.16 + 0.16 * n.lines.length },
    })),
    edges: g.edges.map((e) => ({ from: `@@${index.get(e.from)}k@@`, to: `@@${index.get(e.to)}k@@` })),
  };
}

/** The neighbourhood drawn as SVG: a template per shape, this graph's text filled in. */
export function neighbourhoodSvg(g: DrawGraph, label: string): string {
  const width = boxWidth(g.nodes);
  const index = new Map(g.nodes.map((n, i) => [n.key, i]));
  const shape = [
    width,
    g.nodes.map((n) => `${n.rank ?? "-"}${n.lines.length}${n.href === null ? "x" : ""}`).join(","),
    g.edges.map((e) => `${index.get(e.from)}>${index.get(e.to)}`).join(","),
  ].join("|");
  let template = templates.get(shape);
  if (template === undefined) {
    template = drawSvg(placeholderGraph(g, width), "@@label@@");
    templates.set(shape, template);
  }
  return template.replace(
    /@@(label|(\d+)([klhtc])(\d*))@@/g,
    (_m, all: string, i?: string, field?: string, j?: string) => {
      if (all === "label") return xml(label);
      const n = g.nodes[Number(i)]!;
      switch (field) {
        case "k":
          return xml(n.key);
        case "l":
          return xml(n.lines[Number(j)] ?? "");
        case "h":
          return xml(n.href ?? "");
        case "t":
          return xml(n.tooltip);
        default:
          return xml(n.classes.join(" "));
      }
    },
  );
}
