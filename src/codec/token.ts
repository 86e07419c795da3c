import { asDecodeError, createContext, DecodeError, type DecodeContext } from './context';
import type { Issue, Node } from './tree';
import { decodeBlob } from './blob';
import { toHex } from '../bytes';
import { messageLabel } from './describe';

export interface TokenDecode {
  root: Node;
  errors: Issue[];
  warnings: Issue[];
}

/**
 * Decodes one token's bytes into a tree whose root covers every byte. Never throws: a failure
 * becomes an `error` on the node where decoding stopped, with everything before it kept.
 */
export function decodeToken(bytes: Uint8Array): TokenDecode {
  const ctx = createContext(bytes);
  if (bytes.length === 0) {
    return {
      root: { name: 'empty token', offset: 0, length: 0, error: 'the token has no bytes' },
      errors: [{ offset: 0, message: 'the token has no bytes' }],
      warnings: [],
    };
  }
  const holder: Node = { name: 'token', offset: 0, length: bytes.length, children: [] };
  try {
    decodeBlob(ctx, holder, 0, bytes.length);
  } catch (e) {
    recordUnattached(ctx, holder, e);
  }
  const element = holder.children![0];
  const used = element ? element.offset + element.length : 0;
  if (element && used === bytes.length)
    return { root: element, errors: ctx.errors, warnings: ctx.warnings };
  // The root must cover the whole token: trailing (or undecodable) bytes get a node of their own.
  if (used < bytes.length) {
    const message = `${bytes.length - used} bytes after the end of the token at offset ${used}`;
    holder.children!.push({
      name: 'trailing bytes',
      offset: used,
      length: bytes.length - used,
      type: 'bytes',
      value: toHex(bytes, used, bytes.length),
      error: element ? message : undefined,
    });
    if (element) ctx.errors.push({ offset: used, message, path: 'trailing bytes' });
  }
  holder.name = element ? `${element.name} + trailing bytes` : 'token';
  return { root: holder, errors: ctx.errors, warnings: ctx.warnings };
}

function recordUnattached(ctx: DecodeContext, holder: Node, e: unknown): void {
  const err = asDecodeError(e, 0);
  if (err instanceof DecodeError && err.recorded) return;
  holder.error = err.message;
  ctx.errors.push({ offset: err.offset, message: err.message, path: holder.name });
}

/**
 * The label of a token given as bytes (the simulator's step summary names messages as the
 * inspector does). Here rather than in describe.ts, which the page imports without the decoder.
 */
export function tokenLabel(bytes: Uint8Array): string {
  return messageLabel(decodeToken(bytes).root);
}
