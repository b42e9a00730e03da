/**
 * The signature the conjecturer builds terms from, read off a compiled theory: the anchor's
 * unary functions and binary operations (with the relation that reads each as a function) and
 * its element constants. Roles come from parameter types and predicate metadata, never names.
 */
import type { PredId, Predicate, Theory } from "../../mpl/theory.js";

/** One operation usable in terms, e.g. `+` read through `in3[x,y,z,+]`. */
export interface Operation {
  /** The theory constant naming the operation. */
  readonly constant: number;
  readonly arity: 1 | 2;
  /** The relation that reads the operation as a function (`in2` or `in3`). */
  readonly pred: PredId;
  /** Argument positions of the relation: inputs in order, the output, the operation itself. */
  readonly inputSlots: readonly number[];
  readonly outputSlot: number;
  readonly opSlot: number;
  readonly predArity: number;
}

export interface Signature {
  /** Operations in anchor-parameter order. */
  readonly operations: readonly Operation[];
  /** Element constants usable as leaves, in anchor-parameter order. */
  readonly elementConstants: readonly number[];
  /** The equality predicate, if the theory has one. */
  readonly equality: PredId | null;
}

/**
 * The operator relation of the given input count whose remaining slot holds a constant of
 * `opType`: the lowest such predicate id, or null.
 */
function findOperatorPredicate(
  predicates: readonly Predicate[],
  inputs: number,
  opType: "function" | "operation",
): { pred: Predicate; opSlot: number } | null {
  for (const pred of predicates) {
    const op = pred.operator;
    if (op === null || op.inputs.length !== inputs) continue;
    const used = new Set([...op.inputs, op.output]);
    const rest: number[] = [];
    for (let i = 0; i < pred.arity; i++) if (!used.has(i)) rest.push(i);
    if (rest.length !== 1) continue;
    const opSlot = rest[0]!;
    if (pred.argTypes[opSlot] !== opType) continue;
    const elementSlots = [...op.inputs, op.output].every((i) => pred.argTypes[i] === "element");
    if (!elementSlots) continue;
    return { pred, opSlot };
  }
  return null;
}

/** The signature of the theory's anchor; empty when the theory has no anchor. */
export function signatureOf(theory: Theory): Signature {
  // `=` is an MPL built-in, so finding it by its spelling ties nothing to a theory's names.
  const equalityPred = theory.predicates.find((p) => p.name === "=" && p.arity === 2);
  const equality = equalityPred === undefined ? null : equalityPred.id;
  const anchor = theory.anchor;
  if (anchor === null) return { operations: [], elementConstants: [], equality };
  const unary = findOperatorPredicate(theory.predicates, 1, "function");
  const binary = findOperatorPredicate(theory.predicates, 2, "operation");
  const operations: Operation[] = [];
  const elementConstants: number[] = [];
  for (const k of anchor.params) {
    const constant = theory.constants[k];
    if (constant === undefined) throw new RangeError(`anchor parameter ${k} is not a theory constant`);
    const reader = constant.type === "function" ? unary : constant.type === "operation" ? binary : null;
    if (constant.type === "element") elementConstants.push(k);
    if (reader === null) continue;
    const op = reader.pred.operator!;
    operations.push({
      constant: k,
      arity: constant.type === "function" ? 1 : 2,
      pred: reader.pred.id,
      inputSlots: op.inputs,
      outputSlot: op.output,
      opSlot: reader.opSlot,
      predArity: reader.pred.arity,
    });
  }
  return { operations, elementConstants, equality };
}
