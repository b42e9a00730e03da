/**
 * Variants of the hand-built Peano theory (test/support/hand-peano.ts) for engine tests:
 * atom builders over its constants, conjectures written by hand, the theory with an extra
 * constant `one` (anchored by the fact s(zero)=one), and a consistently renamed and reordered
 * copy that must prove exactly what the original proves.
 */
import {
  type Conjecture,
  type Constant,
  constOfTerm,
  constTerm,
  type Entity,
  type PatternAtom,
  type Term,
  type Theory,
} from "../../mpl/theory.js";
import { handPeano, quickConjectures } from "./hand-peano.js";

/** Constant terms of the hand theory (ids 0..4), and `one` (id 5) of `withOne`. */
export const N = constTerm(0);
export const ZERO = constTerm(1);
export const S = constTerm(2);
export const ADD = constTerm(3);
export const MUL = constTerm(4);
export const ONE = constTerm(5);

const atom = (pred: number, args: Term[], negated = false): PatternAtom => ({ pred, args, negated });
export const mem = (x: Term): PatternAtom => atom(0, [x, N]);
export const succ = (x: Term, y: Term): PatternAtom => atom(1, [x, y, S]);
export const add = (a: Term, b: Term, c: Term): PatternAtom => atom(2, [a, b, c, ADD]);
export const mul = (a: Term, b: Term, c: Term): PatternAtom => atom(2, [a, b, c, MUL]);
export const eq = (a: Term, b: Term): PatternAtom => atom(3, [a, b]);

export function conjecture(
  name: string,
  varNames: string[],
  premises: PatternAtom[],
  head: PatternAtom,
): Conjecture {
  return { name, mpl: "", varNames, premises, head, source: { path: "hand", line: 1, col: 1 } };
}

/** The hand theory plus a constant `one` with the anchor fact s(zero)=one. */
export function withOne(conjectures: Conjecture[]): Theory {
  const base = handPeano(conjectures);
  const anchor = base.anchor!;
  const one: Constant = { id: 5, name: "one", type: "element" };
  const fact: Entity = {
    kind: "fact",
    id: `A${anchor.entities.length + 1}`,
    atom: succ(ZERO, ONE),
    origin: { definition: anchor.name, via: anchor.name },
  };
  return {
    ...base,
    constants: [...base.constants, one],
    anchor: { ...anchor, params: [...anchor.params, one.id], entities: [...anchor.entities, fact] },
  };
}

/** s(a)=b → a+one=b: needs add-succ with b := zero, c := one, i.e. a rule variable bound to a named constant. */
export const succIsPlusOne = conjecture("succ_is_plus_one", ["a", "b"], [succ(0, 1)], add(0, ONE, 1));

const NEW_NAMES: Record<string, string> = { N: "Nat", zero: "z0", s: "succ", "+": "plus", "*": "times" };
/** The renamed constants in their new id order (a permutation of the original ids). */
const NEW_ORDER = ["times", "z0", "plus", "Nat", "succ"];

/** A fixed permutation of 0..n-1 that moves almost everything (stride 7, or reversal). */
function shuffle(n: number): number[] {
  const stride = 7;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  if (n > 1 && gcd(stride, n) === 1) return Array.from({ length: n }, (_, i) => (i * stride + 3) % n);
  return Array.from({ length: n }, (_, i) => n - 1 - i);
}

/** Which parts of the theory `renamedPeano` changes; each is on unless set to false. */
export interface Renaming {
  /** Constant names: N→Nat, zero→z0, s→succ, +→plus, *→times. */
  names?: boolean;
  /** Constant ids permuted (roles and parameters follow). */
  constantIds?: boolean;
  /** Anchor entities reordered, then renumbered A1, A2, … in the new order. */
  entityOrder?: boolean;
  /** Rule variables renamed and renumbered (index i becomes n-1-i). */
  ruleVars?: boolean;
  /** Premise lists and existential bodies of the entities reversed. */
  conjunctOrder?: boolean;
  /** Conjecture variables renamed and renumbered (premise chains keep their order). */
  conjectureVars?: boolean;
}

/**
 * The hand theory transformed consistently, by default in every way listed in `Renaming`.
 * Conjecture names are kept, so results can be compared by name.
 */
export function renamedPeano(conjectures: Conjecture[] = quickConjectures, renaming: Renaming = {}): Theory {
  const o: Required<Renaming> = {
    names: true,
    constantIds: true,
    entityOrder: true,
    ruleVars: true,
    conjunctOrder: true,
    conjectureVars: true,
    ...renaming,
  };
  const base = handPeano(conjectures);
  const anchor = base.anchor!;
  const newId = base.constants.map((c, i) => (o.constantIds ? NEW_ORDER.indexOf(NEW_NAMES[c.name]!) : i));
  const constants: Constant[] = base.constants
    .map((c, i) => ({ id: newId[i]!, name: o.names ? NEW_NAMES[c.name]! : c.name, type: c.type }))
    .sort((a, b) => a.id - b.id);
  const roles = anchor.roles!;
  const origin = { definition: "Arithmetic", via: "Arithmetic" };

  // Variable t of an n-variable pattern becomes n-1-t; constants follow the new numbering.
  const term = (n: number, renumber: boolean) => (t: Term) =>
    t < 0 ? constTerm(newId[constOfTerm(t)]!) : renumber ? n - 1 - t : t;
  const mapAtom =
    (n: number, renumber = o.ruleVars) =>
    (a: PatternAtom) => ({ ...a, args: a.args.map(term(n, renumber)) });
  const renameVars = (names: readonly string[]) =>
    o.ruleVars ? names.map((_, i) => `v_${names[names.length - 1 - i]}`) : [...names];
  const reversed = <T>(xs: readonly T[]): T[] => (o.conjunctOrder ? [...xs].reverse() : [...xs]);

  const order = o.entityOrder ? shuffle(anchor.entities.length) : anchor.entities.map((_, i) => i);
  const mapEntity = (e: Entity, id: string): Entity => {
    if (e.kind === "fact") return { kind: "fact", id, atom: mapAtom(0)(e.atom), origin };
    const n = e.varNames.length;
    const varNames = renameVars(e.varNames);
    const premises = reversed(e.premises.map(mapAtom(n)));
    if (e.kind === "rule") return { kind: "rule", id, varNames, premises, head: mapAtom(n)(e.head), origin };
    const witnesses = e.witnesses.map(term(n, o.ruleVars));
    return {
      kind: "exists",
      id,
      varNames,
      premises,
      witnesses,
      body: reversed(e.body.map(mapAtom(n))),
      origin,
    };
  };
  const entities = order.map((i, k) => mapEntity(anchor.entities[i]!, `A${k + 1}`));

  const renamedConjectures = base.conjectures.map((c): Conjecture => {
    const n = c.varNames.length;
    return {
      ...c,
      varNames: o.conjectureVars ? c.varNames.map((_, i) => `x${c.varNames[n - 1 - i]}`) : [...c.varNames],
      premises: c.premises.map(mapAtom(n, o.conjectureVars)),
      head: mapAtom(n, o.conjectureVars)(c.head),
    };
  });

  return {
    ...base,
    constants,
    anchor: {
      name: "Arithmetic",
      params: anchor.params.map((p) => newId[p]!),
      roles: { carrier: newId[roles.carrier]!, zero: newId[roles.zero]!, successor: newId[roles.successor]! },
      entities,
    },
    conjectures: renamedConjectures,
  };
}
