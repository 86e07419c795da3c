import { toDer } from '../../../codec/asn1/encode';
import { readDer } from '../../../codec/asn1/read';
import { AuthorizationData, EncTicketPart } from '../../../codec/kerberos';
import {
  encodeClientInfo,
  encodeKerbValidationInfo,
  encodePacType,
  encodeSignatureData,
  encodeUpnDnsInfo,
  unicodeString,
  type EncodedPac,
} from '../../../codec/pac/encode';
import { readPac, type KerbValidationInfo } from '../../../codec/pac';
import { checksum } from '../../../crypto/kerberos/checksum';
import { etypeProfile } from '../../../crypto/kerberos/etypes';
import { equalBytes } from '../../../bytes';
import type { SimConfig } from '../../config';
import { implementationOf } from '../../profiles';
import { deterministicUint32 } from '../../random';
import { krbtgtKey, type TypedKey } from './keys';
import { serverSeconds } from './time';

/**
 * The PAC an AD-style KDC (a Windows domain controller, a Samba 4 AD DC) puts in the service
 * tickets it issues (MS-PAC §2; MS-KILE §3.3.5.7.2): who the user is, in the buffers and order of
 * the real Samba 4.17 PAC of smb-02 — logon information (KERB_VALIDATION_INFO, §2.5), client
 * information (§2.7), UPN and DNS information with the SAM name and SID (§2.10), then the server,
 * KDC, ticket and extended KDC signatures (§2.8), as a KDC patched for CVE-2022-37967 signs them.
 *
 * An MIT 1.20 KDC also puts a smaller PAC (client information and signatures) in its tickets;
 * that one is not simulated, so MIT tickets stay as they are.
 *
 * The KDC signatures use the simulated krbtgt key (`krbtgtKey`: aes256 drawn from the run's seed,
 * so the same configuration gives the same key, which a test can put in a keytab).
 */

/** ulType of each buffer (MS-PAC §2.4). */
export const PAC_TYPE = {
  logonInfo: 1,
  serverChecksum: 6,
  privsvrChecksum: 7,
  clientInfo: 10,
  upnDnsInfo: 12,
  ticketChecksum: 16,
  fullChecksum: 19,
} as const;

/** KERB_NON_KERB_CKSUM_SALT (MS-KILE §3.1.5.9): the key usage of every PAC signature. */
export const PAC_KEY_USAGE = 17;
/** AD-IF-RELEVANT (RFC 4120 §5.2.6.1) and AD-WIN2K-PAC (RFC 4120 §7.5.4). */
const AD_IF_RELEVANT = 1;
const AD_WIN2K_PAC = 128;

/** The simulated domain controller's NetBIOS name (LogonServer, MS-PAC §2.5). */
export const KDC_NETBIOS_NAME = 'DC1';
/** Domain Users, every user's primary group (MS-DTYP §2.4.2.4). */
const DOMAIN_USERS = 513;
/** SE_GROUP_MANDATORY | SE_GROUP_ENABLED_BY_DEFAULT | SE_GROUP_ENABLED (MS-PAC §2.2.1). */
const GROUP_ENABLED = 0x7;
/** "Authentication authority asserted identity": the user proved who they are to the KDC (MS-PAC §2.2.1, MS-SFU §3.1.5.1.1.1). */
const ASSERTED_IDENTITY = 'S-1-18-1';
/** LOGON_EXTRA_SIDS (MS-PAC §2.5): ExtraSids holds SIDs. */
const LOGON_EXTRA_SIDS = 0x20;
/** USER_NORMAL_ACCOUNT | USER_DONT_EXPIRE_PASSWORD (MS-SAMR §2.2.1.12), as in the lab's Samba PAC. */
const USER_ACCOUNT_CONTROL = 0x210;
/** UPN_DNS_INFO flag S: SamName and Sid follow (MS-PAC §2.10). */
const UPN_FLAG_S = 0x2;

/** Whether the KDC that issued the service ticket writes a PAC: the acceptor's domain is AD. */
export function kdcIssuesPac(config: SimConfig): boolean {
  const kdc = implementationOf(config, 'acceptor');
  return kdc === 'windows' || kdc === 'samba';
}

/**
 * The domain's SID, S-1-5-21-x-y-z (MS-DTYP §2.4.2.4: a domain's three sub-authorities are chosen
 * when it is created), drawn from the seed and the realm.
 */
export function domainSid(config: SimConfig): string {
  const sub = (i: number) =>
    deterministicUint32(config.seed, `pac-domain-sid/${config.realm}/${i}`);
  return `S-1-5-21-${sub(0)}-${sub(1)}-${sub(2)}`;
}

