import { decodeLatin1 } from '../../bytes';
import { ErrorSink } from '../input/errors';
import { extractHttp } from '../input/http';
import type { ParserOutput, ProtocolParser } from './parser';
import { ByteQueue, type SegmentMeta } from './stream';

/**
 * HTTP/1.x messages of one connection (RFC 9112): each header block is read with the paste
 * reader's `extractHttp` (Authorization / Proxy-Authorization / WWW-Authenticate /
 * Proxy-Authenticate with Negotiate, NTLM, Kerberos — RFC 4559 §4, MS-NTHT §2.2); bodies are
 * skipped by Content-Length or chunked framing (RFC 9112 §6–§7) without being kept.
 */

const MAX_HEADERS = 1024 * 1024;
const CRLFCRLF = [13, 10, 13, 10];

interface Side {
  queue: ByteQueue;
  /** Reading chunk sizes (`size`), trailers (`trailer`), or headers (`headers`). */
  mode: 'headers' | 'size' | 'trailer' | 'dead';
  scanned: number;
}

export class HttpParser implements ProtocolParser {
  private readonly sides: [Side, Side] = [newSide(), newSide()];
  /** Request methods awaiting their response, for HEAD's body-less responses. */
  private readonly methods: string[] = [];

  constructor(private readonly out: ParserOutput) {}

  data(fromClient: boolean, bytes: Uint8Array, meta: SegmentMeta): void {
    const side = this.sides[fromClient ? 0 : 1];
    if (side.mode === 'dead') return;
    side.queue.push(bytes);
    // Each unit read consumes bytes, so this ends with the data.
    while (this.step(side, fromClient, meta) && !isDead(side));
  }

  gap(fromClient: boolean, missing: number, meta: SegmentMeta): void {
    const side = this.sides[fromClient ? 0 : 1];
    if (side.mode === 'dead') return;
    side.mode = 'dead';
    side.queue.clear();
    this.out.issue(
      meta,
      `${missing} bytes of the ${fromClient ? 'client' : 'server'}'s HTTP stream were not captured before frame ${meta.frame}; the rest of that direction is not read`,
    );
  }

  /** Reads one unit (headers, chunk size line, trailer line); false when more bytes are needed. */
  private step(side: Side, fromClient: boolean, meta: SegmentMeta): boolean {
    const q = side.queue;
    if (q.skip > 0 || q.length === 0) return false;
    const view = q.view();
    if (side.mode === 'size' || side.mode === 'trailer') {
      const eol = indexOf(view, [13, 10], 0);
      if (eol < 0) {
        if (q.length > 4096) this.kill(side, meta, 'a chunk-size line longer than 4 KB');
        return false;
      }
      const line = decodeLatin1(view, 0, eol).trim();
      q.consume(eol + 2);
      if (side.mode === 'trailer') {
        if (line === '') side.mode = 'headers';
        return true;
      }
      const size = parseInt(line.split(';')[0], 16);
      if (!Number.isFinite(size) || size < 0) {
        this.kill(side, meta, `a bad chunk size '${line.slice(0, 20)}'`);
        return false;
      }
      if (size === 0) side.mode = 'trailer';
      else q.consume(size + 2);
      return true;
    }
    const end = indexOf(view, CRLFCRLF, Math.max(0, side.scanned - 3));
    if (end < 0) {
      side.scanned = view.length;
      if (q.length > MAX_HEADERS) this.kill(side, meta, 'a header block over 1 MB');
      return false;
    }
    side.scanned = 0;
    const text = decodeLatin1(view, 0, end + 2);
    q.consume(end + 4);
    this.message(side, fromClient, text, meta);
    return true;
  }

  private message(side: Side, fromClient: boolean, text: string, meta: SegmentMeta): void {
    const firstLine = text.slice(0, text.indexOf('\r\n') >>> 0);
    const request = /^([A-Z][A-Z-]*) \S+ HTTP\/\d/.exec(firstLine);
    const response = /^HTTP\/\d(?:\.\d)? (\d{3})(?: (.*))?$/.exec(firstLine);
    if (fromClient ? request === null : response === null) {
      this.kill(
        side,
        meta,
        `a message that does not start with an HTTP ${fromClient ? 'request' : 'status'} line`,
      );
      return;
    }
    const status = response === null ? undefined : Number(response[1]);
    const statusText = response?.[2];
    const errors = new ErrorSink();
    const found = extractHttp(text, errors);
    for (const e of errors.toArray())
      this.out.issue(meta, `HTTP header at frame ${meta.frame}: ${e.message}`);
    if (status !== undefined && status >= 200) {
      // The answer to the earliest request still waiting (RFC 9112 §9.3: responses in order).
      this.out.answer(status, statusText);
    }
    for (const t of found.tokens) {
      this.out.step({
        from: fromClient ? 'initiator' : 'acceptor',
        token: t.bytes,
        carrier: `${t.header ?? 'header'}: ${t.scheme}`,
        scheme: t.scheme,
        ...(status === undefined ? {} : { status, ...(statusText ? { statusText } : {}) }),
        frame: meta.frame,
        time: meta.time,
      });
    }
    // Body length (RFC 9112 §6.3).
    const headers = text.toLowerCase();
    const chunked = /\r\ntransfer-encoding:[^\r\n]*chunked/.test(headers);
    const lengthMatch = /\r\ncontent-length:[ \t]*(\d+)/.exec(headers);
    if (fromClient) this.methods.push(request?.[1] ?? '');
    let method = '';
    if (!fromClient && status !== undefined && status >= 200) method = this.methods.shift() ?? '';
    const noBody =
      !fromClient &&
      (method === 'HEAD' ||
        (status !== undefined && (status < 200 || status === 204 || status === 304)));
    if (noBody) return;
    if (chunked) side.mode = 'size';
    else if (lengthMatch !== null) side.queue.consume(Number(lengthMatch[1]));
    else if (!fromClient) side.queue.consume(Number.MAX_SAFE_INTEGER); // read until close
  }

  private kill(side: Side, meta: SegmentMeta, what: string): void {
    side.mode = 'dead';
    side.queue.clear();
    this.out.issue(
      meta,
      `HTTP stream at frame ${meta.frame} has ${what}; the rest of that direction is not read`,
    );
  }
}

function isDead(side: Side): boolean {
  return side.mode === 'dead';
}

function newSide(): Side {
  return { queue: new ByteQueue(), mode: 'headers', scanned: 0 };
}

function indexOf(bytes: Uint8Array, pattern: number[], from: number): number {
  const first = pattern[0];
  for (
    let i = bytes.indexOf(first, from);
    i >= 0 && i + pattern.length <= bytes.length;
    i = bytes.indexOf(first, i + 1)
  ) {
    let ok = true;
    for (let j = 1; j < pattern.length && ok; j++) ok = bytes[i + j] === pattern[j];
    if (ok) return i;
  }
  return -1;
}

/** True when the bytes start like an HTTP/1 request or status line. */
export function looksLikeHttp(bytes: Uint8Array): boolean {
  const head = decodeLatin1(bytes, 0, Math.min(bytes.length, 16));
  return /^(GET|POST|PUT|HEAD|OPTIONS|DELETE|PATCH|CONNECT|PROPFIND|HTTP\/1)[ .]/.test(head);
}
