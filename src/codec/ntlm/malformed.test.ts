import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { publicVectors, realTokens } from '../../testing/fixtures';
import { createContext, DecodeError, type DecodeContext } from '../context';
import { checkTreeInvariants } from '../../testing/invariants';
import { findNode, type Node } from '../tree';
import { decodeNtlm, decodeNtlmSignature, encodeAuthenticate, encodeNegotiate } from '.';
import { fromHex } from '../../bytes';

/**
 * Hostile input: every failure is a positioned DecodeError or an error recorded in the context,
 * never another exception, never a read past `end`, and the tree keeps its invariants.
 */

interface Outcome {
  ctx: DecodeContext;
  node?: Node;
  thrown?: DecodeError;
}

function run(bytes: Uint8Array, start = 0, end = bytes.length): Outcome {
  const ctx = createContext(bytes);
  const root: Node = { name: 'token', offset: 0, length: bytes.length };
  try {
    const node = decodeNtlm(ctx, root, start, end);
    return { ctx, node };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    return { ctx, node: root.children?.[0], thrown: e };
  }
}

/** Errors and tree shape are sound, whatever the input was. */
function expectSound(o: Outcome, bytes: Uint8Array, start: number, end: number): void {
  if (o.thrown) {
    expect(o.thrown.offset).toBeGreaterThanOrEqual(start);
    expect(o.thrown.offset).toBeLessThanOrEqual(end);
    expect(o.ctx.errors.length).toBeGreaterThan(0);
  }
  for (const e of o.ctx.errors) {
    expect(e.offset).toBeGreaterThanOrEqual(start);
    expect(e.offset).toBeLessThanOrEqual(end);
    expect(e.message).toMatch(/at offset \d+$/);
    // A failure the decoder foresaw, not its catch-all for an exception (asDecodeError).
    expect(e.message).not.toMatch(/internal decoder error/);
  }
  if (o.node) {
    const root: Node = { name: 'token', offset: 0, length: bytes.length, children: [o.node] };
    expect(checkTreeInvariants(root, bytes.length)).toEqual([]);
    expect(o.node.offset + o.node.length).toBeLessThanOrEqual(end);
  }
}

const authenticate = realTokens('raw-ntlm-01-ntlmv2').find((t) =>
  t.name.includes('AUTHENTICATE'),
)!.bytes;
const vector = (file: string) => publicVectors().find((v) => v.file.endsWith(file))!.bytes;

describe('truncation of a real AUTHENTICATE (gss-ntlmssp, 274 bytes)', () => {
  it('every prefix gives positioned errors and never reads past its end', () => {
    expect(authenticate.length).toBe(274);
    for (let len = 0; len < authenticate.length; len++) {
      // The message sits at offset 5 of a larger buffer whose bytes after `end` are noise.
      const noisy = new Uint8Array(5 + authenticate.length + 16).fill(0xa5);
      noisy.set(authenticate, 5);
      const clean = new Uint8Array(5 + len).fill(0xa5);
      clean.set(authenticate.subarray(0, len), 5);
      const a = run(noisy, 5, 5 + len);
      const b = run(clean, 5, 5 + len);
      expect(a.ctx.errors.length, `length ${len}`).toBeGreaterThan(0);
      expectSound(a, noisy, 5, 5 + len);
      // Same result with or without bytes beyond `end`.
      expect(a.ctx.errors).toEqual(b.ctx.errors);
      expect(JSON.stringify(a.node)).toBe(JSON.stringify(b.node));
    }
  });

  it('a cut inside the payload keeps the items before the cut', () => {
    const o = run(authenticate.subarray(0, 240));
    expect(o.thrown).toBeUndefined();
    expect(o.ctx.errors.map((e) => e.path)).toEqual([
      'UserNameFields',
      'WorkstationFields',
      'EncryptedRandomSessionKeyFields',
    ]);
    expect(o.ctx.errors[0].message).toBe(
      'UserName (10 bytes at offset 234) runs past the end of the 240-byte message at offset 36',
    );
    expect(findNode(o.node!, 'DomainName')!.value).toBe('EXAMPLE');
    expect(findNode(o.node!, 'UserName')).toMatchObject({ offset: 234, length: 6, value: 'ali' });
    expect(findNode(o.node!, 'NTProofStr')!.value).toBe('3fe6fce69fe63f84201458168075a19b');
  });

  it('a cut inside the fixed part stops with the field that is missing', () => {
    const o = run(authenticate.subarray(0, 50));
    expect(o.thrown!.message).toBe(
      'expected 48 bytes for the AUTHENTICATE_MESSAGE Fields descriptors but only 38 remain at offset 12',
    );
    expect(o.node!.error).toBe(o.thrown!.message);
  });
});