/** The user's RID: an ordinary account's, 1000 or above (MS-DTYP §2.4.2.4 keeps lower ones for well-known accounts). */
export function userRid(config: SimConfig): number {
  return 1100 + (deterministicUint32(config.seed, `pac-user-rid/${config.initiator.user}`) % 900);
}

/** A FILETIME's text form for a time in seconds since 1970. */
const filetimeText = (seconds: number) =>
  new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');

const DAY = 86400;

/** The user's logon information as the KDC looks it up in its directory at authtime. */
export function logonInfo(config: SimConfig): KerbValidationInfo {
  const now = serverSeconds(config);
  const user = config.initiator.user;
  // The account's password was set a day before; the domain's minimum password age is a day (AD's default).
  const passwordSet = now - DAY;
  const zero = '1601-01-01T00:00:00.0000000Z';
  const domain = domainSid(config);
  return {
    LogonTime: filetimeText(now),
    LogoffTime: 'never',
    KickOffTime: 'never',
    PasswordLastSet: filetimeText(passwordSet),
    PasswordCanChange: filetimeText(passwordSet + DAY),
    PasswordMustChange: 'never',
    EffectiveName: unicodeString(user),
    FullName: unicodeString(''),
    LogonScript: unicodeString(''),
    ProfilePath: unicodeString(''),
    HomeDirectory: unicodeString(''),
    HomeDirectoryDrive: unicodeString(''),
    LogonCount: 1,
    BadPasswordCount: 0,
    UserId: userRid(config),
    PrimaryGroupId: DOMAIN_USERS,
    GroupCount: 1,
    GroupIds: [{ RelativeId: DOMAIN_USERS, Attributes: GROUP_ENABLED }],
    UserFlags: LOGON_EXTRA_SIDS,
    UserSessionKey: '00'.repeat(16),
    LogonServer: unicodeString(KDC_NETBIOS_NAME),
    LogonDomainName: unicodeString(config.ntlmDomain),
    LogonDomainId: domain,
    UserAccountControl: USER_ACCOUNT_CONTROL,
    SubAuthStatus: 0,
    LastSuccessfulILogon: zero,
    LastFailedILogon: zero,
    FailedILogonCount: 0,
    SidCount: 1,
    ExtraSids: [{ Sid: ASSERTED_IDENTITY, Attributes: GROUP_ENABLED }],
    ResourceGroupDomainSid: null,
    ResourceGroupCount: 0,
    ResourceGroupIds: [],
  };
}

/** The PAC's buffers with zero signatures, laid out (MS-PAC §2.3). */
function unsignedPac(config: SimConfig, serverKey: TypedKey, kdcKey: TypedKey): EncodedPac {
  const user = config.initiator.user;
  const kdcType = etypeProfile(kdcKey.etype).cksumtype;
  return encodePacType([
    { ulType: PAC_TYPE.logonInfo, data: encodeKerbValidationInfo(logonInfo(config)) },
    {
      ulType: PAC_TYPE.clientInfo,
      // ClientId is the ticket's authtime (MS-PAC §2.7); Name the client's name without realm.
      data: encodeClientInfo({ ClientId: filetimeText(serverSeconds(config)), Name: user }),
    },
    {
      ulType: PAC_TYPE.upnDnsInfo,
      data: encodeUpnDnsInfo({
        Upn: `${user}@${config.realm.toLowerCase()}`,
        DnsDomainName: config.realm,
        Flags: UPN_FLAG_S,
        SamName: user,
        Sid: `${domainSid(config)}-${userRid(config)}`,
      }),
    },
    {
      ulType: PAC_TYPE.serverChecksum,
      data: encodeSignatureData(etypeProfile(serverKey.etype).cksumtype),
    },
    { ulType: PAC_TYPE.privsvrChecksum, data: encodeSignatureData(kdcType) },
    { ulType: PAC_TYPE.ticketChecksum, data: encodeSignatureData(kdcType) },
    { ulType: PAC_TYPE.fullChecksum, data: encodeSignatureData(kdcType) },
  ]);
}

/** AuthorizationData holding AD-IF-RELEVANT[AD-WIN2K-PAC(pac)] (MS-PAC §2; RFC 4120 §5.2.6.1). */
function wrapPac(pac: Uint8Array): EncTicketPart['authorization-data'] {
  const inner = toDer(AuthorizationData, [{ 'ad-type': AD_WIN2K_PAC, 'ad-data': pac }]);
  return [{ 'ad-type': AD_IF_RELEVANT, 'ad-data': inner }];
}

