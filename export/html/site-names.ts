/**
 * What the site calls each theorem and how it marks it: the display name (the theorem's own
 * name, else one derived from its statement, see `../display-names.ts`), its readable
 * statement, whether it is a target (a named law of a proving run) or essential (kept by
 * discovery's compression), and its family of permuted variants.
 */
import { type TheoremNaming, theoremNames } from "../display-names.js";
import { readableStatement } from "../readable.js";
import type { ProofGraph, TheoremJson } from "../schema.js";

export class SiteNames {
  private readonly naming: Map<string, TheoremNaming>;
  private readonly statements = new Map<string, string>();
  private readonly targets = new Set<string>();
  /** True when every theorem is ground (no variables): a model's facts, not laws. */
  readonly ground: boolean;

  constructor(
    graph: ProofGraph,
    private readonly essential: ReadonlySet<string>,
  ) {
    this.naming = theoremNames(graph);
    this.ground = graph.theorems.length > 0 && graph.theorems.every((t) => t.statement.vars.length === 0);
    for (const t of graph.theorems) {
      if (!this.statements.has(t.id)) this.statements.set(t.id, readableOf(t, graph));
      if (t.name !== null && !this.ground) this.targets.add(t.id);
    }
  }

  name(id: string): string {
    return this.naming.get(id)?.name ?? id;
  }
  statement(id: string): string {
    return this.statements.get(id) ?? "";
  }
  isTarget(id: string): boolean {
    return this.targets.has(id);
  }
  isEssential(id: string): boolean {
    return this.essential.has(id);
  }
  /** Targets and essential theorems: listed first and drawn on the index. */
  isKey(id: string): boolean {
    return this.targets.has(id) || this.essential.has(id);
  }
  representative(id: string): string {
    return this.naming.get(id)?.representative ?? id;
  }
  variants(id: string): readonly string[] {
    return this.naming.get(id)?.variants ?? [];
  }
  operations(id: string): readonly string[] {
    return this.naming.get(id)?.operations ?? [];
  }
  /** A one-line description for tooltips: `T22 add_comm: a + b = b + a`. */
  title(id: string): string {
    return `${id} ${this.name(id)}: ${this.statement(id)}`;
  }
}

/** From the checked statement, never the graph's unchecked `readable` text. */
function readableOf(t: TheoremJson, graph: ProofGraph): string {
  return readableStatement(t.statement, graph);
}
