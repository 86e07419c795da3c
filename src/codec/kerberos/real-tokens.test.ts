import { describe, expect, it } from 'vitest';
import { realScenario, realTokens, type RealToken } from '../../testing/fixtures';
import { ERROR_CODES, ETYPES, MSG_TYPES, NAME_TYPES } from '../../data/kerberos';
import { findAll, type Node, type NodeValue } from '../tree';
import {
  decodeKerberosParts,
  findKerberos,
  nodesWithoutSpec,
  treeViolations,
} from '../../testing/kerberos';

/*
 * Real MIT krb5 1.20.1 / Samba 4.17.12 exchanges (fixtures/vectors/real), checked against
 * Wireshark 4.0.17's dissection of the same bytes: every value and every value's byte range.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wireshark's `Nov 26, 2026 08:27:23.000000000 UTC` → `2026-11-26T08:27:23Z`. */
function wiresharkTime(text: string): string {
  const m = /^(\w{3}) (\d{1,2}), (\d{4}) (\d{2}:\d{2}:\d{2})\.0+ UTC$/.exec(text);
  if (!m) throw new Error(`unexpected Wireshark time ${text}`);
  const month = String(MONTHS.indexOf(m[1]) + 1).padStart(2, '0');
  return `${m[3]}-${month}-${m[2].padStart(2, '0')}T${m[4]}Z`;
}

interface FieldMapping {
  /** Our nodes for this field, in document order. */
  nodes: (root: Node) => Node[];
  value: (wireshark: string) => NodeValue;
  /** Bytes Wireshark leaves out of the value range after our headers (the unused-bits octet). */
  skip?: number;
  /** The names the label must show. */
  names?: Record<number, string>;
}

const named = (name: string) => (root: Node) => findAll(root, name);
const text = (s: string) => s;

const FIELDS: Record<string, FieldMapping> = {
  'kerberos.pvno': { nodes: named('pvno'), value: Number },
  'kerberos.msg_type': { nodes: named('msg-type'), value: Number, names: MSG_TYPES },
  'kerberos.ap_options': { nodes: named('ap-options'), value: text, skip: 1 },
  'kerberos.tkt_vno': { nodes: named('tkt-vno'), value: Number },
  'kerberos.realm': { nodes: named('realm'), value: text },
  'kerberos.name_type': { nodes: named('name-type'), value: Number, names: NAME_TYPES },
  'kerberos.SNameString': {
    nodes: (root) =>
      findAll(root, 'sname').flatMap(
        (s) => s.children!.find((c) => c.name === 'name-string')!.children!,
      ),
    value: text,
  },
  'kerberos.etype': { nodes: named('etype'), value: Number, names: ETYPES },
  'kerberos.kvno': { nodes: named('kvno'), value: Number },
  'kerberos.cipher': { nodes: named('cipher'), value: text },
  'kerberos.error_code': { nodes: named('error-code'), value: Number, names: ERROR_CODES },
  'kerberos.stime': { nodes: named('stime'), value: wiresharkTime },
  'kerberos.susec': { nodes: named('susec'), value: Number },
};

const tokens = realTokens();
const withKerberos = tokens.filter((t) => findKerberos(t.bytes).length > 0);
const dissected = withKerberos.filter((t) =>
  Object.keys(t.wireshark?.fields ?? {}).some((k) => k.startsWith('kerberos.')),
);

function decode(token: RealToken) {
  const { ctx, root } = decodeKerberosParts(token.bytes);
  expect(ctx.errors).toEqual([]);
  return root;
}

