import type { Explanations } from '../explain';

const HEADER = 'MS-NEGOEX §2.2.6.2';
const VECTOR = 'MS-NEGOEX §2.2.5.2';
const ALERT = 'MS-NEGOEX §2.2.5.1.1';
const ALERT_PULSE = 'MS-NEGOEX §2.2.5.1.2';
const CHECKSUM = 'MS-NEGOEX §2.2.5.1.3';
const EXTENSION = 'MS-NEGOEX §2.2.5.1.4';

/**
 * NEGOEX (MS-NEGOEX §2.2). Messages, vectors and most fields carry their spec from the decoder;
 * header fields, vector members, array elements and padding get theirs here.
 */
export const NEGOEX_EXPLANATIONS: Explanations = {
  NEGOEX: {
    meaning: 'One or more NEGOEX messages, concatenated.',
    note: 'NEGOEX is Microsoft’s extended negotiation that runs inside SPNEGO to pick among further mechanisms (e.g. PKU2U).',
    spec: 'MS-NEGOEX §2.2',
  },
  NEGOEX_MESSAGE: { meaning: 'A NEGOEX message whose type could not be read.', spec: HEADER },
  NEGO_MESSAGE: {
    meaning: 'NEGOEX offer: a random value and the auth schemes (GUIDs), most preferred first.',
  },
  EXCHANGE_MESSAGE: { meaning: 'NEGOEX metadata or a context token of one auth scheme.' },
  VERIFY_MESSAGE: {
    meaning:
      'NEGOEX checksum over every earlier NEGOEX message, made with the chosen scheme’s key.',
  },
  ALERT_MESSAGE: { meaning: 'NEGOEX alert: an error code and alerts about one auth scheme.' },

  // --- MESSAGE_HEADER ---
  Header: {
    meaning:
      'The 40-byte NEGOEX message header: signature, type, sequence number, lengths, conversation id.',
  },
  'Signature@Header': { meaning: 'The eight bytes “NEGOEXTS”.', spec: HEADER },
  'MessageType@Header': {
    meaning:
      'NEGOEX message type: 0/1 NEGO, 2/3 META_DATA, 4 CHALLENGE, 5 AP_REQUEST, 6 VERIFY, 7 ALERT.',
  },
  SequenceNum: {
    meaning: 'Message counter of the conversation, both directions, starting at 0.',
    spec: HEADER,
  },
  'cbHeaderLength@Header': {
    meaning: 'Length of the header including the message’s fixed part (where the payload starts).',
    spec: HEADER,
  },
  cbMessageLength: { meaning: 'Length of the whole message.', spec: HEADER },
  ConversationId: {
    meaning: 'A GUID the initiator picks; constant for the whole exchange.',
    spec: HEADER,
  },
  'Padding@NEGO_MESSAGE': { meaning: 'Padding up to cbHeaderLength.', spec: HEADER },
  'Padding@EXCHANGE_MESSAGE': { meaning: 'Padding up to cbHeaderLength.', spec: HEADER },
  'Padding@VERIFY_MESSAGE': { meaning: 'Padding up to cbHeaderLength.', spec: HEADER },
  'Padding@ALERT_MESSAGE': { meaning: 'Padding up to cbHeaderLength.', spec: HEADER },
  'Payload@NEGO_MESSAGE': {
    meaning:
      'The variable-length part, located by the vectors above (offsets count from the message start).',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  'Payload@EXCHANGE_MESSAGE': {
    meaning:
      'The variable-length part, located by the Exchange vector (offsets count from the message start).',
    spec: 'MS-NEGOEX §2.2.6.4',
  },
  'Payload@VERIFY_MESSAGE': {
    meaning:
      'The variable-length part, located by the checksum vector (offsets count from the message start).',
    spec: 'MS-NEGOEX §2.2.6.5',
  },
  'Payload@ALERT_MESSAGE': {
    meaning:
      'The variable-length part, located by the Alerts vector (offsets count from the message start).',
    spec: 'MS-NEGOEX §2.2.6.6',
  },

  // --- NEGO_MESSAGE ---
  Random: { meaning: '32 random bytes.' },
  ProtocolVersion: { meaning: 'NEGOEX version: 0.' },
  AuthSchemes: { meaning: 'Vector (offset and count) of the offered auth scheme GUIDs.' },
  AuthScheme: { meaning: 'The auth scheme (a GUID) this message belongs to.' },
  'AuthScheme@AuthSchemeArray': {
    meaning: 'An offered auth scheme GUID.',
    spec: 'MS-NEGOEX §2.2.6.3',
  },
  AuthSchemeArray: { meaning: 'The offered auth scheme GUIDs, most preferred first.' },
  AuthSchemeArrayOffset: {
    meaning: 'Where the auth scheme GUIDs start, counted from the start of this NEGOEX message.',
    spec: VECTOR,
  },
  AuthSchemeCount: { meaning: 'How many auth scheme GUIDs are offered.', spec: VECTOR },
  Extensions: { meaning: 'Vector of extensions (normally empty).' },
  ExtensionArrayOffset: {
    meaning: 'Where the extensions start, counted from the start of this NEGOEX message.',
    spec: VECTOR,
  },
  ExtensionCount: { meaning: 'How many extensions follow.', spec: VECTOR },
  ExtensionArray: { meaning: 'The extensions.' },
  EXTENSION: { meaning: 'One extension: a type and a byte vector.', spec: EXTENSION },
  ExtensionType: {
    meaning: 'The extension type; with the high bit set the extension is critical.',
    note: 'A receiver that does not know a critical extension rejects the authentication.',
    spec: EXTENSION,
  },
  ExtensionValue: { meaning: 'Vector (offset and length) of the extension’s value.' },
  ExtensionValueBytes: { meaning: 'The extension’s value.' },
  'Padding@AuthSchemes': { meaning: 'Two padding bytes after the count.', spec: VECTOR },
  'Padding@Extensions': { meaning: 'Two padding bytes after the count.', spec: VECTOR },
  'Padding@Alerts': { meaning: 'Two padding bytes after the count.', spec: VECTOR },

  // --- EXCHANGE_MESSAGE ---
  Exchange: { meaning: 'Vector (offset and length) of the carried metadata or context token.' },
  ExchangeBytes: { meaning: 'The metadata or context token carried by this EXCHANGE_MESSAGE.' },
  ByteArrayOffset: {
    meaning: 'Where the bytes start, counted from the start of this NEGOEX message.',
    spec: VECTOR,
  },
  ByteArrayLength: { meaning: 'How many bytes the vector holds.', spec: VECTOR },

  // --- VERIFY_MESSAGE ---
  'Checksum@VERIFY_MESSAGE': {
    meaning: 'An RFC 3961 keyed checksum over all earlier NEGOEX messages.',
    note: 'Key usage 23 when the initiator signs, 25 when the acceptor signs.',
  },
  'cbHeaderLength@Checksum': {
    meaning: 'Length of the CHECKSUM structure’s fixed part: 20.',
    spec: CHECKSUM,
  },
  ChecksumScheme: { meaning: 'Checksum scheme: 1 = RFC 3961.', spec: CHECKSUM },
  ChecksumType: {
    meaning: 'RFC 3961 checksum type, e.g. 16 hmac-sha1-96-aes256.',
    spec: CHECKSUM,
  },
  ChecksumValue: { meaning: 'Vector of the checksum bytes.' },
  ChecksumValueBytes: { meaning: 'The checksum bytes.' },

  // --- ALERT_MESSAGE ---
  ErrorCode: {
    meaning: 'An NTSTATUS code for the auth scheme’s failure.',
    spec: 'MS-NEGOEX §2.2.6.6',
  },
  Alerts: { meaning: 'Vector (offset and count) of the alerts.' },
  AlertArrayOffset: {
    meaning: 'Where the alerts start, counted from the start of this NEGOEX message.',
    spec: VECTOR,
  },
  AlertCount: { meaning: 'How many alerts follow.', spec: VECTOR },
  AlertArray: { meaning: 'The alerts.' },
  ALERT: { meaning: 'One alert: a type and a byte vector.', spec: ALERT },
  AlertType: { meaning: 'The alert type: 1 ALERT_TYPE_PULSE.', spec: ALERT },
  AlertValue: { meaning: 'Vector (offset and length) of the alert’s value.' },
  AlertValueBytes: { meaning: 'The alert’s value (for a pulse, an ALERT_PULSE).' },
  'cbHeaderLength@AlertValueBytes': { meaning: 'Length of the ALERT_PULSE: 8.', spec: ALERT_PULSE },
  Reason: {
    meaning: 'Why the alert was sent: 1 ALERT_VERIFY_NO_KEY (no key to verify with).',
    spec: ALERT_PULSE,
  },
};
