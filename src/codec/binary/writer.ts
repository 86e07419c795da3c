import { writeU16LE, writeU32BE, writeU32LE, writeU64LE } from '../../bytes';

/**
 * A growing byte buffer for the encoders: append fields in order (little-endian, or big-endian
 * with the `…be` methods), patch a length or an offset once it is known (the NTLM payload
 * descriptors, a NEGOEX vector), take the bytes.
 */
export class Writer {
  private buf = new Uint8Array(64);
  private used = 0;
  /** Where the structure being written starts: payload offsets written by codecs count from here. */
  origin = 0;

  /** Bytes written so far: the offset the next field will have. */
  get length(): number {
    return this.used;
  }

  private room(n: number): number {
    const at = this.used;
    if (at + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      grown.set(this.buf.subarray(0, at));
      this.buf = grown;
    }
    this.used += n;
    return at;
  }

  u8(n: number): void {
    const at = this.room(1);
    this.buf[at] = n & 0xff;
  }

  u16(n: number): void {
    const at = this.room(2);
    writeU16LE(this.buf, at, n);
  }

  u32(n: number): void {
    const at = this.room(4);
    writeU32LE(this.buf, at, n);
  }

  u64(n: bigint): void {
    const at = this.room(8);
    writeU64LE(this.buf, at, n);
  }

  u16be(n: number): void {
    const at = this.room(2);
    this.buf[at] = (n >>> 8) & 0xff;
    this.buf[at + 1] = n & 0xff;
  }

  u32be(n: number): void {
    const at = this.room(4);
    writeU32BE(this.buf, at, n);
  }

  u64be(n: bigint): void {
    const at = this.room(8);
    writeU32BE(this.buf, at, Number((n >> 32n) & 0xffffffffn));
    writeU32BE(this.buf, at + 4, Number(n & 0xffffffffn));
  }

  raw(bytes: Uint8Array | readonly number[]): void {
    // `room` may replace the buffer, so it runs before the buffer is read.
    const at = this.room(bytes.length);
    this.buf.set(bytes, at);
  }

  zeros(n: number): void {
    this.room(n); // the buffer is zero-filled
  }

  patchU16(at: number, n: number): void {
    writeU16LE(this.buf, at, n);
  }

  patchU32(at: number, n: number): void {
    writeU32LE(this.buf, at, n);
  }

  /** A copy of what was written. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.used);
  }
}
