/**
 * The conjecturer: enumerates equations between terms built from the anchor's operations over
 * variables and element constants, drops trivial, ill-typed, redundant and duplicate ones, and
 * returns the rest as relational premise chains (`Conjecture`s) in a deterministic order.
 *
 * Pipeline: (1) side terms up to the depth and per-side limits; (2) ordered pairs of sides,
 * the left one compound with its variables in first-occurrence order (a, then b, then c), so
 * each equation appears once per orientation up to renaming; (3) filters on the equation;
 * (4) the relational chain of both orientations, normalised, the one with the smaller canonical
 * key kept (the other is its mirror); (5) de-duplication by that key; (6) sorting by atom
 * count, then key, and naming `c0001`, `c0002`, …
 */
import type { Conjecture, Theory } from "../../mpl/theory.js";
import { chainKey } from "./canonical.js";
import { type EquationFilter, equationDropReason, equationKey } from "./equation-filters.js";
import { coverKeys } from "./instances.js";
import { type Chain, equationChain, type ShapeDefect, shapeDefect, wellTyped } from "./relational.js";
import { buildConjecture } from "./render.js";
import { type ConjectureSettings, resolveConjectureSettings } from "./settings.js";
import { buildSides, noSideRejections, type SideLimit } from "./sides.js";
import { type Signature, signatureOf } from "./signature.js";
import { type TermId, TermTable, unionSize } from "./term.js";

/** Why an equation was dropped. */
export type EquationReason = EquationFilter | ShapeDefect | "illTyped";

const TRIVIAL: ReadonlySet<EquationReason> = new Set([
  "varsDiffer",
  "noVariable",
  "identicalSides",
  "sideInOther",
  "headAmongPremises",
  "repeatedApplication",
  "disconnected",
]);

export interface ConjectureStats {
  /** Terms admitted as sides (leaves included). */
  readonly sides: number;
  /** Terms built but not admitted as sides, by the first limit they break. */
  readonly sidesRejected: Readonly<Record<SideLimit, number>>;
  /** Equations formed within the size limits (ordered pairs of admitted sides). */
  readonly generated: number;
  readonly illTyped: number;
  /** Dropped as trivial (see `EquationReason`s varsDiffer … disconnected). */
  readonly trivial: number;
  /** Dropped by the redundancy filters and switches of the settings. */
  readonly redundant: number;
  /** Equal, up to canonical form, to an earlier candidate or to its mirror. */
  readonly duplicates: number;
  readonly kept: number;
  /** Every dropped equation under its reason (duplicates excluded). */
  readonly reasons: Readonly<Record<EquationReason, number>>;
  /**
   * Pairs of sides never formed because neither side mentions a symbol of `requireSymbols`
   * (0 without it); not part of `generated`.
   */
  readonly outsideRequired: number;
}

export interface ConjectureEnumeration {
  readonly candidates: Conjecture[];
  readonly stats: ConjectureStats;
  /**
   * Per candidate index: the keys of the equations it follows from at once (its splits, and
   * the equation without a common context; instances.ts), for the survivors' check. Derived on
   * first asking: only the survivors' are needed, a few of many thousands.
   */
  readonly splitKeys: (index: number) => readonly string[];
}

interface Kept {
  readonly lhs: TermId;
  readonly rhs: TermId;
  readonly chain: Chain;
  readonly key: string;
  readonly atoms: number;
}

