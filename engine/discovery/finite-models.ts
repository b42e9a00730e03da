/**
 * A brute-force finite model finder for small theories without induction roles: it enumerates
 * the structures of sizes 1 … maxSize that satisfy every axiom of the anchor, so that the
 * lemma search can drop the candidates one of them refutes (engine/conjecture/filter.ts reads
 * each model as a `GroundModel`).
 *
 * The theory is read one-sorted: every set is the whole domain {0 … n-1}, each element
 * constant a value, each function a table of n cells, each operation a table of n² cells.
 * Theories that do not fit (another predicate than in, in2, in3 and =, a set that is not a
 * constant, …) are `unsupported`, and the caller filters nothing. Every structure returned
 * satisfies every axiom of the anchor under that reading, so a candidate it refutes is false
 * in a model of the theory and cannot be a theorem.
 *
 * Search: cells are assigned in order (the constants, then the cells whose largest input is 0,
 * then 1, …) by backtracking; after each assignment every axiom is evaluated three-valued
 * (a cell not yet assigned is unknown) and a definite violation prunes the branch. Symmetric
 * branches are cut by the least-number heuristic: a cell's value is at most one more than the
 * largest element mentioned so far, so isomorphic copies are rarely enumerated twice. Bounded by
 * `maxNodes` (search nodes over all sizes) and `maxModels`; `stop` says which bound ended it.
 */
import type { Theory } from "../../mpl/theory.js";
import type { GroundModel } from "../conjecture/index.js";
import { axiomRules, type RAtom, type Rule } from "../rules.js";

export interface FiniteModelSettings {
  /** Largest domain size searched. */
  readonly maxSize: number;
  /** Most models kept (smallest sizes first). */
  readonly maxModels: number;
  /** Most search nodes (cell assignments tried) over all sizes. */
  readonly maxNodes: number;
}

/** Six elements: the smallest non-commutative group (S3) is among the models. */
export const DEFAULT_FINITE_MODEL_SETTINGS: FiniteModelSettings = {
  maxSize: 6,
  maxModels: 120,
  maxNodes: 100_000,
};

export interface FiniteModel extends GroundModel {
  readonly size: number;
  /** `M3` for the third model found: names the model in refutations. */
  readonly label: string;
}

export type FiniteModelStop = "complete" | "max-models" | "max-nodes" | "unsupported";

export interface FiniteModelSearch {
  readonly models: readonly FiniteModel[];
  /** Models per size, sizes 1 … maxSize (searched completely unless `stop` says otherwise). */
  readonly perSize: readonly number[];
  readonly nodes: number;
  readonly stop: FiniteModelStop;
  /** Why the theory cannot be read, when `stop` is `unsupported`. */
  readonly unsupported: string | null;
}

const MEMBER = 0;
const IN2 = 1;
const IN3 = 2;
const EQ = 3;
const UNKNOWN = -1;

/** The symbols a model interprets: element constants, functions, operations (theory constant ids). */
interface Symbols {
  readonly elements: readonly number[];
  readonly functions: readonly number[];
  readonly operations: readonly number[];
}

/**
 * The axioms a model must satisfy, or why the theory cannot be read one-sorted. A definition
 * outside the anchor's expansion brings a predicate with its own axioms (unfolding,
 * introduction, eliminations of its implications: mpl/lower.ts); when no other axiom mentions
 * that predicate they only define it (read it as its body and they hold in every structure),
 * so they are left out.
 */