describe('payload descriptors pointing elsewhere', () => {
  const base = {
    flags: 0xe2898235,
    version: { major: 6, minor: 2, build: 0, revision: 15 },
    domainName: 'EXAMPLE',
    userName: 'alice',
    workstation: 'CLIENT1',
    ntChallengeResponse: new Uint8Array(24).fill(7),
  };
  const setOffset = (bytes: Uint8Array, at: number, value: number) => {
    const out = bytes.slice();
    new DataView(out.buffer).setUint32(at, value, true);
    return out;
  };

  it('an offset past the end is an error on the descriptor naming field and offset; the rest decodes', () => {
    const { bytes } = encodeAuthenticate(base);
    const o = run(setOffset(bytes, 40, 0xfffffff0));
    expect(o.thrown).toBeUndefined();
    expect(o.ctx.errors).toEqual([
      {
        offset: 40,
        message: `UserName (10 bytes at offset 4294967280) lies past the end of the ${bytes.length}-byte message at offset 40`,
        path: 'UserNameFields',
      },
    ]);
    expect(findNode(o.node!, 'UserNameFields')!.error).toBe(o.ctx.errors[0].message);
    expect(findNode(o.node!, 'UserName')).toBeUndefined();
    expect(findNode(o.node!, 'Workstation')!.value).toBe('CLIENT1');
    expectSound(o, bytes, 0, bytes.length);
  });

  it('an offset into the fixed fields is an error; an overlap of two items a warning', () => {
    const { bytes } = encodeAuthenticate(base);
    const into = run(setOffset(bytes, 40, 8));
    expect(into.ctx.errors[0].message).toMatch(
      /^UserName \(10 bytes at offset 8\) overlaps the fixed fields/,
    );
    const overlap = run(setOffset(bytes, 40, 72));
    expect(overlap.ctx.errors).toEqual([]);
    expect(overlap.ctx.warnings[0].message).toMatch(
      /^UserName \(10 bytes at offset 72\) overlaps DomainName/,
    );
    expectSound(overlap, bytes, 0, bytes.length);
  });

  it('empty items stay in order when one points past the message and another into the payload', () => {
    // Fuzz counterexample (seeds 924879179, 924727624), cut to its 72-byte header: every non-empty
    // item points outside the payload, LmChallengeResponse is empty at offset 72 (in the payload)
    // and UserName empty at 0x00360036 (past the end); UserName sorts last but goes where the
    // placed items end, not back at 64.
    const fuzzed = fromHex(
      '4e544c4d5353500003000000000000004800000060820595fc00fc0048000000000000000000000036003600' +
        '440100001a001a007a0100001000100094010000358289e206020000',
    );
    const f = run(fuzzed);
    expect(f.ctx.errors.map((e) => e.path).sort()).toEqual([
      'DomainNameFields',
      'EncryptedRandomSessionKeyFields',
      'NtChallengeResponseFields',
      'WorkstationFields',
    ]);
    expect(f.ctx.errors.find((e) => e.path === 'DomainNameFields')!.message).toBe(
      'DomainName (72 bytes at offset 0) overlaps the fixed fields of the message at offset 32',
    );
    expect(
      findNode(f.node!, 'Payload')!.children!.map((c) => [c.name, c.offset, c.length]),
    ).toEqual([
      ['LmChallengeResponse', 72, 0],
      ['UserName', 72, 0],
    ]);
    expectSound(f, fuzzed, 0, fuzzed.length);

    // The same by hand: NtChallengeResponse points into the fixed fields (an error on its
    // descriptor), the empty EncryptedRandomSessionKey past the end.
    const { bytes } = encodeAuthenticate({
      flags: base.flags,
      version: base.version,
      ntChallengeResponse: base.ntChallengeResponse,
    });
    const out = setOffset(setOffset(bytes, 24, 8), 56, 0xfffffff0);
    const o = run(out);
    expect(o.ctx.errors).toEqual([
      {
        offset: 24,
        message:
          'NtChallengeResponse (24 bytes at offset 8) overlaps the fixed fields of the message at offset 24',
        path: 'NtChallengeResponseFields',
      },
    ]);
    const payload = findNode(o.node!, 'Payload')!;
    expect(payload.children!.at(-1)).toMatchObject({
      name: 'EncryptedRandomSessionKey',
      offset: 72, // after the empty items at 72, not back at the payload's start (64)
      length: 0,
    });
    expectSound(o, out, 0, out.length);
  });

  it('a length running past the end shows the item clipped', () => {
    const { bytes } = encodeAuthenticate(base);
    const out = bytes.slice();
    new DataView(out.buffer).setUint16(44, 0x4000, true); // Workstation Len
    const o = run(out);
    expect(o.ctx.errors[0]).toMatchObject({ offset: 44, path: 'WorkstationFields' });
    expect(
      findNode(o.node!, 'Workstation')!.offset + findNode(o.node!, 'Workstation')!.length,
    ).toBeLessThanOrEqual(out.length);
    expectSound(o, out, 0, out.length);
  });
});

