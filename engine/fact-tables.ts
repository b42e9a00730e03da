/**
 * Hash tables for the saturation hot path (engine/saturate/). Looking a fact up through a
 * string key, or through a number key beyond the small-integer range, allocated a string or a
 * heap number per lookup; these tables hash int32 values directly and allocate only to grow.
 */
import type { IntVec } from "./intvec.js";

const EMPTY_SLOT = -1;

function mix(h: number, v: number): number {
  const x = Math.imul(h ^ v, 0x9e3779b1);
  return (x << 13) | (x >>> 19);
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Fact ids keyed by their records in `facts` (`width` ints each: predNeg, then the arguments,
 * padded with -1). One id per distinct record: inserting a record already present replaces
 * the id, so a lookup finds the latest fact with that record.
 */
export class RecordTable {
  private slots = new Int32Array(64).fill(EMPTY_SLOT);
  private used = 0;

  constructor(
    private readonly facts: IntVec,
    private readonly width: number,
  ) {}

  /** The latest fact whose record is (pn, args), or -1. */
  lookup(pn: number, args: readonly number[]): number {
    const W = this.width;
    const data = this.facts.data;
    const n = args.length;
    let h = mix(0, pn);
    for (let i = 0; i < n; i++) h = mix(h, args[i]!);
    const mask = this.slots.length - 1;
    for (let s = finish(h) & mask; ; s = (s + 1) & mask) {
      const f = this.slots[s]!;
      if (f === EMPTY_SLOT) return -1;
      const base = f * W;
      if (data[base] !== pn || (n + 1 < W && data[base + 1 + n] !== -1)) continue;
      let i = 0;
      while (i < n && data[base + 1 + i] === args[i]) i++;
      if (i === n) return f;
    }
  }

  insert(f: number): void {
    const W = this.width;
    const data = this.facts.data;
    const mask = this.slots.length - 1;
    for (let s = this.hashOf(f) & mask; ; s = (s + 1) & mask) {
      const g = this.slots[s]!;
      if (g === EMPTY_SLOT) {
        this.slots[s] = f;
        if (++this.used * 2 > this.slots.length) this.grow();
        return;
      }
      let i = 0;
      while (i < W && data[g * W + i] === data[f * W + i]) i++;
      if (i === W) {
        this.slots[s] = f;
        return;
      }
    }
  }

  private hashOf(f: number): number {
    const data = this.facts.data;
    const base = f * this.width;
    let h = mix(0, data[base]!);
    for (let i = 1; i < this.width && data[base + i] !== -1; i++) h = mix(h, data[base + i]!);
    return finish(h);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(EMPTY_SLOT);
    const mask = this.slots.length - 1;
    // Records in the table are distinct, so each goes to the first free slot.
    for (const f of old) {
      if (f === EMPTY_SLOT) continue;
      let s = this.hashOf(f) & mask;
      while (this.slots[s] !== EMPTY_SLOT) s = (s + 1) & mask;
      this.slots[s] = f;
    }
  }
}

/** Lists of ints keyed by a pair of int32 values. */
export class PairLists {
  /** Per slot: the key pair and the index of its list, or EMPTY_SLOT. */
  private keys = new Int32Array(128);
  private slots = new Int32Array(64).fill(EMPTY_SLOT);
  private readonly lists: number[][] = [];

  /** The live list for (a, b) (later pushes show in it), or undefined. */
  get(a: number, b: number): number[] | undefined {
    const mask = this.slots.length - 1;
    for (let s = finish(mix(mix(0, a), b)) & mask; ; s = (s + 1) & mask) {
      const l = this.slots[s]!;
      if (l === EMPTY_SLOT) return undefined;
      if (this.keys[2 * s] === a && this.keys[2 * s + 1] === b) return this.lists[l];
    }
  }

  push(a: number, b: number, v: number): void {
    const mask = this.slots.length - 1;
    for (let s = finish(mix(mix(0, a), b)) & mask; ; s = (s + 1) & mask) {
      const l = this.slots[s]!;
      if (l === EMPTY_SLOT) {
        this.slots[s] = this.lists.length;
        this.keys[2 * s] = a;
        this.keys[2 * s + 1] = b;
        this.lists.push([v]);
        if (this.lists.length * 2 > this.slots.length) this.grow();
        return;
      }
      if (this.keys[2 * s] === a && this.keys[2 * s + 1] === b) {
        this.lists[l]!.push(v);
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.slots = new Int32Array(oldSlots.length * 2).fill(EMPTY_SLOT);
    this.keys = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let o = 0; o < oldSlots.length; o++) {
      const l = oldSlots[o]!;
      if (l === EMPTY_SLOT) continue;
      const a = oldKeys[2 * o]!;
      const b = oldKeys[2 * o + 1]!;
      let s = finish(mix(mix(0, a), b)) & mask;
      while (this.slots[s] !== EMPTY_SLOT) s = (s + 1) & mask;
      this.slots[s] = l;
      this.keys[2 * s] = a;
      this.keys[2 * s + 1] = b;
    }
  }
}

/** A map between non-negative int32 values (union-find parents: a Map lookup per `find` showed). */
export class IntMap {
  private keys = new Int32Array(16).fill(EMPTY_SLOT);
  private values = new Int32Array(16);
  size = 0;

  /** The value of k, or -1. */
  get(k: number): number {
    if (this.size === 0) return -1;
    const mask = this.keys.length - 1;
    for (let s = finish(mix(0, k)) & mask; ; s = (s + 1) & mask) {
      const x = this.keys[s]!;
      if (x === k) return this.values[s]!;
      if (x === EMPTY_SLOT) return -1;
    }
  }

  set(k: number, v: number): void {
    const mask = this.keys.length - 1;
    for (let s = finish(mix(0, k)) & mask; ; s = (s + 1) & mask) {
      const x = this.keys[s]!;
      if (x === k) {
        this.values[s] = v;
        return;
      }
      if (x === EMPTY_SLOT) {
        this.keys[s] = k;
        this.values[s] = v;
        if (++this.size * 2 > this.keys.length) this.grow();
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2).fill(EMPTY_SLOT);
    this.values = new Int32Array(this.keys.length);
    const mask = this.keys.length - 1;
    for (let o = 0; o < oldKeys.length; o++) {
      const k = oldKeys[o]!;
      if (k === EMPTY_SLOT) continue;
      let s = finish(mix(0, k)) & mask;
      while (this.keys[s] !== EMPTY_SLOT) s = (s + 1) & mask;
      this.keys[s] = k;
      this.values[s] = oldValues[o]!;
    }
  }
}