function axiomsToCheck(theory: Theory, rules: readonly Rule[]): { rules: Rule[] } | { why: string } {
  if (theory.anchor === null) return { why: "the theory has no anchor" };
  if (theory.anchor.roles !== null) return { why: "the theory has induction roles" };
  const entities = theory.anchor.entities;
  const type = (t: number) => (t < 0 ? (theory.constants[-t - 1]?.type ?? null) : null);
  const atomsOf = (r: Rule) => [...r.premises, ...(r.head ? [r.head] : []), ...(r.exists?.body ?? [])];
  const defining = (r: Rule): boolean => {
    const via = entities[r.index]?.origin.via ?? "";
    // A set definition's comprehension (mpl/comprehension.ts) is left out too: the engine uses
    // it only on request, and models that do not satisfy it only refute more lemma candidates.
    if (via.endsWith(" (unfolding)") || via.endsWith(" (introduction)") || via.endsWith(" (comprehension)"))
      return true;
    // An implication's elimination rule is named after its auxiliary predicate.
    return atomsOf(r).some((a) => a.pred > EQ && theory.predicates[a.pred]?.name === via);
  };
  const kept: Rule[] = [];
  for (const r of rules) {
    const defined = atomsOf(r).find((a) => a.pred > EQ);
    if (defined !== undefined) {
      if (defining(r)) continue;
      return {
        why: `axiom ${r.ref} uses the predicate ${theory.predicates[defined.pred]?.name ?? defined.pred}`,
      };
    }
    for (const a of atomsOf(r)) {
      const elementArgs = a.pred === MEMBER ? [a.args[0]!] : a.pred === EQ ? a.args : a.args.slice(0, -1);
      for (const t of elementArgs)
        if (t < 0 && type(t) !== "element")
          return { why: `axiom ${r.ref}: a non-element constant as an element` };
      if (a.pred === MEMBER && type(a.args[1]!) !== "set")
        return { why: `axiom ${r.ref}: membership in a set that is not a constant` };
      if (a.pred === IN2 && type(a.args[2]!) !== "function")
        return { why: `axiom ${r.ref}: a function that is not a constant` };
      if (a.pred === IN3 && type(a.args[3]!) !== "operation")
        return { why: `axiom ${r.ref}: an operation that is not a constant` };
    }
    kept.push(r);
  }
  return { rules: kept };
}

function symbolsOf(theory: Theory): Symbols {
  const params = theory.anchor!.params;
  const of = (t: string) => params.filter((k) => theory.constants[k]!.type === t);
  return { elements: of("element"), functions: of("function"), operations: of("operation") };
}

/** One cell of the structure: a constant's value or a table entry. */
interface Cell {
  readonly symbol: number;
  readonly inputs: readonly number[];
  /** Largest input (-1 for a constant). */
  readonly top: number;
}

/** The structure under construction: cell values, UNKNOWN until assigned. */
class Structure {
  readonly values: Int32Array;
  private readonly base = new Map<number, number>();

  constructor(
    readonly n: number,
    readonly sym: Symbols,
  ) {
    let o = 0;
    for (const c of sym.elements) this.base.set(c, o++);
    for (const f of sym.functions) {
      this.base.set(f, o);
      o += n;
    }
    for (const op of sym.operations) {
      this.base.set(op, o);
      o += n * n;
    }
    this.values = new Int32Array(o).fill(UNKNOWN);
  }

  index(symbol: number, inputs: readonly number[]): number {
    const b = this.base.get(symbol)!;
    if (inputs.length === 0) return b;
    if (inputs.length === 1) return b + inputs[0]!;
    return b + inputs[0]! * this.n + inputs[1]!;
  }

  value(symbol: number, inputs: readonly number[]): number {
    return this.values[this.index(symbol, inputs)]!;
  }

  /** Cells in search order: constants, then by largest input, each table in parameter order. */
  cells(): Cell[] {
    const out: Cell[] = this.sym.elements.map((c) => ({ symbol: c, inputs: [], top: -1 }));
    for (let k = 0; k < this.n; k++) {
      for (const f of this.sym.functions) out.push({ symbol: f, inputs: [k], top: k });
      for (const op of this.sym.operations)
        for (let i = 0; i <= k; i++)
          for (let j = 0; j <= k; j++)
            if (Math.max(i, j) === k) out.push({ symbol: op, inputs: [i, j], top: k });
    }
    return out;
  }
}

/** Three-valued truth: 1 true, 0 false, -1 unknown. */
type Truth = 1 | 0 | -1;

/** A rule compiled for checking: variables in binding order, premises checkable after each. */
interface Check {
  readonly rule: Rule;
  readonly order: readonly number[];
  /** After binding order[i], the premises whose variables are then all bound. */
  readonly ready: readonly (readonly RAtom[])[];
  readonly witnesses: readonly number[];
}

