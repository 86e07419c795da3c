import { readSpnegoToken } from '../codec/spnego/token';

/** The NTLM message inside a token (SPNEGO-wrapped or bare). */
export function ntlmOf(token: Uint8Array): Uint8Array | undefined {
  if (token[0] === 0x4e) return token;
  const read = readSpnegoToken(token);
  if (!read.ok) return undefined;
  const v = read.value as { mechToken?: Uint8Array; responseToken?: Uint8Array };
  return v.mechToken ?? v.responseToken;
}
