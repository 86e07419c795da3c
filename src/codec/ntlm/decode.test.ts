import { describe, expect, it } from 'vitest';
import { publicVectors } from '../../testing/fixtures';
import { createContext, type DecodeContext } from '../context';
import { checkTreeInvariants } from '../../testing/invariants';
import { findAll, findNode, type Node } from '../tree';
import { decodeNtlm, isNtlmMessage } from '.';
import { fromHex, toHex } from '../../bytes';

/**
 * Public NTLM vectors (fixtures/vectors/public): each `expected` value is one the source itself
 * states (pyspnego's, go-ntlmssp's and Chromium's test assertions, sspi-rs's constants, Zeek's
 * baseline logs), plus the MS-NLMP §4.2 example messages field by field.
 */

const vectors = publicVectors();

function vector(file: string): Uint8Array {
  const v = vectors.find((x) => x.file.endsWith(file));
  if (!v) throw new Error(`no fixture ${file}`);
  return v.bytes;
}

function expectedOf(file: string): Record<string, unknown> {
  return vectors.find((x) => x.file.endsWith(file))!.expected ?? {};
}

function decode(bytes: Uint8Array): { msg: Node; ctx: DecodeContext } {
  const ctx = createContext(bytes);
  const msg = decodeNtlm(ctx, null, 0, bytes.length);
  return { msg, ctx };
}

function clean(bytes: Uint8Array): Node {
  const { msg, ctx } = decode(bytes);
  expect(ctx.errors).toEqual([]);
  return msg;
}

/** A direct child of the message (fixed part). */
function field(msg: Node, name: string): Node | undefined {
  return msg.children?.find((c) => c.name === name);
}

function item(msg: Node, name: string): Node | undefined {
  return field(msg, 'Payload')?.children?.find((c) => c.name === name);
}

function descriptor(
  msg: Node,
  name: string,
): { Len: unknown; MaxLen: unknown; BufferOffset: unknown } {
  const d = field(msg, `${name}Fields`)!;
  const [len, max, off] = d.children!;
  return { Len: len.value, MaxLen: max.value, BufferOffset: off.value };
}

function avList(list: Node): [string, unknown][] {
  return list.children!.filter((c) => c.type === 'AV_PAIR').map((p) => [p.name, p.value ?? null]);
}

function flags(msg: Node): number {
  return field(msg, 'NegotiateFlags')!.value as number;
}

