/**
 * Which shard (thread) owns which block. Pure functions over the block tree, so that the
 * choices can be tested and replayed by the scaling simulator.
 *
 * - First placement: the tree is cut into units, each a whole subtree where it is light enough
 *   (at most 1/(4·shards) of the work) or a block with at most four leaf children, else the node
 *   alone with its children cut in turn; the
 *   units go heaviest first to the least-loaded shard (LPT). A conjecture's blocks (its own block
 *   and its induction-step and contradiction children) so share a thread and their inboxes
 *   never cross threads.
 * - A block created later goes where its parent lives.
 * - Nothing is rebalanced between bursts: during a burst idle threads take over unstarted work
 *   (engine/steal.ts) and blocks stay where they last ran.
 *
 * Output never depends on placement (docs/parallelism.md); placement only decides speed.
 */

export interface TreeView {
  readonly parent: readonly number[];
  /** Work expected of each block in the next burst (ms, or any consistent unit); 0 if inactive. */
  readonly weight: readonly number[];
}

function childrenOf(parent: readonly number[]): number[][] {
  const ch: number[][] = parent.map(() => []);
  parent.forEach((p, i) => {
    if (p >= 0) ch[p]!.push(i);
  });
  return ch;
}

function subtreeWeights(t: TreeView, ch: number[][]): number[] {
  const w = t.weight.slice();
  for (let i = t.parent.length - 1; i >= 0; i--) for (const c of ch[i]!) w[i]! += w[c]!;
  return w;
}

/**
 * Places every block on one of `shards` shards. `pinned` blocks go to the given shard
 * (the fault-injection hook pins its block to a pool thread).
 */
export function placeAll(
  t: TreeView,
  shards: number,
  pinned: ReadonlyMap<number, number> = new Map(),
): number[] {
  const n = t.parent.length;
  const owner = new Array<number>(n).fill(-1);
  if (shards <= 1) return owner.fill(0);
  const ch = childrenOf(t.parent);
  const sub = subtreeWeights(t, ch);
  const total = t.parent.reduce((s, p, i) => (p < 0 ? s + sub[i]! : s), 0);
  const limit = total / (4 * shards);
  const units: { root: number; members: number[]; weight: number }[] = [];
  const collect = (v: number, into: number[]) => {
    into.push(v);
    for (const c of ch[v]!) collect(c, into);
  };
  const cut = (v: number) => {
    // A block and a few leaf children (a conjecture and its induction steps) stay together:
    // the children's inboxes are everything the block derives.
    const family = ch[v]!.length <= 4 && ch[v]!.every((c) => ch[c]!.length === 0);
    if (sub[v]! <= limit || family) {
      const members: number[] = [];
      collect(v, members);
      units.push({ root: v, members, weight: sub[v]! });
      return;
    }
    units.push({ root: v, members: [v], weight: t.weight[v]! });
    for (const c of ch[v]!) cut(c);
  };
  for (let i = 0; i < n; i++) if (t.parent[i]! < 0) cut(i);
  units.sort((a, b) => b.weight - a.weight || a.root - b.root);
  const load = new Array<number>(shards).fill(0);
  for (const u of units) {
    let best = 0;
    for (let s = 1; s < shards; s++) if (load[s]! < load[best]!) best = s;
    load[best]! += u.weight;
    for (const m of u.members) owner[m] = best;
  }
  for (const [b, s] of pinned) if (b < n) owner[b] = s;
  return owner;
}

/** New blocks (owner -1) go where their parent lives; roots to the least-loaded shard. */
export function placeNew(t: TreeView, owner: number[], shards: number): void {
  const load = new Array<number>(shards).fill(0);
  owner.forEach((s, i) => {
    if (s >= 0) load[s]! += t.weight[i]!;
  });
  for (let i = 0; i < t.parent.length; i++) {
    if (owner[i]! >= 0) continue;
    const p = t.parent[i]!;
    let s = p >= 0 ? owner[p]! : -1;
    if (s < 0) {
      s = 0;
      for (let k = 1; k < shards; k++) if (load[k]! < load[s]!) s = k;
    }
    owner[i] = s;
    load[s]! += t.weight[i]!;
  }
}
