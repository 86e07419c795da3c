import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeKeytab, readKeytab, type Keytab, type KeytabEntry } from '.';
import { FIXTURES } from '../../testing/fixtures';
import { principalSalt, stringToKeyAsync, type Etype } from '../../crypto/kerberos';
import { toHex, writeU32BE } from '../../bytes';
import { explain, specOf } from '../explain';
import { walk, type Node } from '../tree';

/**
 * The keytab reader against the keytabs of a real MIT krb5 1.20.1 KDC (fixtures/vectors/real/
 * secrets, written by kadmin ktadd), with `klist -k -t -e`'s listing of them (keytabs.txt) and the
 * lab passwords (passwords.json) as the independent answers.
 */
const SECRETS = join(FIXTURES, 'real/secrets');
const file = (name: string) => new Uint8Array(readFileSync(join(SECRETS, name)));
const ALL_KEYS = file('all-keys.keytab');
const KEYTABS = [
  'all-keys.keytab',
  'acceptor.keytab',
  'badkey.keytab',
  'host-only.keytab',
  'stale.keytab',
  'samba-all-keys.keytab',
];

/** klist's enctype names, as MIT krb5 prints them. */
const KLIST_ETYPES: Record<string, number> = {
  'aes128-cts-hmac-sha1-96': 17,
  'aes256-cts-hmac-sha1-96': 18,
  'aes128-cts-hmac-sha256-128': 19,
  'aes256-cts-hmac-sha384-192': 20,
  'DEPRECATED:arcfour-hmac': 23,
  'camellia128-cts-cmac': 25,
  'camellia256-cts-cmac': 26,
};

interface Listed {
  kvno: number;
  principal: string;
  enctype: number;
  /** klist's MM/DD/YY HH:MM:SS (the lab host ran in UTC). */
  time: string;
}

/** One keytab's lines of `klist -k -t -e` in keytabs.txt. */
function klist(name: string): Listed[] {
  const text = readFileSync(join(SECRETS, 'keytabs.txt'), 'utf8');
  const section = text.split(/^== /m).find((s) => s.startsWith(`secrets/${name}\n`));
  if (!section) throw new Error(`no listing of ${name}`);
  return section
    .split('\n')
    .slice(1)
    .map((line) => /^\s*(\d+) (\S+ \S+) (\S+) \((\S+)\)/.exec(line))
    .filter((m) => m !== null)
    .map((m) => ({ kvno: Number(m[1]), time: m[2], principal: m[3], enctype: KLIST_ETYPES[m[4]] }));
}

const nameOf = (e: KeytabEntry) => `${e.principal.components.join('/')}@${e.principal.realm}`;

function klistTime(t: number): string {
  const d = new Date(t * 1000).toISOString(); // 2026-11-26T08:27:17.000Z
  return `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(2, 4)} ${d.slice(11, 19)}`;
}

function read(bytes: Uint8Array): Keytab {
  const r = readKeytab(bytes);
  if (!r.ok) throw new Error(`${r.error}`);
  return r.value;
}

/** The record boundaries of a version 2 keytab: where each record length starts. */
function recordStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  for (let pos = 2; pos + 4 <= bytes.length;) {
    starts.push(pos);
    const size = new DataView(bytes.buffer, bytes.byteOffset).getInt32(pos);
    if (size === 0) break;
    pos += 4 + Math.abs(size);
  }
  return starts;
}

