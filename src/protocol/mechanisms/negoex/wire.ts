import {
  encodeAlertMessage,
  encodeAlertPulse,
  encodeExchangeMessage,
  encodeNegoMessage,
  encodeVerifyMessage,
  guidToString,
  readNegoex,
  NEGOEX_KEYUSAGE_ACCEPTOR_CHECKSUM,
  NEGOEX_KEYUSAGE_INITIATOR_CHECKSUM,
  type NegoexMessage,
} from '../../../codec/negoex';
import { checksum, etypeProfile } from '../../../crypto/kerberos';
import { concatBytes, encodeLatin1, equalBytes } from '../../../bytes';
import type { SimConfig } from '../../config';
import { deterministicBytes } from '../../random';
import type { Role } from '../../types';
import type { KrbData } from '../kerberos/state';
import type { NegoexData } from './state';

/**
 * The simulator's Kerberos auth scheme. MS-NEGOEX defines no GUID for Kerberos, and MIT krb5 asks
 * each mechanism for its own (src/lib/gssapi/spnego/negoex_util.c, negoex_add_auth_mech() via
 * gssspi_query_mechanism_info()): its krb5 mechanism has none. Windows' own schemes (PKU2U, sent
 * as 0d53335c-…) run Kerberos messages too. This GUID is the simulator's, fixed so runs repeat.
 */
export const KERBEROS_AUTH_SCHEME = 'b8f4a9d2-6c1e-4f3b-9a57-3e0d2c71f6a8';

/** Message types [MS-NEGOEX §2.2.6.1]. */
export const MESSAGE_TYPE = {
  INITIATOR_NEGO: 0,
  ACCEPTOR_NEGO: 1,
  INITIATOR_META_DATA: 2,
  ACCEPTOR_META_DATA: 3,
  CHALLENGE: 4,
  AP_REQUEST: 5,
  VERIFY: 6,
  ALERT: 7,
} as const;

/** The 16 random bytes of the ConversationId, drawn from the run's seed. */
export function conversationIdOf(config: SimConfig): string {
  return guidToString(deterministicBytes(config.seed, 'negoex-conversation-id', 16), 0);
}

/** NEGO_MESSAGE's 32 random bytes (MS-NEGOEX §2.2.6.3), per side. */
export function randomOf(config: SimConfig, role: Role): Uint8Array {
  return deterministicBytes(config.seed, `negoex-${role}-random`, 32);
}

/**
 * The auth scheme's metadata (MS-NEGOEX §3.1.5.3: opaque to NEGOEX, the scheme's own). The
 * simulated Kerberos scheme says which realm its credentials belong to, as a DER KerberosString
 * (RFC 4120 §5.2.1), like PKU2U's list of trusted issuers.
 */
export function realmMetadata(realm: string): Uint8Array {
  const text = encodeLatin1(realm);
  const length = text.length < 0x80 ? [text.length] : [0x81, text.length];
  return concatBytes(Uint8Array.from([0x1b, ...length]), text);
}

/** The realm a metadata blob names, or null when it is not one KerberosString. */
export function metadataRealm(bytes: Uint8Array): string | null {
  if (bytes.length < 2 || bytes[0] !== 0x1b) return null;
  const long = bytes[1] === 0x81;
  const length = long ? bytes[2] : bytes[1];
  const start = long ? 3 : 2;
  if (length === undefined || start + length !== bytes.length || (bytes[1] & 0x80 && !long))
    return null;
  return String.fromCharCode(...bytes.subarray(start));
}

/** Appends one outgoing message to the conversation: the next SequenceNum, the transcript grows. */
export function emit(
  data: NegoexData,
  build: (f: { sequenceNum: number; conversationId: string }) => Uint8Array,
): { data: NegoexData; bytes: Uint8Array } {
  const bytes = build({ sequenceNum: data.nextSeq, conversationId: data.conversationId });
  return {
    data: { ...data, nextSeq: data.nextSeq + 1, transcript: concatBytes(data.transcript, bytes) },
    bytes,
  };
}

export const negoMessage =
  (messageType: 0 | 1, random: Uint8Array, schemes: readonly string[]) =>
  (f: { sequenceNum: number; conversationId: string }) =>
    encodeNegoMessage({ ...f, messageType, random, authSchemes: schemes });

export const exchangeMessage =
  (messageType: 2 | 3 | 4 | 5, scheme: string, exchange: Uint8Array) =>
  (f: { sequenceNum: number; conversationId: string }) =>
    encodeExchangeMessage({ ...f, messageType, authScheme: scheme, exchange });

/** ALERT with one ALERT_PULSE, reason ALERT_VERIFY_NO_KEY (MS-NEGOEX §2.2.5.1.2), ErrorCode 0 as MIT. */
export const verifyNoKeyAlert =
  (scheme: string) => (f: { sequenceNum: number; conversationId: string }) =>
    encodeAlertMessage({
      ...f,
      authScheme: scheme,
      errorCode: 0,
      alerts: [{ type: 1, value: encodeAlertPulse(1) }],
    });

/** One received message with where it starts in its token. */
export interface Received {
  message: NegoexMessage;
  offset: number;
  type: number;
}

export type ParsedLeg = { ok: true; messages: Received[] } | { ok: false; error: string };

