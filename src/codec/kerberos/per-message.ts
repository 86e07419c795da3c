import {
  bytes,
  encode,
  fieldsOf,
  leaf,
  need,
  readTyped,
  struct,
  u16be,
  u64be,
  u8,
  type Codec,
  type Decoded,
} from '../binary';
import { fail, warn, within, type DecodeContext } from '../context';
import {
  CFX_FLAG,
  CFX_FLAGS,
  CFX_HEADER_LENGTH,
  CFX_TOK_ID,
  SEAL_ALGS,
  SGN_ALGS,
  TOK_IDS,
} from '../../data/kerberos';
import { addChild, type Node } from '../tree';
import { readU16BE, toHex } from '../../bytes';

/**
 * RFC 4121 §4.2.6 per-message tokens, described once on the binary DSL: a fixed 16-byte
 * big-endian header, never GSS-framed. `MIC_TOKEN` and `WRAP_TOKEN` give the tree, the typed
 * value and the encoder; the checksum itself is computed by the caller (src/crypto).
 */

const HEADER = CFX_HEADER_LENGTH;
const FILLER = 0xff;
const SEALED = CFX_FLAG.sealed;
const KNOWN_FLAGS = 0x07;

const { mic: MIC, wrap: WRAP, delete: DELETE } = CFX_TOK_ID;

/** True when `[offset, end)` starts like an RFC 4121 MIC, Wrap or deletion token. */
export function isPerMessageToken(bytes: Uint8Array, offset: number, end: number): boolean {
  if (end - offset < HEADER) return false;
  const id = readU16BE(bytes, offset);
  const flags = bytes[offset + 2];
  if (flags & ~KNOWN_FLAGS) return false;
  if (id === WRAP) return bytes[offset + 3] === FILLER;
  if (id !== MIC && id !== DELETE) return false;
  for (let i = 3; i < 8; i++) if (bytes[offset + i] !== FILLER) return false;
  return true;
}

export function cfxFlagNames(flags: number): string {
  const names: string[] = [];
  for (let bit = 1; bit <= 0x80; bit <<= 1) {
    if (flags & bit) names.push(CFX_FLAGS[bit] ?? `0x${bit.toString(16).padStart(2, '0')}`);
  }
  return names.join(', ') || 'none';
}

const FF = (n: number) => new Uint8Array(n).fill(FILLER);

/** TOK_ID, two bytes shown as hex with their name [RFC 4121 §4.2.6]. */
const tokIdCodec: Codec<number> = {
  type: 'bytes',
  size: 2,
  read(ctx, node) {
    const info = TOK_IDS[toHex(ctx.bytes, node.offset, node.offset + 2)];
    node.value = toHex(ctx.bytes, node.offset, node.offset + 2);
    node.label = info?.name;
    node.spec = info?.spec;
    return readU16BE(ctx.bytes, node.offset);
  },
  write: (w, v) => w.u16be(v),
};

function flagsCodec(wrap: boolean): Codec<number> {
  return {
    ...u8,
    read(ctx, node) {
      const flags = u8.read(ctx, node);
      node.label = cfxFlagNames(flags);
      if (flags & ~KNOWN_FLAGS)
        warn(ctx, node, node.offset, 'undefined Flags bits set (RFC 4121 §4.2.2)');
      if (!wrap && flags & SEALED)
        warn(ctx, node, node.offset, 'Sealed is only meaningful in Wrap tokens');
      return flags;
    },
  };
}

function fillerCodec(length: number): Codec<Uint8Array> {
  const raw = bytes(length);
  return {
    ...raw,
    read(ctx, node) {
      const v = raw.read(ctx, node);
      if (v.some((x) => x !== FILLER)) warn(ctx, node, node.offset, 'Filler should be all ff');
      return v;
    },
  };
}

const specOf = (tokId: number | undefined) =>
  TOK_IDS[(tokId ?? 0).toString(16).padStart(4, '0')]?.spec ?? 'RFC 4121 §4.2.6';

/**
 * MIC token [RFC 4121 §4.2.6.1] (and MIT's context-deletion token, TOK_ID 04 05, which has the
 * same layout): TOK_ID, Flags, five ff bytes, SND_SEQ, then the checksum of the message and the
 * 16 header bytes. Not GSS-framed.
 */
