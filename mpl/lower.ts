/**
 * Lowering: checked formulas to the entities of mpl/theory.ts (facts, rules, existentials) and
 * to conjecture premise chains.
 *
 * Names are resolved through an environment (name → term), never by textual substitution:
 * expanding a definition maps its parameters to the caller's terms and gives each of its bound
 * variables a fresh slot in the entity being built, so expansion cannot capture variables.
 * Shapes a Horn-style entity cannot express (an implication used as a premise, a disjunction)
 * are reported and left out.
 */
import type { Formula, Name, NotFormula, ParamType } from "./ast.js";
import { BUILTIN_PREDICATES } from "./builtins.js";
import { type Diagnostic, diagnostic } from "./diagnostics.js";
import type { Entity, EntityOrigin, PatternAtom, PredId, Predicate, Term } from "./theory.js";

export interface DefinitionInfo {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly type: ParamType }[];
  /** `null` where only the signature is known (lowering conjectures never expands). */
  readonly body: Formula | null;
  readonly path: string;
}

/** Interns predicates: built-ins keep ids 0..3, definitions get the next id on first use. */
export class PredicateTable {
  private readonly list: Predicate[] = [...BUILTIN_PREDICATES];
  private readonly byName = new Map<string, PredId>(BUILTIN_PREDICATES.map((p) => [p.name, p.id]));

  intern(name: string, argTypes: readonly ParamType[]): PredId {
    const known = this.byName.get(name);
    if (known !== undefined) return known;
    const id = this.list.length;
    this.list.push({ id, name, arity: argTypes.length, argTypes: [...argTypes], operator: null });
    this.byName.set(name, id);
    return id;
  }

  all(): readonly Predicate[] {
    return this.list;
  }
}

/** What is being lowered decides how an unsupported shape is reported. */
export type LowerSubject =
  | { readonly kind: "definition"; readonly name: string }
  | { readonly kind: "anchor"; readonly name: string }
  | { readonly kind: "conjecture"; readonly name: string };

/** The entity under construction: its variables and premises so far. */
interface Frame {
  readonly vars: readonly string[];
  readonly premises: readonly PatternAtom[];
  readonly origin: EntityOrigin;
  /** The file the formula being lowered comes from (changes when a definition is expanded). */
  readonly path: string;
}

type Env = ReadonlyMap<string, Term>;

export interface LoweredConjecture {
  readonly varNames: readonly string[];
  readonly premises: readonly PatternAtom[];
  readonly head: PatternAtom;
}

const negation = (body: Formula): NotFormula => ({
  kind: "not",
  body,
  parenthesised: false,
  span: body.span,
});