/**
 * Reads a token's concatenated messages and checks each header against the conversation: the
 * SequenceNum must be the next expected, the ConversationId the initiator's (the acceptor learns
 * it from message 0) [MS-NEGOEX §3.1.5.4; MIT krb5 negoex_util.c, parse_message()].
 */
export function parseLeg(token: Uint8Array, data: NegoexData | null): ParsedLeg {
  const read = readNegoex(token);
  if (!read.ok) return { ok: false, error: `${read.error} at byte ${read.offset}` };
  let expected = data?.nextSeq ?? 0;
  let conversation = data?.conversationId ?? null;
  let offset = 0;
  const messages: Received[] = [];
  for (const message of read.value) {
    const header = message.message.header;
    if (header.sequenceNum !== expected)
      return {
        ok: false,
        error: `SequenceNum ${header.sequenceNum} where ${expected} was expected`,
      };
    if (conversation === null) conversation = header.conversationId;
    else if (header.conversationId !== conversation)
      return { ok: false, error: `ConversationId ${header.conversationId} is not ${conversation}` };
    messages.push({ message, offset, type: header.messageType });
    offset += header.messageLength ?? 0;
    expected++;
  }
  if (messages.length === 0) return { ok: false, error: 'no NEGOEX message in the token' };
  return { ok: true, messages };
}

export const find = (messages: Received[], type: number): Received | undefined =>
  messages.find((m) => m.type === type);

/** The Exchange bytes of an EXCHANGE_MESSAGE. */
export function exchangeOf(r: Received | undefined): { scheme: string; bytes: Uint8Array } | null {
  if (!r || r.message.structure !== 'EXCHANGE_MESSAGE') return null;
  return {
    scheme: r.message.message.authScheme,
    bytes: r.message.message.exchange ?? new Uint8Array(0),
  };
}

/**
 * The key a side signs its VERIFY with, from the Kerberos context as it stands (RFC 4121 §2: the
 * acceptor's subkey once the AP-REP asserted one, else the initiator's subkey, else the ticket's
 * session key). The initiator signs before any AP-REP, so with its own subkey; the acceptor with
 * the subkey its AP-REP carries.
 */
export function verifyKey(
  krb: KrbData,
  signer: Role,
): { key: Uint8Array; etype: number; name: string } | null {
  if (signer === 'acceptor' && krb.acceptorSubkey)
    return {
      key: krb.acceptorSubkey,
      etype: krb.acceptorSubkeyEtype,
      name: "the acceptor's subkey",
    };
  if (krb.initiatorSubkey)
    return {
      key: krb.initiatorSubkey,
      etype: krb.initiatorSubkeyEtype,
      name: "the initiator's subkey",
    };
  if (krb.sessionKey)
    return { key: krb.sessionKey, etype: krb.sessionEtype, name: 'the session key' };
  return null;
}

/**
 * Key usage of a VERIFY checksum: 23 when the initiator signs, 25 when the acceptor signs
 * (MS-NEGOEX §3.1.5.7; MIT krb5 negoex_ctx.c, verify_keyusage()).
 */
export const usageOf = (signer: Role): number =>
  signer === 'initiator' ? NEGOEX_KEYUSAGE_INITIATOR_CHECKSUM : NEGOEX_KEYUSAGE_ACCEPTOR_CHECKSUM;

/** The RFC 3961 checksum type that goes with a key's etype (its mandatory keyed checksum). */
export const cksumtypeOf = (etype: number): number => etypeProfile(etype).cksumtype;

/** The VERIFY message over everything sent and received so far (MS-NEGOEX §2.2.6.5). */
export function verifyMessage(
  transcript: Uint8Array,
  key: { key: Uint8Array; etype: number },
  signer: Role,
  scheme: string,
) {
  const value = checksum(key.key, usageOf(signer), transcript, key.etype);
  return (f: { sequenceNum: number; conversationId: string }) =>
    encodeVerifyMessage({
      ...f,
      authScheme: scheme,
      checksumType: cksumtypeOf(key.etype) >>> 0,
      checksumValue: value,
    });
}

/**
 * Checks the peer's VERIFY: its checksum over the transcript before this token plus this token's
 * messages up to the VERIFY itself (MIT krb5 negoex_ctx.c, verify_checksum()).
 */
export function checkVerify(
  transcript: Uint8Array,
  token: Uint8Array,
  verify: Received,
  key: { key: Uint8Array; etype: number },
  signer: Role,
): { ok: boolean; reason?: string } {
  if (verify.message.structure !== 'VERIFY_MESSAGE') return { ok: false, reason: 'not a VERIFY' };
  const v = verify.message.message;
  if (v.checksumScheme !== 1)
    return { ok: false, reason: `ChecksumScheme ${v.checksumScheme} is not RFC 3961 (1)` };
  const expectedType = cksumtypeOf(key.etype) >>> 0;
  if (v.checksumType >>> 0 !== expectedType)
    return {
      ok: false,
      reason: `ChecksumType ${v.checksumType} does not go with the key (expected ${expectedType})`,
    };
  const covered = concatBytes(transcript, token.subarray(0, verify.offset));
  const expected = checksum(key.key, usageOf(signer), covered, key.etype);
  return equalBytes(expected, v.checksumValue ?? new Uint8Array(0))
    ? { ok: true }
    : { ok: false, reason: 'the checksum does not match the messages received' };
}
