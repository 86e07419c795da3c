import type { MechName } from './types';

/**
 * The implementations a side can behave as (see profiles.ts for what each changes and why):
 * MIT krb5 + gss-ntlmssp, Heimdal, Windows SSPI, Samba (smbclient / Samba AD DC), or RFC 4178
 * read strictly. `profile` names one for both sides; `initiator.implementation` and
 * `acceptor.implementation` override it per side.
 */
export type ProfileName = 'rfc4178' | 'windows' | 'mit' | 'heimdal' | 'samba';
export type ImplementationName = ProfileName;
export const IMPLEMENTATIONS: readonly ImplementationName[] = [
  'mit',
  'heimdal',
  'windows',
  'samba',
  'rfc4178',
];
/**
 * `http`: HTTP Negotiate (RFC 4559); `smb`: SMB2 SESSION_SETUP after a server-initiated
 * NegTokenInit2 (MS-SMB2 §3.3.5.5); `http-ntlm`: HTTP `NTLM` scheme, raw NTLM without SPNEGO (as
 * curl's built-in NTLM); `bare`: the mechanism's own tokens without SPNEGO (raw RFC 4121 Kerberos,
 * raw NTLMSSP).
 */
export type TransportName = 'http' | 'smb' | 'http-ntlm' | 'bare';
export const TRANSPORTS: readonly TransportName[] = ['http', 'smb', 'http-ntlm', 'bare'];
/** GSS_C_REPLAY_FLAG, GSS_C_SEQUENCE_FLAG, GSS_C_CONF_FLAG, GSS_C_INTEG_FLAG (RFC 2743 §2.2.1). */
export type GssRequestFlag = 'replay' | 'sequence' | 'conf' | 'integ';
export const GSS_REQUEST_FLAGS: readonly GssRequestFlag[] = ['replay', 'sequence', 'conf', 'integ'];

/** Whether the initiator's application asks for a GSS flag (absent list: all of them). */
export function requests(config: SimConfig, flag: GssRequestFlag): boolean {
  return config.initiator.requestFlags?.includes(flag) ?? true;
}

/**
 * Everything a run depends on, as plain data (it round-trips through JSON and the URL hash).
 * A run is a pure function of this object.
 */
export interface SimConfig {
  /** Both sides' implementation, unless a side names its own. */
  profile: ProfileName;
  transport: TransportName;
  /** Seeds every nonce, challenge and confounder: the same config gives the same bytes. */
  seed: number;
  /** The client's clock at the first message (ISO-8601). */
  time: string;
  realm: string;
  /** NetBIOS domain for NTLM. */
  ntlmDomain: string;
  initiator: {
    user: string;
    /** Client host (DNS name; its first label, upper-cased, is the NetBIOS name). */
    host: string;
    /** Mechanisms in order of preference. */
    mechs: MechName[];
    /** The client holds a Kerberos ticket for the service. */
    kerberosTicket: boolean;
    /** The client knows an NTLM password (null: no NTLM credentials). */
    ntlmPassword: string | null;
    /** Send the first mechanism's token inside NegTokenInit (RFC 4178 §3.2 optimistic token). */
    optimistic: boolean;
    mutual: boolean;
    delegation: boolean;
    /** The implementation this side behaves as (absent: `profile`). */
    implementation?: ImplementationName;
    /** A NEGOEX-capable package is installed: a Windows initiator lists NEGOEX (MS-SPNG App. A <1>). */
    negoex?: boolean;
    /**
     * The GSS request flags the application asks for besides mutual and delegation (RFC 2743
     * §2.2.1); absent: all four, as a typical application asks. curl asks only `replay`.
     */
    requestFlags?: GssRequestFlag[];
  };
  acceptor: {
    /** Service host (DNS name). */
    host: string;
    /** Service class of the SPN, e.g. HTTP or cifs. */
    service: string;
    /** Mechanisms in order of preference. */
    mechs: MechName[];
    /** The acceptor holds the service key (keytab) for Kerberos. */
    kerberosKey: boolean;
    /** The password the acceptor's account database holds for the user (null: user unknown). */
    ntlmPassword: string | null;
    /** The implementation this side behaves as (absent: `profile`). */
    implementation?: ImplementationName;
    /** NEGOEX runs here (Windows; MIT krb5 1.18+ with a NEGOEX mechanism configured): MS-NEGOEX §3. */
    negoex?: boolean;
  };
  kerberos: KerberosConfig;
  /** NTLM versions, anonymous logon and Extended Protection (absent: NTLMv2, as before). */
  ntlm?: NtlmConfig;
  faults: {
    /** Seconds the client's clock is off; beyond 300 s the acceptor answers KRB_AP_ERR_SKEW (RFC 4120 §5.9.1 / MIT clockskew default). */
    clockSkewSeconds: number;
    /** A man in the middle removes this mechanism from mechTypes on its way to the acceptor. */
    stripMech: MechName | null;
    /** The AP-REQ is a replay: the acceptor's replay cache already holds its authenticator (RFC 4120 §3.2.3: KRB_AP_ERR_REPEAT). */
    replay?: boolean;
    /** A man in the middle flips a byte of the ticket's enc-part cipher (RFC 4120 §3.2.3: the integrity check fails). */
    modifiedTicket?: boolean;
    /**
     * The PAC in the ticket was changed after the KDC signed it (MS-PAC §2.8): its server
     * signature no longer verifies. Only where the realm's KDC writes a PAC (profile `kdcPac`).
     */
    modifiedPac?: boolean;
  };
}

