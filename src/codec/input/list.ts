/**
 * Several tokens in one paste: one per line, or separated by blank lines or commas (a JSON
 * array of strings too). Line breaks also occur inside one wrapped token, so a split is taken
 * only when each piece decodes cleanly on its own and reads as a token by itself: the first one
 * a whole structure (a DER element whose length spans it exactly, an NTLMSSP or NEGOEX
 * message), the others at least starting like a token. A wrapped token's first line claims the
 * whole token's length, so it never splits.
 */
import { decodeBase64 } from './base64';
import { ErrorSink } from './errors';
import { decodeHex, hexShape } from './hex';
import { unquotedRange } from './text-range';
import { startsWith } from '../../bytes';

export interface ListItem {
  format: 'base64' | 'hex';
  /** Character offset where the piece's data starts. */
  offset: number;
  line: number;
  bytes: Uint8Array;
  source: string;
}

const NTLMSSP = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00];
const NEGOEXTS = [0x4e, 0x45, 0x47, 0x4f, 0x45, 0x58, 0x54, 0x53];
const NTLM_SIGNATURE_VERSION = [0x01, 0x00, 0x00, 0x00];

/** A constructed DER element with a one-byte tag whose definite length spans `bytes` exactly. */
function isWholeDer(bytes: Uint8Array): boolean {
  if (bytes.length < 2 || (bytes[0] & 0x20) === 0 || (bytes[0] & 0x1f) === 0x1f) return false;
  const first = bytes[1];
  if (first < 0x80) return 2 + first === bytes.length;
  const count = first & 0x7f;
  if (count === 0 || count > 4 || bytes.length < 2 + count) return false;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i];
  return 2 + count + length === bytes.length;
}

/** A token by itself: a whole DER element, or an NTLMSSP / NEGOEX message (MS-NLMP, MS-NEGOEX). */
export function isWholeToken(bytes: Uint8Array): boolean {
  return isWholeDer(bytes) || startsWith(bytes, 0, NTLMSSP) || startsWith(bytes, 0, NEGOEXTS);
}

/**
 * Starts like a token: a whole one, an RFC 4121 §4.2.6 MIC / Wrap token (`04 04`, `05 04`), or
 * an NTLMSSP_MESSAGE_SIGNATURE (16 bytes, Version 1: MS-NLMP §2.2.2.9).
 */
function startsLikeToken(bytes: Uint8Array): boolean {
  return (
    isWholeToken(bytes) ||
    ((bytes[0] === 0x04 || bytes[0] === 0x05) && bytes[1] === 0x04) ||
    (bytes.length === 16 && startsWith(bytes, 0, NTLM_SIGNATURE_VERSION))
  );
}

interface Piece {
  start: number;
  end: number;
  line: number;
}

/**
 * Cuts text[start, end) at commas and blank lines, and at every line break too when `lines`.
 * Empty pieces are dropped.
 */
function cut(text: string, start: number, end: number, lines: boolean): Piece[] {
  const pieces: Piece[] = [];
  let pieceStart = start;
  let line = 1;
  for (let i = 0; i < start; i++) if (text.charCodeAt(i) === 0x0a) line++;
  let pieceLine = line;
  let blank = true;
  const push = (to: number) => {
    if (/\S/.test(text.slice(pieceStart, to))) {
      pieces.push({ start: pieceStart, end: to, line: pieceLine });
    }
  };
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2c) {
      push(i);
      pieceStart = i + 1;
      pieceLine = line;
      continue;
    }
    if (code !== 0x0a) {
      if (code !== 0x20 && code !== 0x09 && code !== 0x0d) blank = false;
      continue;
    }
    line++;
    // At a line break: a piece ends here when every line is a piece, or when the line that just
    // ended was blank (then the piece ended at the line before it).
    if (lines || blank) {
      push(i);
      pieceStart = i + 1;
      pieceLine = line;
    }
    blank = true;
  }
  push(end);
  return pieces;
}

function decodePiece(text: string, piece: Piece): Omit<ListItem, 'source'> | null {
  const range = unquotedRange(text, piece.start, piece.end);
  const errors = new ErrorSink();
  const slice = text.slice(range.start, range.end);
  if (hexShape(slice) === 'hex') {
    const hex = decodeHex(slice, errors);
    if (hex === null) return null;
    return { format: 'hex', offset: range.start, line: piece.line, bytes: hex.bytes };
  }
  const b64 = decodeBase64(text, range.start, range.end, errors);
  if (b64 === null) return null;
  return { format: 'base64', offset: range.start, line: piece.line, bytes: b64.bytes };
}

function tryPieces(text: string, pieces: Piece[]): ListItem[] | null {
  if (pieces.length < 2) return null;
  const items: ListItem[] = [];
  for (const piece of pieces) {
    const item = decodePiece(text, piece);
    if (item === null) return null;
    if (items.length === 0 ? !isWholeToken(item.bytes) : !startsLikeToken(item.bytes)) return null;
    items.push({
      ...item,
      source: `${item.format} (token ${items.length + 1}, line ${item.line})`,
    });
  }
  return items;
}

/**
 * The tokens of a list, or null when the text is not a list of tokens (then it is read as one).
 * Linear: a piece that does not read as a token stops the attempt.
 */
export function splitTokenList(text: string): ListItem[] | null {
  let { start, end } = unquotedRange(text);
  if (text.charCodeAt(start) === 0x5b && text.charCodeAt(end - 1) === 0x5d) {
    start++;
    end--;
  }
  return (
    tryPieces(text, cut(text, start, end, true)) ?? tryPieces(text, cut(text, start, end, false))
  );
}
