/**
 * Implication introduction: concluding a clause atom `C[ā]` of an auxiliary predicate
 * (docs/design.md, "Implications as premises"; C stands for `∀ȳ. A(ā,ȳ) → B(ā,ȳ)`), which no
 * Horn rule can conclude.
 *
 * The compiler gives C elimination rules `C[x̄] ∧ A → B` (one per conjunct of B; mpl/lower.ts),
 * and C means exactly their conjunction. So for each elimination rule, a **child derivation**
 * binds x̄ to ā, gives every other variable a fresh constant, supposes the rule's other premises
 * and saturates with the block's facts and local rules available; when each child derives its
 * rule's head, the block gets `C[ā]`, derived by `D.intro` from the children (kept, packed, in
 * `BlockMeta.intros` for the proof). The verifier re-checks each case and the freshness of its
 * constants (verify/intro.ts).
 *
 * Bounded: only ordinary blocks ask (not the anchor, not a child: depth 1), only for a goal or
 * an introduction rule's premise that a goal's witness search reached with every argument bound
 * (engine/goal-witness.ts), at a fixpoint, at most `MAX_TRIES` tries and `MAX_CASES` kept cases
 * per block, and each child at most `CHILD_FACTS` facts of its own. A child runs in the block's
 * own run, so the result is the same on any thread.
 */
import {
  type Assumption,
  type BlockState,
  factCount,
  type IntroCase,
  type IntroRecord,
  newBlockData,
  newBlockMeta,
  ownBase,
  packBlock,
  unpackBlock,
} from "../block.js";
import { inboxFrom } from "../inbox.js";
import type { RAtom, Rule } from "../rules.js";
import { type EngineContext, EX_FALSO, type Inbox, UNBOUND } from "./tables.js";

/** Tries per block (each a child run per case), and cases kept per block. */
const MAX_TRIES = 8;
const MAX_CASES = 4;
/** Facts a child may derive beyond the ones it inherits. */
const CHILD_FACTS = 2000;
/**
 * Children do not lie on any block path, yet their constants must clash with none that one
 * proof can show: a child of a block at depth d owns the constants of depth
 * `CHILD_DEPTH + MAX_CASES·d + k` (its case k of the block), above every path's depth.
 */
const CHILD_DEPTH = 40;
const MAX_DEPTH = 126;

/** The block under saturation, as an introduction needs it. */
export interface IntroView {
  readonly state: BlockState;
  readonly ctx: EngineContext;
  find(c: number): number;
  /** The block's witness lists so far (own and inherited), for the child's inbox. */
  witnessLists(): { keys: string; consts: Int32Array; depths: Int32Array };
  /** Runs a block for one burst (engine/saturate.ts's runBlock). */
  run(child: BlockState, inbox: Inbox, ctx: EngineContext): void;
}

const cache = new WeakMap<readonly Rule[], ReadonlyMap<number, readonly Rule[]>>();

/**
 * The elimination rules of each clause predicate that can be introduced: every elimination
 * rule of it is a plain rule (not an existential) whose first premise is the clause atom over
 * distinct variables.
 */
export function clauseRules(rules: readonly Rule[]): ReadonlyMap<number, readonly Rule[]> {
  const known = cache.get(rules);
  if (known) return known;
  const by = new Map<number, Rule[]>();
  const bad = new Set<number>();
  for (const r of rules) {
    if (r.elimination !== true) continue;
    const clause = r.premises[0];
    if (!clause) continue;
    const vars = clause.args.filter((t) => t >= 0);
    const distinct = new Set(vars).size === vars.length;
    if (r.head === null || clause.neg || !distinct) bad.add(clause.pred);
    const list = by.get(clause.pred);
    if (list) list.push(r);
    else by.set(clause.pred, [r]);
  }
  for (const p of bad) by.delete(p);
  cache.set(rules, by);
  return by;
}

/** Whether a block may ask for introductions at all. */
export function mayIntroduce(s: BlockState): boolean {
  const m = s.meta;
  return m.kind !== "anchor" && m.kind !== "intro" && childDepth(m.depth, 0) <= MAX_DEPTH;
}

const childDepth = (parentDepth: number, k: number): number => CHILD_DEPTH + MAX_CASES * parentDepth + k;

