import { AES_CKSUMTYPE, AES_ETYPE, ETYPES, KRB_CKSUMTYPE, KRB_ETYPE } from '../../data/kerberos';

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

/** Every encryption type implemented here (17, 18, 19, 20, 23, 25, 26). */
export type Etype = (typeof KRB_ETYPE)[keyof typeof KRB_ETYPE];
export type Cksumtype = (typeof KRB_CKSUMTYPE)[keyof typeof KRB_CKSUMTYPE];

/** Which specification's profile an encryption type follows. */
export type EtypeFamily = 'rfc3962' | 'rfc8009' | 'rc4-hmac' | 'rfc6803';

export interface EtypeProfile {
  etype: Etype;
  name: string;
  family: EtypeFamily;
  /** Key length in bytes. */
  keyLength: number;
  /** Confounder length in bytes (a cipher block; 8 for RC4-HMAC, RFC 4757 §5). */
  confounderLength: number;
  /** The integrity tag's length in bytes (the HMAC, CMAC or RC4-HMAC checksum). */
  macLength: number;
  /** The etype's mandatory keyed checksum and its length in bytes. */
  cksumtype: Cksumtype;
  checksumLength: number;
  /** string-to-key's default iteration count (RFC 3962 §4, RFC 8009 §4, RFC 6803 §3); 0: none. */
  defaultIterations: number;
}

const profile = (
  etype: Etype,
  family: EtypeFamily,
  keyLength: number,
  macLength: number,
  cksumtype: Cksumtype,
  checksumLength: number,
  defaultIterations: number,
): EtypeProfile => ({
  etype,
  name: ETYPES[etype],
  family,
  keyLength,
  confounderLength: family === 'rc4-hmac' ? 8 : 16,
  macLength,
  cksumtype,
  checksumLength,
  defaultIterations,
});

export const ETYPE_PROFILES: Record<Etype, EtypeProfile> = {
  [KRB_ETYPE.aes128]: profile(17, 'rfc3962', 16, 12, KRB_CKSUMTYPE.aes128, 12, 4096),
  [KRB_ETYPE.aes256]: profile(18, 'rfc3962', 32, 12, KRB_CKSUMTYPE.aes256, 12, 4096),
  // RFC 8009 §5: h = 128 / 192 bits for both the encryption's HMAC and the checksum.
  [KRB_ETYPE.aes128Sha256]: profile(19, 'rfc8009', 16, 16, KRB_CKSUMTYPE.aes128Sha256, 16, 32768),
  [KRB_ETYPE.aes256Sha384]: profile(20, 'rfc8009', 32, 24, KRB_CKSUMTYPE.aes256Sha384, 24, 32768),
  // RFC 4757 §4, §5: the key is an NT hash, the checksum HMAC-MD5; no iterations.
  [KRB_ETYPE.rc4Hmac]: profile(23, 'rc4-hmac', 16, 16, KRB_CKSUMTYPE.hmacMd5, 16, 0),
  // RFC 6803 §3, §4: CMAC tags are a whole block.
  [KRB_ETYPE.camellia128]: profile(25, 'rfc6803', 16, 16, KRB_CKSUMTYPE.camellia128, 16, 32768),
  [KRB_ETYPE.camellia256]: profile(26, 'rfc6803', 32, 16, KRB_CKSUMTYPE.camellia256, 16, 32768),
};

export function isSupportedEtype(etype: number): etype is Etype {
  return Object.prototype.hasOwnProperty.call(ETYPE_PROFILES, etype);
}

/** The profile of an encryption type; a RangeError for one this project does not support. */
export function etypeProfile(etype: number): EtypeProfile {
  if (!isSupportedEtype(etype)) {
    throw new RangeError(
      `encryption type ${etype} (${ETYPES[etype] ?? 'unknown'}) is not supported here`,
    );
  }
  return ETYPE_PROFILES[etype];
}

/** The profile of an encryption type, checking the key's length against it. */
export function checkedProfile(etype: number, key: Uint8Array): EtypeProfile {
  const p = etypeProfile(etype);
  if (key.length !== p.keyLength) {
    throw new RangeError(`a ${p.name} key is ${p.keyLength} bytes, got ${key.length}`);
  }
  return p;
}

/** The encryption type whose mandatory checksum is this checksum type, if implemented. */
export function etypeOfCksumtype(cksumtype: number): EtypeProfile | undefined {
  return Object.values(ETYPE_PROFILES).find((p) => p.cksumtype === cksumtype);
}

/**
 * The PBKDF2 salt of the newer etypes: the etype's name, a zero byte, then the salt
 * (saltp, RFC 8009 §4 and RFC 6803 §3).
 */
export function nameSaltp(etype: number, salt: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode(etypeProfile(etype).name);
  const out = new Uint8Array(name.length + 1 + salt.length);
  out.set(name);
  out.set(salt, name.length + 1);
  return out;
}
