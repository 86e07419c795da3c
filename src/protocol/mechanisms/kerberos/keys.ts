import type { EncryptedData } from '../../../codec/kerberos';
import { encrypt } from '../../../crypto/kerberos/encrypt';
import { etypeProfile, type Etype } from '../../../crypto/kerberos/etypes';
import { AES_ETYPE, ETYPES } from '../../../data/kerberos';
import { principalSalt, stringToKey } from '../../../crypto/kerberos/string-to-key';
import type { KrbEtype, SimConfig } from '../../config';
import { deterministicBytes, deterministicUint32 } from '../../random';

/** The default encryption type: aes256-cts-hmac-sha1-96 (RFC 3962), the Windows and MIT default. */
export const ETYPE = AES_ETYPE.aes256;
/** The krbtgt key's version number (only used for a forwarded TGT). */
export const KRBTGT_KVNO = 1;

/** A key with the encryption type it belongs to (RFC 4120 §5.2.9 EncryptionKey). */
export interface TypedKey {
  etype: number;
  key: Uint8Array;
}

export const etypeName = (etype: number): string => ETYPES[etype] ?? `etype ${etype}`;

/** The service key's etype: the ticket's enc-part is sealed with it. */
export const serviceEtype = (config: SimConfig): KrbEtype => config.kerberos.etype;
/** The session key's etype, which the client's subkey shares (MIT krb5 mk_req_ext.c, generate_authenticator()). */
export const sessionEtype = (config: SimConfig): KrbEtype =>
  config.kerberos.sessionEtype ?? config.kerberos.etype;
/** The service key's version number in the KDC (the ticket's kvno). */
export const serviceKvno = (config: SimConfig): number => config.kerberos.kvno;

/**
 * The order MIT krb5 1.20 permits etypes in (its default `permitted_enctypes`, observed in the
 * RFC 4537 list of a real MIT AP-REQ): the acceptor picks the first of these it supports.
 */
export const PERMITTED_ETYPES: KrbEtype[] = [18, 17, 20, 19, 26, 25, 23];

/**
 * The etypes a Heimdal 7.8 client lists in its RFC 4537 AD-ETYPE-NEGOTIATION, every one its
 * library supports in its default order (Heimdal lib/krb5/build_auth.c, make_etypelist():
 * `_krb5_init_etype`), as the real heimdal-03 Authenticator lists them: the single DES types
 * (3, 2, 1) and des3-cbc-md5 (5) included, since that lab allowed weak crypto.
 */
export const HEIMDAL_ETYPE_LIST: number[] = [18, 17, 20, 19, 16, 5, 23, 3, 2, 1];
/** The same list as smbclient 4.17 (Samba's bundled Heimdal, weak crypto off) sent it in smb-02. */
export const SAMBA_ETYPE_LIST: number[] = [18, 17, 20, 19, 16, 23];

/** The service account's password: derived from the SPN, like the lab's `HTTP-localhost-Pa55`. */
export function servicePassword(config: SimConfig): string {
  return `${config.acceptor.service}-${config.acceptor.host}-Pa55`;
}

/** A password the keytab holds when it is out of step with the KDC (a reset not exported again). */
export function staleServicePassword(config: SimConfig): string {
  return `${servicePassword(config)}-before-reset`;
}

export function serviceSalt(config: SimConfig): string {
  return principalSalt(config.realm, [config.acceptor.service, config.acceptor.host]);
}

// PBKDF2 (4096 or 32768 iterations) is the one slow step; string-to-key caches its results.
function passwordKey(etype: Etype, password: string, salt: string): Uint8Array {
  return stringToKey(etype, password, salt);
}

/** The long-term service key the KDC seals tickets with, string-to-key(password, salt) (RFC 3961 §3). */
export function serviceKey(config: SimConfig): TypedKey {
  const etype = serviceEtype(config);
  return { etype, key: passwordKey(etype, servicePassword(config), serviceSalt(config)) };
}

/** What the acceptor's keytab holds for the service, per `kerberos.keytab`. */
export interface KeytabView {
  /** Entries for this service's principal: none when the keytab lacks it. */
  entries: { kvno: number; key: TypedKey }[];
  /** What a learner should know about it. */
  describe: string;
}

export function keytabOf(config: SimConfig): KeytabView {
  const kvno = serviceKvno(config);
  const etype = serviceEtype(config);
  const name = etypeName(etype);
  switch (config.kerberos.keytab) {
    case 'missing':
      return { entries: [], describe: 'keys for other principals only' };
    case 'old-kvno': {
      const old = Math.max(0, kvno - 1);
      const key = passwordKey(etype, staleServicePassword(config), serviceSalt(config));
      return {
        entries: [{ kvno: old, key: { etype, key } }],
        describe: `kvno ${old} only (${name}): exported before the last password change`,
      };
    }
    case 'wrong-key': {
      const key = passwordKey(etype, staleServicePassword(config), serviceSalt(config));
      return {
        entries: [{ kvno, key: { etype, key } }],
        describe: `kvno ${kvno} (${name}), but not the key the KDC holds`,
      };
    }
    default:
      return { entries: [{ kvno, key: serviceKey(config) }], describe: `kvno ${kvno} (${name})` };
  }
}

const keyBytes = (config: SimConfig, label: string, etype: number) =>
  deterministicBytes(config.seed, label, etypeProfile(etype).keyLength);

/** Keys, sequence numbers and confounders of a run, all from its seed. */
export const sessionKey = (config: SimConfig): TypedKey => {
  const etype = sessionEtype(config);
  return { etype, key: keyBytes(config, 'krb5-session-key', etype) };
};
export const initiatorSubkey = (config: SimConfig): TypedKey => {
  const etype = sessionEtype(config);
  return { etype, key: keyBytes(config, 'krb5-initiator-subkey', etype) };
};
export const acceptorSubkey = (config: SimConfig, etype: number): TypedKey => ({
  etype,
  key: keyBytes(config, 'krb5-acceptor-subkey', etype),
});
/** The krbtgt key and a TGT's session key: aes256, as an MIT KDC issues them. */
export const krbtgtKey = (config: SimConfig): TypedKey => ({
  etype: ETYPE,
  key: deterministicBytes(config.seed, 'krb5-krbtgt-key', 32),
});
export const tgtSessionKey = (config: SimConfig): TypedKey => ({
  etype: ETYPE,
  key: deterministicBytes(config.seed, 'krb5-tgt-session-key', 32),
});
export const initiatorSeq = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-initiator-seq');
export const acceptorSeq = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-acceptor-seq');
export const confounder = (config: SimConfig, what: string, etype: number) =>
  deterministicBytes(config.seed, `krb5-confounder/${what}`, etypeProfile(etype).confounderLength);
/** Microseconds (RFC 4120 §5.2.4: 0..999999) of the client's and the server's clocks. */
export const cusec = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-cusec') % 1_000_000;
export const susec = (config: SimConfig) =>
  deterministicUint32(config.seed, 'krb5-susec') % 1_000_000;

/**
 * EncryptedData (RFC 4120 §5.2.9): `plain` sealed in `key` with key usage `usage` by the key's own
 * etype, the confounder drawn from the run's seed under `what`; `kvno` only for keys a KDC or
 * keytab versions.
 */
export function sealed(
  config: SimConfig,
  key: TypedKey,
  usage: number,
  plain: Uint8Array,
  what: string,
  kvno?: number,
): EncryptedData {
  const cipher = encrypt(key.key, usage, plain, confounder(config, what, key.etype), key.etype);
  const { etype } = key;
  return kvno === undefined ? { etype, cipher } : { etype, kvno, cipher };
}