describe('Zeek malformed CHALLENGE messages', () => {
  it('TargetInfo beyond the message ("empty AV sequence")', () => {
    const bytes = vector('ntlm_empty_av_sequence_f005_raw_ntlm_type_2_malformed.hex');
    const o = run(bytes);
    expect(o.thrown).toBeUndefined();
    expect(o.ctx.errors).toEqual([
      {
        offset: 44,
        message:
          'TargetInfo (36 bytes at offset 60) lies past the end of the 60-byte message at offset 44',
        path: 'TargetInfoFields',
      },
    ]);
    expect(findNode(o.node!, 'TargetName')!.value).toBe('CNAMIS');
    expectSound(o, bytes, 0, bytes.length);
  });

  it('AV list without MsvAvEOL ("unterminated AV sequence"): the pairs that are there still show', () => {
    const bytes = vector('ntlm_unterminated_av_sequence_f005_raw_ntlm_type_2_malformed.hex');
    const o = run(bytes);
    expect(o.ctx.errors.map((e) => [e.path, e.offset, e.message])).toEqual([
      [
        'TargetInfoFields',
        40,
        'TargetInfo (36 bytes at offset 60) runs past the end of the 92-byte message at offset 40',
      ],
      ['TargetInfo', 92, 'AV_PAIR list ends without MsvAvEOL at offset 92'],
    ]);
    expect(findNode(o.node!, 'MsvAvNbComputerName')!.value).toBe('SATURN');
    expectSound(o, bytes, 0, bytes.length);
  });
});

