import type { Issue, Node } from './tree';

/** Decoding of hostile input stops at this nesting depth instead of recursing without bound. */
export const MAX_DEPTH = 48;

/**
 * A failure at a known byte. Thrown inside the codec only; `decode()` turns it into data (an
 * `error` on the node where decoding stopped, plus an entry in the token's `errors`).
 */
export class DecodeError extends Error {
  /** Set once the innermost open node has recorded the error, so outer nodes do not claim it. */
  recorded = false;
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** State shared by all decoders of one token: the whole token's bytes, issues found so far. */
export interface DecodeContext {
  /** The whole token: every offset in the tree indexes this array. */
  readonly bytes: Uint8Array;
  readonly errors: Issue[];
  readonly warnings: Issue[];
  depth: number;
  /** Mechanism negotiated so far in this token (the supportedMech), to interpret a mechListMIC. */
  mechHint?: string;
}

export function createContext(bytes: Uint8Array): DecodeContext {
  return { bytes, errors: [], warnings: [], depth: 0 };
}

export function fail(offset: number, message: string): never {
  throw new DecodeError(offset, `${message} at offset ${offset}`);
}

/**
 * Runs `body` for `node`: if it throws, the error is recorded on the innermost node being built
 * (this one, unless a deeper one already took it) and rethrown so outer decoders stop too.
 */
export function within<T>(ctx: DecodeContext, node: Node, body: () => T): T {
  if (++ctx.depth > MAX_DEPTH) {
    ctx.depth--;
    fail(node.offset, `nesting deeper than ${MAX_DEPTH} levels`);
  }
  try {
    return body();
  } catch (e) {
    const err = asDecodeError(e, node.offset);
    if (!err.recorded) {
      err.recorded = true;
      node.error = err.message;
      ctx.errors.push({ offset: err.offset, message: err.message, path: node.name });
    }
    throw err;
  } finally {
    ctx.depth--;
  }
}

/**
 * Like `within`, but the failure stays inside this node: used at the boundary of an embedded token
 * (a mechToken inside SPNEGO), whose length the outer structure already fixed, so the outer
 * decode can go on after it.
 */
export function contain(ctx: DecodeContext, node: Node, body: () => void): void {
  try {
    within(ctx, node, body);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
  }
}

export function asDecodeError(e: unknown, offset: number): DecodeError {
  if (e instanceof DecodeError) return e;
  // A bug or a library throwing (asn1js on odd times, a RangeError on a DataView) is still data.
  const message = e instanceof Error ? e.message : String(e);
  return new DecodeError(offset, `internal decoder error: ${message} at offset ${offset}`);
}

export function warn(ctx: DecodeContext, node: Node, offset: number, message: string): void {
  (node.warnings ??= []).push(message);
  ctx.warnings.push({ offset, message, path: node.name });
}
