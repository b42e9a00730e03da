/**
 * Meaning-preserving rewrites of an MPL theory, for invariance tests of `gl prove`: each takes
 * the theory's files (name → text), rewrites every definition, anchor and conjecture through
 * the parser's AST and prints it back (comments are dropped). Conjecture names are kept, so
 * results compare by name.
 *
 * - `reorderConjunctions`: every `(&A B)` becomes `(&B A)`, so axioms, their premises and
 *   conjectures' premises come in the other order;
 * - `flipEqualities`: every `(=[x,y])` becomes `(=[y,x])`;
 * - `renameEverything`: every name but the built-ins (parameters, definitions, the anchor,
 *   bound variables) gets a prefix, and the files are read in the reverse order;
 * - `swapOperands(op, pred)`: the two inputs of every `in3[x,y,z,op]` atom in the definitions
 *   that `pred` selects are swapped. Over all definitions and conjectures this gives the
 *   opposite structure, whose consequences are the opposite statements (true exactly when the
 *   originals are); in one axiom of a commutative operation it restates that axiom.
 */
import type { Formula, Item, Name, SourceFile } from "../../mpl/ast.js";
import { BUILTIN_PREDICATES } from "../../mpl/builtins.js";
import { parseFile } from "../../mpl/parse.js";
import { printFile } from "../../mpl/print.js";

export type Files = Record<string, string>;

function parsed(files: Files): [string, SourceFile][] {
  return Object.entries(files).map(([name, text]) => {
    const r = parseFile(name, text);
    if (!r.file) throw new Error(`${name} does not parse: ${r.diagnostics.map((d) => d.message).join("; ")}`);
    return [name, r.file];
  });
}

function mapFormulas(files: Files, f: (g: Formula, item: Item) => Formula): Files {
  const out: Files = {};
  for (const [name, file] of parsed(files)) {
    const items = file.items.map((item) =>
      item.kind === "anchor" ? item : { ...item, body: f(item.body, item) },
    );
    out[name] = printFile({ ...file, items });
  }
  return out;
}

function walk(g: Formula, atom: (a: Extract<Formula, { kind: "atom" }>) => Formula): Formula {
  switch (g.kind) {
    case "atom":
      return atom(g);
    case "not":
      return { ...g, body: walk(g.body, atom) };
    case "and":
      return { ...g, left: walk(g.left, atom), right: walk(g.right, atom) };
    case "implies":
      return { ...g, premise: walk(g.premise, atom), conclusion: walk(g.conclusion, atom) };
  }
}

function swapAnds(g: Formula): Formula {
  switch (g.kind) {
    case "atom":
      return g;
    case "not":
      return { ...g, body: swapAnds(g.body) };
    case "and":
      return { ...g, left: swapAnds(g.right), right: swapAnds(g.left) };
    case "implies":
      return { ...g, premise: swapAnds(g.premise), conclusion: swapAnds(g.conclusion) };
  }
}

export const reorderConjunctions = (files: Files): Files => mapFormulas(files, swapAnds);

export const flipEqualities = (files: Files): Files =>
  mapFormulas(files, (g) =>
    walk(g, (a) => (a.name.text === "=" ? { ...a, args: [a.args[1]!, a.args[0]!] } : a)),
  );

/**
 * Swaps the inputs of every `in3[x,y,z,op]` atom in the items `where` selects (by kind and
 * name): all of them by default.
 */
export function swapOperands(
  files: Files,
  op: string,
  where: (item: { kind: string; name: string }) => boolean = () => true,
): Files {
  return mapFormulas(files, (g, item) =>
    where({ kind: item.kind, name: item.name.text })
      ? walk(g, (a) =>
          a.name.text === "in3" && a.args[3]?.text === op
            ? { ...a, args: [a.args[1]!, a.args[0]!, ...a.args.slice(2)] }
            : a,
        )
      : g,
  );
}

const BUILTINS = new Set(BUILTIN_PREDICATES.map((p) => p.name));

/** Every non-built-in name prefixed with `r_` (conjecture names kept), files in reverse order. */
export function renameEverything(files: Files): Files {
  const rn = (n: Name): Name => (BUILTINS.has(n.text) ? n : { ...n, text: `r_${n.text}` });
  const formula = (g: Formula): Formula => {
    switch (g.kind) {
      case "atom":
        return { ...g, name: rn(g.name), args: g.args.map(rn) };
      case "not":
        return { ...g, body: formula(g.body) };
      case "and":
        return { ...g, left: formula(g.left), right: formula(g.right) };
      case "implies":
        return { ...g, vars: g.vars.map(rn), premise: formula(g.premise), conclusion: formula(g.conclusion) };
    }
  };
  const item = (i: Item): Item => {
    switch (i.kind) {
      case "definition":
        return {
          ...i,
          name: rn(i.name),
          params: i.params.map((p) => ({ ...p, name: rn(p.name) })),
          body: formula(i.body),
        };
      case "anchor":
        return {
          ...i,
          name: rn(i.name),
          roles:
            i.roles === null
              ? null
              : { carrier: rn(i.roles.carrier), zero: rn(i.roles.zero), successor: rn(i.roles.successor) },
        };
      case "conjecture":
        return { ...i, body: formula(i.body) };
    }
  };
  const entries = parsed(files);
  const names = entries.map(([n]) => n).sort();
  const out: Files = {};
  // Files are read in name order: give the last one the first name.
  entries.forEach(([name, file]) => {
    const k = names.length - 1 - names.indexOf(name);
    out[`${String(k).padStart(2, "0")}-${name}`] = printFile({ ...file, items: file.items.map(item) });
  });
  return out;
}
