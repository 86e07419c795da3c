import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { publicVectors } from '../../testing/fixtures';
import { createContext, DecodeError, type DecodeContext } from '../context';
import { checkTreeInvariants } from '../../testing/invariants';
import { findAll, findNode, type Node } from '../tree';
import {
  decodeNegoex,
  encodeAlertMessage,
  encodeAlertPulse,
  encodeExchangeMessage,
  encodeNegoex,
  encodeNegoMessage,
  encodeVerifyMessage,
  guidToBytes,
  guidToString,
  isNegoex,
  readNegoex,
  type NegoexOptions,
} from '.';
import { concatBytes, fromHex, toHex } from '../../bytes';

/**
 * NEGOEX: picky-rs's messages (values its tests assert), MS-SPNG §4's ACCEPTOR_NEGO, builders
 * byte for byte, the MIT packed layout, alerts, and malformed input.
 */

const picky = (name: string) => {
  const v = publicVectors().find((x) => x.file.endsWith(`negoex_${name}.hex`))!;
  return { bytes: v.bytes, expected: v.expected as Record<string, unknown> };
};

function run(
  bytes: Uint8Array,
  options?: NegoexOptions,
  end = bytes.length,
): { ctx: DecodeContext; root?: Node; thrown?: DecodeError } {
  const ctx = createContext(bytes);
  const holder: Node = { name: 'token', offset: 0, length: bytes.length };
  try {
    return { ctx, root: decodeNegoex(ctx, holder, 0, end, options) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { ctx, root: holder.children?.[0], thrown: e };
  }
}

function clean(bytes: Uint8Array): Node {
  const { ctx, root } = run(bytes);
  expect(ctx.errors).toEqual([]);
  expect(ctx.warnings).toEqual([]);
  expect(checkTreeInvariants(root!, bytes.length)).toEqual([]);
  return root!;
}

const value = (node: Node, name: string) => findNode(node, name)?.value;
const header = (msg: Node) =>
  Object.fromEntries(findNode(msg, 'Header')!.children!.map((c) => [c.name, c.value]));

const CONVERSATION = '3b29075a-f391-af33-a1b4-a212249d7cb4';
const PKU2U = '0d53335c-f9ea-4d0d-b2ec-4ae3786ec308';

describe('picky-rs NEGOEX messages', () => {
  it('INITIATOR_NEGO', () => {
    const { bytes, expected: e } = picky('initiator_nego');
    const root = clean(bytes);
    expect(root.children).toHaveLength(1);
    const msg = root.children![0];
    expect(msg).toMatchObject({
      name: 'NEGO_MESSAGE',
      spec: 'MS-NEGOEX §2.2.6.3',
      offset: 0,
      length: 112,
    });
    expect(header(msg)).toEqual({
      Signature: '4e45474f45585453',
      MessageType: 0,
      SequenceNum: e.sequence_num,
      cbHeaderLength: e.header_len,
      cbMessageLength: e.message_len,
      ConversationId: e.conversation_id,
    });
    expect(findNode(msg, 'MessageType')!.label).toBe('MESSAGE_TYPE_INITIATOR_NEGO');
    expect(value(msg, 'Random')).toBe(e.random_hex);
    expect(value(msg, 'ProtocolVersion')).toBe(e.protocol_version);
    expect(findAll(msg, 'AuthScheme').map((n) => n.value)).toEqual(e.auth_schemes);
    expect(findNode(msg, 'AuthScheme')!.label).toBe('PKU2U (GUID sent by Windows)');
    expect(value(msg, 'ExtensionCount')).toBe(0);
    expect(findNode(msg, 'ExtensionArray')).toBeUndefined();
  });

  for (const [name, type] of [
    ['initiator_meta_data', 2],
    ['acceptor_meta_data', 3],
  ] as const) {
    it(`${name.toUpperCase()} (EXCHANGE_MESSAGE)`, () => {
      const { bytes, expected: e } = picky(name);
      const msg = clean(bytes).children![0];
      expect(msg.name).toBe('EXCHANGE_MESSAGE');
      expect(header(msg)).toMatchObject({
        MessageType: type,
        SequenceNum: e.sequence_num,
        cbHeaderLength: 64,
      });
      expect(header(msg).cbMessageLength).toBe(e.message_len);
      expect(value(msg, 'AuthScheme')).toBe(e.auth_scheme);
      expect(value(msg, 'ByteArrayLength')).toBe(e.exchange_len);
      const exchange = findNode(msg, 'ExchangeBytes')!;
      expect(exchange).toMatchObject({ offset: 64, length: e.exchange_len, label: 'DER' });
      // The metadata is DER; shown as generic ASN.1 under the bytes.
      expect(exchange.children![0]).toMatchObject({
        name: 'SEQUENCE',
        offset: 64,
        length: e.exchange_len,
      });
    });
  }

  it('VERIFY with its RFC 3961 checksum', () => {
    const { bytes, expected: e } = picky('verify');
    const msg = clean(bytes).children![0];
    const c = e.checksum as Record<string, unknown>;
    expect(msg.name).toBe('VERIFY_MESSAGE');
    expect(header(msg)).toMatchObject({
      MessageType: 6,
      SequenceNum: e.sequence_num,
      cbHeaderLength: 80,
    });
    const checksum = findNode(msg, 'Checksum')!;
    expect(checksum.children!.map((x) => [x.name, x.value ?? null])).toEqual([
      ['cbHeaderLength', c.header_len],
      ['ChecksumScheme', c.checksum_scheme],
      ['ChecksumType', 16],
      ['ChecksumValue', null],
    ]);
    expect(findNode(checksum, 'ChecksumType')!.label).toBe('hmac-sha1-96-aes256');
    expect(findNode(msg, 'Padding')).toMatchObject({ offset: 76, length: 4 });
    expect(value(msg, 'ChecksumValueBytes')).toBe(c.value_hex);
  });

  it('the builders reproduce them byte for byte', () => {
    const random = fromHex(picky('initiator_nego').expected.random_hex as string);
    expect(
      encodeNegoMessage({
        messageType: 0,
        sequenceNum: 0,
        conversationId: CONVERSATION,
        random,
        authSchemes: [PKU2U],
      }),
    ).toEqual(picky('initiator_nego').bytes);
    for (const [name, type, seq] of [
      ['initiator_meta_data', 2, 1],
      ['acceptor_meta_data', 3, 3],
    ] as const) {
      const { bytes } = picky(name);
      const exchange = bytes.slice(64);
      expect(
        encodeExchangeMessage({
          messageType: type,
          sequenceNum: seq,
          conversationId: CONVERSATION,
          authScheme: PKU2U,
          exchange,
        }),
      ).toEqual(bytes);
    }
    expect(
      encodeVerifyMessage({
        sequenceNum: 7,
        conversationId: CONVERSATION,
        authScheme: PKU2U,
        checksumType: 16,
        checksumValue: fromHex('e4a770941783cc0c0d243a57'),
      }),
    ).toEqual(picky('verify').bytes);
  });
});

describe('concatenated messages', () => {
  it('one token with NEGO and META_DATA: two messages in sequence', () => {
    const token = concatBytes(picky('initiator_nego').bytes, picky('initiator_meta_data').bytes);
    const root = clean(token);
    expect(root.children!.map((m) => [m.name, m.offset, m.length])).toEqual([
      ['NEGO_MESSAGE', 0, 112],
      ['EXCHANGE_MESSAGE', 112, 297],
    ]);
    expect(root.label).toBe('NEGO_MESSAGE #0, EXCHANGE_MESSAGE #1');
    // Offsets inside the second message count from its own start.
    expect(findNode(root.children![1], 'ExchangeBytes')!.offset).toBe(112 + 64);
  });

  it('a gap in SequenceNum and a changed ConversationId are flagged', () => {
    const other = encodeVerifyMessage({
      sequenceNum: 4,
      conversationId: '00000000-0000-0000-0000-000000000001',
      authScheme: PKU2U,
      checksumType: 16,
      checksumValue: new Uint8Array(12),
    });
    const { ctx } = run(concatBytes(picky('initiator_nego').bytes, other));
    expect(ctx.errors).toEqual([]);
    expect(ctx.warnings.map((w) => [w.offset, w.message])).toEqual([
      [112 + 24, 'ConversationId differs from the previous message'],
      [112 + 12, 'SequenceNum 4 does not follow 0'],
    ]);
  });
});

describe('MS-SPNG §4 ACCEPTOR_NEGO', () => {
  const bytes = fromHex(
    '4e45474f45585453 01000000 00000000 60000000 70000000' +
      'cffa11765e12599a347d766852bfce70' +
      '97458710bb8242b4c7dfbad2da897aa3 11a7d868463430952562dc13c554f201' +
      '0000000000000000 6000000001000000 0000000000000000' +
      '5c33530deaf90d4db2ec4ae3786ec308',
  );
  it('decodes field by field', () => {
    const msg = clean(bytes).children![0];
    expect(header(msg)).toEqual({
      Signature: '4e45474f45585453',
      MessageType: 1,
      SequenceNum: 0,
      cbHeaderLength: 96,
      cbMessageLength: 112,
      ConversationId: '7611facf-125e-9a59-347d-766852bfce70',
    });
    expect(findNode(msg, 'MessageType')!.label).toBe('MESSAGE_TYPE_ACCEPTOR_NEGO');
    expect(findNode(msg, 'AuthSchemes')!.children!.map((c) => c.value)).toEqual([96, 1, '0000']);
    expect(findNode(msg, 'Extensions')!.children!.map((c) => c.value)).toEqual([0, 0, '0000']);
    expect(value(msg, 'AuthScheme')).toBe(PKU2U);
  });
  it('rebuilds byte for byte', () => {
    expect(
      encodeNegoMessage({
        messageType: 1,
        sequenceNum: 0,
        conversationId: '7611facf-125e-9a59-347d-766852bfce70',
        random: bytes.slice(40, 72),
        authSchemes: [PKU2U],
      }),
    ).toEqual(bytes);
  });
});

describe('extensions, alerts, the packed layout', () => {
  const random = new Uint8Array(32).fill(0x42);
  const nego = () =>
    encodeNegoMessage({
      messageType: 0,
      sequenceNum: 0,
      conversationId: CONVERSATION,
      random,
      authSchemes: [PKU2U, '235f69ad-73fb-4dbc-8203-0629e739339b'],
      extensions: [{ type: 0x80000001, value: fromHex('abcd') }],
    });

  it('NEGO with a critical extension: array and value each where their bytes are', () => {
    const bytes = nego();
    const msg = clean(bytes).children![0];
    expect(findAll(msg, 'AuthScheme').map((a) => a.label)).toEqual([
      'PKU2U (GUID sent by Windows)',
      'PKU2U (GUID in MS-SPNG App. A)',
    ]);
    const ext = findNode(msg, 'EXTENSION')!;
    expect(ext.offset).toBe(96 + 32);
    expect(findNode(ext, 'ExtensionType')).toMatchObject({ value: 0x80000001, label: 'critical' });
    expect(findNode(ext, 'ExtensionValue')!.children!.map((c) => c.value)).toEqual([140, 2]);
    expect(findNode(msg, 'ExtensionValueBytes')).toMatchObject({
      offset: 140,
      length: 2,
      value: 'abcd',
    });
    expect(findNode(msg, 'Payload')!.children!.map((c) => c.name)).toEqual([
      'AuthSchemeArray',
      'ExtensionArray',
      'ExtensionValueBytes',
    ]);
  });

  it('MIT/Heimdal packed vectors are recognised', () => {
    const ms = nego();
    const packed = ms.slice();
    // offset 80 count 84 | offset 86 count 90 | 4 bytes of padding (MIT negoex_util.c)
    packed.set(ms.subarray(88, 94), 86);
    packed.fill(0, 92, 96);
    const { ctx, root } = run(packed);
    expect(ctx.errors).toEqual([]);
    expect(ctx.warnings.map((w) => w.message)).toEqual([
      'vectors packed without C padding (MIT/Heimdal layout)',
    ]);
    const msg = root!.children![0];
    expect(findNode(msg, 'Extensions')).toMatchObject({ offset: 86, length: 6 });
    expect(msg.children!.find((c) => c.name === 'Padding')).toMatchObject({
      offset: 92,
      length: 4,
    });
    expect(findNode(msg, 'ExtensionValueBytes')!.value).toBe('abcd');
    expect(checkTreeInvariants(root!, packed.length)).toEqual([]);
  });

  it('ALERT with an ALERT_PULSE (VERIFY_NO_KEY), MIT header length 72', () => {
    const bytes = encodeAlertMessage({
      sequenceNum: 5,
      conversationId: CONVERSATION,
      authScheme: PKU2U,
      errorCode: 0xc000005e,
      alerts: [{ type: 1, value: encodeAlertPulse(1) }],
    });
    const msg = clean(bytes).children![0];
    expect(msg.name).toBe('ALERT_MESSAGE');
    expect(findNode(msg, 'ErrorCode')!.label).toBe('NTSTATUS 0xc000005e');
    expect(msg.children!.find((c) => c.name === 'Padding')).toMatchObject({
      offset: 68,
      length: 4,
    });
    expect(findNode(msg, 'AlertType')!.label).toBe('ALERT_TYPE_PULSE');
    const pulse = findNode(msg, 'AlertValueBytes')!;
    expect(pulse).toMatchObject({
      type: 'ALERT_PULSE',
      label: 'ALERT_VERIFY_NO_KEY',
      offset: 72 + 12,
      length: 8,
    });
    expect(
      encodeAlertMessage({
        sequenceNum: 5,
        conversationId: CONVERSATION,
        authScheme: PKU2U,
        errorCode: 0,
        alerts: [],
        headerLength: 68,
      }).length,
    ).toBe(68);
  });

  it('an EXCHANGE token goes to the caller’s decoder when one is given', () => {
    const token = fromHex('6003060100');
    const bytes = encodeExchangeMessage({
      messageType: 5,
      sequenceNum: 2,
      conversationId: CONVERSATION,
      authScheme: PKU2U,
      exchange: token,
    });
    const seen: [number, number][] = [];
    const { ctx, root } = run(bytes, {
      decodeExchange: (_ctx, parent, start, end) => void seen.push([start, end]),
    });
    expect(ctx.errors).toEqual([]);
    expect(seen).toEqual([[64, 69]]);
    expect(findNode(root!, 'ExchangeBytes')!.value).toBe('6003060100');
    // Without one, a GSS token stays hex.
    expect(findNode(clean(bytes), 'ExchangeBytes')!.label).toBe('GSS-API token');
  });

  it('GUIDs: Microsoft mixed-endian both ways', () => {
    expect(toHex(guidToBytes(PKU2U))).toBe('5c33530deaf90d4db2ec4ae3786ec308');
    expect(guidToString(guidToBytes('{235F69AD-73FB-4dbc-8203-0629E739339B}'), 0)).toBe(
      '235f69ad-73fb-4dbc-8203-0629e739339b',
    );
    expect(() => guidToBytes('not-a-guid')).toThrow(RangeError);
  });
});

describe('typed values, described once with the tree', () => {
  it('every picky-rs message reads to a typed value that encodes back byte for byte', () => {
    for (const name of ['initiator_nego', 'initiator_meta_data', 'acceptor_meta_data', 'verify']) {
      const { bytes } = picky(name);
      const read = readNegoex(bytes);
      expect(read.ok, name).toBe(true);
      if (!read.ok) continue;
      expect(read.value).toHaveLength(1);
      expect(encodeNegoex(read.value[0]), name).toEqual(bytes);
    }
  });

  it('NEGO: schemes, extensions with their values; VERIFY: the checksum fields', () => {
    const random = new Uint8Array(32).fill(7);
    const bytes = encodeNegoMessage({
      messageType: 0,
      sequenceNum: 3,
      conversationId: CONVERSATION,
      random,
      authSchemes: [PKU2U],
      extensions: [{ type: 0x80000001, value: fromHex('abcd') }],
    });
    const read = readNegoex(concatBytes(bytes, picky('verify').bytes));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const [nego, verify] = read.value;
    expect(nego.structure).toBe('NEGO_MESSAGE');
    if (nego.structure !== 'NEGO_MESSAGE') return;
    expect(nego.message).toMatchObject({
      header: { messageType: 0, sequenceNum: 3, conversationId: CONVERSATION, headerLength: 96 },
      random,
      protocolVersion: 0n,
      authSchemes: [PKU2U],
      extensions: [{ type: 0x80000001, value: fromHex('abcd') }],
    });
    expect(encodeNegoex(nego)).toEqual(bytes);
    expect(verify).toMatchObject({
      structure: 'VERIFY_MESSAGE',
      message: {
        checksumScheme: 1,
        checksumType: 16,
        checksumValue: fromHex('e4a770941783cc0c0d243a57'),
      },
    });
  });

  it('ALERT with a pulse, and with impacket’s 68-byte header, round-trips', () => {
    for (const headerLength of [undefined, 68]) {
      const bytes = encodeAlertMessage({
        sequenceNum: 5,
        conversationId: CONVERSATION,
        authScheme: PKU2U,
        errorCode: 0xc000005e,
        alerts: [{ type: 1, value: encodeAlertPulse(1) }],
        headerLength,
      });
      const read = readNegoex(bytes);
      expect(read.ok).toBe(true);
      if (read.ok) expect(encodeNegoex(read.value[0])).toEqual(bytes);
    }
  });

  it('bad input is an error with its offset, never an exception', () => {
    const bytes = picky('verify').bytes.slice();
    bytes[68] = 200;
    for (const [input, offset] of [
      [bytes, 68],
      [new Uint8Array(0), 0],
    ] as const) {
      const read = readNegoex(input);
      expect(read).toMatchObject({ ok: false, offset });
      if (!read.ok) expect(read.error).not.toMatch(/internal decoder error/);
    }
  });
});

describe('malformed NEGOEX', () => {
  const token = concatBytes(picky('initiator_nego').bytes, picky('initiator_meta_data').bytes);

  it('every truncation: positioned errors, the complete messages before the cut intact', () => {
    for (let len = 0; len < token.length; len++) {
      const { ctx, root, thrown } = run(token, undefined, len);
      // A cut at the message boundary leaves a whole, valid token.
      expect(ctx.errors.length > 0, `length ${len}`).toBe(len !== 112);
      for (const e of ctx.errors) {
        expect(e.offset).toBeGreaterThanOrEqual(0);
        expect(e.offset).toBeLessThanOrEqual(len);
        // A failure the decoder foresaw, not its catch-all for an exception (asDecodeError).
        expect(e.message).not.toMatch(/internal decoder error/);
      }
      if (len >= 112 + 40)
        expect(thrown!.message).toMatch(/^cbMessageLength 297 does not fit the \d+ bytes left/);
      if (root) {
        const holder: Node = { name: 'token', offset: 0, length: token.length, children: [root] };
        expect(checkTreeInvariants(holder, token.length)).toEqual([]);
        if (len >= 112)
          expect(root.children![0]).toMatchObject({ name: 'NEGO_MESSAGE', length: 112 });
      }
    }
  });

  it('bad signature, bad header length, unknown type (the next message still decodes)', () => {
    const bad = picky('verify').bytes.slice();
    bad[0] = 0x4f;
    expect(run(bad).thrown!.message).toBe(
      'not a NEGOEX message: the signature is not "NEGOEXTS" at offset 0',
    );

    const short = picky('verify').bytes.slice();
    short[16] = 40; // cbHeaderLength below VERIFY's 76-byte fixed part
    const s = run(short);
    expect(s.thrown).toBeUndefined();
    expect(s.ctx.errors[0].message).toMatch(
      /^cbHeaderLength 40 must lie between the 76-byte fixed part/,
    );
    for (const e of s.ctx.errors) expect(e.message).not.toMatch(/internal decoder error/);

    const unknown = picky('verify').bytes.slice();
    unknown[8] = 9;
    const u = run(concatBytes(unknown, picky('initiator_nego').bytes));
    expect(u.ctx.errors.map((e) => [e.offset, e.message])).toEqual([
      [8, 'unknown NEGOEX MessageType 9 at offset 8'],
    ]);
    expect(u.root!.children!.map((m) => m.name)).toEqual(['NEGOEX_MESSAGE', 'NEGO_MESSAGE']);
  });

  it('a vector pointing past the message is an error on the vector', () => {
    const bytes = picky('verify').bytes.slice();
    bytes[68] = 200; // ChecksumValue offset
    const { ctx, root } = run(bytes);
    expect(ctx.errors).toEqual([
      {
        offset: 68,
        message:
          'ChecksumValueBytes (12 bytes at offset 200) lies past the end of the 92-byte message at offset 68',
        path: 'ChecksumValue',
      },
    ]);
    expect(checkTreeInvariants(root!, bytes.length)).toEqual([]);
  });

  it('fuzzing never throws anything but positioned DecodeErrors', () => {
    const seeds = [token, picky('verify').bytes, picky('acceptor_meta_data').bytes];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        (which, edits) => {
          const bytes = seeds[which].slice();
          for (const [at, v] of edits) bytes[at % bytes.length] = v;
          const { ctx, root } = run(bytes);
          for (const e of ctx.errors) {
            expect(e.offset).toBeLessThanOrEqual(bytes.length);
            expect(e.message).not.toMatch(/internal decoder error/);
          }
          if (root) expect(checkTreeInvariants(root, bytes.length)).toEqual([]);
        },
      ),
      { numRuns: 600, seed: 4178 },
    );
  });

  it('isNegoex sniffs the signature', () => {
    expect(isNegoex(token, 0, token.length)).toBe(true);
    expect(isNegoex(token, 1, token.length)).toBe(false);
  });
});
