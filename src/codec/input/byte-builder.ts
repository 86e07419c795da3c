/** A growable byte array: amortised O(1) push, no intermediate number[] or strings. */
export class ByteBuilder {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.length;
  }

  push(byte: number): void {
    if (this.length === this.buffer.length) this.grow(this.length + 1);
    this.buffer[this.length++] = byte;
  }

  /** Appends bytes [from, to) already in this builder `times` times (hexdump's `*` lines). */
  repeatRange(from: number, to: number, times: number): void {
    this.grow(this.length + (to - from) * times);
    for (let t = 0; t < times; t++) {
      this.buffer.copyWithin(this.length, from, to);
      this.length += to - from;
    }
  }

  private grow(needed: number): void {
    if (needed <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
