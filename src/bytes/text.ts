/**
 * Text as bytes. UTF-16LE without BOM is MS-NLMP's UNICODE(s) (§2.2, §3.1.1); Latin-1 shows
 * bytes that carry no declared character set (ASN.1 GeneralString, NTLM OEM strings) one
 * character per byte, losslessly.
 */

export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >>> 8;
  }
  return out;
}

/** Code unit by code unit, so unpaired surrogates survive a round trip. */
export function decodeUtf16le(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i + 1 < end; i += 2)
    out += String.fromCharCode(bytes[i] | (bytes[i + 1] << 8));
  return out;
}

export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let out = '';
  for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

/** One byte per character; anything above U+00FF has no single-byte form. */
export function encodeLatin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff)
      throw new RangeError(`a one-byte string cannot hold U+${c.toString(16).padStart(4, '0')}`);
    out[i] = c;
  }
  return out;
}
