/**
 * A hand-built compiled theory with the Peano signature (carrier, zero, successor, addition,
 * multiplication) and no axioms: enough for the conjecturer, which reads only the signature.
 * The constant names can be changed to check that nothing depends on them.
 */
import type { Constant, Predicate, Theory } from "../../mpl/theory.js";

export interface PeanoNames {
  readonly carrier: string;
  readonly zero: string;
  readonly successor: string;
  readonly plus: string;
  readonly times: string;
}

export const PEANO_NAMES: PeanoNames = { carrier: "N", zero: "zero", successor: "s", plus: "+", times: "*" };

/** Predicate ids of the built-ins, in the order the theory lists them. */
export const PRED = { in: 0, in2: 1, in3: 2, eq: 3 } as const;

/** Theory constant ids. */
export const CONST = { carrier: 0, zero: 1, successor: 2, plus: 3, times: 4 } as const;

export const BUILTIN_PREDICATES: readonly Predicate[] = [
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

/**
 * The Peano signature; with `one`, a second element constant of that name (id 5) that the
 * anchor lists after zero, as the reference system's anchor does with its `i1`.
 */
export function peanoTheory(names: PeanoNames = PEANO_NAMES, one: string | null = null): Theory {
  const constants: Constant[] = [
    { id: 0, name: names.carrier, type: "set" },
    { id: 1, name: names.zero, type: "element" },
    { id: 2, name: names.successor, type: "function" },
    { id: 3, name: names.plus, type: "operation" },
    { id: 4, name: names.times, type: "operation" },
  ];
  if (one !== null) constants.push({ id: 5, name: one, type: "element" });
  return {
    predicates: BUILTIN_PREDICATES,
    constants,
    definitions: [],
    anchor: {
      name: "NaturalNumbers",
      params: one === null ? [0, 1, 2, 3, 4] : [0, 1, 5, 2, 3, 4],
      roles: { carrier: CONST.carrier, zero: CONST.zero, successor: CONST.successor },
      entities: [],
    },
    conjectures: [],
    sources: [],
  };
}
