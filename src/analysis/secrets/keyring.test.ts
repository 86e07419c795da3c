/**
 * The keyring against the lab's keytabs (MIT krb5 1.20.1 kadmin, Samba 4.17.12 export) and
 * passwords: every entry is there with its principal, kvno and etype (as klist lists them), a
 * password gives the key the KDC derived for that principal, and candidates come in the order a
 * Wireshark-style key search tries them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../bytes';
import { readKeytab } from '../../codec/keytab';
import { ETYPES } from '../../data/kerberos';
import { FIXTURES } from '../../testing/fixtures';
import type { Secrets } from '../types';
import {
  buildKeyring,
  candidates,
  krbtgtKeys,
  passwordKeys,
  principalText,
  userNames,
} from './keyring';

const SECRETS = join(FIXTURES, 'real', 'secrets');
const file = (name: string) => new Uint8Array(readFileSync(join(SECRETS, name)));
const json = (name: string) => JSON.parse(readFileSync(join(SECRETS, name), 'utf8'));
const secrets = (s: Partial<Secrets>): Secrets => ({
  passwords: [],
  ntHashes: [],
  keytabs: [],
  keys: [],
  ...s,
});

/** klist -kte's listing of a keytab in keytabs.txt: kvno, principal, etype name. */
function klist(keytab: string): { kvno: number; principal: string; etype: string }[] {
  const text = readFileSync(join(SECRETS, 'keytabs.txt'), 'utf8');
  const section = text.split(/^== /m).find((s) => s.startsWith(`secrets/${keytab}`))!;
  return [...section.matchAll(/^\s+(\d+) \S+ \S+ (\S+) \((?:DEPRECATED:)?(\S+)\)/gm)].map((m) => ({
    kvno: Number(m[1]),
    principal: m[2],
    etype: m[3],
  }));
}

/** klist's etype names where they differ from RFC 3961's (arcfour-hmac is rc4-hmac). */
const KLIST_NAMES: Record<string, string> = { 'arcfour-hmac': 'rc4-hmac' };

describe('buildKeyring', () => {
  for (const keytab of ['all-keys.keytab', 'acceptor.keytab', 'stale.keytab', 'badkey.keytab']) {
    it(`${keytab}: every entry, as klist lists it`, () => {
      const ring = buildKeyring(secrets({ keytabs: [file(keytab)] }));
      const listed = klist(keytab);
      expect(ring.notes).toEqual([]);
      expect(ring.keys).toHaveLength(listed.length);
      ring.keys.forEach((k, i) => {
        expect(k.principal).toBe(listed[i].principal);
        expect(k.kvno).toBe(listed[i].kvno);
        expect(ETYPES[k.etype]).toBe(KLIST_NAMES[listed[i].etype] ?? listed[i].etype);
        expect(k.source).toBe(
          `keytab entry ${i + 1} (${listed[i].principal} kvno ${listed[i].kvno} ${ETYPES[k.etype]})`,
        );
      });
    });
  }

  it('raw keys and several keytabs are named apart', () => {
    const ring = buildKeyring(
      secrets({
        keytabs: [file('badkey.keytab'), file('stale.keytab')],
        keys: [
          { etype: 18, key: new Uint8Array(32) },
          { etype: 23, key: new Uint8Array(16) },
        ],
      }),
    );
    expect(ring.keys[0].source).toMatch(/^keytab 1 entry 1 /);
    expect(ring.keys[1].source).toMatch(/^keytab 2 entry 1 /);
    expect(ring.keys.at(-2)!.source).toBe('raw key 1 (aes256-cts-hmac-sha1-96)');
    expect(ring.keys.at(-1)!.source).toBe('raw key 2 (rc4-hmac)');
  });

  it('a damaged keytab keeps the entries before the damage and says where', () => {
    const whole = file('acceptor.keytab');
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const ring = buildKeyring(secrets({ keytabs: [cut] }));
    const read = readKeytab(cut);
    expect(read.ok).toBe(false);
    expect(ring.keys).toHaveLength(read.value.entries.length);
    expect(ring.keys.length).toBeGreaterThan(0);
    expect(ring.notes[0]).toMatch(/keytab is damaged at byte \d+/);
  });
});

