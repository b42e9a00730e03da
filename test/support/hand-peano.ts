/**
 * A Peano theory built by hand as compiled data (no parser involved), so engine tests do not
 * depend on the MPL front end. Constants: N, zero, s, +, *.
 */
import type { Conjecture, Entity, PatternAtom, Predicate, Theory } from "../../mpl/theory.js";

const N = -1;
const Z = -2;
const S = -3;
const ADD = -4;
const MUL = -5;

const at = (pred: number, ...args: number[]): PatternAtom => ({ pred, args, negated: false });
const notAt = (pred: number, ...args: number[]): PatternAtom => ({ pred, args, negated: true });
const mem = (x: number) => at(0, x, N);
const s = (x: number, y: number) => at(1, x, y, S);
const add = (a: number, b: number, c: number) => at(2, a, b, c, ADD);
const mul = (a: number, b: number, c: number) => at(2, a, b, c, MUL);
const eq = (a: number, b: number) => at(3, a, b);

export const predicates: Predicate[] = [
  { id: 0, name: "in", arity: 2, argTypes: ["element", "set"], operator: null },
  {
    id: 1,
    name: "in2",
    arity: 3,
    argTypes: ["element", "element", "function"],
    operator: { inputs: [0], output: 1 },
  },
  {
    id: 2,
    name: "in3",
    arity: 4,
    argTypes: ["element", "element", "element", "operation"],
    operator: { inputs: [0, 1], output: 2 },
  },
  { id: 3, name: "=", arity: 2, argTypes: ["element", "element"], operator: null },
];

let n = 0;
const origin = { definition: "Peano", via: "Peano" };
const rule = (vars: string[], premises: PatternAtom[], head: PatternAtom): Entity => ({
  kind: "rule",
  id: `A${++n}`,
  varNames: vars,
  premises,
  head,
  origin,
});

function entities(): Entity[] {
  n = 0;
  const op = (f: (a: number, b: number, c: number) => PatternAtom): Entity[] => [
    rule(["x", "y", "z"], [f(0, 1, 2)], mem(0)),
    rule(["x", "y", "z"], [f(0, 1, 2)], mem(1)),
    rule(["x", "y", "z"], [f(0, 1, 2)], mem(2)),
    {
      kind: "exists",
      id: `A${++n}`,
      varNames: ["x", "y", "z"],
      premises: [mem(0), mem(1)],
      witnesses: [2],
      body: [mem(2), f(0, 1, 2)],
      origin,
    },
    rule(["x", "y", "z1", "z2"], [mem(0), mem(1), f(0, 1, 2), f(0, 1, 3)], eq(2, 3)),
  ];
  return [
    { kind: "fact", id: `A${++n}`, atom: mem(Z), origin },
    rule(["x", "y"], [s(0, 1)], mem(0)),
    rule(["x", "y"], [s(0, 1)], mem(1)),
    {
      kind: "exists",
      id: `A${++n}`,
      varNames: ["x", "y"],
      premises: [mem(0)],
      witnesses: [1],
      body: [mem(1), s(0, 1)],
      origin,
    },
    rule(["x", "y1", "y2"], [mem(0), s(0, 1), s(0, 2)], eq(1, 2)),
    rule(["n"], [mem(0)], notAt(1, 0, Z, S)),
    rule(["m", "n1", "n2"], [mem(0), s(1, 0), s(2, 0)], eq(1, 2)),
    ...op(add),
    rule(["a", "b"], [mem(0), add(0, Z, 1)], eq(0, 1)),
    rule(["b", "a", "c", "d", "e"], [mem(0), s(0, 2), add(1, 0, 3), add(1, 2, 4)], s(3, 4)),
    rule(["b", "a", "c", "d", "e"], [mem(0), s(0, 2), add(1, 0, 3), s(3, 4)], add(1, 2, 4)),
    ...op(mul),
    rule(["a", "b"], [mem(0), mul(0, Z, 1)], eq(1, Z)),
    rule(["b", "a", "c", "d", "e"], [mem(0), s(0, 2), mul(1, 0, 3), add(3, 1, 4)], mul(1, 2, 4)),
    rule(["b", "a", "c", "d", "e"], [mem(0), s(0, 2), mul(1, 0, 3), mul(1, 2, 4)], add(3, 1, 4)),
  ];
}

const conj = (name: string, varNames: string[], premises: PatternAtom[], head: PatternAtom): Conjecture => ({
  name,
  mpl: "",
  varNames,
  premises,
  head,
  source: { path: "hand", line: 1, col: 1 },
});

/** The six laws and the reference system's quick-mode helper lemmas, as premise chains. */
export const quickConjectures: Conjecture[] = [
  conj("zero_add", ["a", "b"], [add(Z, 0, 1)], add(0, Z, 1)),
  conj("zero_mul", ["a", "b"], [mul(Z, 0, 1)], mul(0, Z, 1)),
  conj("succ_add", ["a", "b", "c", "d", "e"], [add(0, 1, 2), s(0, 3), s(2, 4)], add(3, 1, 4)),
  conj("add_comm", ["a", "b", "c"], [add(0, 1, 2)], add(1, 0, 2)),
  conj("add_assoc", ["a", "b", "c", "d", "e", "f"], [add(0, 1, 2), add(1, 3, 4), add(0, 4, 5)], add(2, 3, 5)),
  conj(
    "add_right_comm",
    ["a", "b", "c", "d", "e", "f"],
    [add(0, 1, 2), add(0, 3, 4), add(2, 3, 5)],
    add(4, 1, 5),
  ),
  conj("succ_mul", ["x", "b", "a", "y", "c"], [mul(0, 1, 2), add(2, 1, 4), s(0, 3)], mul(3, 1, 4)),
  conj("mul_comm", ["a", "b", "c"], [mul(0, 1, 2)], mul(1, 0, 2)),
  conj(
    "left_distrib",
    ["a", "b", "c", "d", "e", "f", "g"],
    [mul(0, 1, 3), mul(0, 2, 4), add(1, 2, 5), mul(0, 5, 6)],
    add(3, 4, 6),
  ),
  conj(
    "right_distrib",
    ["a", "b", "c", "d", "e", "f", "g"],
    [add(0, 1, 3), mul(0, 2, 4), mul(1, 2, 5), mul(3, 2, 6)],
    add(4, 5, 6),
  ),
  conj("mul_assoc", ["a", "b", "c", "d", "e", "f"], [mul(0, 1, 2), mul(1, 3, 4), mul(0, 4, 5)], mul(2, 3, 5)),
];

export function handPeano(conjectures: Conjecture[] = quickConjectures): Theory {
  return {
    predicates,
    constants: [
      { id: 0, name: "N", type: "set" },
      { id: 1, name: "zero", type: "element" },
      { id: 2, name: "s", type: "function" },
      { id: 3, name: "+", type: "operation" },
      { id: 4, name: "*", type: "operation" },
    ],
    definitions: [],
    anchor: {
      name: "Peano",
      params: [0, 1, 2, 3, 4],
      roles: { carrier: 0, zero: 1, successor: 2 },
      entities: entities(),
    },
    conjectures,
    sources: [],
  };
}