describe('MIT keytab: the real KDC’s keytabs', () => {
  for (const name of KEYTABS.filter((k) => k !== 'samba-all-keys.keytab')) {
    it(`${name}: every entry's principal, kvno, enctype and time as klist lists them`, () => {
      const r = readKeytab(file(name));
      expect(r.ok).toBe(true);
      expect(r.warnings).toEqual([]);
      expect(r.value.version).toBe(2);
      const listed = klist(name);
      expect(listed.length).toBeGreaterThan(0);
      expect(
        r.value.entries.map((e) => ({
          kvno: e.kvno,
          principal: nameOf(e),
          enctype: e.enctype,
          time: klistTime(e.timestamp),
        })),
      ).toEqual(listed);
    });
  }

  it('all-keys.keytab: 70 entries, name types, key lengths and the stale kvno 2', () => {
    const k = read(ALL_KEYS);
    expect(k.entries).toHaveLength(70);
    const lengths: Record<number, number> = {
      17: 16,
      18: 32,
      19: 16,
      20: 32,
      23: 16,
      25: 16,
      26: 32,
    };
    for (const e of k.entries) {
      expect(e.key.length, nameOf(e)).toBe(lengths[e.enctype]);
      // kadmin writes NT-SRV-INST for krbtgt, NT-PRINCIPAL for the others; MIT ≥ 1.14 writes
      // the 32-bit vno too.
      expect(e.principal.nameType, nameOf(e)).toBe(e.principal.components[0] === 'krbtgt' ? 2 : 1);
      expect(e.layout).toBeUndefined();
    }
    const stale = k.entries.filter((e) => nameOf(e) === 'HTTP/stale.example.test@EXAMPLE.TEST');
    expect(stale.map((e) => e.kvno)).toEqual([2, 2, 2, 2, 2, 2, 2]);
    expect(k.entries.map(nameOf)).toContain('krbtgt/EXAMPLE.TEST@EXAMPLE.TEST');
  });

  it('samba-all-keys.keytab reads whole and round-trips', () => {
    const bytes = file('samba-all-keys.keytab');
    const r = readKeytab(bytes);
    expect(r.ok).toBe(true);
    expect(r.value.entries.length).toBeGreaterThan(0);
    expect(r.value.entries.every((e) => e.principal.realm.toUpperCase() === 'SAMBA.TEST')).toBe(
      true,
    );
    expect(toHex(encodeKeytab(r.value))).toBe(toHex(bytes));
  });

  describe('keys equal string-to-key of the lab passwords', () => {
    const passwords = JSON.parse(readFileSync(join(SECRETS, 'passwords.json'), 'utf8')) as {
      users: Record<string, string>;
      services: Record<string, string>;
    };
    // The first word: HTTP/stale's line also says which password kvno 1 had.
    const passwordOf = (principal: string) =>
      (passwords.users[principal] ?? passwords.services[principal]).split(' ')[0];
    const k = read(ALL_KEYS);
    const cases: [string, Etype][] = [
      ['HTTP/localhost@EXAMPLE.TEST', 18],
      ['HTTP/localhost@EXAMPLE.TEST', 23],
      ['alice@EXAMPLE.TEST', 17],
      ['bob@EXAMPLE.TEST', 18],
      ['HTTP/stale.example.test@EXAMPLE.TEST', 18],
      ['HTTP/aes256-sha384.example.test@EXAMPLE.TEST', 20],
    ];
    for (const [principal, etype] of cases) {
      it(`${principal}, etype ${etype}`, async () => {
        const e = k.entries.find((x) => nameOf(x) === principal && x.enctype === etype);
        expect(e).toBeDefined();
        const salt = principalSalt(e!.principal.realm, e!.principal.components);
        const key = await stringToKeyAsync(etype, passwordOf(principal), salt);
        expect(toHex(e!.key)).toBe(toHex(key));
      });
    }
  });

  it('decode → encode gives the same bytes, for every keytab', () => {
    for (const name of KEYTABS) {
      const bytes = file(name);
      expect(toHex(encodeKeytab(read(bytes))), name).toBe(toHex(bytes));
    }
  });
});

