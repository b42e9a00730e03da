/**
 * Name resolution and type checking of formula bodies, before anything is compiled.
 *
 * Every name in an atom must be a parameter of the enclosing definition (or anchor) or bound
 * by an enclosing `>[...]`; binders may not rebind a name already in scope. Parameters carry
 * declared types; a bound variable takes its type from its first use and must keep it.
 */
import type { Formula, Name, ParamType } from "./ast.js";
import { withArticle } from "./builtins.js";
import { type Diagnostic, diagnostic, nameAt, where } from "./diagnostics.js";

export interface Signature {
  readonly name: string;
  readonly paramTypes: readonly ParamType[];
  /** Built-ins are relations; definitions can be expanded. */
  readonly isDefinition: boolean;
}

export type SignatureLookup = (name: string) => Signature | undefined;

export interface ScopeParam {
  readonly name: Name;
  readonly type: ParamType;
}

export interface CheckTarget {
  readonly path: string;
  /** Completes "not bound by '>[...]' and not ...", e.g. "a parameter of 'fXY'". */
  readonly ownerDescription: string;
  readonly params: readonly ScopeParam[];
}

interface ScopeEntry {
  readonly kind: "param" | "bound";
  readonly decl: Name;
  type: ParamType | null;
  /** Where a bound variable's type was fixed. */
  firstUse: Name | null;
}

/** Reports parameters (or binder variables) that appear twice in one list. */
export function checkDistinct(names: readonly Name[], list: string, path: string, out: Diagnostic[]): void {
  const seen = new Set<string>();
  for (const n of names) {
    if (seen.has(n.text)) out.push(diagnostic("MPL106", nameAt(path, n), { name: n.text, list }));
    seen.add(n.text);
  }
}

/**
 * Checks `f` against `target`'s parameters and appends problems to `out`. Returns the atoms
 * that reference definitions (the edges of the dependency graph), in source order.
 */
export function checkFormula(
  f: Formula,
  target: CheckTarget,
  lookup: SignatureLookup,
  out: Diagnostic[],
): Name[] {
  const scope = new Map<string, ScopeEntry>();
  for (const p of target.params) {
    if (!scope.has(p.name.text))
      scope.set(p.name.text, { kind: "param", decl: p.name, type: p.type, firstUse: null });
  }
  const refs: Name[] = [];
  const path = target.path;

  const visit = (g: Formula): void => {
    switch (g.kind) {
      case "atom":
        checkAtom(g.name, g.args);
        return;
      case "not":
        visit(g.body);
        return;
      case "and":
        visit(g.left);
        visit(g.right);
        return;
      case "implies": {
        checkDistinct(g.vars, "binder list", path, out);
        const added: string[] = [];
        for (const v of g.vars) {
          const outer = scope.get(v.text);
          if (outer !== undefined) {
            if (!added.includes(v.text)) {
              const what = outer.kind === "param" ? "a parameter" : "an outer bound variable";
              out.push(
                diagnostic("MPL105", nameAt(path, v), {
                  name: v.text,
                  what,
                  where: where(outer.decl.span.start),
                }),
              );
            }
            continue;
          }
          scope.set(v.text, { kind: "bound", decl: v, type: null, firstUse: null });
          added.push(v.text);
        }
        visit(g.premise);
        visit(g.conclusion);
        for (const v of added) scope.delete(v);
        return;
      }
    }
  };

  const checkAtom = (pred: Name, args: readonly Name[]): void => {
    const sig = lookup(pred.text);
    if (sig === undefined) {
      out.push(diagnostic("MPL101", nameAt(path, pred), { name: pred.text }));
    } else if (sig.isDefinition) {
      refs.push(pred);
    }
    if (sig !== undefined && sig.paramTypes.length !== args.length) {
      out.push(
        diagnostic("MPL102", nameAt(path, pred), {
          name: pred.text,
          expected: sig.paramTypes.length,
          actual: args.length,
        }),
      );
    }
    const types = sig !== undefined && sig.paramTypes.length === args.length ? sig.paramTypes : null;
    args.forEach((a, i) => {
      const entry = scope.get(a.text);
      if (entry === undefined) {
        out.push(diagnostic("MPL104", nameAt(path, a), { name: a.text, owner: target.ownerDescription }));
        return;
      }
      const expected = types?.[i];
      if (expected === undefined) return;
      if (entry.type === null) {
        entry.type = expected;
        entry.firstUse = a;
      } else if (entry.type !== expected) {
        if (entry.firstUse !== null) {
          out.push(
            diagnostic("MPL117", nameAt(path, a), {
              name: a.text,
              actual: withArticle(expected),
              previous: withArticle(entry.type),
              where: where(entry.firstUse.span.start),
            }),
          );
        } else {
          out.push(
            diagnostic("MPL103", nameAt(path, a), {
              name: a.text,
              actual: withArticle(entry.type),
              index: i + 1,
              pred: pred.text,
              expected: withArticle(expected),
            }),
          );
        }
      }
    });
  };

  visit(f);
  return refs;
}
