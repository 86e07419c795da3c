/**
 * NTLM text: UTF-16LE when NTLMSSP_NEGOTIATE_UNICODE applies, otherwise the OEM code page
 * [MS-NLMP §2.2]. The OEM code page is the sender's and unknown here, so OEM bytes are shown as
 * Latin-1 (one character per byte, lossless, and equal to cp1252 outside 0x80–0x9F).
 */

export type NtlmCharset = 'UTF-16LE' | 'OEM';

/** Decodes code unit by code unit, so unpaired surrogates survive a round trip. */
export function decodeUtf16le(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i + 1 < end; i += 2)
    out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return out;
}

export function decodeOem(bytes: Uint8Array, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

export function decodeNtlmString(
  bytes: Uint8Array,
  start: number,
  end: number,
  charset: NtlmCharset,
): string {
  return charset === 'UTF-16LE' ? decodeUtf16le(bytes, start, end) : decodeOem(bytes, start, end);
}

export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >>> 8;
  }
  return out;
}

/** OEM text as one byte per character; anything above U+00FF has no single-byte form here. */
export function encodeOem(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff)
      throw new RangeError(`OEM string cannot hold U+${c.toString(16).padStart(4, '0')}`);
    out[i] = c;
  }
  return out;
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
