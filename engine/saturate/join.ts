/**
 * Rule matching of one block run: a semi-naive, indexed join seeded by new facts.
 *
 * A combination of facts is examined only when it contains something new (the seed, and
 * facts before the delta for premises left of it). Matching is non-injective: two rule
 * variables may bind the same constant, and constants inside rules match by value (class
 * representative). The join picks the most constrained unmatched premise next; a premise no
 * fact satisfies but a witness could files a demand (engine/saturate/witnesses.ts).
 */
import { D, F_ALIVE, F_INHERITED, predNegOf, REFL_PREMISE } from "../block.js";
import { EQ_PRED, type RAtom, type Rule } from "../rules.js";
import { anyKey, argHi, argLo, EMPTY, NEW, scratch, seedKey, seedTable, UNBOUND } from "./tables.js";
import { Witnesses } from "./witnesses.js";

export abstract class Matcher extends Witnesses {
  protected seeds!: Map<number, [Rule, number][]>;
  /** Reused `matched` arrays, by premise count. */
  private matchedBufs: number[][] = [];
  /** Variables bound by matchInto, so a join can undo them without copying the binding. */
  private trail: number[] = [];

  /** Seeds every rule premise with every live fact in [from, to). */
  protected fireSeeds(from: number, to: number): void {
    this.seedWith(this.seeds, from, to);
  }

  /** Fires newly arrived rules against all facts in [from, to). */
  protected fireRules(rules: readonly Rule[], from: number, to: number): void {
    this.seedWith(seedTable(rules.filter((r) => r.premises.length > 0)), from, to);
  }

  private seedWith(t: Map<number, [Rule, number][]>, from: number, to: number): void {
    // Operation constants are never merged in practice; if one was, fall back to every premise.
    const all = this.opMerged ? [...t.values()].flat() : null;
    const W = this.W;
    const facts = this.d.facts.data;
    for (let f = from; f < to; f++) {
      if (!this.alive(f)) continue;
      // The per-block limit holds within a round too: one round at a deeper witness bound
      // can otherwise add many times the limit.
      if (this.d.flags.length >= this.ctx.settings.maxFactsPerBlock) return;
      const pn = facts[f * W]!;
      if (all) {
        for (const [r, i] of all)
          if (predNegOf(r.premises[i]!.pred, r.premises[i]!.neg) === pn) this.seed(r, i, f, from, to);
        continue;
      }
      let k = W - 1;
      while (facts[f * W + k] === -1) k--;
      const a = t.get(seedKey(pn, facts[f * W + k]!));
      if (a) for (const [r, i] of a) this.seed(r, i, f, from, to);
      const b = t.get(anyKey(pn));
      if (b) for (const [r, i] of b) this.seed(r, i, f, from, to);
    }
  }

  private seed(r: Rule, pos: number, f: number, deltaStart: number, deltaEnd: number): void {
    const binding = this.bindingBuffer(r.nvars);
    const mark = this.matchInto(r.premises[pos]!, f, binding);
    if (mark < 0) return;
    // All -1 between seeds: join puts back every entry it sets.
    let matched = this.matchedBufs[r.premises.length];
    if (!matched) {
      matched = new Array<number>(r.premises.length).fill(-1);
      this.matchedBufs[r.premises.length] = matched;
    }
    matched[pos] = f;
    this.join(r, pos, matched, binding, deltaStart, deltaEnd);
    matched[pos] = -1;
    this.unwind(binding, mark);
  }

