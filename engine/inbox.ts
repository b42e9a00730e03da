/**
 * What a block receives from its parent at the start of a burst: the parent's facts it has
 * not seen yet (live ones, and every equality, which the parent consumed by union-find) and
 * the parent's witness lists. One function for every place a parent can be read from: the
 * parent's own state, or a replica of it on another thread (engine/shard.ts).
 */
import { F_ALIVE } from "./block.js";
import { EQ_PRED } from "./rules.js";
import type { Inbox } from "./saturate.js";

/** The parts of a parent block an inbox is made from. */
export interface ParentView {
  readonly facts: Int32Array;
  readonly flags: Int32Array;
  readonly count: number;
  readonly witnessKeys: string;
  readonly witnessConsts: Int32Array;
  readonly constDepth: Int32Array;
}

export const EMPTY_INBOX: Inbox = {
  facts: new Int32Array(0),
  factIds: new Int32Array(0),
  witnessKeys: "",
  witnessConsts: new Int32Array(0),
  constDepth: new Int32Array(0),
};

/**
 * The inbox of a child whose cursor is at `delivered`; returns it with the new cursor. The
 * arrays are fresh copies: the parent's own may move to another thread in the same burst.
 */
export function inboxFrom(
  parent: ParentView,
  delivered: number,
  width: number,
): { inbox: Inbox; delivered: number } {
  const n = parent.count;
  const ids: number[] = [];
  const eqPn = EQ_PRED * 2;
  for (let f = delivered; f < n; f++) {
    if (parent.flags[f]! & F_ALIVE || parent.facts[f * width] === eqPn) ids.push(f);
  }
  const facts = new Int32Array(ids.length * width);
  ids.forEach((f, i) => {
    facts.set(parent.facts.subarray(f * width, (f + 1) * width), i * width);
  });
  return {
    inbox: {
      facts,
      factIds: Int32Array.from(ids),
      witnessKeys: parent.witnessKeys,
      witnessConsts: parent.witnessConsts.slice(),
      constDepth: parent.constDepth.slice(),
    },
    delivered: n,
  };
}
