/**
 * Atoms, axioms and statements of a proof graph as first-order formulas (formula.ts).
 *
 * Relational vocabulary, as MPL means it: `in[x,S]` with S a theory constant is the unary
 * predicate `in.S`; `in2[x,y,f]` the binary relation `in2.f`; `in3[x,y,z,op]` the ternary
 * relation `in3.op`; `=` equality; any other predicate P is `p.P`. The set, function or
 * operation must be a theory constant: a variable there would need a second-order (or
 * reified) encoding, which is refused with a clear reason.
 *
 * Functional encoding: a relation with a functional reading (functional.ts) is replaced by its
 * definition. `in3[a,b,c,+]` becomes `in.Nat(a) ∧ in.Nat(b) ∧ c = fn.+(a,b)`: the guards keep
 * the reading to the domain where the theory makes + total and single-valued (outside it
 * fn.+ is an arbitrary value that no atom can reach). Then the one-point rule removes the
 * variables the equalities define, so `a + succ(b) = succ(a + b)` becomes the equation
 * `fn.succ(fn.+(a,b)) = fn.+(a, fn.succ(b))` under guards, and totality axioms lose their
 * existential (the Skolem function is fn.+ itself).
 *
 * Triggers (for z3's E-matching; triggers.ts) are chosen after that simplification.
 */
import type { AtomJson, EntityJson, StatementJson } from "../export/schema.js";
import {
  and,
  app,
  constant,
  eq,
  exists,
  type Formula,
  forall,
  implies,
  not,
  pred,
  simplifyRule,
  type Term,
  TRUE,
  variable,
} from "./formula.js";
import type { Signature } from "./functional.js";
import type { HigherOrderPositions } from "./specialise.js";
import { chooseTriggers } from "./triggers.js";

/** A graph the encoding does not cover (e.g. a variable in a set or function position). */
export class EncodingError extends Error {
  override name = "EncodingError";
}

/**
 * The trigger weight of a quantifier that still has an existential conclusion (a totality the
 * functional encoding could not take over). Such axioms give the solver an endless supply of
 * new elements; weighting them makes each witness cost more than a rule instance, so proofs
 * needing few witnesses are found first (tuned on the Peano graphs under the relational
 * encoding: 0 loses most proofs to the witness explosion, 30 starves the witnesses they need).
 */
export const WITNESS_WEIGHT = 10;

export class Encoder {
  constructor(
    /** The theory constants: every other name in an atom is a variable or a fresh element. */
    private readonly constants: ReadonlySet<string>,
    /** The functional readings to apply (empty: the relational encoding throughout). */
    readonly signature: Signature,
    /** Constructor symbols (the zero constant, the successor function) for trigger choice. */
    private readonly constructors: ReadonlySet<string>,
    /** Predicate positions that hold sets, functions or operations (specialise.ts). */
    private readonly higherOrder: HigherOrderPositions = new Map(),
    /** Predicate names of the graph: a specialised predicate must not take one of them. */
    private readonly predicates: ReadonlySet<string> = new Set(),
  ) {}

  /**
   * `P[c,d](x)` for `P[c,d,x]` when P's positions 0 and 1 hold sets or functions: the
   * theory constants there become part of the predicate's name (specialise.ts).
   */
  private specialised(a: AtomJson, bound: ReadonlySet<string>): { rel: string; args: string[] } {
    const positions = this.higherOrder.get(a.pred);
    if (!positions || positions.size === 0) return { rel: `p.${a.pred}`, args: a.args };
    const fixed = [...positions.keys()].sort((x, y) => x - y);
    const named: string[] = [];
    for (const i of fixed) {
      const x = a.args[i];
      if (x === undefined || bound.has(x) || !this.constants.has(x))
        throw new EncodingError(
          `${a.pred}[${a.args.join(",")}]: its argument ${x ?? "(none)"} stands for a ${positions.get(i)} but is not a theory constant, so the atom has no first-order reading`,
        );
      named.push(x);
    }
    const name = `${a.pred}[${named.join(",")}]`;
    if (this.predicates.has(name))
      throw new EncodingError(
        `the specialised predicate ${name} would take the name of a predicate of the graph`,
      );
    return { rel: `p.${name}`, args: a.args.filter((_, i) => !positions.has(i)) };
  }