/**
 * LmCompatibilityLevel as Windows defines it (and gss-ntlmssp's LM_COMPAT_LEVEL): a client sends
 * 0 LM and NTLMv1, 1 the same with NTLMv2 session security (ESS) if negotiated, 2 NTLMv1 only
 * (ESS if negotiated), 3–5 NTLMv2 only; a domain controller refuses LM at 4, LM and NTLMv1 at 5.
 */
export type LmCompatibilityLevel = 0 | 1 | 2 | 3 | 4 | 5;
export const LM_COMPATIBILITY_LEVELS: readonly LmCompatibilityLevel[] = [0, 1, 2, 3, 4, 5];
/** IIS's Extended Protection token checking: `none` ignores bindings, `allow` checks those sent, `require` demands them. */
export type ExtendedProtection = 'none' | 'allow' | 'require';
export const EXTENDED_PROTECTION: readonly ExtendedProtection[] = ['none', 'allow', 'require'];

/** The NTLM side of a run; every field optional so that configurations without it load unchanged. */
export interface NtlmConfig {
  /** The client's LmCompatibilityLevel (absent: 3, NTLMv2). */
  lmCompatibilityLevel?: LmCompatibilityLevel;
  /** The acceptor's (its domain controller's) LmCompatibilityLevel (absent: 3, accepts all). */
  acceptorLmCompatibilityLevel?: LmCompatibilityLevel;
  /** The client logs on anonymously: empty user, empty responses (MS-NLMP §3.1.5.1.2). */
  anonymous?: boolean;
  /** The acceptor lets an anonymous logon through (absent: refused). */
  acceptAnonymous?: boolean;
  /** Both sides pass the channel bindings of `kerberos` to NTLM too (MsvAvChannelBindings; absent: no). */
  channelBindings?: boolean;
  /** How the acceptor checks MsvAvChannelBindings and MsvAvTargetName (absent: allow). */
  extendedProtection?: ExtendedProtection;
  /** The SPN the client puts in MsvAvTargetName (absent: the acceptor's service/host). */
  targetName?: string;
}

/** Kerberos encryption types the simulator seals with (RFC 3962, RFC 8009, RFC 4757, RFC 6803). */
export type KrbEtype = 17 | 18 | 19 | 20 | 23 | 25 | 26;
export const KRB_ETYPES: KrbEtype[] = [17, 18, 19, 20, 23, 25, 26];

/**
 * The Kerberos side of a run: keys, their versions and encryption types, what the acceptor's keytab
 * holds, what the KDC knows, channel bindings and the client's TGT.
 */
export interface KerberosConfig {
  /** Encryption type of the service key, so of the ticket's enc-part. */
  etype: KrbEtype;
  /** Encryption type of the session key the KDC puts in the ticket (and of the client's subkey); null: as `etype`. */
  sessionEtype: KrbEtype | null;
  /** Key version number of the service key the KDC sealed the ticket with. */
  kvno: number;
  /**
   * What the acceptor's keytab holds for the service: its current key; no key for this service
   * (other principals only); an older kvno; or a key of the right version that is not the KDC's.
   */
  keytab: 'current' | 'missing' | 'old-kvno' | 'wrong-key';
  /** The KDC knows the service principal; if not, the TGS exchange fails and the client has no ticket. */
  kdcKnowsService: boolean;
  /** Channel bindings both sides pass to GSS (RFC 5929 tls-server-end-point, or none). */
  channelBindings: 'none' | 'tls-server-end-point';
  /** Hex hash of the server certificate the client saw (SHA-256 for an RSA-SHA256 certificate, RFC 5929 §4.1). */
  certificateHash: string;
  /** The acceptor's bindings: the same channel, none, or another certificate (a TLS-terminating proxy). */
  acceptorBindings: 'same' | 'none' | 'other-certificate';
  /** The client's TGT is forwardable (needed to delegate it). */
  forwardableTgt: boolean;
  /** GSS_C_DCE_STYLE (MS-KILE §3.4.5.1): three legs, AP-REQ and AP-REP without GSS framing; absent: off. */
  dceStyle?: boolean;
}

