/**
 * The exchange analysis' vocabulary: what was observed (tokens in order, from a paste or a
 * capture), and what the analysis says about it (steps with explanations and checks, secrets
 * opened, outcome, fingerprint). `cli analyze --json` prints exactly `AnalysisJson`.
 * Pure data: no DOM, no store.
 */
import type { KdcMessage } from '../codec/capture';
import type { Node } from '../codec/tree';

export type Side = 'initiator' | 'acceptor';

/** One token as the input gave it. `from` is null when the input does not say who sent it. */
export interface ObservedToken {
  bytes: Uint8Array;
  from: Side | null;
  /** HTTP status code, SMB2 NT status or LDAP resultCode of the leg, where known. */
  status?: number;
  statusText?: string;
  /** Where it was carried: `Authorization: Negotiate`, `SMB2 SESSION_SETUP response`… */
  carrier?: string;
  /** HTTP scheme (`Negotiate`, `NTLM`, `Kerberos`) or SASL mechanism. */
  scheme?: string;
  /** Capture frame number and time (seconds since 1970), for captures. */
  frame?: number;
  time?: number;
  /** Character (or byte) offset of the token in a paste. */
  offset?: number;
}

export type Transport = 'http' | 'smb2' | 'ldap' | 'paste';

/** One authentication: a paste, or one TCP connection of a capture. */
export interface ObservedExchange {
  /** `paste`, or `capture frame 12, 10.0.0.5:51234 → 10.0.0.1:80`. */
  source: string;
  transport: Transport;
  /** `address:port` where the capture says; null for a paste. */
  client: string | null;
  server: string | null;
  tokens: ObservedToken[];
  /** KDC traffic of the capture seen before this exchange ended (its context: AS/TGS, errors). */
  kdc: KdcMessage[];
  /** Bytes the capture missed inside this connection. */
  gaps: number;
}

/** A sentence with where the rule it applies is stated. */
export interface Explanation {
  text: string;
  spec?: string;
}

/** A rule checked against what was observed: ✓ or ✗, with the spec section that states it. */
export interface Check {
  /** Stable id, e.g. `negstate-sequence`, `supportedmech-first-reply`, `mechlistmic-valid`. */
  id: string;
  ok: boolean;
  text: string;
  spec: string;
}

/** A value derived from the secrets, with how it was computed (shown beside the decrypted part). */
export interface DerivedValue {
  name: string;
  /** Lowercase hex. */
  value: string;
  /** e.g. `HMAC_MD5(NTOWFv2, NTProofStr)` with the spec section. */
  how: string;
}

/** What a secret opened or verified in one step. */
export interface SecretResult {
  /** `EncTicketPart`, `Authenticator`, `EncAPRepPart`, `PAC`, `NTLMv2 response`, `mechListMIC`, `KRB-CRED`… */
  what: string;
  ok: boolean;
  text: string;
  /** The decrypted part as a tree (fields named as RFC 4120 / MS-PAC name them). */
  root?: Node;
  /**
   * Where the ciphertext this part came from sits in the step's token (absolute offset and
   * length, as the ciphertext's node in the token's tree): the part is grafted under that node.
   */
  cipher?: { offset: number; length: number };
  derived?: DerivedValue[];
  /** Nothing could be verified (no key or secret applied, or a part it needs is missing): `ok` is false, yet nothing failed. */
  unchecked?: true;
}

export interface AnalysedStep {
  index: number;
  from: Side;
  /** True when `from` was inferred from the token rather than given by the input. */
  inferred: boolean;
  token: Uint8Array;
  /** `NegTokenInit`, `NegTokenInit2`, `NegTokenResp`, or a bare mechanism token (`NTLM CHALLENGE`, `AP-REQ`…). */
  message: string;
  negState: string | null;
  supportedMech: string | null;
  /** Mechanism whose token rides inside: `kerberos`, `ntlm`, `negoex`, or null. */
  mech: string | null;
  mechListMIC: boolean;
  status?: number;
  statusText?: string;
  carrier?: string;
  frame?: number;
  time?: number;
  /** The decoded tree, decrypted parts grafted under their ciphertext. */
  root: Node;
  /** One-line summary as the inspector labels the token. */
  summary: string;
  /** Each side's state after this step, in the simulator's state names. */
  initiatorState: string;
  acceptorState: string;
  explanation: Explanation[];
  checks: Check[];
  secrets: SecretResult[];
}

export type OutcomeResult = 'established' | 'rejected' | 'failed' | 'incomplete';

export interface AnalysedOutcome {
  result: OutcomeResult;
  /** `kerberos`, `ntlm`, `negoex` or null. */
  mech: string | null;
  /** One sentence; for NTLM, why Kerberos was not used. */
  reason: string;
}

export interface Evidence {
  side: Side;
  text: string;
}

export interface Fingerprint {
  /** e.g. `MIT krb5 + gss-ntlmssp`, `Windows SSPI`, `Heimdal`, `Samba`, `unknown`. */
  initiator: string;
  acceptor: string;
  evidence: Evidence[];
}

export interface Finding {
  severity: 'error' | 'warning' | 'info';
  text: string;
  spec?: string;
}

export interface AnalysedExchange {
  source: string;
  transport: Transport;
  client: string | null;
  server: string | null;
  steps: AnalysedStep[];
  outcome: AnalysedOutcome;
  fingerprint: Fingerprint;
  findings: Finding[];
  /** The capture's KDC messages that precede the exchange, summarised. */
  kdc: KdcMessage[];
}

/** Secrets a user gave: local only, never stored. */
export interface Secrets {
  /** NTLM or Kerberos principal passwords; `user` from `user=password`. */
  passwords: { user?: string; password: string }[];
  ntHashes: { user?: string; hash: Uint8Array }[];
  /** MIT keytab files' bytes. */
  keytabs: Uint8Array[];
  /** Raw Kerberos keys. */
  keys: { etype: number; key: Uint8Array }[];
}

export const NO_SECRETS: Secrets = { passwords: [], ntHashes: [], keytabs: [], keys: [] };
