import { aesEncryptBlock } from './aes-cts';
import { nfold } from './nfold';
import { writeU32BE } from '../../bytes';

/**
 * Key derivation of RFC 3961 §5.1. DR(Key, Constant): encrypt the constant, n-folded to the
 * block size, then keep encrypting the previous output block until enough bytes for a key;
 * DK = random-to-key(DR), and random-to-key is the identity for AES (RFC 3962 §6).
 */
const BLOCK = 16;

export function dr(key: Uint8Array, constant: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  let block = constant.length === BLOCK ? constant : nfold(constant, BLOCK);
  for (let filled = 0; filled < out.length; filled += BLOCK) {
    block = aesEncryptBlock(key, block);
    out.set(block.subarray(0, Math.min(BLOCK, out.length - filled)), filled);
  }
  return out;
}

export function dk(key: Uint8Array, constant: Uint8Array): Uint8Array {
  return dr(key, constant);
}

/** Which key a usage derives (RFC 3961 §5.3): Kc for checksums, Ke to encrypt, Ki for integrity. */
export const KEY_PURPOSE = { checksum: 0x99, encryption: 0xaa, integrity: 0x55 } as const;

/** The derivation constant: the usage as a 32-bit big-endian number, then the purpose octet (RFC 3961 §5.3). */
export function usageConstant(usage: number, purpose: keyof typeof KEY_PURPOSE): Uint8Array {
  const constant = new Uint8Array(5);
  writeU32BE(constant, 0, usage >>> 0);
  constant[4] = KEY_PURPOSE[purpose];
  return constant;
}

/** DK(base-key, usage | purpose octet) (RFC 3961 §5.3). */
export function usageKey(
  base: Uint8Array,
  usage: number,
  purpose: keyof typeof KEY_PURPOSE,
): Uint8Array {
  return dk(base, usageConstant(usage, purpose));
}
