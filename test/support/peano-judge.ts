/**
 * A brute-force judge for the reference system's v0.1 Peano candidates, independent of the
 * MPL compiler: it reads a line's atoms as text and evaluates the premise chain on the natural
 * numbers with exact (bigint) successor, addition and multiplication.
 *
 * A line is `(>[…](NaturalNumbers[N,i0,i1,s,+,*])(>[…](P1)(>[…](P2)…(H))))`: premises
 * `in2[x,y,s]` (y = s(x)) and `in3[x,y,z,op]` (z = x op y), then the head. Premises are read
 * in order; a variable first met as an input ranges over 0..bound, one first met as an output
 * gets the computed value (never capped), and an output already known is a condition the
 * assignment must meet. The line holds when the head holds under every assignment that meets
 * all premises.
 */

export interface Verdict {
  readonly holds: boolean;
  /** Assignments that met every premise (the head was evaluated under each). */
  readonly checked: number;
  /** The first assignment that breaks the head, variable name → value. */
  readonly counterexample: Readonly<Record<string, string>> | null;
}

interface Atom {
  readonly pred: string;
  readonly args: readonly string[];
}

type Op = (inputs: readonly bigint[]) => bigint;

/** The anchor's parameter slots in GL's v0.1 order: N, i0, i1, s, +, *. */
const SLOT = { zero: 1, one: 2, succ: 3, plus: 4, times: 5 } as const;

function atomsOf(line: string): Atom[] {
  return [...line.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\[([^\]]*)\]/g)].map((m) => ({
    pred: m[1]!,
    args: m[2]!.split(",").map((a) => a.trim()),
  }));
}

/**
 * `fixed` pins variables (by name) to values: an input variable takes only its pinned value,
 * and an assignment whose computed output differs from its pin is not checked.
 */
export function judgeCandidate(
  line: string,
  bound: number,
  fixed: Readonly<Record<string, number>> = {},
): Verdict {
  const [anchor, ...rest] = atomsOf(line);
  const head = rest.pop();
  if (anchor?.pred !== "NaturalNumbers" || anchor.args.length !== 6 || head === undefined)
    throw new Error(`not a v0.1 candidate: ${line}`);
  const a = anchor.args;
  const constants = new Map<string, bigint>([
    [a[SLOT.zero]!, 0n],
    [a[SLOT.one]!, 1n],
  ]);
  const ops = new Map<string, Op>([
    [a[SLOT.succ]!, ([x]) => x! + 1n],
    [a[SLOT.plus]!, ([x, y]) => x! + y!],
    [a[SLOT.times]!, ([x, y]) => x! * y!],
  ]);
  const shape = (t: Atom): { inputs: string[]; output: string; op: Op } => {
    const arity = t.pred === "in2" ? 1 : t.pred === "in3" ? 2 : -1;
    const op = ops.get(t.args[arity + 1] ?? "");
    if (arity < 0 || op === undefined || t.args.length !== arity + 2)
      throw new Error(`unexpected atom ${t.pred}[${t.args.join(",")}] in ${line}`);
    return { inputs: t.args.slice(0, arity), output: t.args[arity]!, op };
  };
  const premises = rest.map(shape);
  const goal = shape(head);

  let checked = 0;
  let counterexample: Record<string, string> | null = null;
  const visit = (i: number, env: Map<string, bigint>): void => {
    if (counterexample !== null) return;
    const p = i < premises.length ? premises[i]! : null;
    const open = (p ?? goal).inputs.find((x) => !env.has(x));
    if (open !== undefined) {
      const pin = fixed[open];
      if (pin !== undefined) visit(i, new Map(env).set(open, BigInt(pin)));
      else for (let n = 0n; n <= BigInt(bound); n++) visit(i, new Map(env).set(open, n));
      return;
    }
    const step = p ?? goal;
    const value = step.op(step.inputs.map((x) => env.get(x)!));
    const known = env.get(step.output);
    const pin = fixed[step.output];
    if (pin !== undefined && BigInt(pin) !== (known ?? value)) return;
    if (p !== null) {
      if (known === undefined) visit(i + 1, new Map(env).set(p.output, value));
      else if (known === value) visit(i + 1, env);
      return;
    }
    if (known === undefined) throw new Error(`the head's output is not determined in ${line}`);
    checked++;
    if (known !== value) {
      counterexample = Object.fromEntries(
        [...env].filter(([k]) => !constants.has(k)).map(([k, v]) => [k, v.toString()]),
      );
    }
  };
  visit(0, constants);
  return { holds: counterexample === null, checked, counterexample };
}
