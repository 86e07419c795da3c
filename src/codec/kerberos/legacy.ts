import type { DecodeContext } from '../context';
import type { Node } from '../tree';
import { decodeRfc1964Fields, RFC1964_TOKENS } from './per-message';

/**
 * RFC 1964 MIC (`01 01`), Wrap (`02 01`) and context-deletion (`01 02`) tokens, still used for DES3
 * and RC4-HMAC sessions (RFC 1964 §1.2; RFC 4757 for RC4), described once in `per-message.ts`
 * (`RFC1964_TOKENS`). `start` is just past the TOK_ID; the fields become children of `parent`,
 * after the TOK_ID node.
 */
export function decodeRfc1964Token(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
  tokId: string,
): void {
  decodeRfc1964Fields(ctx, parent, start, end, tokId as keyof typeof RFC1964_TOKENS);
}