describe('passwords as keys', () => {
  const PASSWORDS = json('passwords.json') as { services: Record<string, string> };

  it('string-to-key with the principal’s default salt gives the KDC’s key, every etype', () => {
    const spn = 'HTTP/localhost@EXAMPLE.TEST';
    const p = { realm: 'EXAMPLE.TEST', components: ['HTTP', 'localhost'] };
    const ring = buildKeyring(secrets({ passwords: [{ password: PASSWORDS.services[spn] }] }));
    const keytab = buildKeyring(secrets({ keytabs: [file('acceptor.keytab')] })).keys.filter(
      (k) => k.principal === spn,
    );
    expect(keytab.length).toBe(7);
    for (const entry of keytab) {
      const [derived] = passwordKeys(ring, entry.etype, p);
      expect(toHex(derived.key), ETYPES[entry.etype]).toBe(toHex(entry.key));
      expect(derived.fromPassword).toBe(true);
      expect(derived.principal).toBe(spn);
    }
  });

  it('a Samba user’s password gives the key Samba exported (salt SAMBA.TESTalice)', () => {
    const samba = json('samba-passwords.json') as { users: Record<string, string> };
    const ring = buildKeyring(secrets({ passwords: [{ password: samba.users.alice }] }));
    const exported = buildKeyring(secrets({ keytabs: [file('samba-all-keys.keytab')] })).keys.find(
      (k) => k.principal === 'alice@SAMBA.TEST' && k.etype === 18,
    )!;
    const [derived] = passwordKeys(ring, 18, { realm: 'SAMBA.TEST', components: ['alice'] });
    expect(toHex(derived.key)).toBe(toHex(exported.key));
    expect(derived.how).toContain("salt 'SAMBA.TESTalice'");
  });

  it('user=password applies only to the principal it names', () => {
    const p = { realm: 'EXAMPLE.TEST', components: ['HTTP', 'localhost'] };
    expect(userNames('HTTP/localhost', p)).toBe(true);
    expect(userNames('http/LOCALHOST@example.test', p)).toBe(true);
    expect(userNames('HTTP/localhost@OTHER.TEST', p)).toBe(false);
    expect(userNames('HTTP', p)).toBe(false);
    const ring = buildKeyring(
      secrets({
        passwords: [
          { user: 'alice', password: 'a' },
          { user: 'HTTP/localhost', password: 'b' },
          { password: 'c' },
        ],
      }),
    );
    const keys = passwordKeys(ring, 23, p);
    expect(keys).toHaveLength(2);
    expect(keys[0].source).toMatch(/password of HTTP\/localhost/);
    expect(passwordKeys(ring, 1, p)).toEqual([]);
  });
});

describe('candidates', () => {
  it('the principal at the ticket’s kvno first, its other kvnos, raw keys, passwords, then everyone else', () => {
    const ring = buildKeyring(
      secrets({
        keytabs: [file('stale.keytab'), file('all-keys.keytab')],
        keys: [{ etype: 18, key: new Uint8Array(32) }],
        passwords: [{ password: 'HTTP-stale-NEW-Pa55' }],
      }),
    );
    const p = { realm: 'EXAMPLE.TEST', components: ['HTTP', 'stale.example.test'] };
    const list = candidates(ring, 18, p, 2);
    expect(list.every((k) => k.etype === 18)).toBe(true);
    expect(list[0]).toMatchObject({ principal: principalText(p), kvno: 2 });
    expect(list[1]).toMatchObject({ principal: principalText(p), kvno: 1 });
    expect(list[2].source).toMatch(/^raw key/);
    expect(list[3].fromPassword).toBe(true);
    expect(list.slice(4).every((k) => k.principal !== principalText(p))).toBe(true);
    // Every etype-18 key of both keytabs is offered, as Wireshark's keymap search does.
    expect(list.length).toBe(ring.keys.filter((k) => k.etype === 18).length + 1);
  });

  it('krbtgt keys: MIT’s krbtgt/REALM@REALM and Samba’s krbtgt@REALM', () => {
    const mit = buildKeyring(secrets({ keytabs: [file('all-keys.keytab')] }));
    const mitKeys = krbtgtKeys(mit, 'EXAMPLE.TEST');
    expect(mitKeys.length).toBe(mit.keys.filter((k) => k.principal?.startsWith('krbtgt/')).length);
    expect(mitKeys.length).toBeGreaterThan(0);
    const samba = buildKeyring(secrets({ keytabs: [file('samba-all-keys.keytab')] }));
    expect(krbtgtKeys(samba, 'SAMBA.TEST').map((k) => k.principal)).toEqual(['krbtgt@SAMBA.TEST']);
  });
});
