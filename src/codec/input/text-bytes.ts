import { notAByteMessage, type ErrorSink } from './errors';

const NOT_A_BYTE_ADVICE =
  ': the binary data was probably decoded as text; load the file as bytes instead';

/** C0 controls other than TAB, LF, VT, FF, CR; DEL; C1 controls. Never part of pasted text. */
export function isBinaryControl(code: number): boolean {
  return code < 0x09 || (code > 0x0d && code < 0x20) || (code >= 0x7f && code < 0xa0);
}

export function containsBinaryControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (isBinaryControl(text.charCodeAt(i))) return true;
  }
  return false;
}

const CHUNK = 0x8000;

/** Each byte as the character with the same code, built in chunks (no per-byte concatenation). */
export function latin1ToString(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return parts.join('');
}

function decodeUtf16(bytes: Uint8Array): string | null {
  const label = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes.subarray(2));
  } catch {
    return null;
  }
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  );
}

/**
 * Reads file bytes as text regardless of what they hold: UTF-16 with a byte-order mark (what
 * Windows PowerShell's `>` writes), else UTF-8, else Latin-1.
 */
export function bytesToText(bytes: Uint8Array): string {
  const utf16 = hasUtf16Bom(bytes) ? decodeUtf16(bytes) : null;
  return utf16 ?? decodeUtf8(bytes) ?? latin1ToString(bytes);
}

/**
 * The bytes as text when they are a text file (a dropped .txt / .b64), or null when they are
 * binary. Text means no control characters, and valid UTF-8 (or UTF-16 with a BOM), or mostly
 * ASCII Latin-1. Real tokens always fail this: DER lengths and NTLM fields put bytes below 0x20
 * in the first few positions.
 */
export function bytesAsText(bytes: Uint8Array): string | null {
  if (hasUtf16Bom(bytes)) {
    const text = decodeUtf16(bytes);
    return text !== null && !containsBinaryControl(text) ? text : null;
  }
  let nonAscii = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte < 0x80) {
      if (isBinaryControl(byte)) return null;
    } else {
      nonAscii++;
    }
  }
  const utf8 = decodeUtf8(bytes);
  // Only multi-byte sequences can decode to C1 controls; pure ASCII was checked above.
  if (utf8 !== null) return nonAscii > 0 && containsBinaryControl(utf8) ? null : utf8;
  // Latin-1 text is mostly ASCII and has no C1 controls; random binary is neither.
  if (nonAscii * 4 > bytes.length) return null;
  const latin1 = latin1ToString(bytes);
  return containsBinaryControl(latin1) ? null : latin1;
}

/** A string holding binary data one byte per character; characters above 0xFF are errors. */
export function stringToLatin1Bytes(text: string, errors: ErrorSink): Uint8Array | null {
  const bytes = new Uint8Array(text.length);
  const before = errors.count;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) {
      errors.add(i, notAByteMessage(text, i, NOT_A_BYTE_ADVICE));
      if (code >= 0xd800 && code < 0xdc00) i++;
      continue;
    }
    bytes[i] = code;
  }
  return errors.count > before ? null : bytes;
}