/**
 * The service ticket's EncTicketPart with the PAC in its authorization-data, signed in the order
 * MS-PAC §2.8 prescribes: the ticket signature over the EncTicketPart whose PAC is a single zero
 * byte (§2.8.3 ticket signature), the extended KDC signature over the PAC (§2.8.3, before the
 * server signature), the server signature with the service key over the PAC with the server and
 * KDC Signatures zeroed (§2.8.4), then the KDC signature over the server signature (§2.8.5).
 */
export function withPac(
  config: SimConfig,
  part: EncTicketPart,
  serverKey: TypedKey,
): EncTicketPart {
  const kdcKey = krbtgtKey(config);
  const layout = unsignedPac(config, serverKey, kdcKey);
  const pac = layout.bytes;
  const place = (role: keyof EncodedPac['signatures'], value: Uint8Array) => {
    const at = layout.signatures[role]!;
    pac.set(value.subarray(0, at.length), at.offset);
  };
  const sign = (key: TypedKey, data: Uint8Array) =>
    checksum(key.key, PAC_KEY_USAGE, data, key.etype);
  const placeholder = toDer(EncTicketPart, {
    ...part,
    'authorization-data': wrapPac(new Uint8Array(1)),
  });
  place('ticket', sign(kdcKey, placeholder));
  // Every Signature is still zero, so the PAC as it stands is what the extended signature covers.
  place('full', sign(kdcKey, pac));
  place('server', sign(serverKey, pac));
  const server = layout.signatures.server!;
  place('kdc', sign(kdcKey, pac.slice(server.offset, server.offset + server.length)));
  return { ...part, 'authorization-data': wrapPac(pac) };
}

/**
 * What a Windows or Samba acceptor checks of a ticket's PAC with its own key: the server
 * signature (MS-PAC §2.8.4; the KDC signature needs the krbtgt key, which only a DC holds). Null:
 * no PAC, or the signature holds; otherwise why it does not.
 */
export function serverSignatureProblem(
  authorizationData: EncTicketPart['authorization-data'],
  key: TypedKey,
): string | null {
  const pacBytes = findPac(authorizationData);
  if (!pacBytes) return null;
  const read = readPac(pacBytes);
  const value = read.value;
  if (!value || read.errors.length > 0)
    return `the PAC does not decode: ${read.errors[0]?.message ?? 'no PACTYPE header'}`;
  const server = value.signatures.find((s) => s.role === 'server');
  if (!server) return 'the PAC has no server signature';
  const zeroed = pacBytes.slice();
  for (const s of value.signatures)
    if (s.role === 'server' || s.role === 'kdc')
      zeroed.fill(0, s.signatureOffset, s.signatureOffset + s.Signature.length);
  if (etypeProfile(key.etype).cksumtype !== server.SignatureType)
    return `the server signature is checksum type ${server.SignatureType}, not the service key's`;
  const expected = checksum(key.key, PAC_KEY_USAGE, zeroed, key.etype);
  return equalBytes(expected.subarray(0, server.Signature.length), server.Signature)
    ? null
    : 'the PAC server signature does not verify with the service key';
}

/** Who a ticket's PAC says the client is, in a few words (MS-PAC §2.5); null without a readable PAC. */
export function pacUser(authorizationData: EncTicketPart['authorization-data']): string | null {
  const pacBytes = findPac(authorizationData);
  const info = pacBytes ? readPac(pacBytes).value?.logonInfo : undefined;
  if (!info) return null;
  const domain = info.LogonDomainName.text ?? '';
  const groups = info.GroupIds.map((g) => g.RelativeId).join(', ');
  const sid = info.LogonDomainId ? `, SID ${info.LogonDomainId}-${info.UserId}` : '';
  return `${domain}\\${info.EffectiveName.text ?? ''} (RID ${info.UserId}${sid}, groups ${groups})`;
}

/** The AD-WIN2K-PAC inside the ticket's AD-IF-RELEVANT, if any (one level, as KDCs write it). */
function findPac(ad: EncTicketPart['authorization-data']): Uint8Array | null {
  for (const element of ad ?? []) {
    if (element['ad-type'] !== AD_IF_RELEVANT) continue;
    const inner = readDer(AuthorizationData, element['ad-data']);
    const pac = inner.ok ? inner.value.find((e) => e['ad-type'] === AD_WIN2K_PAC) : undefined;
    if (pac) return pac['ad-data'];
  }
  return null;
}