describe('real tokens: Kerberos decodes like Wireshark 4.0.17 dissects it', () => {
  it('has the Kerberos exchanges', () => {
    expect(dissected.length).toBeGreaterThanOrEqual(40);
    expect(withKerberos.filter((t) => t.perMessage).length).toBeGreaterThanOrEqual(6);
  });

  for (const token of dissected) {
    it(`${token.scenario}/${token.name}`, () => {
      const root = decode(token);
      const ws = token.wireshark!;
      const offsets = ws.field_offsets_in_token as Record<
        string,
        { offset: number; length: number }[]
      >;
      let compared = 0;
      for (const [field, mapping] of Object.entries(FIELDS)) {
        const expected = ws.fields[field];
        if (!expected) continue;
        const nodes = mapping.nodes(root);
        expect(
          nodes.map((n) => n.value),
          field,
        ).toEqual(expected.map(mapping.value));
        const ranges = nodes.map((n) => {
          const start = n.offset + n.headerLength! + (mapping.skip ?? 0);
          return { offset: start, length: n.offset + n.length - start };
        });
        expect(ranges, `${field} byte ranges`).toEqual(offsets[field]);
        if (mapping.names) {
          for (const n of nodes) expect(n.label, field).toBe(mapping.names[n.value as number]);
        }
        compared++;
      }
      expect(compared).toBeGreaterThanOrEqual(4);

      // Wireshark shows the TOK_ID as a little-endian number: 0x0001 is bytes 01 00.
      const tokIds = findAll(root, 'TOK_ID');
      const wsTokIds = ws.fields['spnego.krb5.tok_id'] ?? [];
      expect(tokIds.map((n) => n.value)).toEqual(
        wsTokIds.map((v) => v.slice(4, 6) + v.slice(2, 4)),
      );
      if (wsTokIds.length)
        expect(tokIds.map((n) => ({ offset: n.offset, length: n.length }))).toEqual(
          offsets['spnego.krb5.tok_id'],
        );

      // ap-options bits as Wireshark names them.
      const mutual = ws.fields['kerberos.APOptions.mutual.required'];
      if (mutual) {
        const labels = String(findAll(root, 'ap-options')[0].label).split(', ');
        expect(labels.includes('mutual-required')).toBe(mutual[0] === '1');
        expect(labels.includes('use-session-key')).toBe(
          ws.fields['kerberos.APOptions.use.session.key'][0] === '1',
        );
      }
      // Number of sname components.
      const counts = ws.fields['kerberos.sname_string'];
      if (counts) {
        expect(findAll(root, 'sname').map((s) => String(s.children![1].children!.length))).toEqual(
          counts,
        );
      }
    });
  }

  it('labels the error codes of the real KRB-ERRORs', () => {
    const labels = dissected
      .flatMap((t) => findAll(decode(t), 'KRB-ERROR'))
      .map((n) => n.label)
      .sort();
    expect(labels).toEqual([
      'KRB_AP_ERR_BADKEYVER',
      'KRB_AP_ERR_NOT_US',
      'KRB_AP_ERR_SKEW',
      'KRB_AP_ERR_SKEW',
    ]);
  });

  for (const token of withKerberos) {
    it(`${token.scenario}/${token.name}: tree invariants and specs`, () => {
      const root = decode(token);
      expect(treeViolations(root, token.bytes.length)).toEqual([]);
      expect(nodesWithoutSpec(root)).toEqual([]);
    });
  }
});

interface PerMessageRecord {
  from: 'initiator' | 'acceptor';
  file: string;
  operation: string;
}

interface Lucid {
  send_seq: number;
  recv_seq: number;
  cfx?: { have_acceptor_subkey: boolean };
}

describe('real RFC 4121 per-message tokens', () => {
  for (const scenario of ['raw-krb5-01-mutual', 'raw-krb5-06-rc4-hmac']) {
    it(`${scenario}: Flags and SND_SEQ`, () => {
      const info = realScenario(scenario) as {
        per_message_tokens: PerMessageRecord[];
        context_info: Record<'initiator' | 'acceptor', { krb5_lucid_context: Lucid }>;
      };
      const files = new Map(realTokens(scenario).map((t) => [`${t.name}.b64`, t]));
      const seqs: Record<string, number[]> = { initiator: [], acceptor: [] };
      for (const record of info.per_message_tokens) {
        const token = files.get(record.file)!;
        const root = decode(token);
        const pm = root.children![0].children![0];
        const wrap = record.operation.startsWith('wrap');
        expect(pm.name).toBe(wrap ? 'Wrap token' : 'MIC token');
        const own = info.context_info[record.from].krb5_lucid_context;
        const expectedFlags =
          (record.from === 'acceptor' ? 0x01 : 0) |
          (record.operation === 'wrap(conf=True)' ? 0x02 : 0) |
          (own.cfx?.have_acceptor_subkey ? 0x04 : 0);
        const flags = pm.children!.find((c) => c.name === 'Flags')!;
        expect(flags.value).toBe(expectedFlags);
        seqs[record.from].push(pm.children!.find((c) => c.name === 'SND_SEQ')!.value as number);
        if (record.operation === 'wrap(conf=False)') {
          // Unsealed: the plaintext is visible, followed by a 12-byte AES checksum (EC).
          const data = pm.children!.find((c) => c.name === 'Data')!;
          expect(
            new TextDecoder().decode(token.bytes.subarray(data.offset, data.offset + data.length)),
          ).toBe('SPNEGO corpus per-message test data');
          expect(pm.children!.find((c) => c.name === 'EC')!.value).toBe(12);
          expect(pm.children!.find((c) => c.name === 'checksum')!.length).toBe(12);
        }
      }
      // Each side numbers from the seq-number it sent in its authenticator / EncAPRepPart (which
      // the peer's exported context reports as recv_seq), one per token, ending before send_seq.
      for (const side of ['initiator', 'acceptor'] as const) {
        const own = info.context_info[side].krb5_lucid_context;
        const peer =
          info.context_info[side === 'initiator' ? 'acceptor' : 'initiator'].krb5_lucid_context;
        const first = seqs[side][0];
        expect(first).toBe(peer.recv_seq);
        expect(seqs[side]).toEqual(seqs[side].map((_, i) => first + i));
        expect(first + seqs[side].length).toBe(own.send_seq);
      }
    });
  }

  it('raw-krb5-01-mutual: SND_SEQ starts at the seq-numbers Wireshark decrypted', () => {
    // tshark-decrypted.txt: Authenticator seq-number 193510165, EncAPRepPart seq-number 186935078.
    const values = realTokens('raw-krb5-01-mutual')
      .filter((t) => t.perMessage)
      .map((t) => findAll(decode(t), 'SND_SEQ')[0].value);
    expect(values).toEqual([193510165, 186935078, 193510166]);
  });
});