function compileCheck(r: Rule): Check {
  const witnesses = r.exists?.witnesses ?? [];
  const universal: number[] = [];
  const vars = (a: RAtom) => a.args.filter((t) => t >= 0);
  for (const a of [...r.premises, ...(r.head ? [r.head] : []), ...(r.exists?.body ?? [])])
    for (const t of vars(a)) if (!witnesses.includes(t) && !universal.includes(t)) universal.push(t);
  // Greedy: bind next the variable that completes the most premises.
  const order: number[] = [];
  const bound = new Set<number>();
  const pending = [...r.premises];
  const ready: RAtom[][] = [];
  const ground = pending.filter((p) => vars(p).length === 0);
  while (order.length < universal.length) {
    let best = -1;
    let bestScore = -1;
    for (const v of universal) {
      if (bound.has(v)) continue;
      const score = pending.filter((p) => vars(p).every((t) => t === v || bound.has(t))).length;
      if (score > bestScore) {
        best = v;
        bestScore = score;
      }
    }
    order.push(best);
    bound.add(best);
    const now = pending.filter((p) => vars(p).length > 0 && vars(p).every((t) => bound.has(t)));
    for (const p of now) pending.splice(pending.indexOf(p), 1);
    ready.push(now);
  }
  return { rule: r, order, ready: [ground, ...ready], witnesses };
}

function atomTruth(a: RAtom, s: Structure, binding: Int32Array): Truth {
  const v = (t: number) => (t < 0 ? -t - 1 : binding[t]!);
  const val = (t: number) => (t < 0 ? s.value(-t - 1, []) : binding[t]!);
  let truth: Truth;
  switch (a.pred) {
    case MEMBER:
      truth = 1;
      break;
    case EQ: {
      const x = val(a.args[0]!);
      const y = val(a.args[1]!);
      truth = x === UNKNOWN || y === UNKNOWN ? -1 : x === y ? 1 : 0;
      break;
    }
    default: {
      const inputs = a.pred === IN2 ? [val(a.args[0]!)] : [val(a.args[0]!), val(a.args[1]!)];
      const out = val(a.args[a.pred === IN2 ? 1 : 2]!);
      if (inputs.includes(UNKNOWN) || out === UNKNOWN) truth = -1;
      else {
        const f = s.value(v(a.args[a.pred === IN2 ? 2 : 3]!), inputs);
        truth = f === UNKNOWN ? -1 : f === out ? 1 : 0;
      }
    }
  }
  if (a.neg && truth !== -1) return truth === 1 ? 0 : 1;
  return truth;
}

/** Whether some instance of the rule is definitely violated by the partial structure. */
function violated(c: Check, s: Structure, binding: Int32Array): boolean {
  for (const p of c.ready[0]!) if (atomTruth(p, s, binding) !== 1) return false;
  return walk(c, s, binding, 0, null);
}

/**
 * Whether an instance in which the atom `a` reads the cell `symbol(inputs)` is violated: only
 * those can have changed when that cell was set. Atoms are flat, so an atom reads exactly the
 * cell its inputs name; its output stays free (a head whose output differs is false).
 */
function violatedAt(
  c: Check,
  a: RAtom,
  inputs: readonly number[],
  s: Structure,
  binding: Int32Array,
  fixed: Uint8Array,
): boolean {
  fixed.fill(0);
  for (let i = 0; i < inputs.length; i++) {
    const t = a.args[i]!;
    if (t < 0) {
      if (s.value(-t - 1, []) !== inputs[i]) return false;
    } else if (fixed[t]) {
      if (binding[t] !== inputs[i]) return false;
    } else {
      fixed[t] = 1;
      binding[t] = inputs[i]!;
    }
  }
  for (const p of c.ready[0]!) if (atomTruth(p, s, binding) !== 1) return false;
  return walk(c, s, binding, 0, fixed);
}

function walk(c: Check, s: Structure, binding: Int32Array, i: number, fixed: Uint8Array | null): boolean {
  if (i === c.order.length) return conclusionFalse(c, s, binding);
  const v = c.order[i]!;
  const from = fixed?.[v] ? binding[v]! : 0;
  const to = fixed?.[v] ? binding[v]! : s.n - 1;
  for (let x = from; x <= to; x++) {
    binding[v] = x;
    let ok = true;
    for (const p of c.ready[i + 1]!)
      if (atomTruth(p, s, binding) !== 1) {
        ok = false;
        break;
      }
    if (ok && walk(c, s, binding, i + 1, fixed)) return true;
  }
  return false;
}

