import { NTLM_FLAGS } from '../data/ntlm';
import { OID, oidName } from '../data/oids';
import type { ProfileName } from './config';
import { PROFILES, type NtlmProfile, type Profile } from './profiles';
import type { MechName } from './types';
import { DOCUMENTED, NONE } from './differences-documented';

export { NONE };

/**
 * Where MIT, Heimdal, Windows, Samba and RFC 4178 part ways, side by side: one entry per difference,
 * for the reference page the simulator's rules link to. Entries for the profiles' switches are
 * generated from PROFILES, so the page shows exactly what the simulator does; the others are
 * documented habits the simulator does not model.
 */

/** The columns of the page, in the order it shows them: the standard first. */
export const DIFFERENCE_IMPLEMENTATIONS = [
  'rfc4178',
  'mit',
  'heimdal',
  'windows',
  'samba',
] as const;
export type DifferenceImplementation = (typeof DIFFERENCE_IMPLEMENTATIONS)[number];

export const IMPLEMENTATION_LABELS: Record<ProfileName, string> = {
  rfc4178: 'RFC 4178',
  mit: 'MIT',
  heimdal: 'Heimdal',
  windows: 'Windows',
  samba: 'Samba',
};

export const TOPICS = [
  'mechListMIC',
  'negState',
  'OIDs',
  'NegTokenInit2',
  'NEGOEX',
  'NTLM',
  'Kerberos',
  'Transport',
  'Legacy quirks',
] as const;
export type Topic = (typeof TOPICS)[number];

export interface Difference {
  /** Lower-case words joined by hyphens: the page's anchor and the `difference=` of a link. */
  id: string;
  topic: Topic;
  title: string;
  /** One or two sentences for a learner. */
  explanation: string;
  /** Each implementation's habit, in a few words. */
  values: Record<ProfileName, string>;
  /** Public sources, per implementation or `shared` by all (citations joined by `; `). */
  sources: Partial<Record<ProfileName | 'shared', string>>;
  /** The simulator follows it (a profile switch or a rule every profile obeys). */
  simulated: boolean;
}

/** What a profile field means, and how to print one implementation's value of it. */
interface FieldEntry<T> {
  id: string;
  topic: Topic;
  title: string;
  explanation: string;
  format(value: T): string;
  /** Cited when no implementation's profile cites a source of its own for the field. */
  shared?: string;
}

type ProfileField = Exclude<keyof Profile, 'name' | 'title' | 'description' | 'ntlm' | 'sources'>;
type NtlmField = Exclude<keyof NtlmProfile, 'sources'>;

const MECHS: MechName[] = ['kerberos', 'ntlm', 'negoex'];

/** The names people write OIDs by in a mechTypes list (as Wireshark and the profiles' descriptions do). */
const OID_LABELS: Record<string, string> = {
  [OID.krb5]: 'KRB5',
  [OID.msKrb5]: 'MS-KRB5',
  [OID.ntlmssp]: 'NTLMSSP',
  [OID.negoex]: 'NEGOEX',
};

/** `MS-KRB5, KRB5, NTLMSSP, NEGOEX`: the OIDs listed for each mechanism, in order. */
function mechOids(value: Record<MechName, string[]>): string {
  return MECHS.flatMap((m) => value[m])
    .map((o) => OID_LABELS[o] ?? oidName(o) ?? o)
    .join(', ');
}

const yesNo = (yes: string, no: string) => (value: boolean) => (value ? yes : no);

/** `0x62088215 (UNICODE, REQUEST_TARGET, …)`: the flags by their MS-NLMP names, prefixes dropped. */
export function ntlmFlagNames(flags: number): string {
  const names = NTLM_FLAGS.filter((f) => !f.reserved && (flags & f.value) >>> 0 === f.value).map(
    (f) => f.name.replace(/^NTLMSSP_NEGOTIATE_|^NTLM_NEGOTIATE_|^NTLMSSP_/, ''),
  );
  return `0x${(flags >>> 0).toString(16).padStart(8, '0')} (${names.join(', ')})`;
}