describe('MS-NLMP §4.2 example messages', () => {
  const common = { domain: 'Domain', user: 'User', workstation: 'COMPUTER' };

  it('§4.2.2.3 CHALLENGE (NTLM v1)', () => {
    const msg = clean(vector('msnlmp_4_2_2_challenge_ntlmv1.hex'));
    expect(msg.name).toBe('CHALLENGE_MESSAGE');
    expect(msg.spec).toBe('MS-NLMP §2.2.1.2');
    expect(msg.children!.map((c) => c.name)).toEqual([
      'Signature',
      'MessageType',
      'TargetNameFields',
      'NegotiateFlags',
      'ServerChallenge',
      'Reserved',
      'TargetInfoFields',
      'Version',
      'Payload',
    ]);
    expect(field(msg, 'MessageType')!.label).toBe('NtLmChallenge (CHALLENGE_MESSAGE)');
    expect(flags(msg)).toBe(0xe2028233);
    expect(descriptor(msg, 'TargetName')).toEqual({ Len: 12, MaxLen: 12, BufferOffset: 0x38 });
    expect(descriptor(msg, 'TargetInfo')).toEqual({ Len: 0, MaxLen: 0, BufferOffset: 0 });
    expect(field(msg, 'ServerChallenge')!.value).toBe('0123456789abcdef');
    expect(field(msg, 'Reserved')!.value).toBe('0000000000000000');
    expect(field(msg, 'Version')!.value).toBe('6.0.6000 rev 15');
    expect(field(msg, 'Version')!.label).toBe('Windows Vista / Server 2008, build 6000');
    expect(item(msg, 'TargetName')).toMatchObject({
      offset: 0x38,
      length: 12,
      value: 'Server',
      type: 'UTF-16LE',
    });
    // An empty item is a zero-length node, so every described field is in the tree.
    expect(item(msg, 'TargetInfo')).toMatchObject({ length: 0, value: '', type: 'empty' });
  });

  it('§4.2.2.3 AUTHENTICATE (LMv1 + NTLMv1, key exchange)', () => {
    const msg = clean(vector('msnlmp_4_2_2_authenticate_ntlmv1.hex'));
    expect(msg.name).toBe('AUTHENTICATE_MESSAGE');
    expect(flags(msg)).toBe(0xe2808235);
    expect(field(msg, 'Version')!.value).toBe('5.1.2600 rev 15');
    expect(field(msg, 'MIC')).toBeUndefined();
    expect(descriptor(msg, 'DomainName')).toEqual({ Len: 12, MaxLen: 12, BufferOffset: 0x48 });
    expect(descriptor(msg, 'LmChallengeResponse')).toEqual({
      Len: 24,
      MaxLen: 24,
      BufferOffset: 0x6c,
    });
    expect(descriptor(msg, 'EncryptedRandomSessionKey')).toEqual({
      Len: 16,
      MaxLen: 16,
      BufferOffset: 0x9c,
    });
    expect(field(msg, 'Payload')).toMatchObject({ offset: 72, length: 100 });
    // Payload items in the order the bytes lie, which is not the descriptors' order.
    expect(field(msg, 'Payload')!.children!.map((c) => c.name)).toEqual([
      'DomainName',
      'UserName',
      'Workstation',
      'LmChallengeResponse',
      'NtChallengeResponse',
      'EncryptedRandomSessionKey',
    ]);
    expect(item(msg, 'DomainName')!.value).toBe(common.domain);
    expect(item(msg, 'UserName')!.value).toBe(common.user);
    expect(item(msg, 'Workstation')!.value).toBe(common.workstation);
    expect(item(msg, 'LmChallengeResponse')).toMatchObject({
      value: '98def7b87f88aa5dafe2df779688a172def11c7d5ccdef13',
      type: 'LM_RESPONSE',
      label: 'LMv1',
    });
    expect(item(msg, 'NtChallengeResponse')).toMatchObject({
      value: '67c43011f30298a2ad35ece64f16331c44bdbed927841f94',
      type: 'NTLM_RESPONSE',
      label: 'NTLMv1',
    });
    expect(item(msg, 'EncryptedRandomSessionKey')!.value).toBe('518822b1b3f350c8958682ecbb3e3cb7');
    expect(msg.label).toBe('AUTHENTICATE, NTLMv1 Domain\\User, flags 0xe2808235');
  });

  it('§4.2.3.3 CHALLENGE and AUTHENTICATE (NTLM v1 with extended session security)', () => {
    const challenge = clean(vector('msnlmp_4_2_3_challenge_ntlmv1_ess.hex'));
    expect(flags(challenge)).toBe(0x820a8233);
    expect(item(challenge, 'TargetName')!.value).toBe('Server');
    // ntlm.md §11.3, copied from MS-NLMP §4.2.3.3.
    const msg = clean(
      fromHex(
        '4e544c4d5353500003000000180018006c00000018001800840000000c000c00' +
          '480000000800080054000000100010005c000000000000009c00000035820882' +
          '0501280a0000000f44006f006d00610069006e00550073006500720043004f00' +
          '4d0050005500540045005200aaaaaaaaaaaaaaaa000000000000000000000000' +
          '000000007537f803ae367128ca458204bde7caf81e97ed2683267232',
      ),
    );
    expect(flags(msg)).toBe(0x82088235);
    const lm = item(msg, 'LmChallengeResponse')!;
    expect(lm.label).toBe('ESS: ClientChallenge ‖ Z(16)');
    expect(findNode(lm, 'ClientChallenge')!.value).toBe('aaaaaaaaaaaaaaaa');
    expect(item(msg, 'NtChallengeResponse')).toMatchObject({
      value: '7537f803ae367128ca458204bde7caf81e97ed2683267232',
      label: 'NTLMv1 with ESS ("NTLM2 session response")',
    });
    expect(descriptor(msg, 'EncryptedRandomSessionKey')).toEqual({
      Len: 0,
      MaxLen: 0,
      BufferOffset: 0x9c,
    });
    expect(item(msg, 'EncryptedRandomSessionKey')).toMatchObject({ offset: 0x9c, length: 0 });
  });

  it('§4.2.4.3 CHALLENGE (NTLM v2) with its AV pairs', () => {
    const msg = clean(vector('msnlmp_4_2_4_challenge_ntlmv2.hex'));
    expect(flags(msg)).toBe(0xe28a8233);
    expect(descriptor(msg, 'TargetInfo')).toEqual({ Len: 36, MaxLen: 36, BufferOffset: 0x44 });
    const info = item(msg, 'TargetInfo')!;
    expect(info).toMatchObject({ offset: 0x44, length: 36, type: 'AV_PAIR list' });
    expect(avList(info)).toEqual([
      ['MsvAvNbDomainName', 'Domain'],
      ['MsvAvNbComputerName', 'Server'],
      ['MsvAvEOL', null],
    ]);
    const pair = info.children![0];
    // AvId and AvLen are the pair's header, so its value range is Wireshark's.
    expect(pair).toMatchObject({ offset: 0x44, length: 16, headerLength: 4 });
    expect(pair.children!.map((c) => [c.name, c.offset, c.length, c.value])).toEqual([
      ['AvId', 0x44, 2, 2],
      ['AvLen', 0x46, 2, 12],
      ['Value', 0x48, 12, 'Domain'],
    ]);
  });

  it('§4.2.4.3 AUTHENTICATE (LMv2 + NTLMv2)', () => {
    const msg = clean(vector('msnlmp_4_2_4_authenticate_ntlmv2.hex'));
    expect(flags(msg)).toBe(0xe2888235);
    const lm = item(msg, 'LmChallengeResponse')!;
    expect(lm).toMatchObject({ type: 'LMv2_RESPONSE', label: 'LMv2' });
    expect(lm.children!.map((c) => [c.name, c.value])).toEqual([
      ['Response', '86c35097ac9cec102554764a57cccc19'],
      ['ChallengeFromClient', 'aaaaaaaaaaaaaaaa'],
    ]);
    const nt = item(msg, 'NtChallengeResponse')!;
    expect(nt).toMatchObject({ offset: 0x84, length: 84, type: 'NTLMv2_RESPONSE' });
    expect(findNode(nt, 'NTProofStr')!.value).toBe('68cd0ab851e51c96aabc927bebef6a1c');
    const blob = findNode(nt, 'NTLMv2_CLIENT_CHALLENGE')!;
    expect(blob.children!.map((c) => [c.name, c.length, c.value])).toEqual([
      ['RespType', 1, 1],
      ['HiRespType', 1, 1],
      ['Reserved1', 2, '0000'],
      ['Reserved2', 4, '00000000'],
      ['TimeStamp', 8, '1601-01-01T00:00:00.0000000Z'],
      ['ChallengeFromClient', 8, 'aaaaaaaaaaaaaaaa'],
      ['Reserved3', 4, 0],
      ['AvPairs', 36, undefined],
      ['Padding', 4, '00000000'],
    ]);
    expect(avList(findNode(blob, 'AvPairs')!)).toEqual([
      ['MsvAvNbDomainName', 'Domain'],
      ['MsvAvNbComputerName', 'Server'],
      ['MsvAvEOL', null],
    ]);
    expect(item(msg, 'EncryptedRandomSessionKey')).toMatchObject({
      offset: 0xd8,
      value: 'c5dad2544fc9799094ce1ce90bc9d03e',
    });
  });
});

