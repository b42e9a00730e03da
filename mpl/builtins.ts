/**
 * The built-in relations every theory starts with, and the words for types in messages.
 * Their ids are fixed (0..3) because the engine and the verifier rely on them.
 */
import type { ParamType } from "./ast.js";
import type { Predicate } from "./theory.js";

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

export const BUILTIN_BY_NAME: ReadonlyMap<string, Predicate> = new Map(
  BUILTIN_PREDICATES.map((p) => [p.name, p]),
);

/** "an element", "a set", ... */
export const withArticle = (t: ParamType): string =>
  t === "element" || t === "operation" ? `an ${t}` : `a ${t}`;