/** Every field of a profile's SPNEGO/Kerberos half: adding a field fails the typecheck until it is explained here. */
const PROFILE_FIELDS: { [K in ProfileField]: FieldEntry<Profile[K]> } = {
  initiatorOids: {
    id: 'initiator-oids',
    topic: 'OIDs',
    title: 'OIDs the client offers',
    explanation:
      'The mechTypes list of the client’s NegTokenInit, most preferred first. Windows lists the truncated MS Kerberos OID before the standard one, a leftover of an early Windows bug.',
    format: mechOids,
    shared: 'RFC 4178 §4.2.1',
  },
  listsNegoex: {
    id: 'lists-negoex',
    topic: 'NEGOEX',
    title: 'NEGOEX in the client’s list',
    explanation:
      'Whether the client adds the NEGOEX OID to its mechTypes (after Kerberos) when a NEGOEX package is installed.',
    format: yesNo('listed after Kerberos', 'not listed'),
    shared: 'MS-NEGOEX §1.9',
  },
  negoex: {
    id: 'negoex',
    topic: 'NEGOEX',
    title: 'Runs NEGOEX',
    explanation:
      'Whether the implementation can negotiate NEGOEX’s auth schemes inside SPNEGO, on either side.',
    format: yesNo('yes', 'no'),
    shared: 'MS-NEGOEX §3',
  },
  switchWithoutRequestMic: {
    id: 'switch-without-request-mic',
    topic: 'negState',
    title: 'A switch of mechanism answered with accept-incomplete',
    explanation:
      'RFC 4178 says an acceptor that picks another mechanism than the client’s first choice must answer request-mic. This is how the client takes accept-incomplete there instead.',
    format: (v) =>
      v === 'never'
        ? 'defective token'
        : v === 'ntlm-only'
          ? 'tolerated for a fallback to NTLM only'
          : 'tolerated (the MIC is still required)',
  },
  rejectTokenAfterMechError: {
    id: 'reject-token-after-mech-error',
    topic: 'negState',
    title: 'Client answers a reject with its own reject',
    explanation:
      'After the acceptor’s reject carried a mechanism error, the client may send a NegTokenResp with negState reject of its own before giving up.',
    format: yesNo('sends its own reject token', 'sends nothing'),
    shared: 'RFC 4178 §3.2 c',
  },
  rejectTokenAfterDefectiveReply: {
    id: 'reject-token-after-defective-reply',
    topic: 'negState',
    title: 'Client answers a defective reply with a reject',
    explanation:
      'When the acceptor’s first reply is defective (an OID never offered, a missing request-mic), the client may tell it with a reject token.',
    format: yesNo('sends a reject token', 'sends nothing'),
    shared: 'RFC 4178 §3.2 c',
  },
  omitsNegStateInResp: {
    id: 'omits-negstate-in-resp',
    topic: 'negState',
    title: 'negState in the client’s later tokens',
    explanation:
      'negState is optional after the first reply; receivers must infer the state when a client leaves it out.',
    format: yesNo('left out', 'present'),
    shared: 'RFC 4178 §4.2.2',
  },
  snameNameType: {
    id: 'sname-name-type',
    topic: 'Kerberos',
    title: 'Name-type of the service name asked for',
    explanation:
      'The name-type the client puts in the service principal it asks a ticket for. Acceptors compare the name’s components, never its type.',
    format: (v) => (v === 1 ? 'NT-PRINCIPAL (1)' : v === 2 ? 'NT-SRV-INST (2)' : 'NT-SRV-HST (3)'),
    shared: 'RFC 4120 §6.2',
  },
  addsTransFlag: {
    id: 'adds-trans-flag',
    topic: 'Kerberos',
    title: 'GSS_C_TRANS_FLAG in the authenticator checksum',
    explanation:
      'Whether the client’s GSS checksum (0x8003) carries the TRANS flag whatever the application asked.',
    format: yesNo('always set', 'only if asked'),
    shared: 'RFC 4121 §4.1.1',
  },
  etypeNegotiation: {
    id: 'etype-negotiation',
    topic: 'Kerberos',
    title: 'Etypes the client lists in its Authenticator',
    explanation:
      'RFC 4537 lets the client tell the server which encryption types it would like for the subkey (AD-ETYPE-NEGOTIATION). Some clients always send the list, others only when the ticket’s key is not their first choice.',
    format: (v) =>
      v === 'always'
        ? 'always, every etype it supports'
        : 'only when the ticket’s key is not its first choice',
    shared: 'RFC 4537 §3',
  },
  krbErrorOnlyIfMutual: {
    id: 'krb-error-only-if-mutual',
    topic: 'Kerberos',
    title: 'A KRB-ERROR for a refused AP-REQ',
    explanation:
      'When the server refuses the client’s AP-REQ it may send a KRB-ERROR back as its GSS token. One stack sends it only when the client expects an answer (mutual authentication).',
    format: yesNo('only when the client asked for mutual authentication', 'always'),
    shared: 'RFC 4120 §3.2.3',
  },
  kdcPac: {
    id: 'kdc-pac',
    topic: 'Kerberos',
    title: 'The PAC in service tickets',
    explanation:
      'The Privilege Attribute Certificate a KDC puts in the ticket carries the user’s authorization data, signed so the server can trust it. Which KDC the realm runs decides what is there.',
    format: (v) =>
      v === 'ad'
        ? 'an AD DC’s PAC: logon, client and UPN information, four signatures'
        : v === 'mit'
          ? 'an MIT KDC’s PAC: client information, ticket, server and KDC signatures'
          : 'none',
  },
  badPacSignature: {
    id: 'bad-pac-signature',
    topic: 'Kerberos',
    title: 'A PAC whose server signature does not verify',
    explanation:
      'What the server does when the PAC’s signature made with its own key is wrong: refuse the AP-REQ, or accept the authentication and not trust the PAC.',
    format: (v) => (v === 'refuse' ? 'AP-REQ refused' : 'accepted, the PAC not trusted'),
  },
  acceptorOids: {
    id: 'acceptor-oids',
    topic: 'NegTokenInit2',
    title: 'OIDs the server announces in NegTokenInit2',
    explanation:
      'When the server speaks first (SMB), its NegTokenInit2 lists the mechanisms it accepts. Clients may ignore the list and send their own.',
    format: mechOids,
    shared: 'MS-SPNG §3.2.5.2',
  },
  requestMic: {
    id: 'request-mic',
    topic: 'mechListMIC',
    title: 'When the acceptor demands the MIC exchange',
    explanation:
      'RFC 4178 makes the mechListMIC mandatory when the chosen mechanism was not the first choice of both sides; implementations check only the client’s first choice.',
    format: (v) =>
      v === 'not-first'
        ? 'when not the client’s first choice'
        : 'when not the first choice of either side',
  },
  switchNegState: {
    id: 'switch-negstate',
    topic: 'negState',
    title: 'negState of a first reply that switches mechanism',
    explanation:
      'What the acceptor says when it picks a mechanism other than the client’s first choice: the RFC asks for request-mic.',
    format: (v) => v,
    shared: 'RFC 4178 §5 c',
  },
  rejectCarriesErrorToken: {
    id: 'reject-carries-error-token',
    topic: 'negState',
    title: 'The mechanism’s error token in a reject',
    explanation:
      'A reject may carry the mechanism’s own error (a KRB-ERROR) as responseToken, which tells the client the precise reason.',
    format: yesNo('carried', 'left out'),
    shared: 'RFC 4178 §4.2.2',
  },
  smbFailureBlob: {
    id: 'smb-failure-blob',
    topic: 'Transport',
    title: 'Security blob of a failed SMB2 SESSION_SETUP',
    explanation:
      'Over SMB2 a failed SESSION_SETUP answers with an error status; the SPNEGO reject may or may not ride along.',
    format: (v) => (v === 'empty' ? 'empty (status only)' : 'the SPNEGO reject'),
    shared: 'MS-SMB2 §3.3.5.5.3',
  },
  ntlmMicForcesMechListMic: {
    id: 'ntlm-mic-forces-mechlistmic',
    topic: 'mechListMIC',
    title: 'An NTLM MIC makes the mechListMIC mandatory',
    explanation:
      'When NTLM’s AUTHENTICATE carries its own MIC, Windows and the stacks that talk to it also exchange the SPNEGO mechListMIC, even when NTLM was everyone’s first choice.',
    format: yesNo('yes', 'no (optional MIC omitted)'),
    shared: 'MS-SPNG App. A <8>',
  },
};

