// Test helpers for writing expectations about bytes.

export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function bytesOfHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesOfBase64(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

const BASE64_ALPHABET = new TextEncoder().encode(
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
);

/** Standard padded base64, written out independently of the code under test; fast at 50 MB. */
export function base64Of(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const remaining = bytes.length - i;
    const triple = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out[o++] = BASE64_ALPHABET[triple >>> 18];
    out[o++] = BASE64_ALPHABET[(triple >>> 12) & 63];
    out[o++] = remaining > 1 ? BASE64_ALPHABET[(triple >>> 6) & 63] : 0x3d;
    out[o++] = remaining > 2 ? BASE64_ALPHABET[triple & 63] : 0x3d;
  }
  return new TextDecoder().decode(out);
}
