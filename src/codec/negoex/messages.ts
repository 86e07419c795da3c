import { DecodeError, contain, warn, type DecodeContext } from '../context';
import {
  bytes,
  fieldsOf,
  labelled,
  struct,
  u32,
  u64,
  type Codec,
  type PayloadLayout,
  type StructReading,
} from '../binary';
import { decodeGeneric } from '../asn1/decode';
import { addChild, type Node } from '../tree';
import {
  CHECKSUM_TYPES,
  NEGOEX_CHECKSUM_SCHEMES,
  NEGOEX_MESSAGE_TYPES,
  NEGOEX_SIGNATURE,
  NEGOEX_STRUCTURE_SPEC,
} from '../../data/negoex';
import {
  alertValue,
  authScheme,
  authSchemeArray,
  byteVector,
  countVector,
  guid,
  typedValueArray,
  typedValueItems,
  type NegoexTypedValue,
} from './vectors';
import { readU16LE, readU32LE, toHex } from '../../bytes';

/**
 * The NEGOEX messages [MS-NEGOEX §2.2.6], each described once on the binary DSL: the inspector's
 * tree, the typed value and the encoder come from these field lists. A message is its
 * MESSAGE_HEADER then its body; vectors point into the payload after cbHeaderLength, with
 * offsets from the message's first byte.
 */

export interface NegoexOptions {
  /**
   * Decodes the token inside an EXCHANGE message (a GSS-framed Kerberos or PKU2U token for
   * AP_REQUEST / CHALLENGE) into children of `parent`. Without it, DER metadata is shown as
   * generic ASN.1 and anything else as hex.
   */
  decodeExchange?: (ctx: DecodeContext, parent: Node, start: number, end: number) => void;
}

/** The options of the decode in progress, for the EXCHANGE codec. */
export const exchangeOptions = new WeakMap<DecodeContext, NegoexOptions>();

/** MESSAGE_HEADER [MS-NEGOEX §2.2.6.2]. */
export interface MessageHeader {
  /** MESSAGE_TYPE [§2.2.6.1]. */
  messageType: number;
  sequenceNum: number;
  /** cbHeaderLength: where the payload starts. The encoder computes it (see the messages' padding). */
  headerLength?: number;
  /** cbMessageLength; the encoder computes it. */
  messageLength?: number;
  /** GUID string, e.g. `3b29075a-f391-af33-a1b4-a212249d7cb4`. */
  conversationId: string;
}

const h = fieldsOf<MessageHeader>();

export const MESSAGE_HEADER = struct<MessageHeader>({
  typeName: 'MESSAGE_HEADER',
  spec: 'MS-NEGOEX §2.2.6.2',
  fields: [
    h.fixed('Signature', bytes(8), Uint8Array.from(NEGOEX_SIGNATURE), { label: '"NEGOEXTS"' }),
    h.value(
      'messageType',
      'MessageType',
      labelled(u32, (t) => NEGOEX_MESSAGE_TYPES[t]?.name ?? 'unknown'),
      { spec: 'MS-NEGOEX §2.2.6.1' },
    ),
    h.value('sequenceNum', 'SequenceNum', u32),
    h.value('headerLength', 'cbHeaderLength', u32, { writeDefault: 0 }),
    h.value('messageLength', 'cbMessageLength', u32, { writeDefault: 0 }),
    h.value('conversationId', 'ConversationId', guid),
  ],
});

interface WithHeader {
  header: MessageHeader;
  layout?: PayloadLayout;
}

/** Where the payload starts: cbHeaderLength from the message's first byte. */
const headerEnd = (r: StructReading<WithHeader>) => r.start + (r.value.header?.headerLength ?? 0);

/**
 * Bytes between the fixed fields and cbHeaderLength. Written up to the header length asked for,
 * or `fixed` (each structure's sizeof with C padding, what MIT and Windows send).
 */
function padding<T extends WithHeader>(fixed: number) {
  const f = fieldsOf<T>();
  return f.fixed('Padding', paddingCodec(fixed), new Uint8Array(0), {
    when: (r) => r.pos < headerEnd(r as unknown as StructReading<WithHeader>),
  });
}

function paddingCodec<T extends WithHeader>(fixed: number) {
  return (v: Partial<T>, r: StructReading<T> | undefined): Codec<Uint8Array> => {
    const size = r ? headerEnd(r as unknown as StructReading<WithHeader>) - r.pos : undefined;
    return {
      type: 'bytes',
      size,
      read(ctx, node) {
        node.label = 'up to cbHeaderLength';
        return bytes().read(ctx, node);
      },
      write(w) {
        const target = v.header?.headerLength || fixed;
        const n = target - (w.length - w.origin);
        if (n > 0) w.zeros(n);
      },
    };
  };
}