/** Every field of a profile's NTLM half. */
const NTLM_FIELDS: { [K in NtlmField]: FieldEntry<NtlmProfile[K]> } = {
  negotiateFlags: {
    id: 'ntlm-negotiate-flags',
    topic: 'NTLM',
    title: 'Flags of the NEGOTIATE message',
    explanation:
      'What the client asks for in its first NTLM message, before the application’s own requests change it.',
    format: ntlmFlagNames,
    shared: 'MS-NLMP §2.2.2.5',
  },
  version: {
    id: 'ntlm-version',
    topic: 'NTLM',
    title: 'The Version field',
    explanation:
      'The operating system version NTLM messages carry (for debugging only, MS-NLMP says); absent when the VERSION flag is not set.',
    format: (v) =>
      v ? `${v.major}.${v.minor} build ${v.build}, NTLM revision ${v.revision}` : 'none',
    shared: 'MS-NLMP §2.2.2.10',
  },
  lmResponse: {
    id: 'ntlm-lm-response',
    topic: 'NTLM',
    title: 'LmChallengeResponse of an NTLMv2 AUTHENTICATE',
    explanation:
      'When the CHALLENGE carries a timestamp the LMv2 response is replaced by 24 zero bytes; some clients send none at all.',
    format: (v) => (v === 'z24' ? 'Z(24), 24 zero bytes' : 'empty'),
  },
  authenticateFlags: {
    id: 'ntlm-authenticate-flags',
    topic: 'NTLM',
    title: 'Flags of the AUTHENTICATE message',
    explanation:
      'The client either repeats the CHALLENGE’s flags or keeps only those it asked for itself.',
    format: (v) =>
      v === 'challenge' ? 'the CHALLENGE’s flags' : 'its own request ∩ the CHALLENGE’s',
    shared: 'MS-NLMP §3.1.5.1.2',
  },
  singleHostAndBindings: {
    id: 'ntlm-single-host-and-bindings',
    topic: 'NTLM',
    title: 'MsvAvSingleHost and MsvAvChannelBindings in the NTLMv2 blob',
    explanation: 'AV pairs the client adds to the target information it echoes in its response.',
    format: yesNo('added', 'not added'),
    shared: 'MS-NLMP §2.2.2.1',
  },
  targetInfoOrder: {
    id: 'ntlm-target-info-order',
    topic: 'NTLM',
    title: 'Order of the CHALLENGE’s TargetInfo',
    explanation:
      'The order of the server’s AV pairs. Nothing depends on it, but it tells implementations apart in a capture.',
    format: (v) =>
      v === 'windows'
        ? 'NbDomain, NbComputer, DnsDomain, DnsComputer, Timestamp'
        : v === 'heimdal'
          ? 'NbComputer first'
          : 'NbComputer, NbDomain, DnsComputer, MsvAvFlags 0, Timestamp',
    shared: 'MS-NLMP §2.2.1.2',
  },
  clientTargetInfo: {
    id: 'ntlm-client-target-info',
    topic: 'NTLM',
    title: 'AV pairs of the client’s NTLMv2 blob',
    explanation:
      'The client copies the server’s target information into its NTLMv2 response, with pairs of its own. It may keep the server’s order or write the pairs again in an order of its own.',
    format: (v) =>
      v === 'echo' ? 'the server’s pairs in its order, then its own' : 'rebuilt in a fixed order',
    shared: 'MS-NLMP §3.1.5.1.2',
  },
  layout: {
    id: 'ntlm-layout',
    topic: 'NTLM',
    title: 'Layout of the messages’ payload',
    explanation:
      'MS-NLMP fixes the fields but not the order of their data in the payload, nor where an empty field points. Each stack has its own, which tells them apart in a capture.',
    format: (v) =>
      v === 'windows'
        ? 'names, then responses; empty fields at offset 0'
        : v === 'gss-ntlmssp'
          ? 'responses first; empty fields at offset 0'
          : v === 'samba'
            ? 'responses first; empty fields at the payload cursor'
            : 'Windows’ order; NEGOTIATE DomainName in UTF-16, 8 bytes early',
    shared: 'MS-NLMP §2.2.1.1, §2.2.1.3',
  },
  responses: {
    id: 'ntlm-responses',
    topic: 'NTLM',
    title: 'Which responses the client computes',
    explanation:
      'NTLMv2 or the older NTLMv1, as the client’s LM compatibility level says. Heimdal’s client always computes NTLMv1.',
    format: (v) =>
      v === 'heimdal'
        ? 'always NTLMv1 (the NTLM2 session response with extended session security)'
        : 'as the LM compatibility level says (NTLMv2 by default)',
    shared: 'MS-NLMP §3.1.5.1.2, §3.3',
  },
  requestFlags: {
    id: 'ntlm-request-flags',
    topic: 'NTLM',
    title: 'How the application’s GSS flags change NEGOTIATE',
    explanation:
      'Which NTLM flags follow the confidentiality and integrity the application asked of GSS-API.',
    format: (v) =>
      v === 'seal-if-conf'
        ? 'SEAL only with confidentiality; SIGN always'
        : v === 'heimdal'
          ? 'SEAL with confidentiality, SIGN with integrity, else ALWAYS_SIGN'
          : 'fixed by the caller, not the GSS flags',
    shared: 'MS-NLMP §3.1.5.1.1',
  },
  micWithoutSpnego: {
    id: 'ntlm-mic-without-spnego',
    topic: 'NTLM',
    title: 'NTLM MIC without SPNEGO around it',
    explanation:
      'Whether raw NTLM (no SPNEGO) still puts a MIC in AUTHENTICATE, which needs a mechListMIC to follow when SPNEGO is there.',
    format: yesNo('yes', 'no (MsvAvFlags 0, no MIC)'),
    shared: 'MS-NLMP §3.1.5.1.2',
  },
};

