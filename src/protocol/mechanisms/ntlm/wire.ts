import {
  encodeNegotiate,
  GSS_NTLMSSP_AUTHENTICATE_ORDER,
  MSV_AV_DNS_COMPUTER_NAME,
  MSV_AV_DNS_DOMAIN_NAME,
  MSV_AV_FLAGS,
  MSV_AV_NB_COMPUTER_NAME,
  MSV_AV_NB_DOMAIN_NAME,
  MSV_AV_TARGET_NAME,
  MSV_AV_TIMESTAMP,
  type AuthenticateMessage,
  type AvPair,
  type NegotiateMessage,
} from '../../../codec/ntlm';
import {
  MSV_AV_DNS_TREE_NAME,
  MSV_AV_SINGLE_HOST,
  MSV_CHANNEL_BINDINGS,
  NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED,
} from '../../../data/ntlm';
import { concatBytes, encodeUtf16le, writeU16LE, writeU32LE } from '../../../bytes';
import type { NtlmProfile } from '../../ntlm-profiles';

/**
 * Where implementations lay out the same NTLM values differently on the wire (checked against
 * the real gss-ntlmssp 1.2.0 and Samba 4.17.12 exchanges of the fixtures; Heimdal from its
 * source): the server's TargetInfo, the AV pairs of the client's NTLMv2 blob, payload order and
 * empty offsets, and Heimdal's NEGOTIATE.
 */

export interface ServerNames {
  nbDomain: string;
  nbComputer: string;
  dnsDomain: string;
  dnsComputer: string;
  timestamp: bigint;
}

/** The CHALLENGE's TargetInfo as the acceptor's implementation writes it. */
export function serverTargetInfo(order: NtlmProfile['targetInfoOrder'], n: ServerNames): AvPair[] {
  const timestamp: AvPair = { id: MSV_AV_TIMESTAMP, value: n.timestamp };
  if (order === 'gss-ntlmssp')
    // gssntlm_accept_sec_context() passes NetBIOS computer and domain names and the host name
    // (no DNS domain), an MsvAvFlags of 0 — 1.2.0 writes it anyway, as the real CHALLENGEs show;
    // 1.3.1 leaves an empty one out (Q-NTLM-04) — and the time (ntlm_encode_target_info()).
    return [
      { id: MSV_AV_NB_COMPUTER_NAME, value: n.nbComputer },
      { id: MSV_AV_NB_DOMAIN_NAME, value: n.nbDomain },
      { id: MSV_AV_DNS_COMPUTER_NAME, value: n.dnsComputer },
      { id: MSV_AV_FLAGS, value: 0 },
      timestamp,
    ];
  const names: AvPair[] = [
    { id: MSV_AV_NB_DOMAIN_NAME, value: n.nbDomain },
    { id: MSV_AV_NB_COMPUTER_NAME, value: n.nbComputer },
    { id: MSV_AV_DNS_DOMAIN_NAME, value: n.dnsDomain },
    { id: MSV_AV_DNS_COMPUTER_NAME, value: n.dnsComputer },
  ];
  // Heimdal writes the server's name before the domain's (heim_ntlm_encode_targetinfo()).
  if (order === 'heimdal') [names[0], names[1]] = [names[1], names[0]];
  return [...names, timestamp];
}

export interface ClientAdditions {
  avFlags: number;
  targetName: string;
  /** MD5 of the channel bindings, when the application passed some. */
  bindings?: Uint8Array;
  /** Samba's MsvAvSingleHost, added with an MsvAvChannelBindings (zero without bindings). */
  singleHost?: Uint8Array;
}

/** The pairs gss-ntlmssp keeps from the server's list, in the order it writes them again. */
const REBUILD_NAMES = [
  MSV_AV_NB_COMPUTER_NAME,
  MSV_AV_NB_DOMAIN_NAME,
  MSV_AV_DNS_COMPUTER_NAME,
  MSV_AV_DNS_DOMAIN_NAME,
  MSV_AV_DNS_TREE_NAME,
];

/**
 * The AV pairs of the client's NTLMv2 blob (without MsvAvEOL, which the encoder appends).
 * `rebuild` (gss-ntlmssp ntlm_process_target_info()): the server's names in the fixed order of
 * ntlm_encode_target_info(), MsvAvFlags always, MsvAvTimestamp, the server's MsvAvTargetName or
 * else the client's SPN, MsvAvChannelBindings only with bindings; any other pair is dropped.
 * `echo` (Samba ntlmssp_client_challenge(), Windows): the server's list as it came, MsvAvFlags
 * updated where it stands or appended, then MsvAvSingleHost and MsvAvChannelBindings (Samba),
 * then MsvAvTargetName.
 */
