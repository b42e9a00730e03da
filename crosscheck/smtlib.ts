/**
 * The first-order vocabulary of a proof graph in SMT-LIB 2 text: one uninterpreted sort `U`
 * for every element, and relations rather than functions, as MPL means them:
 *
 * - `in[x,S]` with S a theory constant is the unary predicate `(in.S x)`;
 * - `in2[x,y,f]` is the binary relation `(in2.f x y)` (f(x) = y);
 * - `in3[x,y,z,op]` is the ternary relation `(in3.op x y z)` (x op y = z);
 * - `=[x,y]` is the solver's own equality; any other predicate P is `(p.P args…)`.
 *
 * The set, function or operation of an atom must be a theory constant: a variable there would
 * need a second-order (or reified) encoding, which is refused with a clear reason instead.
 * Element names are kept as they are when they are plain identifiers, so the exported files
 * read like the graph; anything else is quoted. Relation names all contain a dot, element
 * names kept as they are never do, so the two cannot clash.
 */
import type { AtomJson, StatementJson } from "../export/schema.js";

export const SORT = "U";

/** A graph the encoding does not cover (e.g. a variable in a set or function position). */
export class EncodingError extends Error {
  override name = "EncodingError";
}

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

/** A relation symbol with its arity (number of element arguments). */
export interface Relation {
  readonly symbol: string;
  readonly arity: number;
}

/** Collects the relations and free elements a problem mentions, in first-mention order. */
export class Vocabulary {
  readonly relations = new Map<string, Relation>();
  readonly elements = new Set<string>();

  constructor(private readonly constants: ReadonlySet<string>) {}

  /** The atom as an SMT-LIB term; names in `bound` are quantified variables, not elements. */
  atom(a: AtomJson, bound: ReadonlySet<string>): string {
    const term = (x: string) => {
      if (!bound.has(x)) this.elements.add(x);
      return elementSymbol(x);
    };
    let text: string;
    if (a.pred === "=" && a.args.length === 2) text = `(= ${a.args.map(term).join(" ")})`;
    else if (a.pred === "in" || a.pred === "in2" || a.pred === "in3") {
      const owner = a.args[a.args.length - 1];
      if (owner === undefined || bound.has(owner) || !this.constants.has(owner)) {
        throw new EncodingError(
          `${a.pred}[${a.args.join(",")}]: its last argument ${owner ?? "(none)"} is not a theory constant, so it has no first-order relation`,
        );
      }
      const args = a.args.slice(0, -1);
      text = this.apply(`${a.pred}.${owner}`, args.map(term));
    } else text = this.apply(`p.${a.pred}`, a.args.map(term));
    return a.neg === true ? `(not ${text})` : text;
  }

  private apply(name: string, args: string[]): string {
    const symbol = quote(name);
    const known = this.relations.get(name);
    if (known && known.arity !== args.length)
      throw new EncodingError(`${name} is used with ${known.arity} and with ${args.length} arguments`);
    if (!known) this.relations.set(name, { symbol, arity: args.length });
    return args.length === 0 ? symbol : `(${symbol} ${args.join(" ")})`;
  }

  /**
   * `∀vars: premises → conclusion`, where `conclusion` is already a term over `vars`. The
   * premises are the quantifier's trigger (a multi-pattern) when they mention every variable:
   * the solver then instantiates it forwards, as the rule is used in a proof. Left to its own
   * choice, z3 may pick a witness term as the trigger and never instantiate a totality axiom.
   */
  implication(
    vars: readonly string[],
    premises: readonly AtomJson[],
    conclusion: string,
    outer: ReadonlySet<string> = new Set(),
    weight = 0,
  ): string {
    const bound = new Set([...outer, ...vars]);
    const ps = premises.map((p) => this.atom(p, bound));
    const body = ps.length === 0 ? conclusion : `(=> ${conjunction(ps)} ${conclusion})`;
    if (vars.length === 0) return body;
    const triggers = premises.flatMap((p, i) => (p.pred !== "=" && p.neg !== true ? [ps[i]!] : []));
    const covered = new Set(premises.filter((p) => p.pred !== "=" && p.neg !== true).flatMap((p) => p.args));
    const annotated = vars.every((v) => covered.has(v))
      ? `(! ${body} :pattern (${triggers.join(" ")})${weight > 0 ? ` :weight ${weight}` : ""})`
      : body;
    return forall(vars, annotated);
  }

  /** A statement as a closed formula: `∀vars: premises → head`. */
  statement(s: StatementJson): string {
    const bound = new Set(s.vars);
    return this.implication(s.vars, s.premises, this.atom(s.head, bound));
  }

  /** The declarations for everything mentioned so far, relations first, in a fixed order. */
  declarations(): string[] {
    const lines = [`(declare-sort ${SORT} 0)`];
    for (const r of this.relations.values()) {
      lines.push(`(declare-fun ${r.symbol} (${Array(r.arity).fill(SORT).join(" ")}) Bool)`);
    }
    for (const e of this.elements) lines.push(`(declare-const ${elementSymbol(e)} ${SORT})`);
    return lines;
  }
}

export function conjunction(terms: readonly string[]): string {
  if (terms.length === 0) return "true";
  return terms.length === 1 ? terms[0]! : `(and ${terms.join(" ")})`;
}

function binder(vars: readonly string[]): string {
  return vars.map((v) => `(${elementSymbol(v)} ${SORT})`).join(" ");
}

export function forall(vars: readonly string[], body: string): string {
  return vars.length === 0 ? body : `(forall (${binder(vars)}) ${body})`;
}

export function exists(vars: readonly string[], body: string): string {
  return vars.length === 0 ? body : `(exists (${binder(vars)}) ${body})`;
}
