/**
 * A brute-force judge for proof-graph statements over the natural numbers, independent of the
 * crosscheck's encoding and of z3: `∀vars: premises → head` is evaluated under every
 * assignment of the variables to 0..bound, with the carrier as ℕ, the zero and successor roles
 * as 0 and n+1, and the operations named `+` and `*` as addition and multiplication. A statement
 * that fails under some assignment is false in the standard model, so no sound prover may
 * confirm it from axioms that ℕ satisfies.
 */
import type { AtomJson, ProofGraph, StatementJson } from "../../export/schema.js";

export interface StatementVerdict {
  readonly holds: boolean;
  readonly counterexample: Readonly<Record<string, number>> | null;
}

type Env = ReadonlyMap<string, number>;

export function judgeStatement(graph: ProofGraph, s: StatementJson, bound: number): StatementVerdict {
  const role = (r: string) => graph.theory.constants.find((c) => c.role === r)?.name;
  const [carrier, zero, successor] = [role("carrier"), role("zero"), role("successor")];
  const value = (x: string, env: Env): number => {
    const v = env.get(x);
    if (v !== undefined) return v;
    if (x === zero) return 0;
    throw new Error(`the judge cannot evaluate ${x}`);
  };
  const holds = (a: AtomJson, env: Env): boolean => {
    const v = (i: number) => value(a.args[i]!, env);
    let truth: boolean;
    const owner = a.args[a.args.length - 1];
    if (a.pred === "=") truth = v(0) === v(1);
    else if (a.pred === "in" && owner === carrier) truth = true;
    else if (a.pred === "in2" && owner === successor) truth = v(0) + 1 === v(1);
    else if (a.pred === "in3" && owner === "+") truth = v(0) + v(1) === v(2);
    else if (a.pred === "in3" && owner === "*") truth = v(0) * v(1) === v(2);
    else throw new Error(`the judge cannot evaluate ${a.pred}[${a.args.join(",")}]`);
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
    for (let n = 0; n <= bound; n++) {
      env.set(s.vars[i]!, n);
      visit(i + 1);
    }
    env.delete(s.vars[i]!);
  };
  visit(0);
  return { holds: counterexample === null, counterexample };
}
