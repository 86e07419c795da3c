import type { EncryptedData } from '../../../codec/kerberos';
import { encrypt } from '../../../crypto/kerberos/encrypt';
import { AES_ETYPE, ETYPES } from '../../../data/kerberos';
import { principalSalt, stringToKey } from '../../../crypto/kerberos/string-to-key';
import type { SimConfig } from '../../config';
import { deterministicBytes, deterministicUint32 } from '../../random';

/** Every key here is aes256-cts-hmac-sha1-96 (RFC 3962), the Windows and MIT default. */
export const ETYPE = AES_ETYPE.aes256;
export const ETYPE_NAME = ETYPES[ETYPE];
/** The service key's version number in the KDC and in the keytab. */
export const SERVICE_KVNO = 2;
/** The krbtgt key's version number (only used for a forwarded TGT). */
export const KRBTGT_KVNO = 1;

/** The service account's password: derived from the SPN, like the lab's `HTTP-localhost-Pa55`. */
export function servicePassword(config: SimConfig): string {
  return `${config.acceptor.service}-${config.acceptor.host}-Pa55`;
}

export function serviceSalt(config: SimConfig): string {
  return principalSalt(config.realm, [config.acceptor.service, config.acceptor.host]);
}

// PBKDF2 with 4096 iterations is the one slow step; the same SPN always gives the same key.
const serviceKeys = new Map<string, Uint8Array>();

/** The long-term service key, string-to-key(password, realm + components) (RFC 3962 §4). */
export function serviceKey(config: SimConfig): Uint8Array {
  const password = servicePassword(config);
  const salt = serviceSalt(config);
  const id = `${password}\u0000${salt}`;
  let key = serviceKeys.get(id);
  if (!key) {
    key = stringToKey(ETYPE, password, salt);
    if (serviceKeys.size > 32) serviceKeys.clear();
    serviceKeys.set(id, key);
  }
  return key.slice();
}

/** Keys, sequence numbers and confounders of a run, all from its seed. */
export const sessionKey = (config: SimConfig) =>
  deterministicBytes(config.seed, 'krb5-session-key', 32);
export const initiatorSubkey = (config: SimConfig) =>
  deterministicBytes(config.seed, 'krb5-initiator-subkey', 32);
export const acceptorSubkey = (config: SimConfig) =>
  deterministicBytes(config.seed, 'krb5-acceptor-subkey', 32);
export const krbtgtKey = (config: SimConfig) =>
  deterministicBytes(config.seed, 'krb5-krbtgt-key', 32);
export const tgtSessionKey = (config: SimConfig) =>
  deterministicBytes(config.seed, 'krb5-tgt-session-key', 32);
export const initiatorSeq = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-initiator-seq');
export const acceptorSeq = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-acceptor-seq');
export const confounder = (config: SimConfig, what: string) =>
  deterministicBytes(config.seed, `krb5-confounder/${what}`, 16);
/** Microseconds (RFC 4120 §5.2.4: 0..999999) of the client's and the server's clocks. */
export const cusec = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-cusec') % 1_000_000;
export const susec = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-susec') % 1_000_000;

/**
 * EncryptedData (RFC 4120 §5.2.9): `plain` sealed in `key` with key usage `usage`, the confounder
 * drawn from the run's seed under `what`; `kvno` only for keys a KDC or keytab versions.
 */
export function sealed(
  config: SimConfig,
  key: Uint8Array,
  usage: number,
  plain: Uint8Array,
  what: string,
  kvno?: number,
): EncryptedData {
  const cipher = encrypt(key, usage, plain, confounder(config, what));
  return kvno === undefined ? { etype: ETYPE, cipher } : { etype: ETYPE, kvno, cipher };
}