export const DEFAULT_CONFIG: SimConfig = {
  profile: 'mit',
  transport: 'http',
  seed: 4178,
  time: '2026-11-26T09:15:00Z',
  realm: 'EXAMPLE.TEST',
  ntlmDomain: 'EXAMPLE',
  initiator: {
    user: 'alice',
    host: 'client1.example.test',
    mechs: ['kerberos', 'ntlm'],
    kerberosTicket: true,
    ntlmPassword: 'Passw0rd!',
    optimistic: true,
    mutual: true,
    delegation: false,
  },
  acceptor: {
    host: 'server.example.test',
    service: 'HTTP',
    mechs: ['kerberos', 'ntlm'],
    kerberosKey: true,
    ntlmPassword: 'Passw0rd!',
  },
  kerberos: {
    etype: 18,
    sessionEtype: null,
    kvno: 2,
    keytab: 'current',
    kdcKnowsService: true,
    channelBindings: 'none',
    certificateHash: '5ee6fdf1b7e1b6b1d5fb61e4d1bd2a6c0b1e4c3f5d4e6a7b8c9d0e1f2a3b4c5d',
    acceptorBindings: 'same',
    forwardableTgt: true,
  },
  faults: { clockSkewSeconds: 0, stripMech: null },
};

/** Deep partial, for scenario presets and --config files. */
export type ConfigPatch = {
  [K in keyof SimConfig]?: SimConfig[K] extends object ? Partial<SimConfig[K]> : SimConfig[K];
};

export function withPatch(base: SimConfig, patch: ConfigPatch = {}): SimConfig {
  return {
    ...base,
    ...patch,
    initiator: { ...base.initiator, ...patch.initiator },
    acceptor: { ...base.acceptor, ...patch.acceptor },
    kerberos: { ...base.kerberos, ...patch.kerberos },
    ...(base.ntlm || patch.ntlm ? { ntlm: { ...base.ntlm, ...patch.ntlm } } : {}),
    faults: { ...base.faults, ...patch.faults },
  } as SimConfig;
}

const MECHS: MechName[] = ['kerberos', 'ntlm', 'negoex'];

/** Checks a config from outside (a file, a URL); returns the problems found. */
export function validateConfig(config: SimConfig): string[] {
  const problems: string[] = [];
  if (!IMPLEMENTATIONS.includes(config.profile)) problems.push(`unknown profile ${config.profile}`);
  for (const side of ['initiator', 'acceptor'] as const) {
    const impl = config[side].implementation;
    if (impl !== undefined && !IMPLEMENTATIONS.includes(impl))
      problems.push(`${side}.implementation must be one of ${IMPLEMENTATIONS.join(', ')}`);
  }
  for (const side of ['initiator', 'acceptor'] as const)
    if (config[side].negoex !== undefined && typeof config[side].negoex !== 'boolean')
      problems.push(`${side}.negoex must be true or false`);
  const asked = config.initiator.requestFlags;
  if (
    asked !== undefined &&
    (!Array.isArray(asked) || asked.some((f) => !GSS_REQUEST_FLAGS.includes(f)))
  )
    problems.push(`initiator.requestFlags must list flags among ${GSS_REQUEST_FLAGS.join(', ')}`);
  if (!TRANSPORTS.includes(config.transport))
    problems.push(`unknown transport ${config.transport}`);
  if (!Number.isInteger(config.seed)) problems.push('seed must be an integer');
  if (Number.isNaN(Date.parse(config.time)))
    problems.push(`time ${config.time} is not an ISO-8601 date`);
  for (const side of ['initiator', 'acceptor'] as const) {
    const mechs = config[side].mechs;
    if (!Array.isArray(mechs) || mechs.some((m) => !MECHS.includes(m))) {
      problems.push(`${side}.mechs must list mechanisms among ${MECHS.join(', ')}`);
    } else if (new Set(mechs).size !== mechs.length)
      problems.push(`${side}.mechs lists a mechanism twice`);
  }
  if (config.faults.stripMech !== null && !MECHS.includes(config.faults.stripMech)) {
    problems.push(`faults.stripMech must be one of ${MECHS.join(', ')} or null`);
  }
  const skew = config.faults.clockSkewSeconds;
  if (typeof skew !== 'number' || !Number.isFinite(skew) || Math.abs(skew) > 10 * 365 * 86400) {
    problems.push('faults.clockSkewSeconds must be a number of seconds (at most ten years)');
  }
  problems.push(...kerberosProblems(config.kerberos));
  problems.push(...ntlmProblems(config.ntlm));
  for (const [path, value] of [
    ['faults.replay', config.faults.replay ?? false],
    ['faults.modifiedTicket', config.faults.modifiedTicket ?? false],
    ['faults.modifiedPac', config.faults.modifiedPac ?? false],
  ] as const) {
    if (typeof value !== 'boolean') problems.push(`${path} must be true or false`);
  }
  for (const [path, value] of [
    ['initiator.kerberosTicket', config.initiator.kerberosTicket],
    ['initiator.optimistic', config.initiator.optimistic],
    ['initiator.mutual', config.initiator.mutual],
    ['initiator.delegation', config.initiator.delegation],
    ['acceptor.kerberosKey', config.acceptor.kerberosKey],
  ] as const) {
    if (typeof value !== 'boolean') problems.push(`${path} must be true or false`);
  }
  for (const [path, value] of [
    ['realm', config.realm],
    ['ntlmDomain', config.ntlmDomain],
    ['initiator.user', config.initiator.user],
    ['initiator.host', config.initiator.host],
    ['acceptor.host', config.acceptor.host],
    ['acceptor.service', config.acceptor.service],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0 || value.length > 255) {
      problems.push(`${path} must be a non-empty string`);
    }
  }
  for (const [path, value] of [
    ['initiator.ntlmPassword', config.initiator.ntlmPassword],
    ['acceptor.ntlmPassword', config.acceptor.ntlmPassword],
  ] as const) {
    if (value !== null && typeof value !== 'string')
      problems.push(`${path} must be a string or null`);
  }
  return problems;
}

