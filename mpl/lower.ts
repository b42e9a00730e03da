/**
 * Lowering: checked formulas to the entities of mpl/theory.ts (facts, rules, existentials) and
 * to conjecture premise chains.
 *
 * Names are resolved through an environment (name → term), never by textual substitution:
 * expanding a definition maps its parameters to the caller's terms and gives each of its bound
 * variables a fresh slot in the entity being built, so expansion cannot capture variables.
 *
 * An implication used as a premise inside a definition (`(>[q](A)(B))` in `fold`) becomes an
 * atom of an auxiliary predicate named after its place (`fold.imp1[n,f,g]`, arguments its free
 * names) whose elimination rule `fold.imp1[ȳ] ∧ A → B` is emitted with the entities that use it
 * (docs/design.md, "Implications as premises"). A disjunction used as a premise, and an
 * implication premise inside a conjecture, cannot be expressed and are reported as errors.
 */
import type { Formula, ImpliesFormula, Name, NotFormula, ParamType } from "./ast.js";
import { BUILTIN_BY_NAME, BUILTIN_PREDICATES } from "./builtins.js";
import { comprehensionOf } from "./comprehension.js";
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

  /** The predicate of that name, if interned. */
  find(name: string): Predicate | undefined {
    const id = this.byName.get(name);
    return id === undefined ? undefined : this.list[id];
  }
}

/** Whether a predicate name is a definition's implication clause (`fold.imp4`). */
export const isClauseName = (name: string): boolean => /^.+\.imp\d+$/.test(name);

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

/** The auxiliary predicate standing for one implication of a definition body. */
interface Implication {
  readonly name: string;
  readonly pred: PredId;
  /** Free names of the implication in order of first occurrence: the predicate's parameters. */
  readonly free: readonly string[];
  readonly formula: ImpliesFormula;
  readonly owner: string;
  readonly path: string;
}

/** Renames an entity's variables that clash with `reserved` names (`N` → `N_1`). */
function avoidNames<E extends Entity>(e: E, reserved: readonly string[]): E {
  if (e.kind === "fact" || !e.varNames.some((v) => reserved.includes(v))) return e;
  const names: string[] = [];
  for (const v of e.varNames) names.push(freshName([...reserved, ...e.varNames, ...names], v));
  const renamed = e.varNames.map((v, i) => (reserved.includes(v) ? (names[i] as string) : v));
  return { ...e, varNames: renamed };
}

export class Lowerer {
  private depth = 0;
  /** Names variables of definition axioms must not take (the theory constants). */
  reserved: readonly string[] = [];
  /** Textual place of every implication of a definition body: owner and 1-based number. */
  private readonly places = new Map<Formula, { readonly owner: string; readonly k: number }>();
  private readonly implications = new Map<Formula, Implication>();
  /** Implications whose atoms the entities lowered since the last `eliminations()` use. */
  private used: Implication[] = [];

  constructor(
    private readonly definitions: ReadonlyMap<string, DefinitionInfo>,
    private readonly predicates: PredicateTable,
    private readonly diagnostics: Diagnostic[],
  ) {
    for (const def of definitions.values()) {
      let k = 0;
      const stack: Formula[] = def.body === null ? [] : [def.body];
      // Pre-order, left to right: the numbering follows the text.
      while (stack.length > 0) {
        const f = stack.pop() as Formula;
        if (f.kind === "implies") this.places.set(f, { owner: def.name, k: ++k });
        if (f.kind === "not") stack.push(f.body);
        else if (f.kind === "and") stack.push(f.right, f.left);
        else if (f.kind === "implies") stack.push(f.conclusion, f.premise);
      }
    }
  }

  /**
   * The elimination rules `imp[ȳ] ∧ A → B` of the implications used since the last call (and
   * of those their own lowering uses), in order of first use; ids `${idPrefix}${n}`.
   */
  eliminations(idPrefix: string, firstNumber: number): Entity[] {
    const out: Entity[] = [];
    const done = new Set<Implication>();
    for (let i = 0; i < this.used.length; i++) {
      const imp = this.used[i] as Implication;
      if (done.has(imp)) continue;
      done.add(imp);
      const subject = { kind: "definition", name: imp.owner } as const;
      const env = new Map<string, Term>(imp.free.map((n, j) => [n, j]));
      const origin = { definition: imp.owner, via: imp.name };
      const head: PatternAtom = { pred: imp.pred, args: imp.free.map((_, j) => j), negated: false };
      const frame: Frame = { vars: [...imp.free], premises: [head], origin, path: imp.path };
      const bound = bind(frame, env, imp.formula.vars);
      const withPremise = this.premise(imp.formula.premise, bound.env, bound.frame, subject);
      if (withPremise !== null) this.conclusion(imp.formula.conclusion, bound.env, withPremise, subject, out);
    }
    this.used = [];
    return out.map((e, i) => ({ ...avoidNames(e, this.reserved), id: `${idPrefix}${firstNumber + i}` }));
  }

  /**
   * A definition's own axioms with its parameters as variables: unfolding `D[x̄] → body` (rules
   * and existentials) and, where the body can be read as premises, introduction
   * `body → D[x̄]` (an existential body's variables become the rule's extra variables, so
   * applying it exhibits the witnesses). Ids are left empty.
   */
  definitionAxioms(name: string): Entity[] {
    const def = this.definitions.get(name);
    if (def === undefined || def.body === null) return [];
    const subject = { kind: "definition", name } as const;
    const params = def.params.map((p) => p.name);
    const env = new Map<string, Term>(params.map((p, i) => [p, i]));
    const atom = (): PatternAtom => ({
      pred: this.predicates.intern(
        name,
        def.params.map((p) => p.type),
      ),
      args: params.map((_, i) => i),
      negated: false,
    });
    const out: Entity[] = [];
    const unfold: Frame = {
      vars: params,
      premises: [atom()],
      origin: { definition: name, via: `${name} (unfolding)` },
      path: def.path,
    };
    this.conclusion(def.body, env, unfold, subject, out);
    const start: Frame = {
      vars: params,
      premises: [],
      origin: { definition: name, via: `${name} (introduction)` },
      path: def.path,
    };
    const intro = this.premise(def.body, env, start, subject);
    if (intro !== null) emitHead(intro, atom(), out);
    return out.map((e) => avoidNames(e, this.reserved));
  }

