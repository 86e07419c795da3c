import { describe, expect, it } from 'vitest';
import { decodeToken } from '../token';
import { findAll, findNode, type Node } from '../tree';
import { toDer } from '../asn1/encode';
import { SPNEGO, MechTypeList, type NegTokenResp } from './schema';
import { realTokens, publicVectors } from '../../testing/fixtures';
import { OID } from '../../data/oids';
import { fromHex } from '../../bytes';

const values = (root: Node, name: string) => findAll(root, name).map((n) => n.value);

/** Content range of a node: what Wireshark's `field_offsets_in_token` gives for primitives. */
const content = (n: Node) => ({
  offset: n.offset + (n.headerLength ?? 0),
  length: n.length - (n.headerLength ?? 0),
});

describe('SPNEGO against Wireshark 4.0.17 on real MIT krb5 / gss-ntlmssp / Samba tokens', () => {
  const tokens = realTokens().filter(
    (t) => !t.perMessage && (t.wireshark?.frame_protocols ?? '').includes('spnego'),
  );

  it('has SPNEGO fixtures to check', () => {
    expect(tokens.length).toBeGreaterThan(40);
  });

  for (const t of tokens) {
    it(`${t.scenario}/${t.name}`, () => {
      const { root, errors } = decodeToken(t.bytes);
      expect(errors).toEqual([]);
      const ws = t.wireshark!.fields;
      const offsets = (t.wireshark!.field_offsets_in_token ?? {}) as Record<
        string,
        { offset: number; length: number }[]
      >;
      if (ws['spnego.MechType']) {
        expect(values(root, 'MechType')).toEqual(ws['spnego.MechType']);
        expect(findAll(root, 'MechType').map(content)).toEqual(offsets['spnego.MechType']);
      }
      if (ws['spnego.negResult']) {
        const negState = findNode(root, 'negState')!;
        expect(String(negState.value)).toEqual(ws['spnego.negResult'][0]);
        expect(content(negState)).toEqual(offsets['spnego.negResult'][0]);
      } else {
        expect(findNode(root, 'negState')).toBeUndefined();
      }
      if (ws['spnego.supportedMech']) {
        expect(findNode(root, 'supportedMech')!.value).toEqual(ws['spnego.supportedMech'][0]);
      }
      for (const [wsName, ours] of [
        ['spnego.mechToken', 'mechToken'],
        ['spnego.responseToken', 'responseToken'],
        ['spnego.mechListMIC', 'mechListMIC'],
      ] as const) {
        const node = findNode(root, ours);
        expect(node !== undefined).toBe(ws[wsName] !== undefined);
        if (node) expect(content(node)).toEqual(offsets[wsName][0]);
      }
      if (ws['spnego.hintName'])
        expect(findNode(root, 'hintName')!.value).toEqual(ws['spnego.hintName'][0]);
    });
  }
});

