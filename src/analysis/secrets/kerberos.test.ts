/**
 * openKerberos against the real exchanges (MIT krb5 1.20.1, Heimdal 7.8, curl, Samba 4.17.12 in
 * a lab realm): every key Wireshark 4.0.17 learnt while decrypting the same tokens with the same
 * keytab (tshark-decrypted.txt) must be found, and the lab's passwords, stale and wrong keytabs
 * must give the right answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../bytes';
import { decodeToken } from '../../codec/token';
import { findAll, findNode, walk, type Node } from '../../codec/tree';
import { FIXTURES, realScenario, realScenarios, realTokens } from '../../testing/fixtures';
import type { SecretResult, Secrets } from '../types';
import { openKerberos, verifyKerberosMic, type ContextKey } from './kerberos';
import type { TokenOnWire } from './types';

/** The parts without the PAC results (checked by pac.ts's own tests and below). */
const noPac = (rs: SecretResult[]) => rs.filter((r) => r.what !== 'PAC');

const REAL = join(FIXTURES, 'real');
const secretFile = (name: string) => new Uint8Array(readFileSync(join(REAL, 'secrets', name)));
const PASSWORDS = JSON.parse(readFileSync(join(REAL, 'secrets', 'passwords.json'), 'utf8')) as {
  services: Record<string, string>;
};

const exchange = (scenario: string): TokenOnWire[] =>
  realTokens(scenario)
    .filter((t) => !t.perMessage)
    .map((t) => ({ from: t.direction, token: t.bytes }));

const secrets = (s: Partial<Secrets>): Secrets => ({
  passwords: [],
  ntHashes: [],
  keytabs: [],
  keys: [],
  ...s,
});

const keytabFor = (scenario: string) =>
  secretFile(scenario.startsWith('smb-') ? 'samba-all-keys.keytab' : 'all-keys.keytab');

const KERBEROS = realScenarios().filter((s) =>
  exchange(s).some((t) => findNode(decodeToken(t.token).root, 'AP-REQ')),
);

interface WiresharkKey {
  what: string;
  keytype: number;
  prefix: string;
}

/** "Learnt encTicketPart_key keytype 18 (id=8.1) (2af8dd3a...)" lines, each key once. */
function learntByWireshark(scenario: string): WiresharkKey[] {
  const text = readFileSync(join(REAL, scenario, 'wireshark', 'tshark-decrypted.txt'), 'utf8');
  const seen = new Map<string, WiresharkKey>();
  for (const m of text.matchAll(
    /^\s*Learnt (\S+) keytype (-?\d+) \(id=[^)]*\) \(([0-9a-f]+)\.\.\.\)/gm,
  ))
    seen.set(`${m[1]}/${m[3]}`, { what: m[1], keytype: Number(m[2]), prefix: m[3] });
  return [...seen.values()];
}

/** Every EncryptionKey (`key`, `subkey`) in the decrypted parts' trees. */
function keysFound(results: SecretResult[][]): { keytype: number; hex: string }[] {
  const out: { keytype: number; hex: string }[] = [];
  for (const r of results.flat())
    if (r.root)
      walk(r.root, (n) => {
        if (n.name !== 'key' && n.name !== 'subkey') return;
        const keytype = n.children?.find((c) => c.name === 'keytype')?.value;
        const value = n.children?.find((c) => c.name === 'keyvalue')?.value;
        if (typeof keytype === 'number' && typeof value === 'string')
          out.push({ keytype, hex: value });
      });
  return out;
}

const byWhat = (results: SecretResult[][], what: string) =>
  results.flat().filter((r) => r.what === what);

/** The `key`/`subkey` EncryptionKey directly under a part's root, as a context key. */
function contextKey(root: Node | undefined, name: string, field: string): ContextKey | undefined {
  const node = root?.children?.find((c) => c.name === name);
  const keytype = node?.children?.find((c) => c.name === 'keytype')?.value;
  const value = node?.children?.find((c) => c.name === 'keyvalue')?.value;
  if (typeof keytype !== 'number' || typeof value !== 'string') return undefined;
  return { etype: keytype, key: fromHex(value), source: field, field };
}

