/**
 * Evaluation of the theory's functions on numerals, read off their defining axioms: the guide
 * that tells the ground model which values to pose. It is not trusted: the model poses what it
 * computes and keeps only what the engine proves, so a wrong reading costs a value, never a
 * false refutation.
 *
 * A function or operation is *defined* when some axiom rule reads as a way to compute it
 * (found by shape, never by name). A reading picks one positive operator atom `f(x…) = y` of
 * the rule, its *defined atom*, and schedules every other atom so that, once `f`'s inputs are
 * numerals, each one is computable in turn and the last ones fix `y`:
 * - a membership in the carrier holds of every numeral;
 * - a successor atom `s(x) = z` runs either way (`z = x+1`, or `x = z-1` for `z > 0`);
 * - another operator atom whose inputs are known gives its output (a call);
 * - an equality binds one side from the other.
 * The defined atom may be the head (`s(b) = c ∧ a^b = d ∧ d·a = e → a^c = e`: premises true,
 * so the head holds) or a premise (`a + 0 = b → a = b`: the value exists, and the head pins it).
 * A reading that calls `f` itself must call it on the predecessor of one of its inputs (the
 * recursion of `a^s(b) = a^b·a` on b), so evaluation terminates; calls to other functions
 * follow their own readings, with a guard against cycles. Readings are tried in axiom order;
 * the first that succeeds gives the value. Values above the bound are unknown.
 */
import type { PatternAtom, RuleEntity, Term, Theory } from "../../mpl/theory.js";

/** One atom of a reading, in evaluation order. */
export type Op =
  | { readonly kind: "member"; readonly x: Term }
  | { readonly kind: "succ"; readonly from: Term; readonly to: Term }
  | { readonly kind: "pred"; readonly from: Term; readonly to: Term }
  | { readonly kind: "call"; readonly op: number; readonly inputs: readonly Term[]; readonly output: Term }
  | { readonly kind: "eq"; readonly a: Term; readonly b: Term };

/** A way to compute a function, read off one rule: its defined atom and the program fixing its output. */
export interface Reading {
  readonly rule: string;
  /** Inputs of the defined atom (variables or constants) and its output variable. */
  readonly inputs: readonly Term[];
  readonly output: number;
  readonly varCount: number;
  readonly program: readonly Op[];
}

/** What the model's guide knows: which functions it evaluates, their values, the constants'. */
export interface GroundEvaluator {
  /**
   * Operation and function constants the readings evaluate (every value on 0 and 1), ascending;
   * the successor excluded.
   */
  readonly functions: readonly number[];
  /** The readings of each function, as `rule` ids (for reports). */
  readonly readings: ReadonlyMap<number, readonly string[]>;
  /** Every reading of every function, evaluated or not, in axiom order (closed-forms.ts reads them). */
  readonly programs: ReadonlyMap<number, readonly Reading[]>;
  /** `op(inputs)` when a reading computes it within the bound, else undefined. */
  value(op: number, inputs: readonly number[]): number | undefined;
  /** The numeral of an element constant, when the axioms give it (zero is 0). */
  constant(id: number): number | undefined;
  /**
   * The values a computed value rests on, `op(inputs)` itself included, each as
   * `[op, inputs, value]` (successor steps left out): what the engine must compute on the way.
   */
  trace(op: number, inputs: readonly number[]): [number, number[], number][];
}

const MEMBER = 0;
const EQUALITY = 3;

interface OperatorAtom {
  readonly op: number;
  readonly inputs: readonly Term[];
  readonly output: Term;
}

/** The atom as `output = op(inputs)` when it is a positive operator atom with a constant operation. */
function operatorAtom(atom: PatternAtom, theory: Theory): OperatorAtom | null {
  const meta = theory.predicates[atom.pred]?.operator ?? null;
  if (meta === null || atom.negated) return null;
  const rest: number[] = [];
  for (let i = 0; i < atom.args.length; i++) if (!meta.inputs.includes(i) && i !== meta.output) rest.push(i);
  if (rest.length !== 1) return null;
  const opTerm = atom.args[rest[0]!]!;
  if (opTerm >= 0) return null;
  return { op: -opTerm - 1, inputs: meta.inputs.map((i) => atom.args[i]!), output: atom.args[meta.output]! };
}

/**
 * Schedules `rest` after the defined atom's inputs are known, or returns null when some atom
 * cannot be evaluated or a call to `f` does not descend.
 */