/**
 * Source keys of the profiles that name no field: the entry each belongs to. A source left out of
 * both tables fails the tests, so nothing a profile cites is lost from the page.
 */
export const SOURCE_ALIASES: Record<string, string> = {
  requireMic: 'request-mic',
  omitOptionalMic: 'optional-mic-omitted',
  echoMsOid: 'echo-ms-oid',
};

function byImplementation<T>(f: (name: ProfileName) => T): Record<ProfileName, T> {
  return Object.fromEntries(DIFFERENCE_IMPLEMENTATIONS.map((n) => [n, f(n)])) as Record<
    ProfileName,
    T
  >;
}

function generated<V>(
  entry: FieldEntry<V>,
  value: (profile: Profile) => V,
  source: (profile: Profile) => string | undefined,
  profiles: Record<ProfileName, Profile>,
): Difference {
  const sources: Difference['sources'] = {};
  for (const name of DIFFERENCE_IMPLEMENTATIONS) {
    const s = source(profiles[name]);
    if (s) sources[name] = s;
  }
  if (entry.shared) sources.shared = entry.shared;
  return {
    id: entry.id,
    topic: entry.topic,
    title: entry.title,
    explanation: entry.explanation,
    values: byImplementation((name) => entry.format(value(profiles[name]))),
    sources,
    simulated: true,
  };
}