export interface MicToken {
  /** 0x0404 (MIC), 0x0405 (deletion). */
  tokId: number;
  flags: number;
  /** ff ff ff ff ff, written when omitted. */
  filler?: Uint8Array;
  sndSeq: bigint;
  /** SGN_CKSUM; left out, the encoder writes the 16-byte header alone (what the checksum covers). */
  checksum?: Uint8Array;
}

/**
 * Wrap token [RFC 4121 §4.2.6.2]: TOK_ID 05 04, Flags, one ff byte, EC, RRC, SND_SEQ, then the
 * data: sealed, one ciphertext; unsealed, the plaintext and an EC-byte checksum, rotated right by
 * RRC (§4.2.5). The data is kept as sent.
 */
export interface WrapToken {
  flags: number;
  /** ff, written when omitted. */
  filler?: Uint8Array;
  ec: number;
  rrc: number;
  sndSeq: bigint;
  data?: Uint8Array;
}

const m = fieldsOf<MicToken>();

/** MIC and deletion tokens: one layout, one structure. */
export const MIC_TOKEN = struct<MicToken>({
  typeName: 'RFC 4121 token',
  fields: [
    m.value('tokId', 'TOK_ID', tokIdCodec),
    m.value('flags', 'Flags', flagsCodec(false), {
      spec: 'RFC 4121 §4.2.2',
      need: [HEADER - 2, 'the token header'],
    }),
    m.value('filler', 'Filler', fillerCodec(5), { writeDefault: FF(5) }),
    m.value('sndSeq', 'SND_SEQ', u64be, { spec: 'RFC 4121 §4.2.6' }),
    m.value('checksum', 'SGN_CKSUM', bytes(), { when: (r) => r.pos < r.end }),
  ],
  after(r) {
    // The Filler and the checksum are defined where the token kind is.
    const spec = specOf(r.value.tokId);
    for (const name of ['Filler', 'SGN_CKSUM']) {
      const node = r.child(name);
      if (node) node.spec = spec;
    }
  },
});

/** The layout of unsealed Wrap data, for the tree; the typed value keeps the bytes as sent. */
function wrapData(v: Partial<WrapToken>): Codec<Uint8Array> {
  return {
    ...bytes(),
    read(ctx, node) {
      const end = node.offset + node.length;
      decodeWrapData(ctx, node, node.offset, end, {
        sealed: ((v.flags ?? 0) & SEALED) !== 0,
        ec: v.ec ?? 0,
        rrc: v.rrc ?? 0,
        spec: WRAP_SPEC,
      });
      return ctx.bytes.slice(node.offset, end);
    },
  };
}

const WRAP_SPEC = 'RFC 4121 §4.2.6.2';
const w = fieldsOf<WrapToken>();

export const WRAP_TOKEN = struct<WrapToken>({
  typeName: 'RFC 4121 token',
  fields: [
    w.fixed('TOK_ID', tokIdCodec, WRAP),
    w.value('flags', 'Flags', flagsCodec(true), {
      spec: 'RFC 4121 §4.2.2',
      need: [HEADER - 2, 'the token header'],
    }),
    w.value('filler', 'Filler', fillerCodec(1), { spec: WRAP_SPEC, writeDefault: FF(1) }),
    w.value('ec', 'EC', u16be, { spec: 'RFC 4121 §4.2.3' }),
    w.value('rrc', 'RRC', u16be, { spec: 'RFC 4121 §4.2.5' }),
    w.value('sndSeq', 'SND_SEQ', u64be, { spec: 'RFC 4121 §4.2.6' }),
    w.value('data', 'Data', wrapData, { inline: true, when: (r) => r.pos < r.end }),
  ],
});

/** A MIC (or deletion) token's typed fields, or the first error with its offset. */
export function readMicToken(token: Uint8Array): Decoded<MicToken> {
  return readTyped(MIC_TOKEN, token, 'MIC token');
}

export function readWrapToken(token: Uint8Array): Decoded<WrapToken> {
  return readTyped(WRAP_TOKEN, token, 'Wrap token');
}

export function encodeMicToken(value: MicToken): Uint8Array {
  return encode(MIC_TOKEN, value);
}

export function encodeWrapToken(value: WrapToken): Uint8Array {
  return encode(WRAP_TOKEN, value);
}

/**
 * Decodes an RFC 4121 MIC (`04 04`), Wrap (`05 04`) or MIT deletion (`04 05`) token occupying
 * `[start, end)` into a node appended to `parent`. Throws a positioned DecodeError (recorded on
 * the token node) when the header is short or the TOK_ID is not one of these.
 */
