/**
 * The MPL printer: AST back to text that parses to the same AST (spans aside).
 *
 * Formulas print in GL's compact syntax by default (no whitespace, as GL stores them); the
 * pretty form breaks long formulas over indented lines for files and for reading.
 */
import type { Formula, Item, Name, SourceFile } from "./ast.js";

export interface PrintOptions {
  /** Break formulas longer than `width` over several lines, indented by two spaces. */
  readonly pretty?: boolean;
  readonly width?: number;
  /** Indentation of the first line's continuation lines (pretty form only). */
  readonly indent?: string;
}

const names = (ns: readonly Name[]): string => ns.map((n) => n.text).join(",");

export function printFormula(f: Formula, options: PrintOptions = {}): string {
  if (options.pretty !== true) return compact(f);
  return pretty(f, options.indent ?? "", options.width ?? 72);
}

function compact(f: Formula): string {
  switch (f.kind) {
    case "atom":
      return `(${f.name.text}[${names(f.args)}])`;
    case "not":
      return f.parenthesised ? `(!${compact(f.body)})` : `!${compact(f.body)}`;
    case "and":
      return `(&${compact(f.left)}${compact(f.right)})`;
    case "implies":
      return `(>[${names(f.vars)}]${compact(f.premise)}${compact(f.conclusion)})`;
  }
}

function pretty(f: Formula, indent: string, width: number): string {
  const flat = compact(f);
  if (indent.length + flat.length <= width || f.kind === "atom") return flat;
  const inner = `${indent}  `;
  const sub = (g: Formula) => `\n${inner}${pretty(g, inner, width)}`;
  switch (f.kind) {
    case "not":
      return f.parenthesised ? `(!${sub(f.body)}\n${indent})` : `!${pretty(f.body, indent, width)}`;
    case "and":
      return `(&${sub(f.left)}${sub(f.right)}\n${indent})`;
    case "implies":
      return `(>[${names(f.vars)}]${sub(f.premise)}${sub(f.conclusion)}\n${indent})`;
  }
}

export function printItem(item: Item): string {
  switch (item.kind) {
    case "definition": {
      const params = item.params.map((p) => `${p.name.text}: ${p.type}`).join(", ");
      return `definition ${item.name.text}[${params}] :=\n  ${printFormula(item.body, { pretty: true, indent: "  " })}\n`;
    }
    case "anchor": {
      const r = item.roles;
      const roles =
        r === null ? "" : ` (carrier ${r.carrier.text}, zero ${r.zero.text}, successor ${r.successor.text})`;
      return `anchor ${item.name.text}${roles}\n`;
    }
    case "conjecture":
      return `conjecture ${item.name.text} :=\n  ${printFormula(item.body, { pretty: true, indent: "  " })}\n`;
  }
}

/** The file's items separated by blank lines (comments are not part of the AST). */
export function printFile(file: SourceFile): string {
  return file.items.map(printItem).join("\n");
}