describe('pyspnego Windows captures and literals', () => {
  it('ntlm_negotiate.bin', () => {
    const e = expectedOf('ntlm_negotiate.bin') as Record<string, never>;
    const msg = clean(vector('ntlm_negotiate.bin'));
    expect(msg.name).toBe('NEGOTIATE_MESSAGE');
    expect(flags(msg)).toBe(e.NegotiateFlags);
    expect(descriptor(msg, 'DomainName')).toEqual(e.DomainNameFields);
    expect(descriptor(msg, 'Workstation')).toEqual(e.WorkstationFields);
    expect(field(msg, 'Version')!.value).toBe('10.0.17763 rev 15');
    expect(field(msg, 'NegotiateFlags')!.label).toBe(
      '0xe20882b7: NTLMSSP_NEGOTIATE_UNICODE | NTLM_NEGOTIATE_OEM | NTLMSSP_REQUEST_TARGET | ' +
        'NTLMSSP_NEGOTIATE_SIGN | NTLMSSP_NEGOTIATE_SEAL | NTLMSSP_NEGOTIATE_LM_KEY | NTLMSSP_NEGOTIATE_NTLM | ' +
        'NTLMSSP_NEGOTIATE_ALWAYS_SIGN | NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY | NTLMSSP_NEGOTIATE_VERSION | ' +
        'NTLMSSP_NEGOTIATE_128 | NTLMSSP_NEGOTIATE_KEY_EXCH | NTLMSSP_NEGOTIATE_56',
    );
    // Only the two empty items: a zero-length Payload at the end of the fixed part.
    expect(field(msg, 'Payload')).toMatchObject({ offset: 40, length: 0 });
    expect(field(msg, 'Payload')!.children!.map((c) => [c.name, c.length])).toEqual([
      ['DomainName', 0],
      ['Workstation', 0],
    ]);
  });

  it('ntlm_challenge.bin (Windows Server 2016)', () => {
    const e = expectedOf('ntlm_challenge.bin') as Record<string, never>;
    const msg = clean(vector('ntlm_challenge.bin'));
    expect(descriptor(msg, 'TargetName')).toEqual(e.TargetNameFields);
    expect(descriptor(msg, 'TargetInfo')).toEqual(e.TargetInfoFields);
    expect(flags(msg)).toBe(e.NegotiateFlags);
    expect(field(msg, 'ServerChallenge')!.value).toBe((e.ServerChallenge as string).toLowerCase());
    expect(field(msg, 'Version')!.value).toBe('10.0.14393 rev 15');
    expect(item(msg, 'TargetName')!.value).toBe(e.TargetName);
    expect(avList(item(msg, 'TargetInfo')!)).toEqual(e.TargetInfo);
  });

  it('ntlm_authenticate.bin (NTLMv2, no MIC field)', () => {
    const e = expectedOf('ntlm_authenticate.bin') as Record<string, never>;
    const msg = clean(vector('ntlm_authenticate.bin'));
    for (const name of [
      'LmChallengeResponse',
      'NtChallengeResponse',
      'DomainName',
      'UserName',
      'Workstation',
    ]) {
      expect(descriptor(msg, name), name).toEqual(e[`${name}Fields`]);
    }
    expect(descriptor(msg, 'EncryptedRandomSessionKey')).toEqual(e.EncryptedRandomSessionKeyFields);
    expect(flags(msg)).toBe(e.NegotiateFlags);
    expect(field(msg, 'Version')!.value).toBe('6.2.0 rev 15');
    expect(field(msg, 'MIC')).toBeUndefined();
    expect(item(msg, 'DomainName')).toMatchObject({ length: 0, value: '' });
    expect(item(msg, 'LmChallengeResponse')).toMatchObject({ length: 0, value: '' });
    expect(item(msg, 'UserName')!.value).toBe(e.UserName);
    expect(item(msg, 'Workstation')!.value).toBe(e.Workstation);
    expect(item(msg, 'EncryptedRandomSessionKey')!.value).toBe(
      (e.EncryptedRandomSessionKey as string).toLowerCase(),
    );
    const nt = e.NtChallengeResponse as Record<string, never>;
    const blob = findNode(msg, 'NTLMv2_CLIENT_CHALLENGE')!;
    expect(findNode(msg, 'NTProofStr')!.value).toBe((nt.NTProofStr as string).toLowerCase());
    expect(findNode(blob, 'TimeStamp')!.value).toBe(nt.TimeStamp);
    expect(findNode(blob, 'ChallengeFromClient')!.value).toBe(
      (nt.ChallengeFromClient as string).toLowerCase(),
    );
    // pyspnego calls AvId 10 MsvAvChannelBindings; MS-NLMP's name is MsvChannelBindings.
    const want = (nt.AvPairs as [string, unknown][]).map(([n, v]) => [
      n === 'MsvAvChannelBindings' ? 'MsvChannelBindings' : n,
      v,
    ]);
    expect(avList(findNode(blob, 'AvPairs')!)).toEqual(want);
  });

  it('ntlm_authenticate_no_sign_seal.bin (MIC field)', () => {
    const msg = clean(vector('ntlm_authenticate_no_sign_seal.bin'));
    expect(item(msg, 'UserName')!.value).toBe('vagrant');
    expect(findNode(msg, 'MsvAvNbComputerName')!.value).toBe('WIN-MJ44NRDC217');
    expect(findNode(msg, 'MsvAvTargetName')!.value).toBe('HOST/192.168.121.229');
    expect(field(msg, 'MIC')).toMatchObject({ offset: 72, length: 16 });
  });

  it('MIC without Version (payload at 80) and UTF-16 "café"', () => {
    const e = expectedOf('literal_authenticate_mic_no_version_oem.hex') as Record<string, never>;
    const msg = clean(vector('literal_authenticate_mic_no_version_oem.hex'));
    expect(flags(msg)).toBe(e.NegotiateFlags);
    expect(field(msg, 'Version')).toBeUndefined();
    expect(field(msg, 'MIC')).toMatchObject({ offset: 64, value: e.MIC });
    expect(item(msg, 'DomainName')!.value).toBe(e.DomainName);
    expect(item(msg, 'UserName')!.value).toBe(e.UserName);
    expect(item(msg, 'Workstation')!.value).toBe(e.Workstation);
    expect(item(msg, 'EncryptedRandomSessionKey')).toMatchObject({ length: 0 });
  });

  it('NEGOTIATE with OEM DomainName and Workstation ("café" in cp1252)', () => {
    const msg = clean(vector('literal_negotiate_oem_domain_workstation.hex'));
    expect(flags(msg)).toBe(0x02003000);
    expect(field(msg, 'Version')!.value).toBe('1.1.1 rev 15');
    expect(item(msg, 'DomainName')).toMatchObject({
      value: 'café',
      type: 'OEM string',
      label: '"café" (OEM)',
    });
    expect(item(msg, 'Workstation')!.value).toBe('café');
  });
});

