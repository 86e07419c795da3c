// Cryptography for the NTLM simulation: primitives plus MS-NLMP key derivation, responses,
// MIC and session security. Pure, synchronous, host-independent.
export { md4 } from './md4';
export { md5, hmacMd5 } from './md5';
export { createRc4, rc4, type Rc4Cipher } from './rc4';
export { crc32 } from './crc32';
export { des, desEncryptBlock, expandDesKey } from './des';
export * from './ntlm/index';