/** A variable name unique within the entity: `x`, then `x_1`, `x_2`, ... */
function freshName(taken: readonly string[], base: string): string {
  if (!taken.includes(base)) return base;
  for (let k = 1; ; k++) {
    const candidate = `${base}_${k}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

/**
 * Expansion can nest definitions inside definitions; past this depth the lowering stops with
 * an error instead of overflowing the stack.
 */
export const MAX_EXPANSION_DEPTH = 2000;

export class Lowerer {
  private depth = 0;

  constructor(
    private readonly definitions: ReadonlyMap<string, DefinitionInfo>,
    private readonly predicates: PredicateTable,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /**
   * The entities of `body` with `constants[i]` naming constant `i`; ids are `${idPrefix}${n}`.
   */
  entities(
    body: Formula,
    constants: readonly string[],
    subject: LowerSubject,
    path: string,
    idPrefix: string,
  ): Entity[] {
    const env = new Map<string, Term>(constants.map((c, i) => [c, -(i + 1)]));
    const frame: Frame = {
      vars: [],
      premises: [],
      origin: { definition: subject.name, via: subject.name },
      path,
    };
    const out: Entity[] = [];
    this.conclusion(body, env, frame, subject, out);
    return out.map((e, i) => ({ ...e, id: `${idPrefix}${i + 1}` }));
  }

  /** A conjecture as a flat premise chain, or `null` (with a diagnostic) if it is not one. */
  conjecture(body: Formula, env: Env, subject: LowerSubject, path: string): LoweredConjecture | null {
    let frame: Frame | null = {
      vars: [],
      premises: [],
      origin: { definition: subject.name, via: subject.name },
      path,
    };
    let scope = env;
    let f = body;
    while (f.kind === "implies") {
      const bound: { frame: Frame; env: Env } = bind(frame, scope, f.vars);
      scope = bound.env;
      frame = this.premise(f.premise, scope, bound.frame, subject);
      if (frame === null) return null;
      f = f.conclusion;
    }
    let negated = false;
    while (f.kind === "not" && f.body.kind !== "atom") {
      if (f.body.kind !== "not") break;
      f = f.body.body;
    }
    if (f.kind === "not" && f.body.kind === "atom") {
      negated = true;
      f = f.body;
    }
    if (f.kind !== "atom") {
      const what =
        f.kind === "and" ? "a conjunction" : f.kind === "implies" ? "an implication" : describeNegation(f);
      this.diagnostics.push(
        diagnostic("MPL115", { path, line: f.span.start.line, col: f.span.start.col }, { what }),
      );
      return null;
    }
    return {
      varNames: frame.vars,
      premises: frame.premises,
      head: this.pattern(f.name, f.args, scope, negated),
    };
  }

  // The three recursive walkers below count their depth (`enter` ... `depth--`) and use one
  // stack frame per level, so that deep but legal expansions stay far from the stack limit.

  private conclusion(f: Formula, env: Env, frame: Frame, subject: LowerSubject, out: Entity[]): void {
    if (!this.enter(f, frame)) return;
    switch (f.kind) {
      case "atom": {
        const def = this.definitions.get(f.name.text);
        if (def === undefined) {
          emitHead(frame, this.pattern(f.name, f.args, env, false), out);
        } else {
          if (def.body === null) throw new Error(`definition '${def.name}' has no body to expand`);
          // A definition in conclusion position is an abbreviation: lower its body in place.
          const inner = new Map<string, Term>();
          def.params.forEach((p, i) => {
            inner.set(p.name, this.term(f.args[i], env));
          });
          const call = `${f.name.text}[${f.args.map((a) => a.text).join(",")}]`;
          const origin = { definition: def.name, via: `${frame.origin.via} > ${call}` };
          this.conclusion(def.body, inner, { ...frame, origin, path: def.path }, subject, out);
        }
        break;
      }
      case "and":
        this.conclusion(f.left, env, frame, subject, out);
        this.conclusion(f.right, env, frame, subject, out);
        break;
      case "implies": {
        const bound = bind(frame, env, f.vars);
        const withPremise = this.premise(f.premise, bound.env, bound.frame, subject);
        if (withPremise !== null) this.conclusion(f.conclusion, bound.env, withPremise, subject, out);
        break;
      }
      case "not":
        this.negatedConclusion(f.body, env, frame, subject, out);
        break;
    }
    this.depth--;
  }

  /** Lowers `!g` in conclusion position. */
  private negatedConclusion(g: Formula, env: Env, frame: Frame, subject: LowerSubject, out: Entity[]): void {
    if (!this.enter(g, frame)) return;
    switch (g.kind) {
      case "atom":
        // A negated definition stays an opaque atom: its negation is no abbreviation of rules.
        emitHead(frame, this.pattern(g.name, g.args, env, true), out);
        break;
      case "not":
        this.conclusion(g.body, env, frame, subject, out);
        break;
      case "and": {
        // ¬(A ∧ B) is A → ¬B.
        const withPremise = this.premise(g.left, env, frame, subject);
        if (withPremise !== null) this.negatedConclusion(g.right, env, withPremise, subject, out);
        break;
      }
      case "implies": {
        if (g.vars.length === 0) {
          // ¬(A → B) is A ∧ ¬B.
          this.conclusion(g.premise, env, frame, subject, out);
          this.negatedConclusion(g.conclusion, env, frame, subject, out);
          break;
        }
        // ¬∀v (A → B) is ∃v (A ∧ ¬B); a nested existential in the body adds witnesses.
        const bound = bind(frame, env, g.vars);
        const start: Frame = { ...bound.frame, premises: [] };
        const withA = this.premise(g.premise, bound.env, start, subject);
        const body = withA === null ? null : this.premise(negation(g.conclusion), bound.env, withA, subject);
        if (body !== null) {
          out.push({
            kind: "exists",
            id: "",
            varNames: body.vars,
            premises: frame.premises,
            witnesses: body.vars.map((_, i) => i).slice(frame.vars.length),
            body: body.premises,
            origin: frame.origin,
          });
        }
        break;
      }
    }
    this.depth--;
  }

  /**
   * Adds `f` as premise(s) to `frame`: atoms and negated atoms as they are, conjunctions
   * split, an existential `¬∀v(A → B)` as new variables v with premises A and ¬B.
   */
  private premise(f: Formula, env: Env, frame: Frame, subject: LowerSubject): Frame | null {
    if (!this.enter(f, frame)) return null;
    let result: Frame | null = null;
    switch (f.kind) {
      case "atom":
        result = { ...frame, premises: [...frame.premises, this.pattern(f.name, f.args, env, false)] };
        break;
      case "and": {
        const left = this.premise(f.left, env, frame, subject);
        result = left === null ? null : this.premise(f.right, env, left, subject);
        break;
      }
      case "implies":
        result = this.unsupported(f, "an implication used as a premise", frame, subject);
        break;
      case "not": {
        const g = f.body;
        if (g.kind === "atom") {
          result = { ...frame, premises: [...frame.premises, this.pattern(g.name, g.args, env, true)] };
        } else if (g.kind === "not") {
          result = this.premise(g.body, env, frame, subject);
        } else if (g.kind === "and") {
          result = this.unsupported(
            f,
            "a negated conjunction (a disjunction) used as a premise",
            frame,
            subject,
          );
        } else {
          const bound = bind(frame, env, g.vars);
          const withA = this.premise(g.premise, bound.env, bound.frame, subject);
          result = withA === null ? null : this.premise(negation(g.conclusion), bound.env, withA, subject);
        }
        break;
      }
    }
    this.depth--;
    return result;
  }

  /** Counts one level of recursion; `false` (with an error) past the limit. */
  private enter(f: Formula, frame: Frame): boolean {
    if (this.depth >= MAX_EXPANSION_DEPTH) {
      const at = { path: frame.path, line: f.span.start.line, col: f.span.start.col };
      this.diagnostics.push(diagnostic("MPL120", at, { limit: MAX_EXPANSION_DEPTH }));
      return false;
    }
    this.depth++;
    return true;
  }

  private unsupported(f: Formula, what: string, frame: Frame, subject: LowerSubject): null {
    const at = { path: frame.path, line: f.span.start.line, col: f.span.start.col };
    if (subject.kind === "definition") {
      this.diagnostics.push(diagnostic("MPL118", at, { what: capitalise(what), definition: subject.name }));
    } else {
      const context =
        subject.kind === "anchor"
          ? `in the anchor, via ${frame.origin.via}`
          : `in conjecture '${subject.name}'`;
      this.diagnostics.push(diagnostic("MPL119", at, { what: capitalise(what), context }));
    }
    return null;
  }

  private pattern(pred: Name, args: readonly Name[], env: Env, negated: boolean): PatternAtom {
    const def = this.definitions.get(pred.text);
    const builtin = BUILTIN_PREDICATES.find((p) => p.name === pred.text);
    const argTypes = def !== undefined ? def.params.map((p) => p.type) : builtin?.argTypes;
    // The checker rejects unknown predicates; reaching this is a compiler bug.
    if (argTypes === undefined) throw new Error(`unchecked predicate '${pred.text}' reached the lowering`);
    const id = this.predicates.intern(pred.text, argTypes);
    return { pred: id, args: args.map((a) => this.term(a, env)), negated };
  }

  private term(a: Name | undefined, env: Env): Term {
    const t = a === undefined ? undefined : env.get(a.text);
    // The checker guarantees every name is bound; reaching this is a compiler bug.
    if (t === undefined) throw new Error(`unbound name '${a?.text ?? "?"}' reached the lowering`);
    return t;
  }
}

function bind(frame: Frame, env: Env, vars: readonly Name[]): { frame: Frame; env: Env } {
  const names = [...frame.vars];
  const scope = new Map(env);
  for (const v of vars) {
    scope.set(v.text, names.length);
    names.push(freshName(names, v.text));
  }
  return { frame: { ...frame, vars: names }, env: scope };
}

function emitHead(frame: Frame, head: PatternAtom, out: Entity[]): void {
  if (frame.vars.length === 0 && frame.premises.length === 0) {
    out.push({ kind: "fact", id: "", atom: head, origin: frame.origin });
  } else {
    out.push({
      kind: "rule",
      id: "",
      varNames: frame.vars,
      premises: frame.premises,
      head,
      origin: frame.origin,
    });
  }
}

function describeNegation(f: Formula): string {
  if (f.kind !== "not") return "this formula";
  if (f.body.kind === "implies") return f.body.vars.length > 0 ? "an existential" : "a negated implication";
  return "a negated conjunction";
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