describe('go-ntlmssp NEGOTIATE messages (OEM domain / workstation)', () => {
  for (const file of [
    'negotiate_no_domain_no_workstation.hex',
    'negotiate_oem_domain.hex',
    'negotiate_oem_domain_and_workstation.hex',
    'negotiate_oem_workstation_only.hex',
  ]) {
    it(file, () => {
      const e = expectedOf(file);
      const msg = clean(vector(file));
      expect(item(msg, 'DomainName')?.value || null).toBe(e['DomainName(OEM)']);
      expect(item(msg, 'Workstation')?.value || null).toBe(e['Workstation(OEM)']);
      expect(msg.warnings).toBeUndefined();
    });
  }
});

describe('Chromium and sspi-rs vectors', () => {
  it('32-byte CHALLENGE: no Reserved, TargetInfo or Version', () => {
    const msg = clean(vector('ntlm_min_challenge_32_bytes.hex'));
    expect(msg.children!.map((c) => c.name)).toEqual([
      'Signature',
      'MessageType',
      'TargetNameFields',
      'NegotiateFlags',
      'ServerChallenge',
      'Payload',
    ]);
    expect(field(msg, 'Payload')!.children!.map((c) => [c.name, c.offset, c.length])).toEqual([
      ['TargetName', 32, 0],
    ]);
    expect(flags(msg)).toBe(0x00088207);
    expect(field(msg, 'ServerChallenge')!.value).toBe('0123456789abcdef');
  });

  it('32-byte NEGOTIATE without Version', () => {
    const msg = clean(vector('ntlm_negotiate_32_bytes_no_version.hex'));
    expect(flags(msg)).toBe(0x00088207);
    expect(descriptor(msg, 'DomainName')).toEqual({ Len: 0, MaxLen: 0, BufferOffset: 32 });
    expect(descriptor(msg, 'Workstation')).toEqual({ Len: 0, MaxLen: 0, BufferOffset: 32 });
    expect(field(msg, 'Version')).toBeUndefined();
  });

  it('NTLMv1 with ESS, payload at 64', () => {
    const e = expectedOf('ntlm_authenticate_v1_ess_no_version.hex');
    const msg = clean(vector('ntlm_authenticate_v1_ess_no_version.hex'));
    expect(flags(msg)).toBe(0x00088203);
    expect(field(msg, 'Version')).toBeUndefined();
    expect(field(msg, 'MIC')).toBeUndefined();
    expect(item(msg, 'LmChallengeResponse')!.value).toBe(e['LmChallengeResponse (4.2.3.2.1)']);
    expect(item(msg, 'NtChallengeResponse')!.value).toBe(e['NtChallengeResponse (4.2.3.2.2)']);
    expect(item(msg, 'NtChallengeResponse')!.type).toBe('NTLM_RESPONSE');
    expect(item(msg, 'DomainName')!.value).toBe(e['TargetName/Domain']);
    expect(item(msg, 'UserName')!.value).toBe(e.User);
    expect(item(msg, 'Workstation')!.value).toBe(e.Workstation);
    expect(descriptor(msg, 'EncryptedRandomSessionKey')).toEqual({
      Len: 0,
      MaxLen: 0,
      BufferOffset: 64,
    });
  });

  it('NTLMv2 with zero Version, MIC and channel bindings (EPA)', () => {
    const e = expectedOf('ntlm_authenticate_v2_mic_epa.hex');
    const msg = clean(vector('ntlm_authenticate_v2_mic_epa.hex'));
    expect(flags(msg)).toBe(0x00088203);
    expect(field(msg, 'Version')!.value).toBe('0.0.0 rev 0');
    expect(field(msg, 'MIC')!.value).toBe(e['MIC (kExpectedMicV2)']);
    expect(findNode(msg, 'NTProofStr')!.value).toBe(
      e['NTProofStr (kExpectedProofSpecResponseWithClientTimestampV2)'],
    );
    const pairs = avList(findNode(msg, 'AvPairs')!);
    expect(pairs).toEqual([
      ['MsvAvNbDomainName', 'Domain'],
      ['MsvAvNbComputerName', 'Server'],
      ['MsvAvFlags', 2],
      ['MsvChannelBindings', '6586e99d81c2fc984e47172fd4dd0310'],
      ['MsvAvTargetName', 'HTTP/Server'],
      ['MsvAvEOL', null],
    ]);
    expect(findNode(msg, 'MsvAvFlags')!.label).toBe('0x00000002: MIC present in AUTHENTICATE');
    expect(item(msg, 'LmChallengeResponse')!.label).toMatch(/^Z\(24\)/);
    expect([e.Domain, e.User, e.Workstation]).toEqual(
      ['DomainName', 'UserName', 'Workstation'].map((n) => item(msg, n)!.value),
    );
  });

  it('sspi-rs Windows AUTHENTICATE messages with MIC', () => {
    const local = clean(vector('ntlm_authenticate_local_with_mic.hex'));
    const e = expectedOf('ntlm_authenticate_local_with_mic.hex');
    expect(field(local, 'MIC')!.value).toBe(e.MIC);
    expect(item(local, 'EncryptedRandomSessionKey')!.value).toBe(e.EncryptedRandomSessionKey);
    expect(item(local, 'UserName')!.value).toBe('a');

    const domain = clean(vector('ntlm_authenticate_domain_with_mic.hex'));
    const d = expectedOf('ntlm_authenticate_domain_with_mic.hex');
    expect(field(domain, 'MIC')!.value).toBe(d.MIC);
    expect(item(domain, 'UserName')!.value).toBe(d.UserName);
    expect(item(domain, 'DomainName')!.value).toBe(d.DomainName);
    expect(item(domain, 'EncryptedRandomSessionKey')!.value).toBe(d.EncryptedRandomSessionKey);
    const blob = findNode(domain, 'NTLMv2_CLIENT_CHALLENGE')!;
    expect(findNode(blob, 'ChallengeFromClient')!.value).toBe(d.ClientChallenge);
    const list = findNode(blob, 'AvPairs')!;
    const trailer = findNode(blob, 'Padding')!;
    const bytes = vector('ntlm_authenticate_domain_with_mic.hex');
    expect(toHex(bytes, list.offset, trailer.offset + trailer.length)).toBe(
      d['NTLMv2 AvPairs (DOMAIN_TARGET_INFO const) hex'],
    );
    const single = findNode(list, 'MsvAvSingleHost')!;
    expect(single.length).toBe(4 + 48);
    expect(findNode(single, 'Value')!.children!.map((c) => [c.name, c.length])).toEqual([
      ['Size', 4],
      ['Z4', 4],
      ['CustomData', 8],
      ['MachineID', 32],
    ]);
  });
});