/** The entries of the profiles' switches, formatted from the profiles given (PROFILES by default). */
export function profileDifferences(
  profiles: Record<ProfileName, Profile> = PROFILES,
): Difference[] {
  const spnego = (Object.keys(PROFILE_FIELDS) as ProfileField[]).map((field) =>
    generated(
      PROFILE_FIELDS[field] as FieldEntry<unknown>,
      (p) => p[field],
      (p) => p.sources[field],
      profiles,
    ),
  );
  const ntlm = (Object.keys(NTLM_FIELDS) as NtlmField[]).map((field) =>
    generated(
      NTLM_FIELDS[field] as FieldEntry<unknown>,
      (p) => p.ntlm[field],
      (p) => p.ntlm.sources[field],
      profiles,
    ),
  );
  const entries = [
    ...spnego,
    ...ntlm,
    ...DOCUMENTED.map((e) => ({ ...e, sources: { ...e.sources } })),
  ];
  // Sources filed under a key that is no field belong to the entry SOURCE_ALIASES names.
  for (const name of DIFFERENCE_IMPLEMENTATIONS)
    for (const [key, citation] of Object.entries(profiles[name].sources)) {
      const id = SOURCE_ALIASES[key];
      const entry = id && entries.find((e) => e.id === id);
      if (!entry) continue;
      const own = entry.sources[name];
      if (own?.includes(citation)) continue;
      entry.sources = { ...entry.sources, [name]: own ? `${own}; ${citation}` : citation };
    }
  return entries;
}