function schedule(
  theory: Theory,
  roles: { carrier: number; successor: number },
  f: number,
  defined: OperatorAtom,
  rest: readonly PatternAtom[],
): Op[] | null {
  const known = new Set<Term>();
  for (const t of defined.inputs) known.add(t);
  const isKnown = (t: Term): boolean => t < 0 || known.has(t);
  // Variable → the input slot of the defined atom whose predecessor it is.
  const predecessorOf = new Map<number, number>();
  const pending = rest.map((atom) => atom);
  const program: Op[] = [];
  while (pending.length > 0) {
    let progressed = false;
    for (let i = 0; i < pending.length; i++) {
      const atom = pending[i]!;
      const op = planAtom(atom);
      if (op === undefined) continue;
      if (op === null) return null;
      program.push(op);
      pending.splice(i, 1);
      progressed = true;
      break;
    }
    if (!progressed) return null;
  }
  return known.has(defined.output) || defined.output < 0 ? program : null;

  /** The step for an atom now, undefined when it must wait, null when it can never run. */
  function planAtom(atom: PatternAtom): Op | null | undefined {
    if (atom.negated) return null;
    if (atom.pred === MEMBER) {
      const set = atom.args[1]!;
      if (set !== -roles.carrier - 1) return null;
      return isKnown(atom.args[0]!) ? { kind: "member", x: atom.args[0]! } : undefined;
    }
    if (atom.pred === EQUALITY) {
      const [a, b] = atom.args as [Term, Term];
      if (isKnown(a)) {
        known.add(b);
        return { kind: "eq", a, b };
      }
      if (isKnown(b)) {
        known.add(a);
        return { kind: "eq", a: b, b: a };
      }
      return undefined;
    }
    const call = operatorAtom(atom, theory);
    if (call === null) return null;
    if (call.op === roles.successor) {
      const [from] = call.inputs as [Term];
      if (isKnown(from)) {
        known.add(call.output);
        return { kind: "succ", from, to: call.output };
      }
      if (isKnown(call.output)) {
        known.add(from);
        const slot = defined.inputs.indexOf(call.output);
        if (slot >= 0 && call.output >= 0) predecessorOf.set(from, slot);
        return { kind: "pred", from: call.output, to: from };
      }
      return undefined;
    }
    if (!call.inputs.every(isKnown)) return undefined;
    if (call.op === f) {
      // Recursion must descend: some input is the predecessor of the same input of the defined atom.
      const descends = call.inputs.some((t, slot) => t >= 0 && predecessorOf.get(t) === slot);
      if (!descends) return null;
    }
    known.add(call.output);
    return { kind: "call", op: call.op, inputs: call.inputs, output: call.output };
  }
}

/** A rule to read: an axiom of the anchor, or a theorem from elsewhere (`id` its reference). */
type ReadableRule = Pick<RuleEntity, "id" | "varNames" | "premises" | "head">;

/** Every reading of every rule of the anchor (then of the extra rules), by defined function. */
function readingsOf(theory: Theory, extra: readonly ReadableRule[]): Map<number, Reading[]> {
  const out = new Map<number, Reading[]>();
  const roles = theory.anchor?.roles;
  if (!roles) return out;
  const axioms = (theory.anchor?.entities ?? []).filter((e): e is RuleEntity => e.kind === "rule");
  for (const rule of [...axioms, ...extra]) {
    const atoms = [...rule.premises, rule.head];
    atoms.forEach((atom, index) => {
      const defined = operatorAtom(atom, theory);
      if (defined === null || defined.op === roles.successor) return;
      const kind = theory.constants[defined.op]?.type;
      if (kind !== "function" && kind !== "operation") return;
      // The output must be a variable of its own, not also an input.
      if (defined.output < 0 || defined.inputs.includes(defined.output)) return;
      const isHead = index === rule.premises.length;
      // A premise can only be the defined atom when the head is something else that pins it.
      const rest = atoms.filter((_, i) => i !== index);
      const program = schedule(theory, roles, defined.op, defined, rest);
      if (program === null) return;
      void isHead;
      const list = out.get(defined.op) ?? [];
      list.push({
        rule: rule.id,
        inputs: defined.inputs,
        output: defined.output,
        varCount: rule.varNames.length,
        program,
      });
      out.set(defined.op, list);
    });
  }
  return out;
}

/** The numerals of element constants the anchor's ground facts give (zero is 0). */
function constantValues(
  theory: Theory,
  eval1: (op: number, inputs: number[]) => number | undefined,
): Map<number, number> {
  const values = new Map<number, number>();
  const roles = theory.anchor?.roles;
  if (!roles) return values;
  values.set(roles.zero, 0);
  const facts = (theory.anchor?.entities ?? []).flatMap((e) => (e.kind === "fact" ? [e.atom] : []));
  for (let changed = true; changed; ) {
    changed = false;
    for (const atom of facts) {
      const value = (t: Term) => (t < 0 ? values.get(-t - 1) : undefined);
      const learn = (t: Term, v: number | undefined) => {
        if (v === undefined || t >= 0 || values.has(-t - 1)) return;
        if (theory.constants[-t - 1]?.type !== "element") return;
        values.set(-t - 1, v);
        changed = true;
      };
      if (atom.negated) continue;
      if (atom.pred === EQUALITY) {
        learn(atom.args[0]!, value(atom.args[1]!));
        learn(atom.args[1]!, value(atom.args[0]!));
        continue;
      }
      const call = operatorAtom(atom, theory);
      if (call === null) continue;
      const ins = call.inputs.map(value);
      if (ins.some((v) => v === undefined)) continue;
      const v = call.op === roles.successor ? ins[0]! + 1 : eval1(call.op, ins as number[]);
      learn(call.output, v);
    }
  }
  return values;
}

