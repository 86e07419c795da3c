import type { NegStateName, Role, Rule } from '../types';

/**
 * What an observed token says, as typed values: the observing state machines read these, never
 * bytes or trees (the analysis layer fills them from the codec's typed readers). Every field is
 * something a sender put on the wire; nothing here is inferred.
 */

/** A Kerberos context message inside a GSS token (RFC 4121 §4.1) or bare (DCE style, MS-KILE §3.4.5.1). */
export type KerberosObservation =
  | {
      mech: 'kerberos';
      message: 'AP-REQ';
      /** GSS-framed (`60 … 01 00`); false = DCE style raw AP-REQ. */
      framed: boolean;
      /** The framing's mechanism OID, when framed. */
      thisMech: string | null;
      /** ap-options mutual-required (RFC 4120 §5.5.1). */
      mutualRequired: boolean;
      useSessionKey: boolean;
      /** Ticket sname as `HTTP/host`, its name-type, realm, enc-part etype and kvno. */
      sname: string;
      snameType: number;
      realm: string;
      ticketEtype: number;
      ticketKvno: number | null;
      authenticatorEtype: number;
      authenticatorLength: number;
    }
  | { mech: 'kerberos'; message: 'AP-REP'; framed: boolean; etype: number }
  | {
      mech: 'kerberos';
      message: 'KRB-ERROR';
      framed: boolean;
      errorCode: number;
      /** KerberosTime strings as on the wire (`2026-11-26T08:27:23Z`). */
      stime: string;
      ctime: string | null;
      eText: string | null;
      eData: boolean;
      sname: string;
      realm: string;
    };

/** NTLM messages (MS-NLMP §2.2.1). Timestamps are FILETIME (100 ns since 1601). */
export type NtlmObservation =
  | { mech: 'ntlm'; message: 'NEGOTIATE'; flags: number; version: NtlmVersionValue | null }
  | {
      mech: 'ntlm';
      message: 'CHALLENGE';
      flags: number;
      version: NtlmVersionValue | null;
      /** AvIds of TargetInfo in order (MsvAvEOL left out). */
      avIds: number[];
      avFlags: number | null;
      timestamp: bigint | null;
    }
  | {
      mech: 'ntlm';
      message: 'AUTHENTICATE';
      flags: number;
      version: NtlmVersionValue | null;
      /** The MIC field is present (MS-NLMP §2.2.1.3). */
      mic: boolean;
      variant: string;
      lmResponseLength: number;
      ntResponseLength: number;
      /** From the NTLMv2 response's AV list (MS-NLMP §2.2.2.7), when NTLMv2. */
      avIds: number[];
      avFlags: number | null;
      timestamp: bigint | null;
      /** MsvAvChannelBindings: absent, sixteen zero bytes, or a hash. */
      channelBindings: 'absent' | 'zero' | 'present';
      userName: string | null;
      domainName: string | null;
      workstation: string | null;
    };

export interface NtlmVersionValue {
  major: number;
  minor: number;
  build: number;
  revision: number;
}

export type MechObservation =
  | KerberosObservation
  | NtlmObservation
  | { mech: 'negoex'; message: string }
  /** A mechanism token nothing here can read (its decoder's error). */
  | { mech: null; message: 'unreadable'; error: string };

/** One token as the observing machines see it. */
export type TokenObservation =
  | {
      kind: 'NegTokenInit';
      mechTypes: string[];
      reqFlags: boolean;
      inner: MechObservation | null;
      /** mechListMIC length, null when absent. */
      mechListMIC: number | null;
    }
  | {
      kind: 'NegTokenInit2';
      mechTypes: string[];
      hintName: string | null;
      inner: MechObservation | null;
      mechListMIC: number | null;
    }
  | {
      kind: 'NegTokenResp';
      negState: NegStateName | null;
      supportedMech: string | null;
      inner: MechObservation | null;
      /** responseToken length, null when absent (0: an empty one, old IIS). */
      responseToken: number | null;
      mechListMIC: number | null;
      /** mechListMIC byte-identical to responseToken (Windows 2000, RFC 4178 App. C). */
      micDuplicatesToken: boolean;
      /** The whole token's length (MIT's own reject is 9 bytes). */
      length: number;
    }
  /** A bare mechanism token: raw Kerberos GSS token, raw NTLM (HTTP `NTLM` scheme). */
  | { kind: 'mech'; inner: MechObservation }
  /** GetMIC / Wrap on an established context (RFC 4121 §4.2, MS-NLMP §3.4). */
  | {
      kind: 'per-message';
      mech: 'kerberos' | 'ntlm';
      what: string;
      /** RFC 4121 §4.2.2 SentByAcceptor flag, where the token has one. */
      sentByAcceptor: boolean | null;
    }
  | { kind: 'unknown'; error: string };

export type Side = Role;

/** A fact a check can be built on: the analysis turns these into ✓/✗ checks. */
export interface ObservedFacts {
  /** This token is the acceptor's first reply to NegTokenInit. */
  firstReply: boolean;
  /** The mechanism the acceptor selected (from supportedMech or the optimistic mech). */
  selected: string | null;
  /** The selected mechanism is not the initiator's first choice. */
  reselected: boolean;
  /** What happened to the optimistic token, decided on the first reply. */
  optimistic: 'none' | 'used' | 'discarded' | 'wrongly-used' | null;
  /** Whether the MIC exchange is required at this point, and the rule that made it so. */
  micRequired: boolean;
  micRequiredWhy: Rule | null;
  /** A mechListMIC was due in this token (the sender finished its mechanism or answers a MIC). */
  micDue: boolean;
  /** The token is a per-message token on an established context. */
  perMessage: boolean;
}
