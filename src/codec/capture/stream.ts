/** Where a piece of a stream came from, for the steps' frame and time and for issues. */
export interface SegmentMeta {
  frame: number;
  time: number;
  /** File offset of the packet record. */
  offset: number;
}

/** Receives one direction of a connection, in order. */
export interface StreamSink {
  data(bytes: Uint8Array, meta: SegmentMeta): void;
  /** `missing` bytes were never captured before what comes next. */
  gap(missing: number, meta: SegmentMeta): void;
}

/** Out-of-order data kept per direction before a gap is declared and skipped. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
const MAX_PENDING_SEGMENTS = 2048;

interface Pending {
  seq: number;
  data: Uint8Array;
  meta: SegmentMeta;
}

/**
 * One direction of a TCP connection put back in sequence order (RFC 9293 §3.4 sequence numbers,
 * compared modulo 2^32): retransmitted and overlapping bytes are dropped, segments that arrive
 * early wait until the bytes before them arrive; when they never do (end of capture, FIN, or too
 * much waiting) the hole is reported as a gap and reading goes on after it.
 */
export class HalfStream {
  private next: number | undefined;
  private pending: Pending[] = [];
  private pendingBytes = 0;

  constructor(private readonly sink: StreamSink) {}

  /** A SYN: the data starts at `seq + 1`. */
  syn(seq: number): void {
    if (this.next === undefined) this.next = (seq + 1) >>> 0;
  }

  segment(seq: number, data: Uint8Array, meta: SegmentMeta): void {
    if (data.length === 0) return;
    if (this.next === undefined) this.next = seq;
    const delta = (seq - this.next) | 0;
    if (delta > 0) {
      if (this.pending.some((p) => p.seq === seq && p.data.length >= data.length)) return;
      // Copied: the packet's bytes belong to the file reader's chunk, which may be released.
      this.pending.push({ seq, data: data.slice(), meta });
      this.pendingBytes += data.length;
      if (this.pendingBytes > MAX_PENDING_BYTES || this.pending.length > MAX_PENDING_SEGMENTS) {
        this.skipGap();
      }
      return;
    }
    this.deliver(seq, data, meta);
    this.drain();
  }

  /** End of capture or of the connection: what still waits lies after holes. */
  flush(): void {
    while (this.pending.length > 0) this.skipGap();
  }

  private deliver(seq: number, data: Uint8Array, meta: SegmentMeta): void {
    const next = this.next ?? seq;
    const delta = (seq - next) | 0;
    if (delta + data.length <= 0) return; // all of it seen before
    const fresh = delta < 0 ? data.subarray(-delta) : data;
    this.next = (next + fresh.length) >>> 0;
    this.sink.data(fresh, meta);
  }

  private drain(): void {
    for (let progress = true; progress && this.pending.length > 0;) {
      progress = false;
      for (let i = 0; i < this.pending.length; i++) {
        const p = this.pending[i];
        if (((p.seq - (this.next ?? 0)) | 0) > 0) continue;
        this.pending.splice(i, 1);
        this.pendingBytes -= p.data.length;
        this.deliver(p.seq, p.data, p.meta);
        progress = true;
        break;
      }
    }
  }

  /** Jumps to the earliest waiting segment, reporting the bytes in between as missing. */
  private skipGap(): void {
    let first = 0;
    const next = this.next ?? 0;
    for (let i = 1; i < this.pending.length; i++) {
      if (((this.pending[i].seq - next) | 0) < ((this.pending[first].seq - next) | 0)) first = i;
    }
    const p = this.pending[first];
    const missing = (p.seq - next) | 0;
    if (missing > 0) {
      this.sink.gap(missing, p.meta);
      this.next = p.seq;
    }
    this.drain();
  }
}

/**
 * The bytes of one direction not yet consumed by a parser, in one growing array (so a message
 * split over many segments is assembled without copying it again at each segment). `skip` drops
 * bytes as they arrive without keeping them (an HTTP body, an SMB READ).
 */
export class ByteQueue {
  private buf = new Uint8Array(0);
  private start = 0;
  private end = 0;
  skip = 0;

  get length(): number {
    return this.end - this.start;
  }

  push(bytes: Uint8Array): void {
    if (this.skip > 0) {
      const n = Math.min(this.skip, bytes.length);
      this.skip -= n;
      bytes = bytes.subarray(n);
    }
    if (bytes.length === 0) return;
    if (this.end + bytes.length > this.buf.length) {
      const live = this.end - this.start;
      if (live + bytes.length <= this.buf.length) {
        this.buf.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(live + bytes.length, this.buf.length * 2, 4096));
        grown.set(this.buf.subarray(this.start, this.end));
        this.buf = grown;
      }
      this.start = 0;
      this.end = live;
    }
    this.buf.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** The unconsumed bytes (valid until the next push). */
  view(): Uint8Array {
    return this.buf.subarray(this.start, this.end);
  }

  consume(n: number): void {
    const take = Math.min(n, this.length);
    this.start += take;
    this.skip += n - take;
    if (this.start === this.end) this.start = this.end = 0;
  }

  clear(): void {
    this.start = this.end = 0;
    this.skip = 0;
  }
}
