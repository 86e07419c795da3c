/**
 * Kerberos AES encryption types (RFC 3961, RFC 3962): aes128-cts-hmac-sha1-96 (17) and
 * aes256-cts-hmac-sha1-96 (18), with their keyed checksums (15, 16). Pure and synchronous.
 */
export { nfold } from './nfold';
export { aesCtsEncrypt, aesCtsDecrypt, aesEncryptBlock } from './aes-cts';
export { dr, dk, usageKey, KEY_PURPOSE } from './derive';
export { stringToKey, principalSalt, DEFAULT_ITERATIONS } from './string-to-key';
export { encrypt, decrypt, type DecryptResult } from './encrypt';
export { checksum, verifyChecksum, cksumtypeOfKey } from './checksum';
export {
  AES_ETYPES,
  CONFOUNDER_LENGTH,
  HMAC_LENGTH,
  etypeOfKey,
  isAesEtype,
  type AesEtype,
  type AesEtypeInfo,
} from './etypes';
export { KEY_USAGE } from '../../data/kerberos';
