/**
 * The normal form of a premise chain `premises → head`: premises put in a canonical order and
 * variables renumbered 0, 1, 2, … by first occurrence. Two chains that differ only by a
 * renaming of variables and the order of their premises get the same normal form, so its text
 * (`canonicalKey`) identifies a conjecture for de-duplication.
 *
 * The order is the lexicographically least encoding over all premise orders (head last), where
 * an atom encodes as `[negated, pred, args…]`, a variable as its new number and a constant `k`
 * as `-(k+1)`. It is found by a search that, at each position, only follows the premises whose
 * encoding is least there; ties are all followed, so the result is the true minimum.
 */
import type { Conjecture, PatternAtom, Term } from "../../mpl/theory.js";

export interface ChainForm {
  readonly premises: readonly PatternAtom[];
  readonly head: PatternAtom;
  /** Variables of the renumbered chain: 0 … varCount-1. */
  readonly varCount: number;
}

/**
 * Restricts which premises may come next; receives the indices still to place and returns the
 * admissible ones (an empty answer admits all).
 */
export type OrderConstraint = (remaining: readonly number[], placed: readonly number[]) => readonly number[];

function compareSeq(x: readonly number[], y: readonly number[]): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i]! - y[i]!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Largest variable index of the chain, or -1. */
function maxVar(premises: readonly PatternAtom[], head: PatternAtom): number {
  let m = -1;
  for (const atom of [...premises, head]) for (const t of atom.args) if (t > m) m = t;
  return m;
}

/**
 * Appends the encoding of `atom` to `out` under `rename` (old variable → new number, -1 when not
 * yet numbered); new variables get the next numbers. Returns the next free number. Only when
 * `commit` is set are the new numbers written into `rename`.
 */
function encodeAtom(
  atom: PatternAtom,
  rename: Int32Array,
  next: number,
  out: number[],
  commit: boolean,
  scratch: number[],
): number {
  out.push(atom.negated ? 1 : 0, atom.pred);
  let n = next;
  scratch.length = 0;
  for (const t of atom.args) {
    if (t < 0) {
      out.push(t);
      continue;
    }
    let v = rename[t]!;
    if (v < 0) {
      v = n++;
      rename[t] = v;
      scratch.push(t);
    }
    out.push(v);
  }
  if (!commit) for (const t of scratch) rename[t] = -1;
  return n;
}

/**
 * The canonical form of `premises → head`. With `constraint`, the order is the least among the
 * admissible orders (used to keep premises in definitional order); without, among all orders.
 */
export function canonicalChain(
  premises: readonly PatternAtom[],
  head: PatternAtom,
  constraint?: OrderConstraint,
): ChainForm {
  const width = maxVar(premises, head) + 1;
  let bestEncoding: number[] | null = null;
  let bestOrder: number[] = [];
  const scratch: number[] = [];

  const search = (placed: number[], rename: Int32Array, next: number, prefix: number[]): void => {
    const remaining: number[] = [];
    for (let i = 0; i < premises.length; i++) if (!placed.includes(i)) remaining.push(i);
    if (remaining.length === 0) {
      const encoding = prefix.slice();
      encodeAtom(head, rename, next, encoding, false, scratch);
      if (bestEncoding === null || compareSeq(encoding, bestEncoding) < 0) {
        bestEncoding = encoding;
        bestOrder = placed.slice();
      }
      return;
    }
    let admissible: readonly number[] = constraint === undefined ? remaining : constraint(remaining, placed);
    if (admissible.length === 0) admissible = remaining;
    let least: number[] | null = null;
    let choices: number[] = [];
    for (const i of admissible) {
      const code: number[] = [];
      encodeAtom(premises[i]!, rename, next, code, false, scratch);
      const c = least === null ? -1 : compareSeq(code, least);
      if (c < 0) {
        least = code;
        choices = [i];
      } else if (c === 0) {
        choices.push(i);
      }
    }
    for (const i of choices) {
      const branch = choices.length === 1 ? rename : rename.slice();
      const extended = prefix.slice();
      const after = encodeAtom(premises[i]!, branch, next, extended, true, scratch);
      search([...placed, i], branch, after, extended);
    }
  };
  search([], new Int32Array(width).fill(-1), 0, []);

  const rename = new Int32Array(width).fill(-1);
  let next = 0;
  const renameAtom = (atom: PatternAtom): PatternAtom => ({
    pred: atom.pred,
    negated: atom.negated,
    args: atom.args.map((t: Term) => {
      if (t < 0) return t;
      if (rename[t]! < 0) rename[t] = next++;
      return rename[t]!;
    }),
  });
  const ordered = bestOrder.map((i) => renameAtom(premises[i]!));
  const newHead = renameAtom(head);
  return { premises: ordered, head: newHead, varCount: next };
}

function atomKey(atom: PatternAtom): string {
  const args = atom.args.map((t) => (t < 0 ? `k${-t - 1}` : `v${t}`)).join(",");
  return `${atom.negated ? "!" : ""}p${atom.pred}[${args}]`;
}

/** The text of a chain as it stands (no normalisation): `p2[v0,v1,v2,k3] -> p2[v1,v0,v2,k3]`. */
export function chainText(premises: readonly PatternAtom[], head: PatternAtom): string {
  const body = premises.map(atomKey).join(" & ");
  return premises.length === 0 ? `-> ${atomKey(head)}` : `${body} -> ${atomKey(head)}`;
}

/** The canonical text of `premises → head`, independent of variable names and premise order. */
export function chainKey(premises: readonly PatternAtom[], head: PatternAtom): string {
  const form = canonicalChain(premises, head);
  return chainText(form.premises, form.head);
}

/**
 * The canonical text of a conjecture: identical for copies that differ only by variable names,
 * variable numbering and premise order. Predicates and constants appear by id, so the key does
 * not depend on how the theory names them.
 */
export function canonicalKey(c: Pick<Conjecture, "premises" | "head">): string {
  return chainKey(c.premises, c.head);
}