describe('Zeek captures', () => {
  it('LDAP SASL NTLMv1 and LDAP Sicily NTLMv2: user and domain from the baseline logs', () => {
    const sasl = clean(vector('ldap_sasl_ntlm_f008_raw_ntlm_type_3.hex'));
    expect(item(sasl, 'UserName')!.value).toBe('sasladmin@slapd.ldap');
    expect(item(sasl, 'DomainName')!.value).toBe('LOCALHOST');
    expect(item(sasl, 'NtChallengeResponse')!.label).toBe('NTLMv1');
    const sicily = clean(vector('ldap_aduser1_ntlm_f007_raw_ntlm_type_3.hex'));
    expect(item(sicily, 'UserName')!.value).toBe('User1');
    expect(item(sicily, 'DomainName')!.value).toBe('ADHACKING.LOCAL');
    expect(item(sicily, 'NtChallengeResponse')!.label).toBe('NTLMv2');
  });

  it('raw NTLM in SMB: the session key Zeek logs', () => {
    const msg = clean(vector('raw_ntlm_in_smb_f022_raw_ntlm_type_3.hex'));
    expect(item(msg, 'EncryptedRandomSessionKey')!.value).toBe('eb729686fcaacfadb13418fa494760de');
  });

  it('XP NEGOTIATE: OEM Workstation before DomainName, 32-byte fixed part', () => {
    const msg = clean(vector('ntlm_unterminated_av_sequence_f004_raw_ntlm_type_1.hex'));
    expect(field(msg, 'Version')).toBeUndefined();
    expect(field(msg, 'Payload')!.children!.map((c) => [c.name, c.value])).toEqual([
      ['Workstation', 'ALEONARD-XP'],
      ['DomainName', 'CNAMIS'],
    ]);
  });
});