/** The profile field (SPNEGO half or NTLM half) behind each generated entry id. */
export const FIELD_OF_ENTRY: Record<string, string> = Object.fromEntries([
  ...Object.entries(PROFILE_FIELDS).map(([field, e]) => [e.id, field]),
  ...Object.entries(NTLM_FIELDS).map(([field, e]) => [e.id, `ntlm.${field}`]),
]);

/** Every entry of the page, in topic order. */
export const DIFFERENCES: readonly Difference[] = profileDifferences().sort(
  (a, b) => TOPICS.indexOf(a.topic) - TOPICS.indexOf(b.topic),
);

export function findDifference(id: string): Difference | undefined {
  return DIFFERENCES.find((d) => d.id === id);
}

/** The entry id of a profile field, e.g. `requestMic` → `request-mic`, `ntlm.version` → `ntlm-version`. */
export function differenceOfField(field: ProfileField | `ntlm.${NtlmField}`): string {
  return field.startsWith('ntlm.')
    ? NTLM_FIELDS[field.slice(5) as NtlmField].id
    : PROFILE_FIELDS[field as ProfileField].id;
}

/** Whether an implementation's value differs from RFC 4178's (a habit on record, not `NONE`). */
export function differsFromRfc(entry: Difference, name: ProfileName): boolean {
  const value = entry.values[name];
  return name !== 'rfc4178' && value !== NONE && value !== entry.values.rfc4178;
}

/**
 * The entries a filter keeps: `text` found (case-insensitively) in the title, explanation, a
 * value or a source; `pair`, two implementations whose values differ.
 */
export function filterDifferences(
  entries: readonly Difference[],
  { text = '', pair }: { text?: string; pair?: [ProfileName, ProfileName] },
): Difference[] {
  const needle = text.trim().toLowerCase();
  return entries.filter((e) => {
    if (pair && e.values[pair[0]] === e.values[pair[1]]) return false;
    if (!needle) return true;
    return [
      e.title,
      e.explanation,
      e.topic,
      ...Object.values(e.values),
      ...Object.values(e.sources),
    ]
      .join('\n')
      .toLowerCase()
      .includes(needle);
  });
}