  /**
   * Binds the premise's variables against fact f. Returns the trail length before the match
   * (undo with `unwind`), or -1 on mismatch (binding untouched then).
   */
  protected matchInto(p: RAtom, f: number, binding: Int32Array): number {
    const base = f * this.W;
    const facts = this.d.facts.data;
    if (facts[base] !== predNegOf(p.pred, p.neg)) return -1;
    const mark = this.trail.length;
    const args = p.args;
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!;
      const a = facts[base + 1 + i]!;
      if (t < 0) {
        if (this.find(-t - 1) !== a) return this.unwind(binding, mark);
      } else {
        const cur = binding[t]!;
        if (cur === UNBOUND) {
          binding[t] = a;
          this.trail.push(t);
        } else if (cur !== a) return this.unwind(binding, mark);
      }
    }
    return mark;
  }

  protected unwind(binding: Int32Array, mark: number): -1 {
    while (this.trail.length > mark) binding[this.trail.pop()!] = UNBOUND;
    return -1;
  }

  protected join(
    r: Rule,
    seedPos: number,
    matched: number[],
    binding: Int32Array,
    ds: number,
    de: number,
  ): void {
    // Pick the most constrained unmatched premise. Among equally constrained ones, one that no
    // witness could supply goes first: matching an operator atom whose output is still open
    // commits to the facts it has, and a binding the others would give could make it
    // demandable instead. Which demands are filed then depends less on premise order (ties
    // within one kind still go by position).
    let best = -1;
    let bestCands: number[] = EMPTY;
    let bestDemand = false;
    let bestOpen = false;
    let waiting = false;
    const prem = r.premises;
    for (let i = 0; i < prem.length; i++) {
      if (matched[i] !== -1) continue;
      const p = prem[i]!;
      const cands = this.candidates(p, binding);
      const demandable =
        cands.length === 0 || best < 0 || cands.length <= bestCands.length
          ? this.demandable(p, binding)
          : false;
      const open = this.openOutput(p, binding);
      // A premise `=[x,x]` holds by reflexivity without a fact (see `reflexive`).
      if (cands.length === 0 && !demandable && this.reflexive(p, binding) === null) {
        // A thorough block lets an operator premise with an unbound input wait: once the others
        // bind its inputs it can be demanded. Otherwise no fact or witness can satisfy it, and
        // this branch is dead (cheaper, and misses such combinations: BlockMeta.thorough).
        if (open && this.s.meta.thorough) {
          waiting = true;
          continue;
        }
        return;
      }
      if (
        best < 0 ||
        cands.length < bestCands.length ||
        (cands.length === bestCands.length && bestDemand && !demandable) ||
        (cands.length === bestCands.length && bestDemand === demandable && bestOpen && !open)
      ) {
        best = i;
        bestCands = cands;
        bestDemand = demandable;
        bestOpen = open;
      }
    }
    if (best < 0) {
      if (!waiting) this.conclude(r, binding, matched, true);
      return;
    }
    const p = prem[best]!;
    const limit = best < seedPos ? ds : de;
    const flags = this.d.flags.data;
    // Combinations of inherited facts alone are the parent's work (see conclude).
    let remaining = 0;
    let ownSeen = r.kind === "hypothesis";
    for (let i = 0; i < prem.length; i++) {
      const m = matched[i]!;
      if (m === -1) remaining++;
      else if (m !== REFL_PREMISE && !(flags[m]! & F_INHERITED)) ownSeen = true;
    }
    const needOwn = remaining === 1 && !ownSeen;
    let any = false;
    // `=[x,y]` with x bound: y := x by reflexivity (never a stored fact). Like an inherited
    // fact it holds in the parent too, so the parent serves a combination with nothing own.
    const refl = this.reflexive(p, binding);
    if (refl !== null) {
      any = true;
      if (!needOwn) {
        const mark = this.bindReflexive(p, refl, binding);
        matched[best] = REFL_PREMISE;
        this.join(r, seedPos, matched, binding, ds, de);
        matched[best] = -1;
        this.unwind(binding, mark);
      }
    }
    for (let k = 0; k < bestCands.length; k++) {
      const f = bestCands[k]!;
      if (f >= limit || !(flags[f]! & F_ALIVE)) continue;
      if (needOwn && flags[f]! & F_INHERITED) {
        any = true; // a match exists; the parent block serves it (and any demand)
        continue;
      }
      const mark = this.matchInto(p, f, binding);
      if (mark < 0) continue;
      any = true;
      matched[best] = f;
      this.join(r, seedPos, matched, binding, ds, de);
      matched[best] = -1;
      this.unwind(binding, mark);
    }
    if (!any && bestDemand && this.mayDemand(r, matched)) this.demand(p, binding);
  }

  /**
   * For a positive `=[s,t]` premise with one side known (and the other known and equal, or an
   * unbound variable): the value both sides take by reflexivity; otherwise null.
   */
  private reflexive(p: RAtom, binding: Int32Array): number | null {
    if (p.pred !== EQ_PRED || p.neg) return null;
    const value = (t: number) => (t < 0 ? this.find(-t - 1) : binding[t]!);
    const [a, b] = [value(p.args[0]!), value(p.args[1]!)];
    if (a !== UNBOUND && b !== UNBOUND) return a === b ? a : null;
    if (a === UNBOUND && b === UNBOUND) return null;
    return a === UNBOUND ? b : a;
  }

  /** Binds the unbound side of a reflexive `=` premise; returns the trail mark. */
  private bindReflexive(p: RAtom, v: number, binding: Int32Array): number {
    const mark = this.trail.length;
    for (const t of p.args)
      if (t >= 0 && binding[t] === UNBOUND) {
        binding[t] = v;
        this.trail.push(t);
      }
    return mark;
  }

  protected candidates(p: RAtom, binding: Int32Array): number[] {
    const pn = predNegOf(p.pred, p.neg);
    let best: number[] | undefined;
    for (let i = 0; i < p.args.length; i++) {
      const t = p.args[i]!;
      const v = t < 0 ? this.find(-t - 1) : binding[t]!;
      if (v === UNBOUND) continue;
      const l = this.idx.byArg.get(argHi(pn, i, v), argLo(pn, i)) ?? EMPTY;
      if (!best || l.length < best.length) best = l;
      if (best.length === 0) break;
    }
    return best ?? this.idx.byPred.get(pn) ?? EMPTY;
  }

  protected conclude(r: Rule, binding: Int32Array, matched: number[], fromJoin: boolean): void {
    if (fromJoin && r.kind !== "hypothesis" && this.allInherited(matched)) return;
    if (r.exists) {
      if (fromJoin && r.demandOnly) return;
      this.makeWitness(r, binding, matched);
      return;
    }
    const h = r.head!;
    const args = scratch(this.argBufs, h.args.length);
    for (let i = 0; i < args.length; i++) {
      const v = this.valueOf(h.args[i]!, binding);
      if (v === UNBOUND) return;
      args[i] = v;
    }
    // Most conclusions are already known: build the derivation only for a new fact.
    if (this.known(h.pred, h.neg, args) !== NEW) return;
    const ref = r.kind === "hypothesis" ? -1 - this.s.meta.hypotheses.indexOf(r) : r.index;
    this.addNew(h.pred, h.neg, args, [D.rule, ref, r.nvars, ...binding, matched.length, ...matched, 0]);
  }

  private allInherited(matched: readonly number[]): boolean {
    const flags = this.d.flags.data;
    for (const f of matched) if (f !== REFL_PREMISE && !(flags[f]! & F_INHERITED)) return false;
    return true;
  }
}