describe('other malformed input', () => {
  it('not NTLMSSP, unknown MessageType, too short', () => {
    expect(run(fromHex('4e544c4d5353')).thrown!.message).toBe(
      'expected 8 bytes for the NTLMSSP signature but only 6 remain at offset 0',
    );
    expect(run(fromHex('4e544c4d53535001' + '01000000')).thrown!.message).toMatch(
      /^not an NTLM message/,
    );
    const unknown = run(fromHex('4e544c4d53535000' + '04000000' + '00'.repeat(20)));
    expect(unknown.thrown!.message).toBe('unknown NTLM MessageType 4 at offset 8');
    expect(unknown.node!.name).toBe('NTLMSSP');
  });

  it('an NTLMv2 response whose AV list never ends: error inside it, other items still decoded', () => {
    const nt = fromHex('11'.repeat(16) + '0101000000000000' + '00'.repeat(20) + '0100040041004200');
    const { bytes } = encodeAuthenticate({
      flags: 0xe2898235,
      userName: 'bob',
      ntChallengeResponse: nt,
    });
    const o = run(bytes);
    expect(o.thrown).toBeUndefined();
    expect(o.ctx.errors.map((e) => [e.path, e.message])).toEqual([
      ['AvPairs', `AV_PAIR list ends without MsvAvEOL at offset ${bytes.length}`],
    ]);
    expect(findNode(o.node!, 'MsvAvNbComputerName')!.value).toBe('AB');
    expect(findNode(o.node!, 'UserName')!.value).toBe('bob');
    expectSound(o, bytes, 0, bytes.length);
  });

  it('warnings: a MIC field that MsvAvFlags does not announce, and the reverse', () => {
    const nt = (avFlags: number) =>
      fromHex(
        '11'.repeat(16) +
          '0101000000000000' +
          '00'.repeat(20) +
          '060004000' +
          avFlags +
          '000000' +
          '00000000' +
          '00000000',
      );
    const version = { major: 6, minor: 2, build: 0, revision: 15 };
    const withMic = encodeAuthenticate({
      flags: 0xe2898235,
      version,
      mic: new Uint8Array(16),
      ntChallengeResponse: nt(0),
    });
    expect(run(withMic.bytes).ctx.warnings).toEqual([
      {
        offset: 72,
        message: 'MIC field present but MsvAvFlags does not announce a MIC (0x2)',
        path: 'MIC',
      },
    ]);
    const without = encodeAuthenticate({ flags: 0xe2898235, version, ntChallengeResponse: nt(2) });
    expect(run(without.bytes).ctx.warnings).toEqual([
      {
        offset: 64,
        message: 'MsvAvFlags announces a MIC but the payload leaves no room for one',
        path: 'AUTHENTICATE_MESSAGE',
      },
    ]);
  });

  it('warnings: reserved flag bits, NEGOTIATE field without its flag, VERSION flag without Version', () => {
    const bytes = encodeNegotiate({ flags: 0x02000008 | 0x1, domainName: 'X' });
    const o = run(bytes);
    expect(o.ctx.errors).toEqual([]);
    expect(o.ctx.warnings.map((w) => w.message)).toEqual([
      'reserved flag bits set (r10 NTLMSSP_RESERVED_10); they must be zero',
      'NTLMSSP_NEGOTIATE_VERSION is set but the message has no Version',
      'DomainName is supplied but NTLMSSP_NEGOTIATE_OEM_DOMAIN_SUPPLIED is clear',
    ]);
  });

  it('message signatures: wrong size is an error, wrong Version a warning', () => {
    const ctx = createContext(fromHex('01000000' + '11'.repeat(12) + 'ff'));
    expect(() => decodeNtlmSignature(ctx, null, 0, 17)).toThrow(
      'an NTLM message signature is 16 bytes, not 17 at offset 0',
    );
    const ctx2 = createContext(fromHex('02000000' + '11'.repeat(12)));
    decodeNtlmSignature(ctx2, null, 0, 16);
    expect(ctx2.warnings[0].message).toBe('signature Version 2; it must be 1');
  });
});

describe('fuzzing real messages', () => {
  const seeds = [
    authenticate,
    vector('ntlm_challenge.bin'),
    vector('ntlm_authenticate_domain_with_mic.hex'),
    vector('literal_negotiate_oem_domain_workstation.hex'),
  ];
  it('random byte changes and cuts never throw anything but positioned DecodeErrors', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
        fc.nat(),
        (which, edits, cut) => {
          const bytes = seeds[which].slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const end = bytes.length - (cut % 8 === 0 ? cut % bytes.length : 0);
          expectSound(run(bytes, 0, end), bytes, 0, end);
        },
      ),
      { numRuns: 600, seed: 4178 },
    );
  });
});
