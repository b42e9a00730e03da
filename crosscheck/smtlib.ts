/**
 * A problem (problem.ts) as SMT-LIB 2 text, for z3 and cvc5: one uninterpreted sort `U` for
 * every element, the relations as Boolean functions (`(in3.+ a b c)`), the functions of the
 * functional encoding as functions into `U` (`(fn.+ a b)`), triggers as `:pattern`, weights
 * as `:weight`. The goal is asserted negated, so unsat means it follows.
 *
 * Element names are kept as they are when they are plain identifiers, so the exported files
 * read like the graph; anything else is quoted (`|x.a'|`). Relation and function names all
 * contain a dot, element names kept as they are never do, so the two cannot clash.
 */
import { EncodingError } from "./encode.js";
import { type Formula, isTerm, type Term, type Trigger } from "./formula.js";
import type { Problem } from "./problem.js";
import { oneLine } from "./text.js";

export const SORT = "U";

/** Words an element name must not take: SMT-LIB reserved words and core theory symbols. */
const TAKEN = new Set([
  SORT,
  "_",
  "!",
  "as",
  "let",
  "exists",
  "forall",
  "match",
  "par",
  "true",
  "false",
  "not",
  "and",
  "or",
  "xor",
  "ite",
  "distinct",
  "Bool",
  "BINARY",
  "DECIMAL",
  "HEXADECIMAL",
  "NUMERAL",
  "STRING",
]);

const PLAIN_ELEMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
/** SMT-LIB simple-symbol characters (letters, digits and ~!@$%^&*_-+=<>.?/), not starting with a digit. */
const SIMPLE = /^[A-Za-z~!@$%^&*_\-+=<>.?/][A-Za-z0-9~!@$%^&*_\-+=<>.?/]*$/;

/** `|…|` quoting; `|` and `\` cannot appear inside, so they are spelled as code points. */
function quote(name: string): string {
  if (SIMPLE.test(name) && !TAKEN.has(name)) return name;
  return `|${name.replace(/[|\\]/g, (c) => `#x${c.codePointAt(0)!.toString(16)}`)}|`;
}

/** The symbol of an element (theory constant, statement variable, witness, predecessor). */
export function elementSymbol(name: string): string {
  return PLAIN_ELEMENT.test(name) && !TAKEN.has(name) ? name : quote(`x.${name}`);
}

/** Symbols a problem mentions, in first-mention order, with their arities. */
class Declarations {
  readonly symbols = new Map<string, { arity: number; range: "Bool" | typeof SORT }>();
  readonly elements = new Set<string>();

  symbol(name: string, arity: number, range: "Bool" | typeof SORT): string {
    const known = this.symbols.get(name);
    if (known && (known.arity !== arity || known.range !== range))
      throw new EncodingError(`${name} is used with ${known.arity} and with ${arity} arguments`);
    if (!known) this.symbols.set(name, { arity, range });
    return quote(name);
  }

  lines(): string[] {
    const out = [`(declare-sort ${SORT} 0)`];
    for (const [name, s] of this.symbols)
      out.push(`(declare-fun ${quote(name)} (${Array(s.arity).fill(SORT).join(" ")}) ${s.range})`);
    for (const e of this.elements) out.push(`(declare-const ${elementSymbol(e)} ${SORT})`);
    return out;
  }
}

function applied(symbol: string, args: readonly string[]): string {
  return args.length === 0 ? symbol : `(${symbol} ${args.join(" ")})`;
}

function term(t: Term, d: Declarations): string {
  if (t.kind === "var") return elementSymbol(t.name);
  if (t.kind === "const") {
    d.elements.add(t.name);
    return elementSymbol(t.name);
  }
  return applied(
    d.symbol(t.fn, t.args.length, SORT),
    t.args.map((a) => term(a, d)),
  );
}

const binder = (vars: readonly string[]) => vars.map((v) => `(${elementSymbol(v)} ${SORT})`).join(" ");

function pattern(p: Trigger, d: Declarations): string {
  return `:pattern (${p.map((x) => (isTerm(x) ? term(x, d) : formula(x, d))).join(" ")})`;
}

function formula(f: Formula, d: Declarations): string {
  switch (f.kind) {
    case "true":
      return "true";
    case "false":
      return "false";
    case "pred":
      return applied(
        d.symbol(f.rel, f.args.length, "Bool"),
        f.args.map((a) => term(a, d)),
      );
    case "eq":
      return `(= ${term(f.left, d)} ${term(f.right, d)})`;
    case "not":
      return `(not ${formula(f.body, d)})`;
    case "and":
      return `(and ${f.parts.map((p) => formula(p, d)).join(" ")})`;
    case "implies":
      return `(=> ${formula(f.premise, d)} ${formula(f.conclusion, d)})`;
    case "exists":
      return `(exists (${binder(f.vars)}) ${formula(f.body, d)})`;
    case "forall": {
      const body = formula(f.body, d);
      const notes = [
        ...f.triggers.map((p) => pattern(p, d)),
        ...(f.weight > 0 ? [`:weight ${f.weight}`] : []),
      ];
      return `(forall (${binder(f.vars)}) ${notes.length > 0 ? `(! ${body} ${notes.join(" ")})` : body})`;
    }
  }
}

/** The problem as an SMT-LIB 2 script ending in `(check-sat)`; unsat means the goal follows. */
export function toSmtlib(p: Problem): string {
  const d = new Declarations();
  const body: string[] = [];
  for (const a of p.assumptions) {
    body.push(`; ${oneLine(a.comment)}`);
    if (a.formula) body.push(`(assert ${formula(a.formula, d)})`);
  }
  body.push(`; ${oneLine(p.goal.comment)}, negated`, `(assert (not ${formula(p.goal.formula, d)}))`);
  const header = [...p.header.map((h) => `; ${oneLine(h)}`), "(set-logic UF)"];
  return `${[...header, ...d.lines(), ...body, "(check-sat)"].join("\n")}\n`;
}
