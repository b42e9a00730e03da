/**
 * A growable Int32Array. Block state is kept in these so that a whole block can move to a
 * worker thread and back by transferring buffers instead of copying object graphs.
 */
export class IntVec {
  data: Int32Array;
  length: number;

  constructor(capacity = 16, data?: Int32Array, length?: number) {
    this.data = data ?? new Int32Array(Math.max(4, capacity));
    this.length = length ?? 0;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i]!;
  }

  set(i: number, v: number): void {
    this.data[i] = v;
  }

  private grow(min: number): void {
    let cap = Math.max(16, this.data.length * 2);
    while (cap < min) cap *= 2;
    const next = new Int32Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** A compact copy of the used part (for transfer). */
  pack(): Int32Array {
    return this.data.slice(0, this.length);
  }

  static from(data: Int32Array): IntVec {
    return new IntVec(0, data, data.length);
  }
}