/**
 * Where a check is collecting forced cells: (cell index, value) pairs of operator heads whose
 * premises hold and whose cell is not set yet (the head can only hold with that value).
 */
let forcedCells: number[] | null = null;

/** The conclusion of an instance whose premises hold: definitely false? */
function conclusionFalse(c: Check, s: Structure, binding: Int32Array): boolean {
  const r = c.rule;
  if (r.head) {
    const truth = atomTruth(r.head, s, binding);
    if (truth === -1 && forcedCells !== null) force(r.head, s, binding, forcedCells);
    return truth === 0;
  }
  if (!r.exists) return false;
  // ∃w̄ body: false when every choice of witnesses makes some body atom false.
  const w = c.witnesses;
  const choose = (k: number): boolean => {
    if (k === w.length) return r.exists!.body.some((a) => atomTruth(a, s, binding) === 0);
    for (let x = 0; x < s.n; x++) {
      binding[w[k]!] = x;
      if (!choose(k + 1)) return false;
    }
    return true;
  };
  return choose(0);
}

/** Records the value an unknown operator head must take, when its inputs and output are known. */
function force(a: RAtom, s: Structure, binding: Int32Array, out: number[]): void {
  if (a.neg || (a.pred !== IN2 && a.pred !== IN3)) return;
  const val = (t: number) => (t < 0 ? s.value(-t - 1, []) : binding[t]!);
  const inputs = a.pred === IN2 ? [val(a.args[0]!)] : [val(a.args[0]!), val(a.args[1]!)];
  const v = val(a.args[a.pred === IN2 ? 1 : 2]!);
  if (v === UNKNOWN || inputs.includes(UNKNOWN)) return;
  const at = s.index(-a.args[a.pred === IN2 ? 2 : 3]! - 1, inputs);
  if (s.values[at] === UNKNOWN) out.push(at, v);
}