describe('every NTLM fixture', () => {
  const ntlm = vectors.filter((v) => isNtlmMessage(v.bytes, 0, v.bytes.length));
  it('covers the NTLM fixtures', () => expect(ntlm.length).toBeGreaterThanOrEqual(39));
  for (const v of ntlm) {
    it(`${v.file}: tree invariants, named nodes, specs`, () => {
      const { msg } = decode(v.bytes);
      expect(checkTreeInvariants(msg, v.bytes.length)).toEqual([]);
      expect(msg.spec).toMatch(/^MS-NLMP §2\.2\.1\.[123]$/);
      for (const f of findAll(msg, 'NegotiateFlags')) expect(f.spec).toBe('MS-NLMP §2.2.2.5');
      for (const p of findAll(msg, 'AvId')) expect(p.label).toMatch(/^(Msv|unknown)/);
    });
  }
});

describe('a payload item inside the fixed fields', () => {
  // Heimdal's NEGOTIATE has no WorkstationFields: its DomainName (UTF-16 although NEGOTIATE
  // strings are OEM) starts at 24 (pyspnego docs/scenarios/heimdal_ntlm.md).
  const bytes = fromHex(
    '4e544c4d53535000' + '01000000' + '07120800' + '0c000c0018000000' + '44004f004d00410049004e00',
  );

  it('is decoded where it lies, with a warning naming the quirk, not an error', () => {
    const { msg, ctx } = decode(bytes);
    expect(ctx.errors).toEqual([]);
    expect(ctx.warnings.map((w) => [w.offset, w.message])).toEqual([
      [
        24,
        "DomainName starts at offset 24, inside the fixed fields: read without WorkstationFields and Version, as Heimdal's NEGOTIATE is laid out",
      ],
    ]);
    expect(msg.children!.map((c) => c.name)).toEqual([
      'Signature',
      'MessageType',
      'NegotiateFlags',
      'DomainNameFields',
      'Payload',
    ]);
    expect(item(msg, 'DomainName')).toMatchObject({
      offset: 24,
      length: 12,
      value: 'D\0O\0M\0A\0I\0N\0', // read as OEM, the UTF-16 zero bytes stay visible
    });
    expect(checkTreeInvariants(msg, bytes.length)).toEqual([]);
  });

  it("names Heimdal 7.8's own layout: both Fields written, the string 8 bytes after where DomainName points", () => {
    // lib/ntlm/ntlm.c, heim_ntlm_encode_type1(): the offset counts DomainNameFields only.
    const heimdal = fromHex(
      '4e544c4d53535000' +
        '01000000' +
        '31120840' +
        '0e000e0018000000' +
        '0000000000000000' +
        '4500580041004d0050004c004500',
    );
    const { ctx } = decode(heimdal);
    expect(ctx.errors).toEqual([]);
    expect(ctx.warnings.map((w) => w.message)).toContain(
      'DomainName\'s offset 24 points at zeroed WorkstationFields: Heimdal\'s heim_ntlm_encode_type1() counts only DomainNameFields in the payload offset and writes the string 8 bytes later, at offset 32, where it reads "EXAMPLE" (UTF-16, though NEGOTIATE strings are OEM)',
    );
  });
});
