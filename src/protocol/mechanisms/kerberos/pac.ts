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
import { readPac, type KerbValidationInfo, type PacSignatureRole } from '../../../codec/pac';
import { checksum } from '../../../crypto/kerberos/checksum';
import { etypeProfile } from '../../../crypto/kerberos/etypes';
import { equalBytes } from '../../../bytes';
import type { SimConfig } from '../../config';
import { sideProfile, type Profile } from '../../profiles';
import { deterministicUint32 } from '../../random';
import { krbtgtKey, type TypedKey } from './keys';
import { serverSeconds } from './time';

/**
 * The PAC the KDC puts in the service tickets it issues (MS-PAC §2), as the profile of the
 * acceptor's realm says (`kdcPac`):
 *
 * - an AD-style KDC (a Windows domain controller, a Samba 4 AD DC; MS-KILE §3.3.5.7.2), in the
 *   buffers and order of the real Samba 4.17 PAC of smb-02 — logon information
 *   (KERB_VALIDATION_INFO, §2.5), client information (§2.7), UPN and DNS information with the SAM
 *   name and SID (§2.10), then the server, KDC, ticket and extended KDC signatures (§2.8), as a
 *   KDC patched for CVE-2022-37967 signs them;
 * - an MIT krb5 1.20 KDC, as every real MIT-issued ticket of the lab shows (spnego-krb5-01 and
 *   the others): client information, then the ticket, server and KDC signatures, nothing else
 *   (MIT krb5 src/kdc/kdc_authdata.c, handle_pac(): the TGT's client information is kept;
 *   src/lib/krb5/krb/pac_sign.c, krb5_kdc_sign_ticket() adds the ticket signature, then
 *   krb5_pac_sign_ext() the server and KDC signatures). MIT 1.20 writes no extended KDC signature.
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
/** Domain Admins (MS-DTYP §2.4.2.4): what a tamperer writes into the PAC (faults.modifiedPac). */
export const DOMAIN_ADMINS = 512;
/** The client name a tamperer writes into an MIT PAC's client information (faults.modifiedPac). */
export const TAMPERED_NAME = 'admin';
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

/** Which PAC the KDC of the acceptor's realm writes, if any (the acceptor profile's `kdcPac`). */
export function kdcPacKind(config: SimConfig): Profile['kdcPac'] {
  return sideProfile(config, 'acceptor').kdcPac;
}