/** Enumerates, filters and names the conjectures of the theory's anchor (none without one). */
export function enumerateConjectures(
  theory: Theory,
  overrides: Partial<ConjectureSettings> = {},
): ConjectureEnumeration {
  const settings = resolveConjectureSettings(overrides);
  const sig = signatureOf(theory);
  const unaryOps = new Set<number>();
  sig.operations.forEach((op, i) => {
    if (op.arity === 1) unaryOps.add(i);
  });
  const table = new TermTable(settings.maxVars, unaryOps, sig.operations.length);
  const sidesRejected = noSideRejections();
  const reasons: Record<EquationReason, number> = {
    varsDiffer: 0,
    noVariable: 0,
    identicalSides: 0,
    sideInOther: 0,
    headAmongPremises: 0,
    repeatedApplication: 0,
    disconnected: 0,
    equalityHeadOff: 0,
    constants: 0,
    mixedOperandOrder: 0,
    leafPairTwice: 0,
    diagonal: 0,
    noSharedOperation: 0,
    sharedSubterm: 0,
    instanceOfSmaller: 0,
    illTyped: 0,
  };
  const sides = theory.anchor === null ? [] : buildSides(sig, settings, table, sidesRejected);
  const mentions = requiredMention(sig, table, settings.requireSymbols);
  const lefts = sides.filter((t) => {
    const info = table.get(t);
    return info.kind === "app" && info.firstOccurrence.every((v, i) => v === i);
  });

  let generated = 0;
  let duplicates = 0;
  let outsideRequired = 0;
  const kept = new Map<string, Kept>();
  const seenEquations = new Set<string>();
  const firstOutput = settings.maxVars;

  const judge = (lhs: TermId, rhs: TermId): EquationReason | Chain => {
    const dropped = equationDropReason(table, sig, settings, lhs, rhs);
    if (dropped !== null) return dropped;
    const forward = equationChain(sig, table, lhs, rhs, firstOutput);
    if (!wellTyped(forward, theory)) return "illTyped";
    return shapeDefect(forward, theory) ?? forward;
  };

  // Sides grouped by their variable set, and within a group by atom count: a left side with
  // `n` atoms pairs within the limit with every side of at most `maxAtoms - n` atoms, and with a
  // larger side only through shared subterms, found through an index of the sides containing
  // each atom. Only a side with the same variables can pass the filters; pairs across groups
  // are counted (as `varsDiffer`) without being formed. With required symbols, each group
  // also lists its sides that mention one, which are the only partners of a left side that
  // does not: the other pairs are counted, never formed.
  const groups = new Map<number, { all: TermId[][]; mentioning: TermId[][] }>();
  const containing = new Map<TermId, TermId[]>();
  for (const t of sides) {
    const info = table.get(t);
    let group = groups.get(info.varMask);
    if (group === undefined) {
      const lists = () => Array.from({ length: settings.maxAtoms + 1 }, (): TermId[] => []);
      group = { all: lists(), mentioning: lists() };
      groups.set(info.varMask, group);
    }
    group.all[info.atoms.length]!.push(t);
    if (mentions(t)) group.mentioning[info.atoms.length]!.push(t);
    for (const a of info.atoms) {
      const list = containing.get(a);
      if (list === undefined) containing.set(a, [t]);
      else list.push(t);
    }
  }

  for (const lhs of lefts) {
    const left = table.get(lhs);
    const lAtoms = left.atoms;
    const room = settings.maxAtoms - lAtoms.length;
    const leftMentions = mentions(lhs);
    const partners: TermId[] = [];
    let across = 0;
    for (const [mask, group] of groups) {
      for (let k = 0; k <= room; k++) {
        const all = group.all[k]!;
        const usable = leftMentions ? all : group.mentioning[k]!;
        if (mask === left.varMask) partners.push(...usable);
        else across += usable.length;
        outsideRequired += all.length - usable.length;
      }
    }
    const sharing = new Set<TermId>();
    for (const a of lAtoms) for (const r of containing.get(a) ?? []) sharing.add(r);
    for (const rhs of [...sharing].sort((x, y) => x - y)) {
      const right = table.get(rhs);
      if (right.atoms.length <= room || unionSize(lAtoms, right.atoms) > settings.maxAtoms) continue;
      if (!leftMentions && !mentions(rhs)) {
        outsideRequired++;
        continue;
      }
      if (right.varMask === left.varMask) partners.push(rhs);
      else across++;
    }
    generated += across;
    reasons.varsDiffer += across;

    for (const rhs of partners) {
      generated++;
      const verdict = judge(lhs, rhs);
      if (typeof verdict === "string") {
        reasons[verdict]++;
        continue;
      }
      // Equal equations (up to renaming and side order) give equal chains: a cheap test first.
      const equation = equationKey(table, lhs, rhs);
      if (seenEquations.has(equation)) {
        duplicates++;
        continue;
      }
      seenEquations.add(equation);
      let key = chainKey(verdict.premises, verdict.head);
      let chain: Chain = verdict;
      if (table.get(rhs).kind === "app") {
        const backward = equationChain(sig, table, rhs, lhs, firstOutput);
        const backKey = chainKey(backward.premises, backward.head);
        if (backKey < key) {
          key = backKey;
          chain = backward;
        }
      }
      if (kept.has(key)) {
        duplicates++;
        continue;
      }
      kept.set(key, {
        lhs,
        rhs,
        chain,
        key,
        atoms: chain.premises.length + (chain.head.pred === sig.equality ? 0 : 1),
      });
    }
  }

  const ordered = [...kept.values()].sort((x, y) =>
    x.atoms !== y.atoms ? x.atoms - y.atoms : x.key < y.key ? -1 : x.key > y.key ? 1 : 0,
  );
  const width = Math.max(4, String(ordered.length).length);
  const candidates = ordered.map((k, i) =>
    buildConjecture(`c${String(i + 1).padStart(width, "0")}`, k.chain.premises, k.chain.head, theory),
  );
  let illTyped = 0;
  let trivial = 0;
  let redundant = 0;
  for (const [reason, n] of Object.entries(reasons) as [EquationReason, number][]) {
    if (reason === "illTyped") illTyped += n;
    else if (TRIVIAL.has(reason)) trivial += n;
    else redundant += n;
  }
  const splits = new Map<number, readonly string[]>();
  const splitKeys = (i: number): readonly string[] => {
    let keys = splits.get(i);
    if (keys === undefined) {
      const k = ordered[i];
      keys = k === undefined ? [] : coverKeys(table, sig, k.lhs, k.rhs, settings.maxVars);
      splits.set(i, keys);
    }
    return keys;
  };
  return {
    candidates,
    splitKeys,
    stats: {
      sides: sides.length,
      sidesRejected,
      generated,
      illTyped,
      trivial,
      redundant,
      duplicates,
      kept: candidates.length,
      reasons,
      outsideRequired,
    },
  };
}

export { canonicalKey } from "./canonical.js";
export { mirrorOf } from "./mirror.js";
export type { SideLimit } from "./sides.js";

/**
 * Whether a side mentions one of the required symbols (always true without any): an operation
 * of the signature it applies, or an element constant among its leaves.
 */
function requiredMention(
  sig: Signature,
  table: TermTable,
  required: readonly number[] | undefined,
): (t: TermId) => boolean {
  if (required === undefined) return () => true;
  const wanted = new Set(required);
  let opMask = 0;
  sig.operations.forEach((op, i) => {
    if (wanted.has(op.constant)) opMask |= 1 << i;
  });
  const memo = new Map<TermId, boolean>();
  const walk = (t: TermId): boolean => {
    const info = table.get(t);
    if (info.kind === "var") return false;
    if (info.kind === "const") return wanted.has(info.index);
    if ((info.opMask & opMask) !== 0) return true;
    let hit = memo.get(t);
    if (hit === undefined) {
      hit = info.children.some(walk);
      memo.set(t, hit);
    }
    return hit;
  };
  return walk;
}