  /**
   * The comprehension principle for a set definition (mpl/comprehension.ts): side conditions →
   * ∃M. D[x̄], with D's parameters as variables; null when D is not a set definition.
   */
  comprehensionAxiom(name: string): Entity | null {
    const def = this.definitions.get(name);
    if (def === undefined || def.body === null) return null;
    const params = def.params.map((p) => p.name);
    const c = comprehensionOf(params, def.body);
    if (c === null) return null;
    const premises: PatternAtom[] = c.side.map((a) => ({
      pred: (BUILTIN_BY_NAME.get(a.name.text) as Predicate).id,
      args: a.args.map((x) => params.indexOf(x.text)),
      negated: false,
    }));
    const head: PatternAtom = {
      pred: this.predicates.intern(
        name,
        def.params.map((p) => p.type),
      ),
      args: params.map((_, i) => i),
      negated: false,
    };
    const e: Entity = {
      kind: "exists",
      id: "",
      varNames: params,
      premises,
      witnesses: [c.set],
      body: [head],
      origin: { definition: name, via: `${name} (comprehension)` },
    };
    return avoidNames(e, this.reserved);
  }

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
        result = this.implicationPremise(f, env, frame, subject);
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

  /**
   * The argument types of clause `D.impK` (the K-th implication of D's text, its free names in
   * order of first occurrence), for conjectures that name a clause; undefined when there is no
   * such implication. A GL candidate list reads compiled definitions without their text: then
   * the clause must already be a predicate of the theory.
   */
  clauseTypes(name: string): readonly ParamType[] | undefined {
    if (!isClauseName(name)) return undefined;
    const known = this.predicates.find(name);
    if (known !== undefined) return known.argTypes;
    for (const [f, place] of this.places) {
      if (`${place.owner}.imp${place.k}` !== name || f.kind !== "implies") continue;
      return freeNames(f).map((n) => this.typeOf(n, f));
    }
    return undefined;
  }

  /** An implication premise as an atom of its auxiliary predicate. */
  private implicationPremise(f: ImpliesFormula, env: Env, frame: Frame, subject: LowerSubject): Frame | null {
    const place = this.places.get(f);
    if (subject.kind === "conjecture" || place === undefined)
      return this.unsupported(f, "an implication used as a premise", frame, subject);
    let imp = this.implications.get(f);
    if (imp === undefined) {
      const free = freeNames(f);
      const name = `${place.owner}.imp${place.k}`;
      const types = free.map((n) => this.typeOf(n, f));
      imp = {
        name,
        pred: this.predicates.intern(name, types),
        free,
        formula: f,
        owner: place.owner,
        path: frame.path,
      };
      this.implications.set(f, imp);
    }
    this.used.push(imp);
    const atom: PatternAtom = {
      pred: imp.pred,
      args: imp.free.map((n) => this.term(nameOf(n, f), env)),
      negated: false,
    };
    return { ...frame, premises: [...frame.premises, atom] };
  }

  /** The type of a name from the first argument slot it fills in `f`. */
  private typeOf(name: string, f: Formula): ParamType {
    const stack: Formula[] = [f];
    while (stack.length > 0) {
      const g = stack.pop() as Formula;
      if (g.kind === "atom") {
        const i = g.args.findIndex((a) => a.text === name);
        if (i >= 0) {
          const def = this.definitions.get(g.name.text);
          const types =
            def !== undefined
              ? def.params.map((p) => p.type)
              : BUILTIN_PREDICATES.find((p) => p.name === g.name.text)?.argTypes;
          const t = types?.[i];
          if (t !== undefined) return t;
        }
      } else if (g.kind === "not") stack.push(g.body);
      else if (g.kind === "and") stack.push(g.right, g.left);
      else stack.push(g.conclusion, g.premise);
    }
    // The checker rejects unused names in a formula; reaching this is a compiler bug.
    throw new Error(`no type for '${name}' in an implication premise`);
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
    const argTypes =
      def !== undefined ? def.params.map((p) => p.type) : (builtin?.argTypes ?? this.clauseTypes(pred.text));
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

/** Names that occur free in `f`, in order of first occurrence. */
function freeNames(f: Formula): string[] {
  const out: string[] = [];
  const walk = (g: Formula, bound: ReadonlySet<string>): void => {
    switch (g.kind) {
      case "atom":
        for (const a of g.args) if (!bound.has(a.text) && !out.includes(a.text)) out.push(a.text);
        break;
      case "not":
        walk(g.body, bound);
        break;
      case "and":
        walk(g.left, bound);
        walk(g.right, bound);
        break;
      case "implies": {
        const inner = new Set(bound);
        for (const v of g.vars) inner.add(v.text);
        walk(g.premise, inner);
        walk(g.conclusion, inner);
        break;
      }
    }
  };
  walk(f, new Set());
  return out;
}

/** A `Name` for `text` as written in `f` (for lookups through an environment). */
function nameOf(text: string, f: Formula): Name {
  return { text, span: f.span };
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