describe('SPNEGO message shapes', () => {
  it('reads the fallback exchange as MIT produced it (spnego.md §6 F4)', () => {
    const steps = realTokens('fallback-01-krb5-to-ntlm-no-keytab').map(
      (t) => decodeToken(t.bytes).root,
    );
    expect(
      steps.map((r) => (r.name === 'InitialContextToken' ? r.children![1].name : r.name)),
    ).toEqual([
      'NegTokenInit',
      'NegTokenResp',
      'NegTokenResp',
      'NegTokenResp',
      'NegTokenResp',
      'NegTokenResp',
    ]);
    expect(steps.slice(1).map((r) => findNode(r, 'negState')?.label)).toEqual([
      'request-mic',
      'accept-incomplete',
      'accept-incomplete',
      'accept-incomplete',
      'accept-completed',
    ]);
    expect(findNode(steps[1], 'supportedMech')!.label).toBe('NTLMSSP');
    expect(steps[1].length).toBe(23);
    expect(findNode(steps[4], 'mechListMIC')).toBeDefined();
    expect(findNode(steps[5], 'mechListMIC')).toBeDefined();
  });

  it('tells NegTokenInit2 from NegTokenInit by what [3] holds (MS-SPNG §2.2.1)', () => {
    const init2 = fromHex(
      '607606062b0601050502a06c306aa03c303a060a2b06010401823702021e06092a864882f71201020206092a864886f712010202060a2a864886f71201020203060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f5246433431373840706c656173655f69676e6f7265',
    );
    const { root, errors } = decodeToken(init2);
    expect(errors).toEqual([]);
    expect(root.children![1].name).toBe('NegTokenInit2');
    expect(findNode(root, 'hintName')!.value).toBe('not_defined_in_RFC4178@please_ignore');
    expect(findAll(root, 'MechType').map((n) => n.label)).toEqual([
      'NEGOEX',
      'MS Kerberos 5 (MS-KRB5, legacy truncated OID)',
      'Kerberos 5 (KRB5)',
      'Kerberos 5 user-to-user (KRB5-U2U)',
      'NTLMSSP',
    ]);
  });

  it('reads a NegTokenInit2 with hintAddress and a [4] mechListMIC (pyspnego literal)', () => {
    const v = publicVectors().find((p) =>
      p.file.endsWith('literal_neg_token_init2_hints_full.hex'),
    )!;
    const { root, errors } = decodeToken(v.bytes);
    expect(errors).toEqual([]);
    expect(findNode(root, 'NegTokenInit2')).toBeDefined();
    expect(findNode(root, 'hintAddress')).toBeDefined();
    expect(findNode(root, 'mechListMIC')).toBeDefined();
  });

  it('decodes a bare NegTokenInit without the GSS header', () => {
    const v = publicVectors().find((p) =>
      p.file.endsWith('negotiation_token_neg_token_init_unwrapped.hex'),
    )!;
    const { root, errors } = decodeToken(v.bytes);
    expect(errors).toEqual([]);
    expect(root.name).toBe('NegTokenInit');
  });

  it('names the reject token MIT sends', () => {
    const { root, errors } = decodeToken(fromHex('a1073005a0030a0102'));
    expect(errors).toEqual([]);
    expect(root.label).toContain('NegTokenTarg');
    expect(findNode(root, 'negState')).toMatchObject({
      value: 2,
      label: 'reject',
      offset: 4,
      length: 5,
      headerLength: 4,
    });
  });

  it('reads reqFlags as named ContextFlags bits', () => {
    const v = publicVectors().find((p) =>
      p.file.endsWith('literal_neg_token_init_reqflags_miclist.hex'),
    )!;
    const { root, errors } = decodeToken(v.bytes);
    expect(errors).toEqual([]);
    expect(findNode(root, 'reqFlags')!.label).toMatch(/Flag/);
  });
});

describe('SPNEGO encoding from the same schemas', () => {
  it('builds the usual short NegTokenResp encodings byte for byte', () => {
    const resp = (value: NegTokenResp) => {
      const inner = toDer(SPNEGO.NegTokenResp, value);
      return Uint8Array.from([0xa1, inner.length, ...inner]);
    };
    expect(resp({ negState: 'reject' })).toEqual(fromHex('a1073005a0030a0102'));
    expect(resp({ negState: 'request-mic', supportedMech: OID.ntlmssp })).toEqual(
      fromHex('a1153013a0030a0103a10c060a2b06010401823702020a'),
    );
    expect(resp({ negState: 'accept-completed', supportedMech: OID.krb5 })).toEqual(
      fromHex('a1143012a0030a0100a10b06092a864886f712010202'),
    );
  });

  it('encodes DER(MechTypeList) as the MIC input of spnego.md §3.1', () => {
    expect(toDer(MechTypeList, [OID.krb5, OID.ntlmssp])).toEqual(
      fromHex('301706092a864886f712010202060a2b06010401823702020a'),
    );
  });
});