const key = (pred: number, args: readonly number[]): string => `${pred}:${args.join(",")}`;

/**
 * Tries to conclude `pred[args]` (canonical constants) in the view's block. Returns the record
 * to derive it from, already added to the block's `intros`, or null.
 */
export function introduce(v: IntroView, pred: number, args: readonly number[]): number | null {
  const m = v.state.meta;
  const rules = clauseRules(v.ctx.rules).get(pred);
  if (!rules || !mayIntroduce(v.state)) return null;
  m.introTried ??= {};
  const tried = m.introTried;
  const k = key(pred, args);
  const count = factCount(v.state.data);
  if (tried[k] === count || (m.introTries ?? 0) >= MAX_TRIES) return null;
  const kept = (m.intros ?? []).reduce((n, r) => n + r.cases.length, 0);
  if (kept + rules.length > MAX_CASES) return null;
  tried[k] = count;
  m.introTries = (m.introTries ?? 0) + 1;
  const cases: IntroCase[] = [];
  for (const r of rules) {
    const c = introCase(v, r, args, childDepth(m.depth, kept + cases.length));
    if (!c) return null;
    cases.push(c);
  }
  const record: IntroRecord = { pred, args: [...args], cases };
  m.intros = [...(m.intros ?? []), record];
  return m.intros.length - 1;
}

/** One case: the child derivation of rule r's head from its premises on fresh constants. */
function introCase(v: IntroView, r: Rule, args: readonly number[], depth: number): IntroCase | null {
  const clause = r.premises[0]!;
  const binding = new Array<number>(r.nvars).fill(UNBOUND);
  for (let i = 0; i < clause.args.length; i++) {
    const t = clause.args[i]!;
    if (t < 0) {
      if (v.find(-t - 1) !== args[i]) return null;
    } else binding[t] = args[i]!;
  }
  let own = 0;
  for (let x = 0; x < r.nvars; x++) if (binding[x] === UNBOUND) binding[x] = ownBase(depth) + own++;
  const ground = (a: RAtom): RAtom => ({
    pred: a.pred,
    neg: a.neg,
    args: a.args.map((t) => (t < 0 ? t : -binding[t]! - 1)),
  });
  const suppose: Assumption[] = r.premises
    .slice(1)
    .map((a, i) => ({ atom: ground(a), kind: "suppose", index: i + 1 }));
  const goal = ground(r.head!);
  const parent = v.state.meta;
  const meta = newBlockMeta(-1, parent.id, depth, "intro", own, suppose, [...parent.hypotheses], false);
  meta.goals = [{ key: "intro", atom: goal, proved: false, fact: -1 }];
  const child: BlockState = { meta, data: newBlockData() };
  const d = v.state.data;
  const lists = v.witnessLists();
  const { inbox } = inboxFrom(
    {
      facts: d.facts.data,
      flags: d.flags.data,
      count: factCount(d),
      witnessKeys: lists.keys,
      witnessConsts: lists.consts,
      constDepth: lists.depths,
    },
    0,
    v.ctx.width,
  );
  const settings = { ...v.ctx.settings, maxFactsPerBlock: inbox.factIds.length + CHILD_FACTS };
  v.run(child, inbox, { ...v.ctx, settings });
  const g = child.meta.goals[0]!;
  // A child whose suppositions contradict the block proves its goal ex falso; the proof format
  // has no such case (yet), so that case is not concluded.
  if (!g.proved || g.fact === EX_FALSO || child.meta.contradiction !== null) return null;
  child.meta.active = false;
  return { rule: r.index, binding, child: packBlock(child), block: -1, goal, fact: g.fact };
}

/**
 * After a run: every kept child becomes a block of the run (inactive, after all others), so
 * that proof extraction follows its facts like any block's. Ids follow block order.
 */
export function addIntroBlocks(blocks: BlockState[]): void {
  const n = blocks.length;
  for (let b = 0; b < n; b++) {
    for (const rec of blocks[b]!.meta.intros ?? [])
      for (const c of rec.cases) {
        if (c.block >= 0) continue;
        const child = unpackBlock(c.child);
        c.block = blocks.length;
        blocks.push({ meta: { ...child.meta, id: c.block, active: false }, data: child.data });
      }
  }
}
