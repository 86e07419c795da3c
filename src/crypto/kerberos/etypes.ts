import { AES_CKSUMTYPE, AES_ETYPE, ETYPES } from '../../data/kerberos';

/**
 * The two encryption types implemented here (RFC 3962 §6, §7): the same simplified profile
 * (RFC 3961 §5.3) with AES-128 or AES-256 as the cipher. The key's length tells them apart.
 */
export type AesEtype = (typeof AES_ETYPE)[keyof typeof AES_ETYPE];

export interface AesEtypeInfo {
  etype: AesEtype;
  name: string;
  /** Key length in bytes (random-to-key is the identity for AES, RFC 3962 §6). */
  keyLength: number;
  /** The etype's keyed checksum, hmac-sha1-96-aes128/256 (RFC 3962 §7). */
  cksumtype: (typeof AES_CKSUMTYPE)[keyof typeof AES_CKSUMTYPE];
}

const aes = (size: 'aes128' | 'aes256', keyLength: number): AesEtypeInfo => ({
  etype: AES_ETYPE[size],
  name: ETYPES[AES_ETYPE[size]],
  keyLength,
  cksumtype: AES_CKSUMTYPE[size],
});

export const AES_ETYPES: Record<AesEtype, AesEtypeInfo> = {
  [AES_ETYPE.aes128]: aes('aes128', 16),
  [AES_ETYPE.aes256]: aes('aes256', 32),
};

/** Confounder length = AES block size (RFC 3962 §6). */
export const CONFOUNDER_LENGTH = 16;
/** HMAC-SHA1 truncated to 96 bits (RFC 3962 §6, not the 20 of RFC 3961 §8's table). */
export const HMAC_LENGTH = 12;

export function etypeOfKey(key: Uint8Array): AesEtypeInfo {
  if (key.length === 16) return AES_ETYPES[AES_ETYPE.aes128];
  if (key.length === 32) return AES_ETYPES[AES_ETYPE.aes256];
  throw new RangeError(`an AES Kerberos key is 16 or 32 bytes, got ${key.length}`);
}

export function isAesEtype(etype: number): etype is AesEtype {
  return etype === AES_ETYPE.aes128 || etype === AES_ETYPE.aes256;
}