describe('openKerberos on the real exchanges with the lab keytab', () => {
  it('finds the Kerberos exchanges among the real ones', () => {
    expect(KERBEROS.length).toBeGreaterThanOrEqual(20);
    for (const s of ['raw-krb5-05-dce-style', 'smb-02-kerberos-password', 'http-curl-01-krb5'])
      expect(KERBEROS).toContain(s);
  });

  for (const scenario of KERBEROS) {
    it(`${scenario}: every key Wireshark learnt is found, every part opens`, () => {
      const tokens = exchange(scenario);
      const results = openKerberos(tokens, secrets({ keytabs: [keytabFor(scenario)] }));
      expect(results).toHaveLength(tokens.length);
      const found = keysFound(results);
      const learnt = learntByWireshark(scenario);
      // Wireshark 4.0 does not dissect a bare AP-REQ in an HTTP header, so learnt nothing there.
      if (scenario !== 'raw-krb5-05-dce-style') expect(learnt.length).toBeGreaterThanOrEqual(2);
      for (const k of learnt) {
        expect(
          found.some((f) => f.keytype === k.keytype && f.hex.startsWith(k.prefix)),
          `${k.what} keytype ${k.keytype} ${k.prefix}…`,
        ).toBe(true);
      }
      for (const r of results.flat()) expect(r.ok, `${r.what}: ${r.text}`).toBe(true);
      expect(byWhat(results, 'EncTicketPart').length).toBeGreaterThanOrEqual(1);
      expect(byWhat(results, 'Authenticator').length).toBeGreaterThanOrEqual(1);
      // Every AP-REP on the wire was opened.
      const apReps = tokens.filter((t) => findNode(decodeToken(t.token).root, 'AP-REP')).length;
      expect(byWhat(results, 'EncAPRepPart')).toHaveLength(apReps);
      // No real Kerberos exchange here carries a Kerberos mechListMIC (Kerberos was always chosen first).
      expect(byWhat(results, 'mechListMIC')).toHaveLength(0);
    });
  }

  it('says where each ciphertext sits: the cipher node of the token it came from', () => {
    for (const scenario of KERBEROS) {
      const tokens = exchange(scenario);
      const results = openKerberos(tokens, secrets({ keytabs: [keytabFor(scenario)] }));
      results.forEach((parts, i) => {
        const ciphers = findAll(decodeToken(tokens[i].token).root, 'cipher');
        for (const r of parts.filter((p) => p.cipher))
          expect(
            ciphers.some((c) => c.offset === r.cipher!.offset && c.length === r.cipher!.length),
          ).toBe(true);
      });
    }
  });

  it('names the decrypted fields as RFC 4120 does, offsets inside the plaintext', () => {
    const results = openKerberos(
      exchange('spnego-krb5-01-std-flags'),
      secrets({ keytabs: [secretFile('all-keys.keytab')] }),
    );
    const [ticket, authenticator] = noPac(results[0]);
    expect(ticket.root!.name).toBe('EncTicketPart');
    expect(ticket.root!.offset).toBe(0);
    const names = ticket.root!.children!.map((c) => c.name);
    for (const n of ['flags', 'key', 'crealm', 'cname', 'transited', 'authtime', 'endtime'])
      expect(names).toContain(n);
    expect(findNode(ticket.root!, 'keytype')?.value).toBe(18);
    expect(findNode(ticket.root!, 'cname')?.label).toBe('alice');
    expect(ticket.text).toMatch(/keytab entry \d+ \(HTTP\/localhost@EXAMPLE\.TEST kvno 1 aes256/);
    expect(ticket.derived?.find((d) => d.name === 'session key')?.value).toMatch(/^2af8dd3a/);
    // The PAC is inside AD-IF-RELEVANT (MS-PAC §2.4).
    const ad = findAll(ticket.root!, 'AuthorizationDataElement').map(
      (n) => n.children?.find((c) => c.name === 'ad-type')?.value,
    );
    expect(ad).toEqual(expect.arrayContaining([1, 128]));
    expect(authenticator.root!.name).toBe('Authenticator');
    for (const n of ['cname', 'cksum', 'cusec', 'ctime', 'subkey', 'seq-number'])
      expect(authenticator.root!.children!.map((c) => c.name)).toContain(n);
    expect(findNode(authenticator.root!, 'Flags')?.label).toMatch(/GSS_C_MUTUAL_FLAG/);
    const [apRep] = noPac(results[1]);
    expect(apRep.root!.name).toBe('EncAPRepPart');
    expect(apRep.derived?.[0].name).toBe("acceptor's subkey");
  });
});

describe('openKerberos: the PAC', () => {
  it('is read and its server and KDC signatures verified with the service and krbtgt keys', () => {
    const results = openKerberos(
      exchange('spnego-krb5-01-std-flags'),
      secrets({ keytabs: [secretFile('all-keys.keytab')] }),
    );
    const [pac] = byWhat(results, 'PAC');
    expect(pac.ok, pac.text).toBe(true);
    expect(pac.text).toMatch(/server checksum ✓ with HTTP\/localhost@EXAMPLE\.TEST/);
    expect(pac.text).toMatch(/KDC checksum ✓ with krbtgt\/EXAMPLE\.TEST@EXAMPLE\.TEST/);
    // Its tree is also under the ad-data it came from, in the EncTicketPart's plaintext positions.
    const ticket = byWhat(results, 'EncTicketPart')[0];
    const inTicket = findNode(ticket.root!, 'PACTYPE')!;
    expect(inTicket.offset).toBeGreaterThan(0);
    expect(inTicket.offset + inTicket.length).toBeLessThanOrEqual(ticket.root!.length);
    expect(inTicket.length).toBe(pac.root!.length);
  });

  it('without the krbtgt key the KDC signature is not checked; Samba’s full PAC names the user', () => {
    const [pac] = byWhat(
      openKerberos(
        exchange('spnego-krb5-01-std-flags'),
        secrets({ keytabs: [secretFile('acceptor.keytab')] }),
      ),
      'PAC',
    );
    expect(pac.text).toMatch(/KDC checksum not checked/);
    const [samba] = byWhat(
      openKerberos(
        exchange('smb-02-kerberos-password'),
        secrets({ keytabs: [secretFile('samba-all-keys.keytab')] }),
      ),
      'PAC',
    );
    expect(samba.ok).toBe(true);
    expect(samba.text).toMatch(/SAMBA\\alice/);
  });
});

describe('openKerberos: what each exchange shows', () => {
  const open = (scenario: string) =>
    openKerberos(exchange(scenario), secrets({ keytabs: [keytabFor(scenario)] }));

  it('rc4-hmac (raw-krb5-06): the rc4 ticket and authenticator, an aes256 acceptor subkey', () => {
    const results = open('raw-krb5-06-rc4-hmac');
    expect(noPac(results[0])[0].text).toMatch(/HTTP\/rc4\.example\.test.*rc4-hmac/);
    expect(findNode(noPac(results[0])[0].root!, 'keytype')?.value).toBe(23);
    expect(findNode(noPac(results[0])[1].root!, 'subkey')?.children?.[0].value).toBe(23);
    expect(findNode(noPac(results[1])[0].root!, 'keytype')?.value).toBe(18);
  });

  it('aes128 (spnego-krb5-11): an aes128 ticket and session key', () => {
    const results = open('spnego-krb5-11-enctype-aes128-sha1');
    expect(noPac(results[0])[0].text).toMatch(/aes128-cts-hmac-sha1-96/);
    expect(findNode(noPac(results[0])[0].root!, 'keytype')?.value).toBe(17);
  });

  it('delegation (spnego-krb5-05): the KRB-CRED opens with the session key, its TGT with the krbtgt key', () => {
    const results = open('spnego-krb5-05-delegation');
    const cred = byWhat(results, 'KRB-CRED')[0];
    expect(cred.ok).toBe(true);
    expect(cred.text).toMatch(/session key/);
    expect(cred.root!.name).toBe('EncKrbCredPart');
    expect(findNode(cred.root!, 'KrbCredInfo')).toBeDefined();
    const tgt = byWhat(results, 'EncTicketPart')[1];
    expect(tgt.text).toMatch(/delegated ticket for krbtgt\/EXAMPLE\.TEST@EXAMPLE\.TEST/);
    expect(tgt.cipher).toBeUndefined();
    // Both are grafted inside the Authenticator's tree, under their ciphertext.
    const authenticator = byWhat(results, 'Authenticator')[0];
    const grafted = findAll(authenticator.root!, 'EncKrbCredPart');
    expect(grafted).toHaveLength(1);
    expect(grafted[0].decrypted).toEqual({ offset: 0, length: cred.root!.length });
    expect(findAll(authenticator.root!, 'EncTicketPart')).toHaveLength(1);
    expect(authenticator.text).toMatch(/GSS_C_DELEG_FLAG/);
  });

  it('Samba: the ticket opens with the machine account’s key; the delegated KRB-CRED is in clear (etype 0)', () => {
    const results = open('smb-02-kerberos-password');
    // The ticket for cifs/dc1.samba.test is in the machine account's key (an SPN of DC1$).
    expect(byWhat(results, 'EncTicketPart')[0].text).toMatch(
      /cifs\/dc1\.samba\.test@SAMBA\.TEST opened with keytab entry \d+ \(DC1\$@SAMBA\.TEST.*another principal's key/,
    );
    const cred = byWhat(results, 'KRB-CRED')[0];
    expect(cred.ok).toBe(true);
    expect(cred.text).toMatch(/etype 0/);
  });

  it('channel bindings (spnego-krb5-08): Bnd is an MD5, not zeros', () => {
    const authenticator = byWhat(open('spnego-krb5-08-channel-bindings'), 'Authenticator')[0];
    const bnd = findNode(authenticator.root!, 'Bnd');
    expect(bnd?.value).toMatch(/^[0-9a-f]{32}$/);
    expect(bnd?.value).not.toBe('0'.repeat(32));
    expect(authenticator.text).toMatch(/channel bindings MD5 [0-9a-f]{32}/);
    const plain = byWhat(open('spnego-krb5-01-std-flags'), 'Authenticator')[0];
    expect(plain.text).toMatch(/no channel bindings/);
  });

  for (const scenario of ['raw-krb5-05-dce-style', 'spnego-krb5-07-dce-style']) {
    it(`DCE style (${scenario}): the initiator's own AP-REP opens too`, () => {
      const parts = byWhat(open(scenario), 'EncAPRepPart');
      expect(parts).toHaveLength(2);
      expect(parts[1].ok).toBe(true);
      expect(parts[1].text).toMatch(/initiator's AP-REP \(DCE style\)/);
      expect(findNode(parts[0].root!, 'seq-number')?.value).toBe(
        findNode(parts[1].root!, 'seq-number')?.value,
      );
    });
  }

  it('a KRB-ERROR has nothing to decrypt, NTLM tokens nothing for Kerberos', () => {
    const results = open('raw-krb5-03-krb-error-kvno');
    expect(results[1]).toEqual([]);
    const ntlm = openKerberos(
      exchange('spnego-ntlm-01-ntlmv2'),
      secrets({ keytabs: [secretFile('all-keys.keytab')] }),
    );
    expect(ntlm.every((r) => r.length === 0)).toBe(true);
    const bare = openKerberos(
      realTokens('raw-ntlm-01-ntlmv2').map((t) => ({ from: t.direction, token: t.bytes })),
      secrets({ keytabs: [secretFile('all-keys.keytab')] }),
    );
    expect(bare.every((r) => r.length === 0)).toBe(true);
  });
});

describe('openKerberos with passwords', () => {
  const service = (spn: string) => PASSWORDS.services[spn];

  it('the service password alone opens the ticket (default salt realm + name)', () => {
    const results = openKerberos(
      exchange('spnego-krb5-01-std-flags'),
      secrets({ passwords: [{ password: service('HTTP/localhost@EXAMPLE.TEST') }] }),
    );
    const [ticket, authenticator] = noPac(results[0]);
    expect(ticket.ok).toBe(true);
    expect(ticket.text).toMatch(/password/);
    const how = ticket.derived?.find((d) => d.name.startsWith('service key'))?.how;
    expect(how).toContain("salt 'EXAMPLE.TESTHTTPlocalhost'");
    expect(authenticator.ok).toBe(true);
    expect(noPac(results[1])[0].ok).toBe(true);
  });

  it('user=password applies to that principal only, case-insensitively, with or without realm', () => {
    const password = service('HTTP/localhost@EXAMPLE.TEST');
    for (const user of ['HTTP/localhost', 'http/LOCALHOST@example.test']) {
      const [ticket] = noPac(
        openKerberos(
          exchange('spnego-krb5-01-std-flags'),
          secrets({ passwords: [{ user, password }] }),
        )[0],
      );
      expect(ticket.ok).toBe(true);
    }
    const [other] = noPac(
      openKerberos(
        exchange('spnego-krb5-01-std-flags'),
        secrets({ passwords: [{ user: 'alice', password }] }),
      )[0],
    );
    expect(other.ok).toBe(false);
    expect(other.text).toMatch(/no key for HTTP\/localhost@EXAMPLE\.TEST/);
  });

  it('a wrong password says so', () => {
    const [ticket, authenticator] = noPac(
      openKerberos(
        exchange('spnego-krb5-01-std-flags'),
        secrets({ passwords: [{ password: 'not-the-password' }] }),
      )[0],
    );
    expect(ticket.ok).toBe(false);
    expect(ticket.text).toMatch(/wrong password for HTTP\/localhost@EXAMPLE\.TEST/);
    expect(authenticator.ok).toBe(false);
    expect(authenticator.text).toMatch(/ticket was not opened/);
  });

  it('rc4-hmac: the password gives the NT hash', () => {
    const [ticket] = noPac(
      openKerberos(
        exchange('raw-krb5-06-rc4-hmac'),
        secrets({ passwords: [{ password: service('HTTP/rc4.example.test@EXAMPLE.TEST') }] }),
      )[0],
    );
    expect(ticket.ok).toBe(true);
    expect(ticket.derived?.find((d) => d.name.startsWith('service key'))?.how).toMatch(/NT hash/);
  });

  it('aes128: string-to-key with the ticket’s etype', () => {
    const [ticket] = noPac(
      openKerberos(
        exchange('spnego-krb5-11-enctype-aes128-sha1'),
        secrets({
          passwords: [{ password: service('HTTP/aes128-sha1.example.test@EXAMPLE.TEST') }],
        }),
      )[0],
    );
    expect(ticket.ok).toBe(true);
    expect(ticket.derived?.[0].how).toMatch(/string-to-key\(aes128-cts-hmac-sha1-96/);
  });
});

describe('openKerberos with the wrong keys', () => {
  it('stale.keytab (kvno 1) against a kvno 2 ticket: a stale key', () => {
    const [ticket, authenticator] = noPac(
      openKerberos(
        exchange('raw-krb5-03-krb-error-kvno'),
        secrets({ keytabs: [secretFile('stale.keytab')] }),
      )[0],
    );
    expect(ticket.ok).toBe(false);
    expect(ticket.text).toMatch(/kvno 2 but the key given for it is kvno 1/);
    expect(ticket.text).toMatch(/stale/);
    expect(authenticator.ok).toBe(false);
  });

  it('a keytab without the principal: no key for it', () => {
    const [ticket] = noPac(
      openKerberos(
        exchange('spnego-krb5-01-std-flags'),
        secrets({ keytabs: [secretFile('host-only.keytab')] }),
      )[0],
    );
    expect(ticket.ok).toBe(false);
    expect(ticket.text).toMatch(/no key for HTTP\/localhost@EXAMPLE\.TEST/);
  });

  it('nothing given: says so', () => {
    const [ticket] = noPac(openKerberos(exchange('spnego-krb5-01-std-flags'), secrets({}))[0]);
    expect(ticket.ok).toBe(false);
    expect(ticket.text).toMatch(/no Kerberos key, keytab or password was given/);
  });

  it('a raw key: the session key of another exchange opens nothing, the service key opens', () => {
    const tokens = exchange('spnego-krb5-01-std-flags');
    const all = openKerberos(tokens, secrets({ keytabs: [secretFile('all-keys.keytab')] }));
    const serviceKey = noPac(all[0])[0].text.match(/keytab entry (\d+)/)![1];
    expect(Number(serviceKey)).toBeGreaterThan(0);
    const wrong = fromHex('00'.repeat(32));
    const [ticket] = noPac(openKerberos(tokens, secrets({ keys: [{ etype: 18, key: wrong }] }))[0]);
    expect(ticket.ok).toBe(false);
    expect(ticket.text).toMatch(/integrity check failed/);
    expect(ticket.text).toMatch(/raw key given: not HTTP\/localhost@EXAMPLE\.TEST's key kvno 1/);
  });

  it('damaged ciphertext: ok false with the reason, never a throw', () => {
    const tokens = exchange('spnego-krb5-01-std-flags');
    const root = decodeToken(tokens[0].token).root;
    const cipher = findAll(root, 'cipher')[1]; // the authenticator's
    const bad = tokens[0].token.slice();
    bad[cipher.offset + cipher.length - 1] ^= 1;
    const [ticket, authenticator] = noPac(
      openKerberos(
        [{ from: 'initiator', token: bad }],
        secrets({ keytabs: [secretFile('all-keys.keytab')] }),
      )[0],
    );
    expect(ticket.ok).toBe(true);
    expect(authenticator.ok).toBe(false);
    expect(authenticator.text).toMatch(/integrity check failed/);
    // Every byte changed in turn (a stride of them): the answer is data, never a throw.
    const keytab = secretFile('all-keys.keytab');
    for (const t of exchange('spnego-krb5-05-delegation'))
      for (let i = 0; i < t.token.length; i += 23) {
        const flipped = t.token.slice();
        flipped[i] ^= 0x80;
        const f = openKerberos([{ ...t, token: flipped }], secrets({ keytabs: [keytab] }));
        expect(f).toHaveLength(1);
        for (const part of f[0]) expect(typeof part.text).toBe('string');
      }
    // Truncated tokens and garbage never throw.
    for (let cut = 1; cut < tokens[0].token.length; cut += 37) {
      const r = openKerberos(
        [{ from: 'initiator', token: tokens[0].token.subarray(0, cut) }],
        secrets({ keytabs: [secretFile('all-keys.keytab')] }),
      );
      expect(r).toHaveLength(1);
    }
  });
});

describe('Kerberos MIC tokens', () => {
  /** The per-message GetMIC tokens MIT made after the context, over the message the scenario records. */
  const getMics = (scenario: string) =>
    (
      (realScenario(scenario).per_message_tokens ?? []) as {
        operation: string;
        from: 'initiator' | 'acceptor';
        hex: string;
        plaintext_hex: string;
      }[]
    ).filter((t) => t.operation === 'get_mic');

  const contextOf = (scenario: string) => {
    const results = openKerberos(
      exchange(scenario),
      secrets({ keytabs: [secretFile('all-keys.keytab')] }),
    );
    return {
      session: contextKey(byWhat(results, 'EncTicketPart')[0].root, 'key', 'EncTicketPart.key'),
      initiatorSubkey: contextKey(
        byWhat(results, 'Authenticator')[0].root,
        'subkey',
        'Authenticator.subkey',
      ),
      acceptorSubkey: contextKey(
        byWhat(results, 'EncAPRepPart')[0]?.root,
        'subkey',
        'EncAPRepPart.subkey',
      ),
    };
  };

  const withMics = realScenarios().filter((s) => KERBEROS.includes(s) && getMics(s).length > 0);

  it('there are real Kerberos GetMIC tokens to check against', () => {
    expect(withMics).toEqual(
      expect.arrayContaining(['raw-krb5-06-rc4-hmac', 'spnego-krb5-11-enctype-aes128-sha1']),
    );
  });

  for (const scenario of withMics) {
    it(`${scenario}: MIT's GetMIC tokens verify with the learnt acceptor subkey, a changed message does not`, () => {
      const keys = contextOf(scenario);
      for (const t of getMics(scenario)) {
        const message = fromHex(t.plaintext_hex);
        const ok = verifyKerberosMic(fromHex(t.hex), message, t.from, keys, 'the message');
        expect(ok?.ok, ok?.text).toBe(true);
        expect(ok?.text).toMatch(/acceptor's subkey|EncAPRepPart\.subkey/);
        const changed = message.slice();
        changed[0] ^= 1;
        expect(verifyKerberosMic(fromHex(t.hex), changed, t.from, keys)?.ok).toBe(false);
        // Reflected: the same token presented as the acceptor's.
        const other = t.from === 'initiator' ? 'acceptor' : 'initiator';
        const reflected = verifyKerberosMic(fromHex(t.hex), message, other, keys);
        expect(reflected?.ok).toBe(false);
        expect(reflected?.text).toMatch(/SentByAcceptor/);
      }
    });
  }

  it('an NTLM MIC is not a Kerberos MIC', () => {
    expect(
      verifyKerberosMic(fromHex('01000000' + '00'.repeat(12)), new Uint8Array(), 'initiator', {}),
    ).toBeNull();
  });
});