describe('MIT keytab: damage', () => {
  const full = read(ALL_KEYS).entries;
  const starts = recordStarts(ALL_KEYS);

  it('truncated at every byte of the first 12 records and around every boundary: never a throw; an error with its offset, or a whole record boundary; the entries before it', () => {
    // Every byte of the first dozen records, then around each later record boundary (a read
    // costs milliseconds: every byte of the 5 KB file would take half a minute).
    const cuts = new Set<number>();
    for (let n = 0; n < starts[12]; n++) cuts.add(n);
    for (const s of starts) for (let d = -3; d <= 5; d++) cuts.add(s + d);
    cuts.add(ALL_KEYS.length - 1);
    for (const n of [...cuts].filter((c) => c >= 0 && c < ALL_KEYS.length)) {
      const r = readKeytab(ALL_KEYS.subarray(0, n));
      const whole = starts.indexOf(n);
      if (r.ok) {
        // Only a file cut between two records is a smaller, valid keytab.
        expect(whole, `cut at ${n}`).toBeGreaterThanOrEqual(0);
        expect(r.value.entries).toEqual(full.slice(0, whole));
        continue;
      }
      expect(whole, `cut at ${n}: ${r.error}`).toBe(n < 2 ? -1 : whole);
      expect(r.offset).toBeGreaterThanOrEqual(0);
      expect(r.offset).toBeLessThanOrEqual(n);
      expect(r.error).toMatch(/at offset \d+$/);
      // The entries of the records before the cut, nothing more.
      const before = starts.filter((s) => s < n).length - 1;
      expect(r.value.entries).toEqual(full.slice(0, Math.max(0, before)));
    }
  });

  it('not a keytab, or an unknown version: an error at the byte that says so', () => {
    const pem = new TextEncoder().encode('-----BEGIN');
    expect(readKeytab(pem)).toMatchObject({ ok: false, offset: 0 });
    expect(readKeytab(Uint8Array.of(5, 3, 0, 0, 0, 0))).toMatchObject({ ok: false, offset: 1 });
    expect(readKeytab(new Uint8Array(0))).toMatchObject({ ok: false, offset: 0 });
    expect(read(Uint8Array.of(5, 2)).entries).toEqual([]);
  });

  it('a record length beyond the file: an error at the record, the entries before it kept', () => {
    const bytes = ALL_KEYS.slice();
    writeU32BE(bytes, starts[3], 0x7fffffff);
    const r = readKeytab(bytes);
    expect(r.ok).toBe(false);
    expect(r.value.entries).toEqual(full.slice(0, 3));
  });

  it('a deleted entry is a hole readers skip, and encoding keeps it', () => {
    // What kadmin ktremove leaves: the record length negated, the entry zeroed.
    const bytes = ALL_KEYS.slice();
    const at = starts[1];
    const size = starts[2] - at - 4;
    writeU32BE(bytes, at, -size >>> 0);
    bytes.fill(0, at + 4, at + 4 + size);
    const r = readKeytab(bytes);
    expect(r.ok).toBe(true);
    expect(r.value.entries).toEqual([full[0], ...full.slice(2)]);
    expect(r.value.holes).toEqual([{ before: 1, bytes: new Uint8Array(size) }]);
    const hole = r.root.children!.find((c) => c.name === 'hole')!;
    expect(hole).toMatchObject({ offset: at, length: 4 + size });
    expect(toHex(encodeKeytab(r.value))).toBe(toHex(bytes));
  });

  it('an entry written into a larger hole, and an end marker with zeros after it', () => {
    // The first record grows by 8 zero bytes, then a zero length and 12 zero bytes end the table.
    const first = ALL_KEYS.subarray(2, starts[1]);
    const size = first.length - 4;
    const bytes = new Uint8Array(2 + 4 + size + 8 + 16);
    bytes.set([5, 2]);
    writeU32BE(bytes, 2, size + 8);
    bytes.set(first.subarray(4), 6);
    const r = readKeytab(bytes);
    expect(r.ok).toBe(true);
    expect(r.value.entries).toHaveLength(1);
    // vno32 read from the first 4 of the 12 bytes after the key: it is the entry's own (1).
    expect(r.value.entries[0].kvno).toBe(1);
    expect(r.value.entries[0].layout).toEqual({ padding: new Uint8Array(8) });
    expect(r.value.trailer).toEqual(new Uint8Array(16));
    expect(toHex(encodeKeytab(r.value))).toBe(toHex(bytes));
  });

  it('a 32-bit vno of 0 is zero fill: the 8-bit vno holds', () => {
    const bytes = ALL_KEYS.slice(0, starts[1]);
    writeU32BE(bytes, starts[1] - 4, 0);
    const r = readKeytab(bytes);
    expect(r.value.entries[0]).toMatchObject({ kvno: 1, layout: { vno32: 0 } });
    expect(toHex(encodeKeytab(r.value))).toBe(toHex(bytes));
  });
});

