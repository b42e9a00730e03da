/**
 * A brute-force judge for proof-graph statements in a model of the theory, independent of the
 * crosscheck's encoding and of z3: `∀vars: premises → head` is evaluated under every
 * assignment of the variables to the model's elements. A statement that fails under some
 * assignment is false in a model of the axioms, so no sound prover may confirm it from them.
 *
 * Two models: the natural numbers (`judgeStatement`: the carrier as ℕ, the zero and successor
 * roles as 0 and n+1, the operations named `+` and `*` as addition and multiplication, the
 * variables ranging over 0..bound, every atom evaluated exactly), and the symmetric group S3
 * (`judgeInS3`: the theory's one set, element, function and operation, by type, as the
 * group, its identity, inversion and composition), a model of the one- and two-sided group
 * axioms that is not commutative.
 */
import type { AtomJson, ProofGraph, StatementJson } from "../../export/schema.js";

export interface StatementVerdict {
  readonly holds: boolean;
  readonly counterexample: Readonly<Record<string, number>> | null;
}

/** A model: its elements, the value of each constant, and the truth of each relation. */
interface Model {
  readonly elements: readonly number[];
  /** The value of a theory constant that is an element (undefined: not one). */
  element(name: string): number | undefined;
  /** in[x,S], in2[x,y,f], in3[x,y,z,op]; undefined for an owner the model does not know. */
  relation(pred: string, owner: string, values: readonly number[]): boolean | undefined;
}

type Env = ReadonlyMap<string, number>;

function judge(model: Model, s: StatementJson): StatementVerdict {
  const value = (x: string, env: Env): number => {
    const v = env.get(x) ?? model.element(x);
    if (v === undefined) throw new Error(`the judge cannot evaluate ${x}`);
    return v;
  };
  const holds = (a: AtomJson, env: Env): boolean => {
    let truth: boolean | undefined;
    if (a.pred === "=") truth = value(a.args[0]!, env) === value(a.args[1]!, env);
    else if (a.pred === "in" || a.pred === "in2" || a.pred === "in3") {
      const values = a.args.slice(0, -1).map((x) => value(x, env));
      truth = model.relation(a.pred, a.args[a.args.length - 1]!, values);
    }
    if (truth === undefined) throw new Error(`the judge cannot evaluate ${a.pred}[${a.args.join(",")}]`);
    return a.neg === true ? !truth : truth;
  };
  const env = new Map<string, number>();
  let counterexample: Record<string, number> | null = null;
  const visit = (i: number): void => {
    if (counterexample) return;
    if (i === s.vars.length) {
      if (s.premises.every((p) => holds(p, env)) && !holds(s.head, env))
        counterexample = Object.fromEntries(env);
      return;
    }
    for (const n of model.elements) {
      env.set(s.vars[i]!, n);
      visit(i + 1);
    }
    env.delete(s.vars[i]!);
  };
  visit(0);
  return { holds: counterexample === null, counterexample };
}

export function judgeStatement(graph: ProofGraph, s: StatementJson, bound: number): StatementVerdict {
  const role = (r: string) => graph.theory.constants.find((c) => c.role === r)?.name;
  const [carrier, zero, successor] = [role("carrier"), role("zero"), role("successor")];
  const model: Model = {
    elements: Array.from({ length: bound + 1 }, (_, n) => n),
    element: (name) => (name === zero ? 0 : undefined),
    relation: (pred, owner, [x, y, z]) => {
      if (pred === "in" && owner === carrier) return true;
      if (pred === "in2" && owner === successor) return x! + 1 === y;
      if (pred === "in3" && owner === "+") return x! + y! === z;
      if (pred === "in3" && owner === "*") return x! * y! === z;
      return undefined;
    },
  };
  return judge(model, s);
}

/** S3 as the permutations of {0,1,2}, numbered 0..5; 0 is the identity. */
const PERMUTATIONS = [
  [0, 1, 2],
  [1, 0, 2],
  [0, 2, 1],
  [2, 1, 0],
  [1, 2, 0],
  [2, 0, 1],
];
const indexOf = (p: readonly number[]) => PERMUTATIONS.findIndex((q) => q.every((v, i) => v === p[i]));
const compose = (x: number, y: number) =>
  indexOf([0, 1, 2].map((i) => PERMUTATIONS[x]![PERMUTATIONS[y]![i]!]!));
const inverse = (x: number) => PERMUTATIONS.findIndex((_, y) => compose(x, y) === 0);

export function judgeInS3(graph: ProofGraph, s: StatementJson): StatementVerdict {
  const only = (type: string) => {
    const found = graph.theory.constants.filter((c) => c.type === type);
    if (found.length !== 1) throw new Error(`S3 needs exactly one ${type} constant`);
    return found[0]!.name;
  };
  const [set, unit, inv, op] = [only("set"), only("element"), only("function"), only("operation")];
  const model: Model = {
    elements: PERMUTATIONS.map((_, i) => i),
    element: (name) => (name === unit ? 0 : undefined),
    relation: (pred, owner, [x, y, z]) => {
      if (pred === "in" && owner === set) return true;
      if (pred === "in2" && owner === inv) return inverse(x!) === y;
      if (pred === "in3" && owner === op) return compose(x!, y!) === z;
      return undefined;
    },
  };
  return judge(model, s);
}