function kerberosProblems(k: KerberosConfig | undefined): string[] {
  if (!k || typeof k !== 'object') return ['kerberos must be an object'];
  const problems: string[] = [];
  if (!KRB_ETYPES.includes(k.etype))
    problems.push(`kerberos.etype must be one of ${KRB_ETYPES.join(', ')}`);
  if (k.sessionEtype !== null && !KRB_ETYPES.includes(k.sessionEtype))
    problems.push(`kerberos.sessionEtype must be one of ${KRB_ETYPES.join(', ')} or null`);
  // kvno is a UInt32 (RFC 4120 §5.2.9); keytab entries start at 1.
  if (!Number.isInteger(k.kvno) || k.kvno < 1 || k.kvno > 0xffffffff)
    problems.push('kerberos.kvno must be an integer from 1 to 4294967295');
  if (!['current', 'missing', 'old-kvno', 'wrong-key'].includes(k.keytab))
    problems.push('kerberos.keytab must be current, missing, old-kvno or wrong-key');
  if (!['none', 'tls-server-end-point'].includes(k.channelBindings))
    problems.push('kerberos.channelBindings must be none or tls-server-end-point');
  if (typeof k.certificateHash !== 'string' || !/^([0-9a-fA-F]{2}){16,64}$/.test(k.certificateHash))
    problems.push('kerberos.certificateHash must be 16 to 64 bytes of hex');
  if (!['same', 'none', 'other-certificate'].includes(k.acceptorBindings))
    problems.push('kerberos.acceptorBindings must be same, none or other-certificate');
  for (const [path, value] of [
    ['kerberos.kdcKnowsService', k.kdcKnowsService],
    ['kerberos.forwardableTgt', k.forwardableTgt],
    ['kerberos.dceStyle', k.dceStyle ?? false],
  ] as const) {
    if (typeof value !== 'boolean') problems.push(`${path} must be true or false`);
  }
  return problems;
}

function ntlmProblems(n: NtlmConfig | undefined): string[] {
  if (n === undefined) return [];
  if (!n || typeof n !== 'object' || Array.isArray(n)) return ['ntlm must be an object'];
  const problems: string[] = [];
  for (const [path, value] of [
    ['ntlm.lmCompatibilityLevel', n.lmCompatibilityLevel],
    ['ntlm.acceptorLmCompatibilityLevel', n.acceptorLmCompatibilityLevel],
  ] as const) {
    if (value !== undefined && !LM_COMPATIBILITY_LEVELS.includes(value))
      problems.push(`${path} must be an integer from 0 to 5`);
  }
  for (const [path, value] of [
    ['ntlm.anonymous', n.anonymous],
    ['ntlm.acceptAnonymous', n.acceptAnonymous],
    ['ntlm.channelBindings', n.channelBindings],
  ] as const) {
    if (value !== undefined && typeof value !== 'boolean')
      problems.push(`${path} must be true or false`);
  }
  if (n.extendedProtection !== undefined && !EXTENDED_PROTECTION.includes(n.extendedProtection))
    problems.push(`ntlm.extendedProtection must be one of ${EXTENDED_PROTECTION.join(', ')}`);
  if (n.targetName !== undefined && (typeof n.targetName !== 'string' || n.targetName.length > 255))
    problems.push('ntlm.targetName must be a string of at most 255 characters');
  return problems;
}
