/**
 * An indexed binary min-heap of node indices on typed arrays, keyed by an external distance
 * array (so decrease-key is "lower the distance, then `update`"). O(log n) push/pop/update,
 * no allocation after construction.
 */
export class NodeHeap {
  private readonly heap: Int32Array;
  /** Position of each node in `heap`, −1 when absent. */
  private readonly pos: Int32Array;
  private n = 0;

  constructor(capacity: number, private readonly key: Float64Array) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.n;
  }

  /** Inserts `node`, or restores order after its key was lowered when it is already in. */
  pushOrUpdate(node: number): void {
    let i = this.pos[node];
    if (i < 0) {
      i = this.n++;
      this.heap[i] = node;
      this.pos[node] = i;
    }
    this.up(i);
  }

  /** Removes and returns the node with the smallest key. */
  pop(): number {
    const top = this.heap[0];
    const last = this.heap[--this.n];
    this.pos[top] = -1;
    if (this.n > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  clear(): void {
    for (let i = 0; i < this.n; i++) this.pos[this.heap[i]] = -1;
    this.n = 0;
  }

  bytes(): number {
    return this.heap.byteLength + this.pos.byteLength;
  }

  private up(i: number): void {
    const { heap, pos, key } = this;
    const node = heap[i];
    const k = key[node];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (key[heap[p]] <= k) break;
      heap[i] = heap[p];
      pos[heap[i]] = i;
      i = p;
    }
    heap[i] = node;
    pos[node] = i;
  }

  private down(i: number): void {
    const { heap, pos, key } = this;
    const node = heap[i];
    const k = key[node];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.n) break;
      if (c + 1 < this.n && key[heap[c + 1]] < key[heap[c]]) c++;
      if (key[heap[c]] >= k) break;
      heap[i] = heap[c];
      pos[heap[i]] = i;
      i = c;
    }
    heap[i] = node;
    pos[node] = i;
  }
}
