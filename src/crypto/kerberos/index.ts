/**
 * Kerberos encryption types: aes128/256-cts-hmac-sha1-96 (17, 18; RFC 3961, RFC 3962),
 * aes128-cts-hmac-sha256-128 and aes256-cts-hmac-sha384-192 (19, 20; RFC 8009), rc4-hmac (23;
 * RFC 4757) and camellia128/256-cts-cmac (25, 26; RFC 6803), with their keyed checksums (15, 16,
 * 19, 20, -138, 17, 18). `encrypt`, `decrypt`, `checksum` and `verifyChecksum` take the etype as
 * their last argument (AES-SHA1 by key length without it). Pure and synchronous.
 */
export { nfold } from './nfold';
export { aesCtsEncrypt, aesCtsDecrypt, aesEncryptBlock } from './aes-cts';
export { dr, dk, usageKey, KEY_PURPOSE } from './derive';
export { stringToKey, stringToKeyAsync, principalSalt, DEFAULT_ITERATIONS } from './string-to-key';
export { encrypt, decrypt, type DecryptResult } from './encrypt';
export { checksum, verifyChecksum, checksumOfType, cksumtypeOfKey } from './checksum';
export { deriveKey } from './usage-keys';
export { kdfHmacSha2, sha2Prf } from './rfc8009';
export { rc4Usage, rc4StringToKey } from './rc4-hmac';
export { camelliaDk } from './rfc6803';
export { camellia, type CamelliaCipher } from './camellia';
export { cmac } from './cmac';
export {
  AES_ETYPES,
  CONFOUNDER_LENGTH,
  HMAC_LENGTH,
  etypeOfKey,
  isAesEtype,
  ETYPE_PROFILES,
  etypeProfile,
  etypeOfCksumtype,
  isSupportedEtype,
  type AesEtype,
  type AesEtypeInfo,
  type Etype,
  type EtypeProfile,
} from './etypes';
export { KEY_USAGE } from '../../data/kerberos';
