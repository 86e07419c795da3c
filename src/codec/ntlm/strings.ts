/**
 * NTLM text: UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE applies, otherwise the OEM code page
 * [MS-NLMP §2.2]. The OEM code page is the sender's and unknown here, so OEM bytes are shown as
 * Latin-1 (one character per byte, lossless, and equal to cp1252 outside 0x80–0x9F).
 */

import { decodeLatin1, decodeUtf16le } from '../../bytes';

export type NtlmCharset = 'UTF-16LE' | 'OEM';

export function decodeNtlmString(
  bytes: Uint8Array,
  start: number,
  end: number,
  charset: NtlmCharset,
): string {
  return charset === 'UTF-16LE'
    ? decodeUtf16le(bytes, start, end)
    : decodeLatin1(bytes, start, end);
}

/**
 * The string quoted with control characters made visible (`\0`, `\x1f`), so a trailing NUL —
 * which some stacks include in names — shows in the inspector instead of vanishing.
 */
export function visibleString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 0) out += '\\0';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else out += ch;
  }
  return `${out}"`;
}
