/**
 * The codec's public API: text or bytes a user pasted → every token found, each decoded into a
 * positioned tree. Pure: runs unchanged in Node (the CLI, tests) and the browser.
 */
import { extractTokens, type Direction, type InputFormat, type NonToken } from './input';
import { decodeToken } from './token';
import type { Issue, Node } from './tree';

export interface DecodedToken {
  format: InputFormat;
  direction: Direction;
  source: string;
  /** Where the token's text starts in the input (characters; bytes for binary input). */
  offset: number;
  /** The HTTP status of the response that carried it, when the input says (curl -v, HAR). */
  status?: number;
  length: number;
  root: Node;
  errors: Issue[];
  warnings: Issue[];
}

export interface DecodeResult {
  tokens: DecodedToken[];
  /** Problems reading the input itself (bad base64, odd hex, nothing found), by character offset. */
  errors: Issue[];
  /** Present when the input is something else than a token (a capture, a JWT…), named. */
  recognised?: NonToken;
}

/** A decoded token with its bytes, for views that show them (the hex pane). */
export interface DecodedTokenBytes extends DecodedToken {
  bytes: Uint8Array;
}

export function decodeInput(
  input: string | Uint8Array,
  format: InputFormat | 'auto' = 'auto',
): { tokens: DecodedTokenBytes[]; errors: Issue[]; recognised?: NonToken } {
  const extracted = extractTokens(input, format);
  return {
    tokens: extracted.tokens.map((t) => ({
      format: t.format,
      direction: t.direction,
      source: t.source,
      offset: t.offset,
      ...(t.status === undefined ? {} : { status: t.status }),
      length: t.bytes.length,
      ...decodeToken(t.bytes),
      bytes: t.bytes,
    })),
    errors: extracted.errors.map((e) => ({ offset: e.offset, message: e.message })),
    ...(extracted.recognised === undefined ? {} : { recognised: extracted.recognised }),
  };
}

/** What the CLI prints with `--json`: every token found in the input, decoded. */
export function decode(
  input: string | Uint8Array,
  format: InputFormat | 'auto' = 'auto',
): DecodeResult {
  const { tokens, errors, recognised } = decodeInput(input, format);
  return {
    tokens: tokens.map(({ bytes: _bytes, ...token }) => token),
    errors,
    ...(recognised === undefined ? {} : { recognised }),
  };
}

export { decodeToken } from './token';
export { extractTokens, detectFormat } from './input';
export type { ExtractedToken, InputFormat, Direction, NonToken, NonTokenKind } from './input';
export type { Node, Issue, NodeValue } from './tree';
export { findNode, findAll, walk, deepestAt } from './tree';
export { toHex, fromHex, toBase64, fromBase64 } from '../bytes';
export { OIDS, OID, oidName } from '../data/oids';
export { messageLabel, messageLabelParts, mechMessageName, type MessageLabel } from './describe';
