import { CKSUMTYPES } from './kerberos';

/**
 * NEGOEX tables (MS-NEGOEX §2.2.3, §2.2.5, §2.2.6): message types, auth scheme GUIDs,
 * checksum schemes and types, alert types.
 */

/** "NEGOEXTS", the ULONG64 0x535458454F47454E little-endian [MS-NEGOEX §2.2.6.2]. */
export const NEGOEX_SIGNATURE = [0x4e, 0x45, 0x47, 0x4f, 0x45, 0x58, 0x54, 0x53] as const;

export const NEGOEX_HEADER_LENGTH = 40;

export type NegoexStructure =
  'NEGO_MESSAGE' | 'EXCHANGE_MESSAGE' | 'VERIFY_MESSAGE' | 'ALERT_MESSAGE';

/** MESSAGE_TYPE [MS-NEGOEX §2.2.6.1] and the structure each one carries. */
export const NEGOEX_MESSAGE_TYPES: Record<number, { name: string; structure: NegoexStructure }> = {
  0: { name: 'MESSAGE_TYPE_INITIATOR_NEGO', structure: 'NEGO_MESSAGE' },
  1: { name: 'MESSAGE_TYPE_ACCEPTOR_NEGO', structure: 'NEGO_MESSAGE' },
  2: { name: 'MESSAGE_TYPE_INITIATOR_META_DATA', structure: 'EXCHANGE_MESSAGE' },
  3: { name: 'MESSAGE_TYPE_ACCEPTOR_META_DATA', structure: 'EXCHANGE_MESSAGE' },
  4: { name: 'MESSAGE_TYPE_CHALLENGE', structure: 'EXCHANGE_MESSAGE' },
  5: { name: 'MESSAGE_TYPE_AP_REQUEST', structure: 'EXCHANGE_MESSAGE' },
  6: { name: 'MESSAGE_TYPE_VERIFY', structure: 'VERIFY_MESSAGE' },
  7: { name: 'MESSAGE_TYPE_ALERT', structure: 'ALERT_MESSAGE' },
};

export const NEGOEX_STRUCTURE_SPEC: Record<NegoexStructure, string> = {
  NEGO_MESSAGE: 'MS-NEGOEX §2.2.6.3',
  EXCHANGE_MESSAGE: 'MS-NEGOEX §2.2.6.4',
  VERIFY_MESSAGE: 'MS-NEGOEX §2.2.6.5',
  ALERT_MESSAGE: 'MS-NEGOEX §2.2.6.6',
};

/** Size of each structure's fixed part (before padding to cbHeaderLength). */
export const NEGOEX_FIXED_LENGTH: Record<NegoexStructure, number> = {
  NEGO_MESSAGE: 96,
  EXCHANGE_MESSAGE: 64,
  VERIFY_MESSAGE: 76,
  ALERT_MESSAGE: 68,
};

/**
 * Known AuthScheme GUIDs. PKU2U has two in circulation: MS-SPNG App. A <2> assigns
 * 235f69ad-…, while Windows sends 0d53335c-… (MS-SPNG §4's example, and the GUID that
 * Devolutions sspi-rs and Google's NtApiDotNet `NegoExAuthSchemes.PKU2U` use to talk to it).
 */
export const NEGOEX_AUTH_SCHEMES: Record<string, string> = {
  '0d53335c-f9ea-4d0d-b2ec-4ae3786ec308': 'PKU2U (GUID sent by Windows)',
  '235f69ad-73fb-4dbc-8203-0629e739339b': 'PKU2U (GUID in MS-SPNG App. A)',
};

/** CHECKSUM_SCHEME_RFC3961 [MS-NEGOEX §2.2.5.1.3]. */
export const NEGOEX_CHECKSUM_SCHEMES: Record<number, string> = {
  1: 'CHECKSUM_SCHEME_RFC3961',
};

/**
 * The Kerberos checksum types (RFC 3961 §8, RFC 8009 §8, RFC 4757) as NEGOEX carries them, in a
 * ULONG: the negative Microsoft ones wrap (-138 is 0xffffff76).
 */
export const CHECKSUM_TYPES: Record<number, string> = Object.fromEntries(
  Object.entries(CKSUMTYPES).map(([type, name]) => [Number(type) >>> 0, name]),
);

/** EXTENSION types with this bit are critical [MS-NEGOEX §2.2.5.1.4]. */
export const NEGOEX_EXTENSION_CRITICAL = 0x80000000;

/** ALERT types and ALERT_PULSE reasons [MS-NEGOEX §2.2.3, §2.2.5.1.2]. */
export const NEGOEX_ALERT_TYPES: Record<number, string> = { 1: 'ALERT_TYPE_PULSE' };
export const NEGOEX_ALERT_REASONS: Record<number, string> = { 1: 'ALERT_VERIFY_NO_KEY' };

/** Key usages of the VERIFY checksum [MS-NEGOEX §3.1.5.7]. */
export const NEGOEX_KEYUSAGE_INITIATOR_CHECKSUM = 23;
export const NEGOEX_KEYUSAGE_ACCEPTOR_CHECKSUM = 25;