/**
 * The evaluator of the theory's defined functions on numerals up to `bound` (values above it,
 * and inputs above it, are unknown). `theorems`: proved statements from elsewhere, read after
 * the axioms (a function defined only through them is evaluated too).
 */
export function groundEvaluator(
  theory: Theory,
  bound: number,
  theorems: readonly ReadableRule[] = [],
): GroundEvaluator {
  const roles = theory.anchor?.roles;
  const readings = readingsOf(theory, theorems);
  const memo = new Map<string, number | null>();
  /** The calls of the reading that gave each memoised value. */
  const calls = new Map<string, string[]>();
  const onStack = new Set<string>();
  let consts = new Map<number, number>();
  if (roles) consts.set(roles.zero, 0);

  const value = (op: number, inputs: readonly number[]): number | undefined => {
    if (roles && op === roles.successor) return inputs[0]! < bound ? inputs[0]! + 1 : undefined;
    if (inputs.some((x) => x > bound || x < 0)) return undefined;
    const key = `${op}:${inputs.join(",")}`;
    const known = memo.get(key);
    if (known !== undefined) return known ?? undefined;
    if (onStack.has(key)) return undefined;
    onStack.add(key);
    let result: number | undefined;
    let cut = false;
    for (const r of readings.get(op) ?? []) {
      const made: string[] = [];
      const got = run(r, inputs, made);
      if (got === "cycle") cut = true;
      else if (got !== undefined) {
        result = got;
        calls.set(key, made);
        break;
      }
    }
    onStack.delete(key);
    // A value cut short by a cycle may be found from another entry point: not memoised as unknown.
    if (result !== undefined || !cut) memo.set(key, result ?? null);
    return result;
  };

  const run = (r: Reading, inputs: readonly number[], made: string[]): number | undefined | "cycle" => {
    const vals = new Array<number>(r.varCount).fill(-1);
    const get = (t: Term): number | undefined => {
      if (t < 0) return consts.get(-t - 1);
      const v = vals[t]!;
      return v < 0 ? undefined : v;
    };
    const put = (t: Term, v: number): boolean => {
      if (v < 0 || v > bound) return false;
      if (t < 0) return consts.get(-t - 1) === v;
      const old = vals[t]!;
      if (old >= 0) return old === v;
      vals[t] = v;
      return true;
    };
    for (let i = 0; i < r.inputs.length; i++) if (!put(r.inputs[i]!, inputs[i]!)) return undefined;
    let cycle = false;
    for (const step of r.program) {
      switch (step.kind) {
        case "member":
          if (get(step.x) === undefined) return undefined;
          break;
        case "eq": {
          const a = get(step.a);
          if (a === undefined || !put(step.b, a)) return undefined;
          break;
        }
        case "succ": {
          const x = get(step.from);
          if (x === undefined || !put(step.to, x + 1)) return undefined;
          break;
        }
        case "pred": {
          const z = get(step.from);
          if (z === undefined || z === 0 || !put(step.to, z - 1)) return undefined;
          break;
        }
        case "call": {
          const ins: number[] = [];
          for (const t of step.inputs) {
            const v = get(t);
            if (v === undefined) return undefined;
            ins.push(v);
          }
          const key = `${step.op}:${ins.join(",")}`;
          if (onStack.has(key)) cycle = true;
          const v = value(step.op, ins);
          if (v === undefined || !put(step.output, v)) return cycle ? "cycle" : undefined;
          if (!roles || step.op !== roles.successor) made.push(key);
          break;
        }
      }
    }
    return get(r.output);
  };

  consts = constantValues(theory, (op, ins) => value(op, ins));
  if (roles) consts.set(roles.zero, 0);
  memo.clear();
  calls.clear();
  const trace = (op: number, inputs: readonly number[]): [number, number[], number][] => {
    const out: [number, number[], number][] = [];
    const seen = new Set<string>();
    const visit = (key: string): void => {
      if (seen.has(key)) return;
      seen.add(key);
      const v = memo.get(key);
      if (v === undefined || v === null) return;
      for (const k of calls.get(key) ?? []) visit(k);
      const [o, ins] = key.split(":") as [string, string];
      out.push([Number(o), ins.split(",").map(Number), v]);
    };
    if (value(op, inputs) !== undefined) visit(`${op}:${inputs.join(",")}`);
    return out;
  };
  // A function counts as evaluated when its readings give every value on 0 and 1 (a reading
  // that only restates the function through another, say addition through a sum's recursion,
  // gives none).
  const functions = [...readings.keys()]
    .filter((f) => {
      const binary = theory.constants[f]?.type === "operation";
      const small = binary
        ? [
            [0, 0],
            [0, 1],
            [1, 0],
            [1, 1],
          ]
        : [[0], [1]];
      return small.every((inputs) => value(f, inputs) !== undefined);
    })
    .sort((a, b) => a - b);
  return {
    functions,
    readings: new Map(functions.map((f) => [f, readings.get(f)!.map((r) => r.rule)])),
    programs: readings,
    value,
    constant: (id) => consts.get(id),
    trace,
  };
}
