import { DEFAULT_CONFIG, withPatch, type ConfigPatch, type SimConfig } from './config';

/** A named, documented preset: a configuration plus what a learner should watch for. */
export interface Scenario {
  id: string;
  title: string;
  description: string;
  patch: ConfigPatch;
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'kerberos',
    title: 'Kerberos, accepted at once',
    description:
      'The client holds a Kerberos ticket for the service and sends its AP-REQ optimistically inside NegTokenInit. Kerberos is the first choice of both sides, so the server accepts it in one round trip: accept-completed, supportedMech Kerberos, and an AP-REP that proves the server knew the service key (mutual authentication). No mechListMIC is exchanged: it is optional when nobody was talked out of their first choice.',
    patch: {},
  },
  {
    id: 'kerberos-to-ntlm-fallback',
    title: 'Fallback from Kerberos to NTLM',
    description:
      'The client prefers Kerberos and sends an optimistic AP-REQ, but the server has no Kerberos key and can only do NTLM. The server answers request-mic with supportedMech NTLMSSP and throws the AP-REQ away unread; the client starts NTLM (NEGOTIATE, CHALLENGE, AUTHENTICATE). Because the client did not get its first choice, both sides must prove with a mechListMIC that the mechanism list was not tampered with.',
    patch: { acceptor: { kerberosKey: false } },
  },
  {
    id: 'ntlm',
    title: 'NTLM only (no Kerberos ticket)',
    description:
      'The client has no Kerberos ticket (say, the server was reached by IP address), so it offers only NTLMSSP with an optimistic NEGOTIATE. Three NTLM legs follow. The AUTHENTICATE message carries an NTLM MIC, and that makes the SPNEGO mechListMIC mandatory too (Windows and MIT agree).',
    patch: { initiator: { kerberosTicket: false } },
  },
  {
    id: 'ntlm-preferred',
    title: 'Client prefers NTLM',
    description:
      "The client could do Kerberos but lists NTLM first. The server accepts NTLM, the client's first choice, so SPNEGO itself would not require a MIC — yet the NTLM MIC inside AUTHENTICATE still makes the mechListMIC mandatory.",
    patch: { initiator: { mechs: ['ntlm', 'kerberos'] } },
  },
  {
    id: 'kerberos-no-mutual',
    title: 'Kerberos without mutual authentication',
    description:
      'The client does not ask for mutual authentication, so its Kerberos context is complete as soon as the AP-REQ is built. The server answers accept-completed with no responseToken: there is no AP-REP to send.',
    patch: { initiator: { mutual: false } },
  },
  {
    id: 'reject',
    title: 'No common mechanism',
    description:
      "The client has only an NTLM password; the server accepts only Kerberos. Nothing in the client's list is acceptable, so the server replies with a bare reject (a1 07 30 05 a0 03 0a 01 02) and the negotiation ends before any mechanism runs.",
    patch: { initiator: { kerberosTicket: false }, acceptor: { mechs: ['kerberos'] } },
  },
  {
    id: 'server-initiated',
    title: 'Server-initiated (SMB-style NegTokenInit2)',
    description:
      'In SMB the server speaks first: its NEGOTIATE response carries a NegTokenInit2 listing the mechanisms it accepts, with the fixed hint "not_defined_in_RFC4178@please_ignore". The Windows client ignores the hints and starts its own negotiation with its own list — MS Kerberos OID first — and the server echoes that exact OID in supportedMech.',
    patch: { transport: 'smb', profile: 'windows', acceptor: { service: 'cifs' } },
  },
  {
    id: 'kerberos-error',
    title: 'Kerberos error: clock skew',
    description:
      "The client's clock is ten minutes off. The server decrypts the authenticator, finds its time outside the five-minute window and answers with a KRB-ERROR (KRB_AP_ERR_SKEW, 37) inside a reject. There is no fallback to NTLM once the chosen mechanism has failed; MIT's client then sends its own reject token.",
    patch: { faults: { clockSkewSeconds: 600 } },
  },
  {
    id: 'ntlm-wrong-password',
    title: 'NTLM with a wrong password',
    description:
      'The client types a wrong password. Its NTLMv2 response is computed for real, and the server, recomputing NTProofStr from the password it holds, finds a different value and rejects.',
    patch: { initiator: { kerberosTicket: false, ntlmPassword: 'wrong-password' } },
  },
  {
    id: 'downgrade-attack',
    title: 'Downgrade attack caught by the mechListMIC',
    description:
      "A man in the middle removes Kerberos from the client's NegTokenInit (and drops the optimistic AP-REQ), hoping to force the weaker NTLM. NTLM runs, but the client signs the list it sent [Kerberos, NTLM] while the server checks the list it received [NTLM]. The MICs cannot match and the attacker cannot forge one without the session key: the server rejects.",
    patch: { faults: { stripMech: 'kerberos' } },
  },
];

export function findScenario(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}

export function scenarioConfig(scenario: Scenario, base: SimConfig = DEFAULT_CONFIG): SimConfig {
  return withPatch(base, scenario.patch);
}