/** NEGO_MESSAGE [§2.2.6.3]. */
export interface NegoMessage extends WithHeader {
  random: Uint8Array;
  protocolVersion?: bigint;
  /** AuthScheme GUIDs, most preferred first. */
  authSchemes?: string[];
  extensions?: NegoexTypedValue[];
}

const NEGO_SPEC = NEGOEX_STRUCTURE_SPEC.NEGO_MESSAGE;

/**
 * Microsoft's C layout pads each USHORT-count vector to 8 bytes; MIT and Heimdal pack them
 * (offset 80, count 84, offset 86, count 90). Read the packed form only when the Microsoft
 * reading looks wrong (non-zero padding or an impossible extension vector) and the packed one
 * fits (MIT krb5 src/lib/gssapi/spnego/negoex_util.c, negoex_add_nego_message()).
 */
function packed(r: StructReading<NegoMessage> | undefined): boolean {
  if (!r) return false;
  return r.memo('packed', () => {
    const b = r.ctx.bytes;
    const start = r.start;
    const headerLength = r.value.header?.headerLength ?? 0;
    const length = r.end - start;
    const fits = (offset: number, count: number) =>
      count === 0 || (offset >= headerLength && offset + count * 12 <= length);
    const msFits = fits(readU32LE(b, start + 88), readU16LE(b, start + 92));
    const padSet = readU16LE(b, start + 86) !== 0;
    return (padSet || !msFits) && fits(readU32LE(b, start + 86), readU16LE(b, start + 90));
  });
}

const protocolVersion: Codec<bigint> = {
  ...u64,
  read(ctx, node) {
    const v = u64.read(ctx, node);
    if (v !== 0n) warn(ctx, node, node.offset, `ProtocolVersion ${v}; only 0 is defined`);
    return v;
  },
};

const n = fieldsOf<NegoMessage>();

export const NEGO_MESSAGE = struct<NegoMessage>({
  typeName: 'NEGO_MESSAGE',
  fields: [
    n.value('header', 'Header', MESSAGE_HEADER),
    n.value('random', 'Random', bytes(32), { spec: NEGO_SPEC }),
    n.value('protocolVersion', 'ProtocolVersion', protocolVersion, {
      spec: NEGO_SPEC,
      writeDefault: 0n,
    }),
    n.pointer('authSchemes', 'AuthSchemes', authSchemeArray, {
      spec: NEGO_SPEC,
      descriptor: (r) => countVector('AuthScheme', packed(r)),
      emptyOffset: 'zero',
    }),
    n.pointer('extensions', 'Extensions', (_v, r) => typedValueArray('Extension', r), {
      spec: NEGO_SPEC,
      descriptor: (r) => countVector('Extension', packed(r)),
      emptyOffset: 'zero',
      check(r, node) {
        if (packed(r))
          warn(r.ctx, node, node.offset, 'vectors packed without C padding (MIT/Heimdal layout)');
      },
    }),
    padding<NegoMessage>(96),
  ],
  payload: { order: ['AuthSchemes', 'Extensions'], emptyOffset: 'cursor', emptyItems: false },
  extraItems: (r) =>
    typedValueItems(
      r,
      r.pointer('extensions'),
      'Extension',
      headerEnd(r as unknown as StructReading<WithHeader>),
      NEGO_SPEC,
      () => bytes(),
    ),
});

/** EXCHANGE_MESSAGE [§2.2.6.4]: INITIATOR/ACCEPTOR_META_DATA, CHALLENGE, AP_REQUEST. */
export interface ExchangeMessage extends WithHeader {
  authScheme: string;
  exchange?: Uint8Array;
}

const EXCHANGE_SPEC = NEGOEX_STRUCTURE_SPEC.EXCHANGE_MESSAGE;

