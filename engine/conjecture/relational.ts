/**
 * From an equation between terms to the relational premise chain the prover works with, and the
 * shape checks every chain must pass.
 *
 * Every distinct compound subterm becomes one operator atom with a fresh output variable (a
 * subterm occurring twice is one atom). With two compound sides, the head is the top atom of one
 * side with its output replaced by the other side's output variable; all other atoms are
 * premises (`(a+b)+c = a+(b+c)` gives `a+b=d, b+c=e, a+e=f → d+c=f`). With a bare variable `x`
 * on one side, all atoms are premises and the head is `=[x, out]` (`0+a = a` gives
 * `0+a=b → =[a,b]`), so every variable still occurs in a premise.
 */
import { constTerm, type PatternAtom, type Term, type Theory } from "../../mpl/theory.js";
import type { Signature } from "./signature.js";
import type { TermId, TermTable } from "./term.js";

export interface Chain {
  readonly premises: readonly PatternAtom[];
  readonly head: PatternAtom;
}

/** Variable numbering of the raw chain: leaves keep their index, atom outputs follow. */
function outputs(table: TermTable, lhs: TermId, rhs: TermId, firstOutput: number): Map<TermId, number> {
  const atoms = new Map<TermId, number>();
  for (const side of [lhs, rhs]) {
    for (const t of table.get(side).atoms) if (!atoms.has(t)) atoms.set(t, firstOutput + atoms.size);
  }
  return atoms;
}

function termRef(table: TermTable, t: TermId, out: Map<TermId, number>): Term {
  const info = table.get(t);
  if (info.kind === "var") return info.index;
  if (info.kind === "const") return constTerm(info.index);
  return out.get(t)!;
}

function operatorAtom(
  sig: Signature,
  table: TermTable,
  t: TermId,
  output: Term,
  out: Map<TermId, number>,
): PatternAtom {
  const info = table.get(t);
  const op = sig.operations[info.index]!;
  const args = new Array<Term>(op.predArity).fill(0);
  info.children.forEach((child, i) => {
    args[op.inputSlots[i]!] = termRef(table, child, out);
  });
  args[op.outputSlot] = output;
  args[op.opSlot] = constTerm(op.constant);
  return { pred: op.pred, args, negated: false };
}

/**
 * The chain stating `head side = other side`, with the top of `headSide` as head. `headSide` must
 * be compound; `other` may be a variable (then the head is an equality) or compound.
 */
export function equationChain(
  sig: Signature,
  table: TermTable,
  headSide: TermId,
  other: TermId,
  firstOutput: number,
): Chain {
  const out = outputs(table, headSide, other, firstOutput);
  const otherInfo = table.get(other);
  if (otherInfo.kind !== "app") {
    if (sig.equality === null) throw new Error("equationChain: the theory has no equality predicate");
    const premises = [...out.keys()].map((t) => operatorAtom(sig, table, t, out.get(t)!, out));
    const head: PatternAtom = {
      pred: sig.equality,
      args: [termRef(table, other, out), out.get(headSide)!],
      negated: false,
    };
    return { premises, head };
  }
  const target = out.get(other)!;
  const premises: PatternAtom[] = [];
  for (const t of out.keys())
    if (t !== headSide) premises.push(operatorAtom(sig, table, t, out.get(t)!, out));
  return { premises, head: operatorAtom(sig, table, headSide, target, out) };
}

/** Whether every argument has the type the predicate declares for its slot. */
export function wellTyped(chain: Chain, theory: Theory): boolean {
  for (const atom of [...chain.premises, chain.head]) {
    const pred = theory.predicates[atom.pred];
    if (pred === undefined || pred.arity !== atom.args.length) return false;
    for (let i = 0; i < atom.args.length; i++) {
      const t = atom.args[i]!;
      const actual = t < 0 ? theory.constants[-t - 1]?.type : "element";
      if (actual === undefined || actual !== pred.argTypes[i]) return false;
    }
  }
  return true;
}

export type ShapeDefect = "headAmongPremises" | "repeatedApplication" | "disconnected";

const sameAtom = (x: PatternAtom, y: PatternAtom): boolean =>
  x.pred === y.pred && x.negated === y.negated && x.args.every((t, i) => t === y.args[i]);

/**
 * The first defect that makes a chain trivial or redundant, or null:
 * - `headAmongPremises`: the head is assumed, so the chain proves nothing;
 * - `repeatedApplication`: two atoms apply the same operation to the same inputs; operations
 *   are single-valued, so one of them only restates the other's output;
 * - `disconnected`: the atoms split into groups sharing no variable, so some variables are
 *   unrelated to the rest of the statement.
 */
export function shapeDefect(chain: Chain, theory: Theory): ShapeDefect | null {
  const atoms = [...chain.premises, chain.head];
  if (chain.premises.some((p) => sameAtom(p, chain.head))) return "headAmongPremises";
  for (let i = 0; i < atoms.length; i++) {
    const x = atoms[i]!;
    const op = theory.predicates[x.pred]?.operator ?? null;
    if (op === null || x.negated) continue;
    for (let j = i + 1; j < atoms.length; j++) {
      const y = atoms[j]!;
      if (y.pred !== x.pred || y.negated) continue;
      if (x.args.every((t, k) => k === op.output || t === y.args[k])) return "repeatedApplication";
    }
  }
  // Union-find over variables, joined through the atoms they share.
  let width = 0;
  for (const atom of atoms) for (const t of atom.args) if (t >= width) width = t + 1;
  const parent = Int32Array.from({ length: width }, (_, i) => i);
  const used = new Uint8Array(width);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r]!;
    parent[v] = r;
    return r;
  };
  for (const atom of atoms) {
    let first = -1;
    for (const t of atom.args) {
      if (t < 0) continue;
      used[t] = 1;
      if (first < 0) first = t;
      else parent[find(t)] = find(first);
    }
  }
  let root = -1;
  for (let v = 0; v < width; v++) {
    if (used[v] === 0) continue;
    const r = find(v);
    if (root < 0) root = r;
    else if (r !== root) return "disconnected";
  }
  return null;
}