  private term(name: string, bound: ReadonlySet<string>): Term {
    return bound.has(name) ? variable(name) : constant(name);
  }

  /** The atom as a formula; names in `bound` are quantified variables, the rest elements. */
  atom(a: AtomJson, bound: ReadonlySet<string>): Formula {
    const t = (x: string) => this.term(x, bound);
    let f: Formula;
    if (a.pred === "=" && a.args.length === 2) f = eq(t(a.args[0]!), t(a.args[1]!));
    else if (a.pred === "in" || a.pred === "in2" || a.pred === "in3") {
      const owner = a.args[a.args.length - 1];
      if (owner === undefined || bound.has(owner) || !this.constants.has(owner)) {
        throw new EncodingError(
          `${a.pred}[${a.args.join(",")}]: its last argument ${owner ?? "(none)"} is not a theory constant, so it has no first-order relation`,
        );
      }
      const relation = `${a.pred}.${owner}`;
      const elements = a.args.slice(0, -1).map(t);
      const reading = this.signature.get(relation);
      if (reading && reading.arity === elements.length) {
        const inputs = elements.filter((_, i) => i !== reading.output);
        const guards = reading.guards.map((g) => pred(`in.${g.set}`, [elements[g.input]!]));
        f = and([...guards, eq(elements[reading.output]!, app(reading.fn, inputs))]);
      } else f = pred(relation, elements);
    } else {
      const { rel, args } = this.specialised(a, bound);
      f = pred(rel, args.map(t));
    }
    return a.neg === true ? not(f) : f;
  }

  /**
   * `∀vars: premises → conclusion`, simplified (formula.ts: one-point rule, dropped repeats)
   * and given triggers; `conclusion` is already a formula over `vars` (and `outer`, the
   * variables of an enclosing quantifier, for an existential conclusion's witnesses).
   */
  rule(vars: readonly string[], premises: readonly AtomJson[], conclusion: (bound: Set<string>) => Formula) {
    const bound = new Set(vars);
    const ps = and(premises.map((p) => this.atom(p, bound)));
    const s = simplifyRule(vars, ps, conclusion(bound));
    if (s.conclusion.kind === "true") return TRUE;
    const body = implies(and(s.premises), s.conclusion);
    const triggers = chooseTriggers(s.vars, s.premises, s.conclusion, this.constructors);
    const weight = s.conclusion.kind === "exists" ? WITNESS_WEIGHT : 0;
    return forall(s.vars, body, triggers, weight);
  }

  /** An axiom as a closed formula (`true` when the functional reading makes it trivial). */
  entity(e: EntityJson): Formula {
    if (e.kind === "exists") {
      const witnesses = e.witnesses ?? [];
      const universal = e.vars.filter((x) => !witnesses.includes(x));
      return this.rule(universal, e.premises, (bound) => {
        const inner = new Set([...bound, ...witnesses]);
        return exists(witnesses, and((e.body ?? []).map((a) => this.atom(a, inner))));
      });
    }
    const head = e.head;
    if (!head) throw new EncodingError(`axiom ${e.id} has no head`);
    return this.rule(e.vars, e.premises, (bound) => this.atom(head, bound));
  }

  /** A statement as a closed formula: `∀vars: premises → head`. */
  statement(s: StatementJson): Formula {
    return this.rule(s.vars, s.premises, (bound) => this.atom(s.head, bound));
  }

  /** A ground atom (statement variables read as elements), simplified. */
  ground(a: AtomJson): Formula {
    return this.rule([], [], () => this.atom(a, new Set()));
  }
}
