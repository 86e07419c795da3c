import { describe, expect, it } from 'vitest';
import { decodeToken, fromBase64, walk, type Node } from '.';
import { EXPLANATION_TABLES, explain, specOf } from './explain';
import { allFixtureTokens } from '../testing/fixtures';
import { listScenarios, simulate, type ConfigPatch } from '../protocol';

/** A few configurations beside each scenario's own, for the tokens only they produce. */
const VARIANTS: ConfigPatch[] = [
  {},
  { profile: 'windows', transport: 'smb' },
  { faults: { clockSkewSeconds: 301 } },
  { acceptor: { kerberosKey: false } },
];

function everyToken(): { id: string; bytes: Uint8Array }[] {
  const tokens = allFixtureTokens();
  for (const { id } of listScenarios())
    VARIANTS.forEach((patch, v) =>
      simulate(id, patch).steps.forEach((s, i) =>
        tokens.push({ id: `simulated/${id}#${v}/${i}`, bytes: fromBase64(s.token) }),
      ),
    );
  return tokens;
}

/** A spec reference a reader can open: an RFC, a Microsoft open specification, X.690, a draft. */
const PUBLIC_SPEC = /^(RFC \d+|MS-[A-Z0-9]+ §[\d.]+|ITU-T X\.690 §[\d.]+|draft-[a-z0-9-]+)/;
/** An implementation's source: `MIT krb5 src/lib/gssapi/krb5/iakerb.c, iakerb_make_token()`. */
const SOURCE = /^[\w-]+(?: krb5)? (?:[\w.-]+\/)+[\w.-]+\.\w+(?:, [\w()]+)?$/;

describe('explanations', () => {
  const tokens = everyToken();

  it('explain every node kind of every fixture and simulated token, each with exactly one spec reference', () => {
    const missing = new Map<string, string>();
    const twice = new Map<string, string>();
    const none = new Map<string, string>();
    for (const { id, bytes } of tokens) {
      walk(decodeToken(bytes).root, (node: Node, _depth, parent) => {
        const kind = `${node.name}@${parent?.name ?? '-'}`;
        const explanation = explain(node, parent);
        if (!explanation?.meaning) missing.set(kind, id);
        else if (node.spec && explanation.spec)
          twice.set(kind, `${node.spec} (node) and ${explanation.spec} (explanation), in ${id}`);
        else if (!node.spec && !explanation.spec) none.set(kind, id);
      });
    }
    const list = (m: Map<string, string>) => [...m].map(([kind, where]) => `${kind}: ${where}`);
    expect(list(missing), 'node kinds without an explanation').toEqual([]);
    expect(list(twice), 'node kinds with a spec on the node and in the explanation').toEqual([]);
    expect(list(none), 'node kinds with no spec on the node nor in the explanation').toEqual([]);
  });

  it('cite public sources only, in the form the inspector links', () => {
    const bad = new Set<string>();
    for (const { bytes } of tokens) {
      walk(decodeToken(bytes).root, (node, _depth, parent) => {
        const spec = specOf(node, parent);
        for (const ref of spec?.split(';') ?? []) {
          if (!PUBLIC_SPEC.test(ref.trim()) && !SOURCE.test(ref.trim()))
            bad.add(`${node.name}: ${spec}`);
        }
      });
    }
    for (const [table, entries] of Object.entries(EXPLANATION_TABLES))
      for (const [key, e] of Object.entries(entries)) {
        if (e.spec && !PUBLIC_SPEC.test(e.spec)) bad.add(`${table} ${key}: ${e.spec}`);
        const words = `${e.meaning} ${e.note ?? ''}`;
        if (/\.md\b|fixtures\/|quirks|§\s*[A-Z]\d/.test(words))
          bad.add(`${table} ${key}: ${words}`);
      }
    expect([...bad]).toEqual([]);
  });

  it('give a one-line meaning, each key in one table only', () => {
    const seen = new Map<string, string>();
    const problems: string[] = [];
    for (const [table, entries] of Object.entries(EXPLANATION_TABLES))
      for (const [key, e] of Object.entries(entries)) {
        if (seen.has(key)) problems.push(`${key} in ${seen.get(key)} and ${table}`);
        seen.set(key, table);
        if (/\n/.test(e.meaning) || e.meaning.length > 130)
          problems.push(`${table} ${key}: meaning of ${e.meaning.length} characters`);
      }
    expect(problems).toEqual([]);
  });

  it('tell apart fields whose name repeats in different structures', () => {
    const named = (name: string, parent: string) => explain({ name }, { name: parent })?.meaning;
    expect(named('enc-part', 'AP-REP')).not.toBe(named('enc-part', 'ticket'));
    expect(named('Version', 'NTLMSSP_MESSAGE_SIGNATURE')).not.toBe(
      named('Version', 'AUTHENTICATE_MESSAGE'),
    );
    expect(named('sname', 'KRB-ERROR')).toMatch(/error/);
    expect(named('cbHeaderLength', 'Checksum')).not.toBe(named('cbHeaderLength', 'Header'));
  });

  it('explain generic ASN.1 and token-level nodes by pattern', () => {
    expect(explain({ name: '[7]' }, { name: 'NegTokenResp' })?.spec).toBe('ITU-T X.690 §8.14');
    expect(explain({ name: 'SEQUENCE' })?.spec).toBe('ITU-T X.690 §8.9');
    expect(explain({ name: '[APPLICATION 5]' })?.meaning).toMatch(/APPLICATION 5/);
    expect(explain({ name: 'NegTokenResp + trailing bytes' })?.meaning).toMatch(/trailing|after/);
    expect(specOf({ name: 'negState', spec: 'RFC 4178 §4.2.2' })).toBe('RFC 4178 §4.2.2');
  });
});