/** Whether the KDC that issued the service ticket writes a PAC. */
export function kdcIssuesPac(config: SimConfig): boolean {
  return kdcPacKind(config) !== 'none';
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

/** PAC_CLIENT_INFO: ClientId is the ticket's authtime (MS-PAC §2.7), Name the client's name without realm. */
function clientInfo(config: SimConfig, name: string) {
  return {
    ulType: PAC_TYPE.clientInfo,
    data: encodeClientInfo({ ClientId: filetimeText(serverSeconds(config)), Name: name }),
  };
}

/**
 * The PAC's buffers with zero signatures, laid out (MS-PAC §2.3). `tampered` writes what a
 * tamperer put in after the KDC signed (faults.modifiedPac): Domain Admins (RID 512) as the
 * user's group in an AD PAC, another client name in an MIT one.
 */
function unsignedPac(
  config: SimConfig,
  serverKey: TypedKey,
  kdcKey: TypedKey,
  tampered = false,
  tgt = false,
): EncodedPac {
  const user = config.initiator.user;
  const kdcType = etypeProfile(kdcKey.etype).cksumtype;
  const serverType = etypeProfile(serverKey.etype).cksumtype;
  if (kdcPacKind(config) === 'mit') {
    // A TGT's PAC has no ticket signature (MIT pac.c, k5_pac_should_have_ticket_signature()).
    return encodePacType([
      clientInfo(config, tampered ? TAMPERED_NAME : user),
      ...(tgt ? [] : [{ ulType: PAC_TYPE.ticketChecksum, data: encodeSignatureData(kdcType) }]),
      { ulType: PAC_TYPE.serverChecksum, data: encodeSignatureData(serverType) },
      { ulType: PAC_TYPE.privsvrChecksum, data: encodeSignatureData(kdcType) },
    ]);
  }
  const info = logonInfo(config);
  return encodePacType([
    {
      ulType: PAC_TYPE.logonInfo,
      data: encodeKerbValidationInfo(
        tampered
          ? {
              ...info,
              PrimaryGroupId: DOMAIN_ADMINS,
              GroupIds: [{ RelativeId: DOMAIN_ADMINS, Attributes: GROUP_ENABLED }],
            }
          : info,
      ),
    },
    clientInfo(config, user),
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
    { ulType: PAC_TYPE.serverChecksum, data: encodeSignatureData(serverType) },
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
 * The ticket's EncTicketPart with the PAC in its authorization-data (`tgt`: a TGT's, whose server
 * key is the krbtgt key and which has no ticket signature), signed in the order
 * MS-PAC §2.8 prescribes: the ticket signature over the EncTicketPart whose PAC is a single zero
 * byte (§2.8.3 ticket signature; MIT krb5_kdc_sign_ticket() signs it first too), the extended
 * KDC signature over the PAC (§2.8.3, before the server signature; AD only), the server
 * signature with the service key over the PAC with the server and KDC Signatures zeroed (§2.8.4),
 * then the KDC signature over the server signature (§2.8.5).
 *
 * With faults.modifiedPac the signatures are those of the PAC the KDC wrote, placed into a PAC
 * whose data was changed afterwards: the signatures no longer match what they sign.
 */
export function withPac(
  config: SimConfig,
  part: EncTicketPart,
  serverKey: TypedKey,
  tgt = false,
): EncTicketPart {
  const kdcKey = krbtgtKey(config);
  const layout = unsignedPac(config, serverKey, kdcKey, false, tgt);
  const pac = layout.bytes;
  const place = (role: PacSignatureRole, value: Uint8Array) => {
    const at = layout.signatures[role];
    if (at) pac.set(value.subarray(0, at.length), at.offset);
  };
  const sign = (key: TypedKey, data: Uint8Array) =>
    checksum(key.key, PAC_KEY_USAGE, data, key.etype);
  const placeholder = toDer(EncTicketPart, {
    ...part,
    'authorization-data': wrapPac(new Uint8Array(1)),
  });
  if (layout.signatures.ticket) place('ticket', sign(kdcKey, placeholder));
  // An AD PAC's extended signature comes before the server signature (§2.8.3), over the PAC
  // whose other Signatures are zero except the ticket signature's.
  if (layout.signatures.full) place('full', sign(kdcKey, pac));
  place('server', sign(serverKey, pac));
  const server = layout.signatures.server!;
  place('kdc', sign(kdcKey, pac.slice(server.offset, server.offset + server.length)));
  if (!config.faults.modifiedPac || tgt) return { ...part, 'authorization-data': wrapPac(pac) };
  const tampered = unsignedPac(config, serverKey, kdcKey, true);
  for (const role of Object.keys(layout.signatures) as PacSignatureRole[]) {
    const from = layout.signatures[role]!;
    const to = tampered.signatures[role]!;
    tampered.bytes.set(pac.subarray(from.offset, from.offset + from.length), to.offset);
  }
  return { ...part, 'authorization-data': wrapPac(tampered.bytes) };
}

/**
 * What an acceptor checks of a ticket's PAC with its own key: the server signature (MS-PAC §2.8.4; the KDC signature needs the krbtgt key, which only a DC holds). Null:
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

/**
 * The whole check an acceptor makes of the PAC in a ticket it decrypted: the server signature
 * (`serverSignatureProblem`), then that PAC_CLIENT_INFO names the ticket's client at its authtime
 * (MS-PAC §2.7; MIT krb5 src/lib/krb5/krb/pac.c, k5_pac_validate_client()). Null when both hold
 * or there is no PAC.
 */
export function pacProblem(part: EncTicketPart, key: TypedKey): string | null {
  const signature = serverSignatureProblem(part['authorization-data'], key);
  if (signature) return signature;
  const pacBytes = findPac(part['authorization-data']);
  const info = pacBytes ? readPac(pacBytes).value?.clientInfo : undefined;
  if (!pacBytes || !info) return null;
  const name = part.cname['name-string'].join('/');
  if (info.Name !== name) return `the PAC's client information names ${info.Name}, not ${name}`;
  if (Date.parse(info.ClientId) !== Date.parse(part.authtime))
    return `the PAC's client information is for ${info.ClientId}, not the ticket's authtime ${part.authtime}`;
  return null;
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

/** Whether the ticket's authorization-data holds a PAC. */
export function hasPac(authorizationData: EncTicketPart['authorization-data']): boolean {
  return findPac(authorizationData) !== null;
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