export function clientAvPairs(
  style: NtlmProfile['clientTargetInfo'],
  server: AvPair[],
  add: ClientAdditions,
): AvPair[] {
  const flags: AvPair = { id: MSV_AV_FLAGS, value: add.avFlags };
  if (style === 'rebuild') {
    const find = (id: number) => server.find((p) => p.id === id);
    const timestamp = find(MSV_AV_TIMESTAMP);
    const target = find(MSV_AV_TARGET_NAME);
    return [
      ...REBUILD_NAMES.map(find).filter((p): p is AvPair => p !== undefined),
      flags,
      ...(timestamp ? [timestamp] : []),
      target ?? { id: MSV_AV_TARGET_NAME, value: add.targetName },
      ...(add.bindings ? [{ id: MSV_CHANNEL_BINDINGS, value: add.bindings }] : []),
    ];
  }
  const hasFlags = server.some((p) => p.id === MSV_AV_FLAGS);
  const echoed = server.map((p) => (p.id === MSV_AV_FLAGS ? flags : p));
  return [
    ...echoed,
    ...(hasFlags ? [] : [flags]),
    ...(add.singleHost
      ? [
          { id: MSV_AV_SINGLE_HOST, value: add.singleHost },
          { id: MSV_CHANNEL_BINDINGS, value: add.bindings ?? new Uint8Array(16) },
        ]
      : []),
    { id: MSV_AV_TARGET_NAME, value: add.targetName },
    ...(!add.singleHost && add.bindings ? [{ id: MSV_CHANNEL_BINDINGS, value: add.bindings }] : []),
  ];
}

/**
 * The AUTHENTICATE's payload layout: gss-ntlmssp and Samba write the two responses first
 * (ntlm_encode_auth_msg(); Samba's msrpc_gen "CdBBUUUBdbb"), gss-ntlmssp leaves empty strings at
 * offset 0 (it skips their descriptors); Windows and Heimdal (heim_ntlm_encode_type3()) write the
 * strings first.
 */
export function authenticateLayout(
  layout: NtlmProfile['layout'],
  fields: Pick<AuthenticateMessage, 'domainName' | 'userName' | 'workstation'>,
): AuthenticateMessage['layout'] {
  if (layout === 'gss-ntlmssp') {
    const empty: Record<string, number> = {};
    if (!fields.domainName) empty.DomainName = 0;
    if (!fields.userName) empty.UserName = 0;
    if (!fields.workstation) empty.Workstation = 0;
    return { order: GSS_NTLMSSP_AUTHENTICATE_ORDER, emptyOffsets: empty };
  }
  if (layout === 'samba') return { order: GSS_NTLMSSP_AUTHENTICATE_ORDER };
  return undefined;
}

/** Samba ends the NTLMv2 blob at MsvAvEOL (NTLMv2_generate_client_data() "ddbbdb"); the others add Z(4). */
export function blobTrailer(layout: NtlmProfile['layout']): Uint8Array | undefined {
  return layout === 'samba' ? new Uint8Array(0) : undefined;
}

/** Heimdal's NEGOTIATE DomainName: the target host name's second label, upper-cased (_gss_ntlm_import_name()). */
export function heimdalTargetDomain(host: string): string {
  const labels = host.split('.');
  return (labels.length > 1 ? labels[1] : labels[0]).toUpperCase();
}

/**
 * The NEGOTIATE as the client's implementation lays it out. Samba leaves its empty fields at the
 * payload cursor (msrpc_gen "CddAAb"). Heimdal's heim_ntlm_encode_type1() names the target's
 * domain: it sets NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED, writes the name in UTF-16 (the flags say
 * UNICODE, though MS-NLMP §2.2.1.1 wants OEM) after both field descriptors, but counts only
 * the DomainName descriptor in its offset, so DomainNameBufferOffset says 24, not 32 (Q-NTLM-02).
 */
export function negotiateBytes(
  layout: NtlmProfile['layout'],
  message: NegotiateMessage,
  targetHost: string,
): { message: NegotiateMessage; bytes: Uint8Array } {
  if (layout === 'samba') {
    const laid: NegotiateMessage = { ...message, layout: { emptyOffset: 'cursor' } };
    return { message: laid, bytes: encodeNegotiate(laid) };
  }
  if (layout !== 'heimdal') return { message, bytes: encodeNegotiate(message) };
  const flags = (message.flags | NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED) >>> 0;
  const fixed = encodeNegotiate({ ...message, flags });
  const domain = encodeUtf16le(heimdalTargetDomain(targetHost));
  const bytes = concatBytes(fixed, domain);
  writeU16LE(bytes, 16, domain.length);
  writeU16LE(bytes, 18, domain.length);
  writeU32LE(bytes, 20, fixed.length - 8);
  return { message: { ...message, flags }, bytes };
}