export function decodePerMessageToken(
  ctx: DecodeContext,
  parent: Node | null,
  start: number,
  end: number,
): Node {
  const b = ctx.bytes;
  const id = end - start >= 2 ? readU16BE(b, start) : -1;
  const wrap = id === WRAP;
  const info = TOK_IDS[toHex(b, start, Math.min(start + 2, end))];
  const node: Node = {
    name: wrap ? 'Wrap token' : id === DELETE ? 'context deletion token' : 'MIC token',
    offset: start,
    length: end - start,
    type: 'RFC 4121 token',
    label: info?.name,
    spec: info?.spec ?? 'RFC 4121 §4.2.6',
    children: [],
  };
  if (parent) addChild(parent, node);
  within(ctx, node, () => {
    need(b, start, 2, end, 'TOK_ID');
    if (id !== MIC && id !== WRAP && id !== DELETE) {
      leaf(b, node, 'TOK_ID', start, 2, { type: 'bytes', spec: 'RFC 4121 §4.2.6' });
      fail(start, `expected TOK_ID 04 04, 05 04 or 04 05 but found ${toHex(b, start, start + 2)}`);
    }
    (wrap ? WRAP_TOKEN : MIC_TOKEN).read(ctx, node);
  });
  return node;
}

interface WrapLayout {
  sealed: boolean;
  ec: number;
  rrc: number;
  spec: string;
}

/**
 * Wrap data (RFC 4121 §4.2.4): sealed, it is one ciphertext (we hold no key). Unsealed, it is
 * plaintext then an EC-byte checksum, rotated right by RRC (§4.2.5); we split it when the rotation
 * is none or exactly the checksum (Windows signs with RRC = EC, MS-KILE §3.4.5.4.1).
 */
function decodeWrapData(
  ctx: DecodeContext,
  node: Node,
  start: number,
  end: number,
  w: WrapLayout,
): void {
  const b = ctx.bytes;
  const length = end - start;
  if (length === 0) return;
  if (w.sealed) {
    leaf(b, node, 'Data', start, length, {
      type: 'bytes',
      label: `E(plaintext | ${w.ec} filler bytes | token header) with its checksum${w.rrc ? `, rotated right by ${w.rrc}` : ''}`,
      spec: w.spec,
    });
    return;
  }
  const rotation = length > 0 ? w.rrc % length : 0;
  if (w.ec > length || (rotation !== 0 && rotation !== w.ec)) {
    const data = leaf(b, node, 'Data', start, length, {
      type: 'bytes',
      label: `plaintext and checksum, rotated right by ${w.rrc}`,
      spec: w.spec,
    });
    if (w.ec > length) warn(ctx, data, start, `EC (${w.ec}) is longer than the data`);
    return;
  }
  if (rotation === 0) {
    if (length > w.ec)
      leaf(b, node, 'Data', start, length - w.ec, {
        type: 'bytes',
        label: 'plaintext',
        spec: w.spec,
      });
    if (w.ec > 0) leaf(b, node, 'checksum', end - w.ec, w.ec, { type: 'bytes', spec: w.spec });
  } else {
    leaf(b, node, 'checksum', start, w.ec, {
      type: 'bytes',
      label: `rotated to the front (RRC ${w.rrc})`,
      spec: w.spec,
    });
    if (length > w.ec)
      leaf(b, node, 'Data', start + w.ec, length - w.ec, {
        type: 'bytes',
        label: 'plaintext',
        spec: w.spec,
      });
  }
}

/**
 * RFC 1964 MIC (`01 01`), Wrap (`02 01`) and context-deletion (`01 02`) tokens after their TOK_ID,
 * still used for DES3 and RC4-HMAC sessions (RFC 1964 §1.2; RFC 4757 for RC4): SGN_ALG, SEAL_ALG
 * (Wrap only), Filler, the encrypted SND_SEQ, SGN_CKSUM (its length set by SGN_ALG), then for
 * Wrap the confounder and the data (RFC 1964 §1.2.2.3).
 */
export interface Rfc1964Token {
  /** The two SGN_ALG bytes as a little-endian number (11 00 = HMAC-MD5 is 0x0011). */
  sgnAlg: number;
  sealAlg?: number;
  /** ff bytes, written when omitted. */
  filler?: Uint8Array;
  /** Encrypted, 8 bytes. */
  sndSeq: Uint8Array;
  checksum: Uint8Array;
  confounder?: Uint8Array;
  /** Wrap: the data and its padding; otherwise bytes after SGN_CKSUM, which should not be there. */
  data?: Uint8Array;
}

