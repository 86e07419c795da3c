import { encode, type Struct } from '../binary';
import {
  ALERT_MESSAGE,
  EXCHANGE_MESSAGE,
  NEGO_MESSAGE,
  VERIFY_MESSAGE,
  type MessageHeader,
} from './messages';
import { ALERT_PULSE, type NegoexTypedValue } from './vectors';
import type { NegoexMessage } from './decode';

/**
 * Byte-exact NEGOEX messages [MS-NEGOEX §2.2.6] from typed values, through the structures in
 * `messages.ts`: the Microsoft C layout (counted vectors padded to 8 bytes), the payload after
 * the fixed part in field order, empty counted vectors at offset 0 (what Windows and picky-rs
 * send for Extensions), empty byte vectors pointing at the end of the fixed part.
 * cbHeaderLength and cbMessageLength are computed.
 */

function encodeMessage<T extends { header: MessageHeader }>(s: Struct<T>, value: T): Uint8Array {
  // First without the lengths, to learn where the payload starts and where the message ends.
  const first = s.encodeWithPositions(value);
  return encode(s, {
    ...value,
    header: {
      ...value.header,
      headerLength: first.positions.Payload,
      messageLength: first.bytes.length,
    },
  });
}

/** The bytes of a typed message (as `readNegoex` gives them). */
export function encodeNegoex(m: NegoexMessage): Uint8Array {
  switch (m.structure) {
    case 'NEGO_MESSAGE':
      return encodeMessage(NEGO_MESSAGE, m.message);
    case 'EXCHANGE_MESSAGE':
      return encodeMessage(EXCHANGE_MESSAGE, m.message);
    case 'VERIFY_MESSAGE':
      return encodeMessage(VERIFY_MESSAGE, m.message);
    case 'ALERT_MESSAGE':
      return encodeMessage(ALERT_MESSAGE, m.message);
  }
}

export type { NegoexTypedValue };

export interface NegoexHeaderFields {
  sequenceNum: number;
  /** GUID string, e.g. `3b29075a-f391-af33-a1b4-a212249d7cb4`. */
  conversationId: string;
}

export interface NegoMessageFields extends NegoexHeaderFields {
  /** 0 = MESSAGE_TYPE_INITIATOR_NEGO, 1 = MESSAGE_TYPE_ACCEPTOR_NEGO. */
  messageType: 0 | 1;
  random: Uint8Array;
  protocolVersion?: bigint;
  /** AuthScheme GUIDs, most preferred first. */
  authSchemes: readonly string[];
  extensions?: readonly NegoexTypedValue[];
}

export interface ExchangeMessageFields extends NegoexHeaderFields {
  /** 2/3 = INITIATOR/ACCEPTOR_META_DATA, 4 = CHALLENGE, 5 = AP_REQUEST. */
  messageType: 2 | 3 | 4 | 5;
  authScheme: string;
  exchange: Uint8Array;
}

export interface VerifyMessageFields extends NegoexHeaderFields {
  authScheme: string;
  /** RFC 3961 checksum type, e.g. 16 = hmac-sha1-96-aes256. */
  checksumType: number;
  checksumValue: Uint8Array;
  /** 1 = CHECKSUM_SCHEME_RFC3961 (the only one defined). */
  checksumScheme?: number;
}

export interface AlertMessageFields extends NegoexHeaderFields {
  authScheme: string;
  errorCode: number;
  alerts: readonly NegoexTypedValue[];
  /** cbHeaderLength: 72 (sizeof with C padding, as MIT writes) by default; impacket uses 68. */
  headerLength?: number;
}

const header = (messageType: number, f: NegoexHeaderFields): MessageHeader => ({
  messageType,
  sequenceNum: f.sequenceNum,
  conversationId: f.conversationId,
});

/** NEGO_MESSAGE [MS-NEGOEX §2.2.6.3]. */
export function encodeNegoMessage(f: NegoMessageFields): Uint8Array {
  return encodeMessage(NEGO_MESSAGE, {
    header: header(f.messageType, f),
    random: f.random,
    protocolVersion: f.protocolVersion ?? 0n,
    authSchemes: [...f.authSchemes],
    extensions: [...(f.extensions ?? [])],
  });
}

/** EXCHANGE_MESSAGE [MS-NEGOEX §2.2.6.4]. */
export function encodeExchangeMessage(f: ExchangeMessageFields): Uint8Array {
  return encodeMessage(EXCHANGE_MESSAGE, {
    header: header(f.messageType, f),
    authScheme: f.authScheme,
    exchange: f.exchange,
  });
}

/** VERIFY_MESSAGE [MS-NEGOEX §2.2.6.5]: 76 bytes of fields padded to 80. */
export function encodeVerifyMessage(f: VerifyMessageFields): Uint8Array {
  return encodeMessage(VERIFY_MESSAGE, {
    header: header(6, f),
    authScheme: f.authScheme,
    checksumScheme: f.checksumScheme ?? 1,
    checksumType: f.checksumType,
    checksumValue: f.checksumValue,
  });
}

/** ALERT_MESSAGE [MS-NEGOEX §2.2.6.6]. */
export function encodeAlertMessage(f: AlertMessageFields): Uint8Array {
  if (f.headerLength !== undefined && f.headerLength < 68)
    throw new RangeError('an ALERT_MESSAGE header is at least 68 bytes');
  return encodeMessage(ALERT_MESSAGE, {
    header: { ...header(7, f), headerLength: f.headerLength },
    authScheme: f.authScheme,
    errorCode: f.errorCode,
    alerts: [...f.alerts],
  });
}

/** ALERT_PULSE value [MS-NEGOEX §2.2.5.1.2]: cbHeaderLength 8, Reason (1 = ALERT_VERIFY_NO_KEY). */
export function encodeAlertPulse(reason: number): Uint8Array {
  return encode(ALERT_PULSE, { reason });
}