/** The exchanged token: to the caller's decoder, else DER metadata shown generically, else hex. */
const exchangeToken: Codec<Uint8Array> = {
  type: 'bytes',
  read(ctx, node) {
    const start = node.offset;
    const end = start + node.length;
    node.value = toHex(ctx.bytes, start, end);
    const hook = exchangeOptions.get(ctx)?.decodeExchange;
    if (hook) {
      contain(ctx, node, () => hook(ctx, node, start, end));
    } else if (ctx.bytes[start] === 0x60) {
      // A GSS token (0x60) is not one plain TLV inside; only metadata DER is shown generically.
      node.label = 'GSS-API token';
    } else {
      const probe: DecodeContext = { bytes: ctx.bytes, errors: [], warnings: [], depth: ctx.depth };
      try {
        const tree = decodeGeneric(probe, null, start, end);
        if (probe.errors.length === 0 && tree.offset + tree.length === end) {
          addChild(node, tree);
          ctx.warnings.push(...probe.warnings);
          node.label = 'DER';
        }
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
    return ctx.bytes.slice(start, end);
  },
  write: (w, v) => w.raw(v),
};

const x = fieldsOf<ExchangeMessage>();

export const EXCHANGE_MESSAGE = struct<ExchangeMessage>({
  typeName: 'EXCHANGE_MESSAGE',
  fields: [
    x.value('header', 'Header', MESSAGE_HEADER),
    x.value('authScheme', 'AuthScheme', authScheme, { spec: EXCHANGE_SPEC }),
    x.pointer('exchange', 'Exchange', exchangeToken, {
      spec: EXCHANGE_SPEC,
      descriptor: byteVector,
    }),
    padding<ExchangeMessage>(64),
  ],
  payload: { order: ['Exchange'], emptyOffset: 'cursor', emptyItems: false },
});

/** VERIFY_MESSAGE [§2.2.6.5] with its CHECKSUM [§2.2.5.1.3]. */
export interface VerifyMessage extends WithHeader {
  authScheme: string;
  /** 1 = CHECKSUM_SCHEME_RFC3961 (the only one defined). */
  checksumScheme: number;
  /** RFC 3961 checksum type, e.g. 16 = hmac-sha1-96-aes256. */
  checksumType: number;
  checksumValue?: Uint8Array;
}

const VERIFY_SPEC = NEGOEX_STRUCTURE_SPEC.VERIFY_MESSAGE;
const checksumTypeName = (t: number | undefined) =>
  CHECKSUM_TYPES[t ?? -1] ?? 'unknown checksum type';

const checksumHeaderLength: Codec<number> = {
  ...u32,
  read(ctx, node) {
    const v = u32.read(ctx, node);
    if (v !== 20) warn(ctx, node, node.offset, `CHECKSUM cbHeaderLength ${v}; it is 20`);
    return v;
  },
};

const v = fieldsOf<VerifyMessage>();

export const VERIFY_MESSAGE = struct<VerifyMessage>({
  typeName: 'VERIFY_MESSAGE',
  fields: [
    v.value('header', 'Header', MESSAGE_HEADER),
    v.value('authScheme', 'AuthScheme', authScheme, { spec: VERIFY_SPEC }),
    v.group(
      'Checksum',
      'CHECKSUM',
      [
        v.fixed('cbHeaderLength', checksumHeaderLength, 20),
        v.value(
          'checksumScheme',
          'ChecksumScheme',
          labelled(u32, (s) => NEGOEX_CHECKSUM_SCHEMES[s] ?? 'unknown checksum scheme'),
        ),
        v.value('checksumType', 'ChecksumType', labelled(u32, checksumTypeName)),
        v.pointer(
          'checksumValue',
          'ChecksumValue',
          (value) => labelled(bytes(), () => checksumTypeName(value.checksumType)),
          { spec: VERIFY_SPEC, descriptor: byteVector },
        ),
      ],
      { spec: 'MS-NEGOEX §2.2.5.1.3', labelOf: (value) => checksumTypeName(value.checksumType) },
    ),
    padding<VerifyMessage>(80),
  ],
  payload: { order: ['ChecksumValue'], emptyOffset: 'cursor', emptyItems: false },
});

/** ALERT_MESSAGE [§2.2.6.6]; ALERT_PULSE values are decoded [§2.2.5.1.2]. */
export interface AlertMessage extends WithHeader {
  authScheme: string;
  /** An NTSTATUS. */
  errorCode: number;
  alerts?: NegoexTypedValue[];
}

const ALERT_SPEC = NEGOEX_STRUCTURE_SPEC.ALERT_MESSAGE;
const a = fieldsOf<AlertMessage>();

/** cbHeaderLength 72 (sizeof with C padding, as MIT writes) unless the header asks otherwise; impacket uses 68. */
export const ALERT_MESSAGE = struct<AlertMessage>({
  typeName: 'ALERT_MESSAGE',
  fields: [
    a.value('header', 'Header', MESSAGE_HEADER),
    a.value('authScheme', 'AuthScheme', authScheme, { spec: ALERT_SPEC }),
    a.value(
      'errorCode',
      'ErrorCode',
      labelled(u32, (c) => `NTSTATUS 0x${c.toString(16).padStart(8, '0')}`),
    ),
    a.pointer('alerts', 'Alerts', (_v, r) => typedValueArray('Alert', r), {
      spec: ALERT_SPEC,
      descriptor: countVector('Alert'),
      emptyOffset: 'zero',
    }),
    padding<AlertMessage>(72),
  ],
  payload: { order: ['Alerts'], emptyOffset: 'cursor', emptyItems: false },
  extraItems: (r) =>
    typedValueItems(
      r,
      r.pointer('alerts'),
      'Alert',
      headerEnd(r as unknown as StructReading<WithHeader>),
      ALERT_SPEC,
      alertValue,
    ),
});
