import { describe, expect, it } from 'vitest';
import { realTokens, type RealToken } from '../../testing/fixtures';
import { createContext } from '../context';
import { checkTreeInvariants } from '../../testing/invariants';
import { findAll, findNode, type Node } from '../tree';
import { decodeNtlm, decodeNtlmSignature } from '.';
import { toHex } from '../../bytes';

/**
 * Real gss-ntlmssp 1.2.0 and Samba 4.17.12 exchanges (fixtures/vectors/real), checked against
 * Wireshark 4.0.17's dissection of the same bytes: values and byte ranges.
 */

const NTLMSSP = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00];

/** Where the NTLM message sits: the whole token, or the OCTET STRING around `NTLMSSP\0`. */
function ntlmRange(bytes: Uint8Array): { start: number; end: number } | undefined {
  for (let i = 0; i + 8 <= bytes.length; i++) {
    if (!NTLMSSP.every((b, k) => bytes[i + k] === b)) continue;
    if (i === 0) return { start: 0, end: bytes.length };
    if (bytes[i - 4] === 0x04 && bytes[i - 3] === 0x82)
      return { start: i, end: i + ((bytes[i - 2] << 8) | bytes[i - 1]) };
    if (bytes[i - 3] === 0x04 && bytes[i - 2] === 0x81) return { start: i, end: i + bytes[i - 1] };
    if (bytes[i - 2] === 0x04) return { start: i, end: i + bytes[i - 1] };
    throw new Error('NTLMSSP found outside an OCTET STRING');
  }
  return undefined;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wireshark's "Nov 26, 2026 08:27:31.824180000 UTC" as ISO-8601 with 7 fractional digits. */
function wiresharkTime(text: string): string {
  const m = /^(\w{3}) +(\d+), (\d{4}) (\d\d:\d\d:\d\d)\.(\d{7})\d* UTC$/.exec(text);
  if (!m) throw new Error(`unexpected Wireshark time ${text}`);
  const month = String(MONTHS.indexOf(m[1]) + 1).padStart(2, '0');
  return `${m[3]}-${month}-${m[2].padStart(2, '0')}T${m[4]}.${m[5]}Z`;
}

function only(root: Node, name: string): Node {
  const found = findAll(root, name);
  expect(found, name).toHaveLength(1);
  return found[0];
}

function payloadItem(msg: Node, name: string): Node | undefined {
  return msg.children?.find((c) => c.name === 'Payload')?.children?.find((c) => c.name === name);
}

/** AV pairs of a list node, EOL left out (Wireshark 4.0 sometimes omits it from item.type). */
function avIds(list: Node): string[] {
  return (list.children ?? [])
    .filter((p) => p.type === 'AV_PAIR' && p.name !== 'MsvAvEOL')
    .map((p) => `0x${(p.children![0].value as number).toString(16).padStart(4, '0')}`);
}

/** Wireshark field → our node, for the byte-range comparison. */
const RANGES: [string, (msg: Node) => Node | undefined][] = [
  ['ntlmssp', (m) => m],
  ['ntlmssp.identifier', (m) => findNode(m, 'Signature')],
  ['ntlmssp.messagetype', (m) => findNode(m, 'MessageType')],
  ['ntlmssp.negotiateflags', (m) => findNode(m, 'NegotiateFlags')],
  ['ntlmssp.version', (m) => findNode(m, 'Version')],
  ['ntlmssp.ntlmserverchallenge', (m) => findNode(m, 'ServerChallenge')],
  ['ntlmssp.challenge.target_name', (m) => payloadItem(m, 'TargetName')],
  ['ntlmssp.auth.domain', (m) => payloadItem(m, 'DomainName')],
  ['ntlmssp.auth.username', (m) => payloadItem(m, 'UserName')],
  ['ntlmssp.auth.hostname', (m) => payloadItem(m, 'Workstation')],
  ['ntlmssp.auth.sesskey', (m) => payloadItem(m, 'EncryptedRandomSessionKey')],
  ['ntlmssp.auth.ntresponse', (m) => payloadItem(m, 'NtChallengeResponse')],
  ['ntlmssp.ntlmv2_response.ntproofstr', (m) => findNode(m, 'NTProofStr')],
  ['ntlmssp.ntlmv2_response.time', (m) => findNode(m, 'TimeStamp')],
  [
    'ntlmssp.ntlmv2_response.chal',
    (m) => findNode(findNode(m, 'NTLMv2_CLIENT_CHALLENGE')!, 'ChallengeFromClient'),
  ],
  ['ntlmssp.authenticate.mic', (m) => findNode(m, 'MIC')],
];

const tokens = realTokens()
  .map((t) => ({ token: t, range: ntlmRange(t.bytes) }))
  .filter(
    (t): t is { token: RealToken; range: { start: number; end: number } } =>
      !!t.range && !t.token.perMessage,
  );

describe('real gss-ntlmssp / Samba NTLM messages against Wireshark 4.0.17', () => {
  it('finds the NTLM messages of every NTLM scenario', () => {
    const scenarios = new Set(tokens.map((t) => t.token.scenario));
    for (const s of [
      'raw-ntlm-01-ntlmv2',
      'raw-ntlm-02-ntlmv1',
      'spnego-ntlm-01-ntlmv2',
      'smb-01-ntlm',
      'fallback-01-krb5-to-ntlm-no-keytab',
    ]) {
      expect(scenarios.has(s), s).toBe(true);
    }
    expect(tokens.length).toBeGreaterThanOrEqual(30);
  });

  for (const { token, range } of tokens) {
    const ws = token.wireshark;
    it(`${token.scenario}/${token.name}`, () => {
      const ctx = createContext(token.bytes);
      const msg = decodeNtlm(ctx, null, range.start, range.end);
      expect(ctx.errors).toEqual([]);
      expect(ctx.warnings).toEqual([]);
      const root: Node = { name: 'token', offset: 0, length: token.bytes.length, children: [msg] };
      expect(checkTreeInvariants(root, token.bytes.length)).toEqual([]);
      expect(msg.offset).toBe(range.start);
      if (!ws) return;
      const f = ws.fields;
      const one = (key: string) => f[key]?.[0];

      expect(findNode(msg, 'MessageType')!.value).toBe(parseInt(one('ntlmssp.messagetype'), 16));
      expect(findNode(msg, 'NegotiateFlags')!.value).toBe(
        parseInt(one('ntlmssp.negotiateflags'), 16),
      );
      const version = findNode(msg, 'Version')!;
      expect(version.children!.map((c) => c.value)).toEqual([
        Number(one('ntlmssp.version.major')),
        Number(one('ntlmssp.version.minor')),
        Number(one('ntlmssp.version.build_number')),
        '000000',
        Number(one('ntlmssp.version.ntlm_current_revision')),
      ]);

      if (msg.name === 'CHALLENGE_MESSAGE') {
        expect(payloadItem(msg, 'TargetName')!.value).toBe(one('ntlmssp.challenge.target_name'));
        expect(findNode(msg, 'ServerChallenge')!.value).toBe(one('ntlmssp.ntlmserverchallenge'));
        const info = payloadItem(msg, 'TargetInfo')!;
        expect(info.length).toBe(Number(one('ntlmssp.challenge.target_info.length')));
        expect(avIds(info)).toEqual(
          f['ntlmssp.challenge.target_info.item.type'].filter((t) => t !== '0x0000'),
        );
        expect(only(info, 'MsvAvNbComputerName').value).toBe(
          one('ntlmssp.challenge.target_info.nb_computer_name'),
        );
        expect(only(info, 'MsvAvNbDomainName').value).toBe(
          one('ntlmssp.challenge.target_info.nb_domain_name'),
        );
        expect(only(info, 'MsvAvDnsComputerName').value).toBe(
          one('ntlmssp.challenge.target_info.dns_computer_name'),
        );
        expect(only(info, 'MsvAvTimestamp').value).toBe(
          wiresharkTime(one('ntlmssp.challenge.target_info.timestamp')),
        );
        if (one('ntlmssp.challenge.target_info.flags')) {
          expect(only(info, 'MsvAvFlags').value).toBe(
            parseInt(one('ntlmssp.challenge.target_info.flags'), 16),
          );
        }
        const [tsRange] = ws.field_offsets_in_token!['ntlmssp.challenge.target_info.timestamp'] as {
          offset: number;
          length: number;
        }[];
        const tsValue = findNode(only(info, 'MsvAvTimestamp'), 'Value')!;
        expect([tsValue.offset, tsValue.length]).toEqual([tsRange.offset, tsRange.length]);
      }

      if (msg.name === 'AUTHENTICATE_MESSAGE') {
        // gss-ntlmssp 1.2.0 and Samba send the names without a terminating NUL.
        expect(payloadItem(msg, 'UserName')!.value).toBe(one('ntlmssp.auth.username'));
        expect(payloadItem(msg, 'UserName')!.value).toBe('alice');
        expect(payloadItem(msg, 'DomainName')!.value).toBe(one('ntlmssp.auth.domain'));
        expect(payloadItem(msg, 'Workstation')!.value).toBe(one('ntlmssp.auth.hostname'));
        expect(payloadItem(msg, 'EncryptedRandomSessionKey')!.value).toBe(
          one('ntlmssp.auth.sesskey'),
        );
        expect(payloadItem(msg, 'NtChallengeResponse')!.value).toBe(one('ntlmssp.auth.ntresponse'));
        const mic = findNode(msg, 'MIC');
        expect(mic?.value).toBe(one('ntlmssp.authenticate.mic'));
        if (one('ntlmssp.ntlmv2_response.ntproofstr')) {
          expect(findNode(msg, 'NTProofStr')!.value).toBe(
            one('ntlmssp.ntlmv2_response.ntproofstr'),
          );
          const blob = findNode(msg, 'NTLMv2_CLIENT_CHALLENGE')!;
          expect(findNode(blob, 'ChallengeFromClient')!.value).toBe(
            one('ntlmssp.ntlmv2_response.chal'),
          );
          expect(findNode(blob, 'TimeStamp')!.value).toBe(
            wiresharkTime(one('ntlmssp.ntlmv2_response.time')),
          );
          const list = findNode(blob, 'AvPairs')!;
          expect(avIds(list)).toEqual(
            f['ntlmssp.ntlmv2_response.item.type'].filter((t) => t !== '0x0000'),
          );
          expect(only(list, 'MsvAvTargetName').value).toBe(
            one('ntlmssp.ntlmv2_response.target_name'),
          );
          expect(only(list, 'MsvAvTimestamp').value).toBe(
            wiresharkTime(one('ntlmssp.ntlmv2_response.timestamp')),
          );
          const flags = only(list, 'MsvAvFlags').value as number;
          expect(flags).toBe(parseInt(one('ntlmssp.ntlmv2_response.flags'), 16));
          // A MIC field exactly when MsvAvFlags announces it [MS-NLMP §2.2.2.1].
          expect(mic !== undefined).toBe((flags & 2) !== 0);
          if (one('ntlmssp.ntlmv2_response.channel_bindings')) {
            expect(only(list, 'MsvChannelBindings').value).toBe(
              one('ntlmssp.ntlmv2_response.channel_bindings'),
            );
          }
          expect(payloadItem(msg, 'NtChallengeResponse')!.label).toBe('NTLMv2');
        } else {
          expect(payloadItem(msg, 'NtChallengeResponse')!.type).toBe('NTLM_RESPONSE');
          expect(payloadItem(msg, 'LmChallengeResponse')!.value).toBe(
            one('ntlmssp.auth.lmresponse'),
          );
          if (one('ntlmssp.ntlmclientchallenge')) {
            expect(findNode(msg, 'ClientChallenge')!.value).toBe(
              one('ntlmssp.ntlmclientchallenge'),
            );
          }
        }
      }

      const offsets = ws.field_offsets_in_token as Record<
        string,
        { offset: number; length: number }[]
      >;
      let compared = 0;
      for (const [key, pick] of RANGES) {
        const want = offsets[key];
        if (!want) continue;
        const node = pick(msg);
        expect(node, key).toBeDefined();
        expect([node!.offset, node!.length], key).toEqual([want[0].offset, want[0].length]);
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(5);
    });
  }
});

describe('NTLM mechListMIC and per-message signatures from the real exchanges', () => {
  const withMic = realTokens().filter((t) => t.wireshark?.fields['spnego.mechListMIC']);
  it('has the mechListMIC tokens', () => expect(withMic.length).toBeGreaterThanOrEqual(10));
  for (const t of withMic) {
    it(`${t.scenario}/${t.name}`, () => {
      const [at] = t.wireshark!.field_offsets_in_token!['spnego.mechListMIC'] as {
        offset: number;
        length: number;
      }[];
      const ctx = createContext(t.bytes);
      const sig = decodeNtlmSignature(ctx, null, at.offset, at.offset + at.length);
      expect(ctx.errors).toEqual([]);
      expect(sig.spec).toBe('MS-NLMP §2.2.2.9.2');
      expect(sig.children!.map((c) => c.name)).toEqual(['Version', 'Checksum', 'SeqNum']);
      expect(sig.children![0].value).toBe(Number(t.wireshark!.fields['ntlmssp.verf.vers'][0]));
      expect(toHex(t.bytes, at.offset + 4, at.offset + 16)).toBe(
        t.wireshark!.fields['ntlmssp.verf.body'][0],
      );
      expect(sig.children![1].value).toBe(toHex(t.bytes, at.offset + 4, at.offset + 12));
      // The mechListMIC is each direction's first signature [ms-spng.md §5].
      expect(sig.children![2].value).toBe(0);
    });
  }

  it('reads the GetMIC and Wrap signatures of raw-ntlm-01 with their sequence numbers', () => {
    const seqs = realTokens('raw-ntlm-01-ntlmv2')
      .filter((t) => t.perMessage)
      .map((t) => {
        const ctx = createContext(t.bytes);
        const sig = decodeNtlmSignature(ctx, null, 0, 16, { extendedSessionSecurity: true });
        expect(ctx.errors).toEqual([]);
        return [t.name, findNode(sig, 'SeqNum')!.value];
      });
    expect(seqs).toEqual([
      ['pm01-i2a-get_mic', 0],
      ['pm02-a2i-wrap-confTrue', 0],
      ['pm03-i2a-wrap-confTrue', 1],
    ]);
  });
});
