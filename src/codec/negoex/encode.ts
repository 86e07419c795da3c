import { NEGOEX_SIGNATURE } from '../../data/negoex';
import { guidToBytes } from './guid';
import { concatBytes, encodeU64LE, requireLength, writeU16LE, writeU32LE } from '../../bytes';

/**
 * Byte-exact NEGOEX message builders [MS-NEGOEX §2.2.6] in the Microsoft C layout (counted
 * vectors padded to 8 bytes). The payload follows the fixed part in field order; empty counted
 * vectors have offset 0 (what Windows and picky-rs send for Extensions), empty byte vectors point
 * at the end of the fixed part.
 */

export interface NegoexHeaderFields {
  sequenceNum: number;
  /** GUID string, e.g. `3b29075a-f391-af33-a1b4-a212249d7cb4`. */
  conversationId: string;
}

export interface NegoexTypedValue {
  type: number;
  value: Uint8Array;
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

function message(
  type: number,
  fields: NegoexHeaderFields,
  fixedLength: number,
  payload: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(fixedLength + payload.length);
  out.set(NEGOEX_SIGNATURE);
  writeU32LE(out, 8, type);
  writeU32LE(out, 12, fields.sequenceNum);
  writeU32LE(out, 16, fixedLength);
  writeU32LE(out, 20, out.length);
  out.set(guidToBytes(fields.conversationId), 24);
  out.set(payload, fixedLength);
  return out;
}

function putCountVector(out: Uint8Array, at: number, offset: number, count: number): void {
  writeU32LE(out, at, count === 0 ? 0 : offset);
  writeU16LE(out, at + 4, count);
}

function putByteVector(out: Uint8Array, at: number, offset: number, length: number): void {
  writeU32LE(out, at, offset);
  writeU32LE(out, at + 4, length);
}

/** EXTENSION/ALERT arrays: 12-byte elements, then the values back to back. */
function typedArray(items: readonly NegoexTypedValue[], arrayOffset: number): Uint8Array {
  const array = new Uint8Array(12 * items.length);
  let cursor = arrayOffset + array.length;
  items.forEach((item, i) => {
    writeU32LE(array, 12 * i, item.type);
    putByteVector(array, 12 * i + 4, cursor, item.value.length);
    cursor += item.value.length;
  });
  return concatBytes(array, ...items.map((i) => i.value));
}

/** NEGO_MESSAGE [MS-NEGOEX §2.2.6.3]. */
export function encodeNegoMessage(fields: NegoMessageFields): Uint8Array {
  requireLength('Random', fields.random, 32);
  const fixed = 96;
  const schemes = concatBytes(...fields.authSchemes.map(guidToBytes));
  const extensions = fields.extensions ?? [];
  const extOffset = fixed + schemes.length;
  const out = message(
    fields.messageType,
    fields,
    fixed,
    concatBytes(schemes, typedArray(extensions, extOffset)),
  );
  out.set(fields.random, 40);
  out.set(encodeU64LE(fields.protocolVersion ?? 0n), 72);
  putCountVector(out, 80, fixed, fields.authSchemes.length);
  putCountVector(out, 88, extOffset, extensions.length);
  return out;
}

/** EXCHANGE_MESSAGE [MS-NEGOEX §2.2.6.4]. */
export function encodeExchangeMessage(fields: ExchangeMessageFields): Uint8Array {
  const out = message(fields.messageType, fields, 64, fields.exchange);
  out.set(guidToBytes(fields.authScheme), 40);
  putByteVector(out, 56, 64, fields.exchange.length);
  return out;
}

/** VERIFY_MESSAGE [MS-NEGOEX §2.2.6.5]: 76 bytes of fields padded to 80. */
export function encodeVerifyMessage(fields: VerifyMessageFields): Uint8Array {
  const out = message(6, fields, 80, fields.checksumValue);
  out.set(guidToBytes(fields.authScheme), 40);
  writeU32LE(out, 56, 20);
  writeU32LE(out, 60, fields.checksumScheme ?? 1);
  writeU32LE(out, 64, fields.checksumType);
  putByteVector(out, 68, 80, fields.checksumValue.length);
  return out;
}

/** ALERT_MESSAGE [MS-NEGOEX §2.2.6.6]. */
export function encodeAlertMessage(fields: AlertMessageFields): Uint8Array {
  const fixed = fields.headerLength ?? 72;
  if (fixed < 68) throw new RangeError('an ALERT_MESSAGE header is at least 68 bytes');
  const out = message(7, fields, fixed, typedArray(fields.alerts, fixed));
  out.set(guidToBytes(fields.authScheme), 40);
  writeU32LE(out, 56, fields.errorCode);
  putCountVector(out, 60, fixed, fields.alerts.length);
  return out;
}

/** ALERT_PULSE value [MS-NEGOEX §2.2.5.1.2]: cbHeaderLength 8, Reason (1 = ALERT_VERIFY_NO_KEY). */
export function encodeAlertPulse(reason: number): Uint8Array {
  const out = new Uint8Array(8);
  writeU32LE(out, 0, 8);
  writeU32LE(out, 4, reason);
  return out;
}