/** Enumerates the models of the theory's anchor of sizes 1 … maxSize. */
export function findFiniteModels(
  theory: Theory,
  settings: FiniteModelSettings = DEFAULT_FINITE_MODEL_SETTINGS,
): FiniteModelSearch {
  const read = axiomsToCheck(theory, axiomRules(theory));
  if ("why" in read) return { models: [], perSize: [], nodes: 0, stop: "unsupported", unsupported: read.why };
  const rules = read.rules;
  const sym = symbolsOf(theory);
  const checks = rules.map(compileCheck);
  // Per symbol: the axioms that mention it (checked whole when a constant is set) and the
  // atoms of plain rules that read one of its cells (checked from that cell).
  const bySymbol = new Map<number, Check[]>();
  const readers = new Map<number, { check: Check; atom: RAtom }[]>();
  for (const c of checks) {
    const r = c.rule;
    const atoms = [...r.premises, ...(r.head ? [r.head] : []), ...(r.exists?.body ?? [])];
    const symbols = new Set<number>();
    for (const a of atoms) for (const t of a.args) if (t < 0) symbols.add(-t - 1);
    for (const k of symbols) listIn(bySymbol, k).push(c);
    for (const a of atoms) {
      if (a.pred !== IN2 && a.pred !== IN3) continue;
      const op = a.args[a.pred === IN2 ? 2 : 3]!;
      // Existentials are checked whole: their witnesses are chosen, not bound from a cell.
      if (r.exists) listIn(readers, -op - 1).push({ check: c, atom: { ...a, pred: -1 } });
      else listIn(readers, -op - 1).push({ check: c, atom: a });
    }
  }
  const fixed = new Uint8Array(Math.max(1, ...rules.map((r) => r.nvars)));
  const conflict = (cell: Cell, s: Structure, binding: Int32Array): boolean => {
    if (cell.inputs.length === 0)
      return (bySymbol.get(cell.symbol) ?? []).some((c) => violated(c, s, binding));
    const whole = new Set<Check>();
    for (const { check, atom } of readers.get(cell.symbol) ?? []) {
      if (atom.pred === -1) whole.add(check);
      else if (violatedAt(check, atom, cell.inputs, s, binding, fixed)) return true;
    }
    for (const c of whole) if (violated(c, s, binding)) return true;
    return false;
  };
  const models: FiniteModel[] = [];
  const perSize: number[] = [];
  let nodes = 0;
  let stop: FiniteModelStop = "complete";
  for (let n = 1; n <= settings.maxSize && stop === "complete"; n++) {
    const s = new Structure(n, sym);
    const cells = s.cells();
    const binding = new Int32Array(Math.max(1, ...rules.map((r) => r.nvars)));
    const cellAt: Cell[] = [];
    for (const c of cells) cellAt[s.index(c.symbol, c.inputs)] = c;
    const trail: number[] = [];
    /**
     * Checks the cell just set and sets the cells it forces, transitively: the largest
     * element a forced cell mentions (-1 for none), or null on a conflict.
     */
    const propagate = (start: Cell): number | null => {
      let mentioned = -1;
      const queue = [start];
      while (queue.length > 0) {
        const c = queue.pop()!;
        const forced: number[] = [];
        forcedCells = forced;
        const bad = conflict(c, s, binding);
        forcedCells = null;
        if (bad) return null;
        for (let k = 0; k < forced.length; k += 2) {
          const at = forced[k]!;
          const v = forced[k + 1]!;
          const cur = s.values[at]!;
          if (cur === UNKNOWN) {
            s.values[at] = v;
            trail.push(at);
            const cell = cellAt[at]!;
            queue.push(cell);
            mentioned = Math.max(mentioned, v, cell.top);
          } else if (cur !== v) return null;
        }
      }
      return mentioned;
    };
    const search = (i: number, mentioned: number): void => {
      if (stop !== "complete") return;
      if (i === cells.length) {
        // Every axiom, once all cells are set (an axiom with no symbol, e.g. about = alone).
        if (checks.some((c) => violated(c, s, binding))) return;
        models.push(modelOf(s, models.length + 1));
        if (models.length >= settings.maxModels) stop = "max-models";
        return;
      }
      const cell = cells[i]!;
      const at = s.index(cell.symbol, cell.inputs);
      const set = s.values[at]!;
      // Forced by an earlier choice.
      if (set !== UNKNOWN) {
        search(i + 1, Math.max(mentioned, cell.top, set));
        return;
      }
      const m = Math.max(mentioned, cell.top);
      for (let x = 0; x <= Math.min(n - 1, m + 1); x++) {
        if (++nodes > settings.maxNodes) {
          stop = "max-nodes";
          break;
        }
        const mark = trail.length;
        s.values[at] = x;
        const more = propagate(cell);
        if (more !== null) search(i + 1, Math.max(m, x, more));
        while (trail.length > mark) s.values[trail.pop()!] = UNKNOWN;
        if (stop !== "complete") break;
      }
      s.values[at] = UNKNOWN;
    };
    const before = models.length;
    search(0, -1);
    perSize.push(models.length - before);
  }
  return { models, perSize, nodes, stop, unsupported: null };
}

function listIn<K, V>(m: Map<K, V[]>, k: K): V[] {
  let l = m.get(k);
  if (!l) {
    l = [];
    m.set(k, l);
  }
  return l;
}

function modelOf(s: Structure, k: number): FiniteModel {
  const values = s.values.slice();
  const index = (symbol: number, inputs: readonly number[]) => s.index(symbol, inputs);
  const constants = new Map<number, number>(s.sym.elements.map((c) => [c, values[index(c, [])]!]));
  const label = `M${k}`;
  return {
    size: s.n,
    label,
    domain: Array.from({ length: s.n }, (_, i) => i),
    constants,
    apply(op, inputs) {
      if (inputs.some((x) => x < 0 || x >= s.n)) return undefined;
      const v = values[index(op, inputs)];
      return v === undefined || v < 0 ? undefined : v;
    },
    source(op, inputs) {
      return `${label}: ${op}(${inputs.join(",")}) = ${values[index(op, inputs)]}`;
    },
    constantSource(id) {
      return `${label}: constant ${id} = ${constants.get(id)}`;
    },
  };
}