const algHex = (v: number) => toHex(Uint8Array.of(v & 0xff, v >>> 8));

/** SGN_ALG / SEAL_ALG: two bytes shown as hex, named from their table. */
function algCodec(name: (hex: string) => string | undefined, unknown: string): Codec<number> {
  return {
    type: 'bytes',
    size: 2,
    read(ctx, node) {
      const hex = toHex(ctx.bytes, node.offset, node.offset + 2);
      node.value = hex;
      node.label = name(hex);
      if (node.label === undefined) warn(ctx, node, node.offset, unknown);
      return ctx.bytes[node.offset] | (ctx.bytes[node.offset + 1] << 8);
    },
    write(w, v) {
      w.u8(v & 0xff);
      w.u8(v >>> 8);
    },
  };
}

const sgnAlg = algCodec(
  (hex) => SGN_ALGS[hex]?.name,
  'unknown SGN_ALG; checksum length assumed to be 8',
);
const sealAlg = algCodec((hex) => SEAL_ALGS[hex], 'unknown SEAL_ALG');

/** Bytes after SGN_CKSUM in a MIC or deletion token: shown, and flagged. */
const trailing: Codec<Uint8Array> = {
  ...bytes(),
  read(ctx, node) {
    const v = bytes().read(ctx, node);
    warn(ctx, node, node.offset, `${node.length} bytes after SGN_CKSUM`);
    return v;
  },
};

function rfc1964Token(tokId: '0101' | '0201' | '0102') {
  const wrap = tokId === '0201';
  const spec = TOK_IDS[tokId].spec;
  const l = fieldsOf<Rfc1964Token>();
  return struct<Rfc1964Token>({
    typeName: 'RFC 1964 token',
    fields: [
      l.value('sgnAlg', 'SGN_ALG', sgnAlg, { spec }),
      ...(wrap ? [l.value('sealAlg', 'SEAL_ALG', sealAlg, { spec })] : []),
      l.value('filler', 'Filler', fillerCodec(wrap ? 2 : 4), {
        spec,
        writeDefault: FF(wrap ? 2 : 4),
      }),
      l.value('sndSeq', 'SND_SEQ', bytes(8), { spec, label: 'encrypted sequence number' }),
      l.value(
        'checksum',
        'SGN_CKSUM',
        (v) => bytes(SGN_ALGS[algHex(v.sgnAlg ?? 0)]?.checksumLength ?? 8),
        { spec },
      ),
      ...(wrap
        ? [
            l.value('confounder', 'Confounder', bytes(8), { spec }),
            l.value('data', 'Data', bytes(), {
              spec,
              label: 'data and padding',
              when: (r) => r.pos < r.end,
            }),
          ]
        : [l.value('data', 'trailing bytes', trailing, { spec, when: (r) => r.pos < r.end })]),
    ],
  });
}

export const RFC1964_TOKENS = {
  '0101': rfc1964Token('0101'),
  '0201': rfc1964Token('0201'),
  '0102': rfc1964Token('0102'),
} as const;

/**
 * Decodes an RFC 1964 token's fields in [start, end) — `start` just past the TOK_ID — as children
 * of `parent`, after its TOK_ID node. What was read stays when an error stops the reading.
 */
export function decodeRfc1964Fields(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
  tokId: keyof typeof RFC1964_TOKENS,
): void {
  const fields: Node = { name: parent.name, offset: start, length: end - start };
  try {
    RFC1964_TOKENS[tokId].read(ctx, fields);
  } finally {
    for (const c of fields.children ?? []) addChild(parent, c);
  }
}

/** The fields of an RFC 1964 token after its TOK_ID, or the first error with its offset. */
export function readRfc1964Token(
  tokId: keyof typeof RFC1964_TOKENS,
  fields: Uint8Array,
): Decoded<Rfc1964Token> {
  return readTyped(RFC1964_TOKENS[tokId], fields, 'RFC 1964 token');
}

export function encodeRfc1964Token(
  tokId: keyof typeof RFC1964_TOKENS,
  value: Rfc1964Token,
): Uint8Array {
  return encode(RFC1964_TOKENS[tokId], value);
}