describe('MIT keytab: version 1 (the writer’s byte order)', () => {
  const entries = read(ALL_KEYS).entries.slice(0, 3);
  for (const littleEndian of [true, false]) {
    it(`${littleEndian ? 'little' : 'big'}-endian: the realm counted, no name type, read back`, () => {
      const bytes = encodeKeytab({ version: 1, littleEndian, entries });
      expect([...bytes.subarray(0, 2)]).toEqual([5, 1]);
      const view = new DataView(bytes.buffer);
      // num_components counts the realm: HTTP/aes128-sha1.example.test@EXAMPLE.TEST → 3.
      expect(view.getUint16(6, littleEndian)).toBe(3);
      const size = view.getInt32(2, littleEndian);
      // Version 2's record minus the 4-byte name type.
      expect(size).toBe(recordStarts(ALL_KEYS)[1] - 6 - 4);
      const r = readKeytab(bytes);
      expect(r.ok).toBe(true);
      expect(r.value).toEqual({ version: 1, littleEndian, entries });
      expect(toHex(encodeKeytab(r.value))).toBe(toHex(bytes));
    });
  }
});

describe('MIT keytab: the tree', () => {
  const SOURCE = /^MIT krb5 (?:[\w.-]+\/)+[\w.-]+\.\w+(?:, [\w()]+)?$/;

  function check(root: Node): string[] {
    const problems: string[] = [];
    walk(root, (node, _depth, parent) => {
      const kind = `${node.name}@${parent?.name ?? '-'}`;
      const e = explain(node, parent);
      if (!e?.meaning) problems.push(`${kind}: no explanation`);
      if (e?.spec) problems.push(`${kind}: a spec in the explanation`);
      const spec = specOf(node, parent);
      if (!spec || !SOURCE.test(spec)) problems.push(`${kind}: spec ${spec}`);
      if (
        parent &&
        (node.offset < parent.offset || node.offset + node.length > parent.offset + parent.length)
      )
        problems.push(`${kind}: outside its parent`);
    });
    return problems;
  }

  it('every node explained, with one public spec reference, inside its parent', () => {
    const bytes = ALL_KEYS.slice();
    const starts = recordStarts(bytes);
    writeU32BE(bytes, starts[1], -(starts[2] - starts[1] - 4) >>> 0);
    const withEnd = new Uint8Array(bytes.length + 8);
    withEnd.set(bytes);
    expect(check(readKeytab(withEnd).root)).toEqual([]);
    const v1 = encodeKeytab({ version: 1, littleEndian: true, entries: read(ALL_KEYS).entries });
    expect(check(readKeytab(v1).root)).toEqual([]);
  });

  it('covers every byte with labelled records', () => {
    const { root } = readKeytab(ALL_KEYS);
    expect(root).toMatchObject({ name: 'keytab', offset: 0, length: ALL_KEYS.length });
    const records = root.children!.filter((c) => c.name === 'record');
    expect(records).toHaveLength(70);
    expect(records[0].label).toBe(
      'HTTP/aes128-sha1.example.test@EXAMPLE.TEST kvno 1 aes128-cts-hmac-sha1-96',
    );
    const entry = records[0].children![1];
    expect(entry.children!.map((c) => c.name)).toEqual([
      'principal',
      'timestamp',
      'vno8',
      'keyblock',
      'vno',
    ]);
  });
});
