/**
 * openKerberos on exchanges no lab capture has: the encryption types without a real exchange
 * (tickets re-encrypted with encrypt() for each etype, keytabs written by encodeKeytab), a ticket
 * the KDC encrypted with a key the keytab does not hold, and Kerberos mechListMICs (from the
 * simulator, whose MIC tokens are made by its own Kerberos mechanism).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex } from '../../bytes';
import { readDer } from '../../codec/asn1/read';
import { toDer } from '../../codec/asn1/encode';
import {
  Authenticator,
  EncTicketPart,
  encodeKrbContextToken,
  readKrbContextToken,
  type ApReq,
} from '../../codec/kerberos';
import { encodeKeytab, readKeytab } from '../../codec/keytab';
import { encodeInitialContextToken } from '../../codec/gss';
import { readSpnegoToken } from '../../codec/spnego/token';
import { OID } from '../../data/oids';
import { findNode } from '../../codec/tree';
import { decrypt, encrypt, etypeProfile } from '../../crypto/kerberos';
import { rc4Checksum } from '../../crypto/kerberos/rc4-hmac';
import { DEFAULT_CONFIG } from '../../protocol/config';
import { runExchange } from '../../protocol/run';
import { FIXTURES, realTokens } from '../../testing/fixtures';
import type { SecretResult, Secrets } from '../types';
import { openKerberos, verifyKerberosMic } from './kerberos';

/** The parts without the PAC results (checked by pac.ts's own tests and below). */
const noPac = (rs: SecretResult[]) => rs.filter((r) => r.what !== 'PAC');

const SECRETS = join(FIXTURES, 'real', 'secrets');
const file = (name: string) => new Uint8Array(readFileSync(join(SECRETS, name)));
const secrets = (s: Partial<Secrets>): Secrets => ({
  passwords: [],
  ntHashes: [],
  keytabs: [],
  keys: [],
  ...s,
});

/** Deterministic bytes for keys and confounders (the tests need no randomness). */
const bytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17 + 7) & 0xff);

/** The real AP-REQ of spnego-krb5-01 (MIT krb5 1.20.1), its ticket and authenticator opened. */
function realApReq() {
  const first = realTokens('spnego-krb5-01-std-flags')[0].bytes;
  const spnego = readSpnegoToken(first);
  if (!spnego.ok || spnego.value.kind !== 'NegTokenInit') throw new Error('not a NegTokenInit');
  const framed = readKrbContextToken(spnego.value.mechToken!);
  if (!framed.ok || framed.value.message?.kind !== 'AP-REQ') throw new Error('not an AP-REQ');
  const apReq = framed.value.message.value;
  const entry = readKeytab(file('all-keys.keytab')).value.entries.find(
    (e) => e.principal.components.join('/') === 'HTTP/localhost' && e.enctype === 18,
  )!;
  const ticketPlain = decrypt(entry.key, 2, apReq.ticket['enc-part'].cipher, 18);
  if (!ticketPlain.ok) throw new Error(ticketPlain.message);
  const ticket = readDer(EncTicketPart, ticketPlain.plaintext);
  if (!ticket.ok) throw new Error(ticket.error.message);
  const session = ticket.value.key.keyvalue;
  const authPlain = decrypt(session, 11, apReq.authenticator.cipher, 18);
  if (!authPlain.ok) throw new Error(authPlain.message);
  const authenticator = readDer(Authenticator, authPlain.plaintext);
  if (!authenticator.ok) throw new Error(authenticator.error.message);
  return { apReq, ticket: ticket.value, authenticator: authenticator.value };
}

/**
 * The same AP-REQ with its ticket encrypted in a service key of `etype` (kvno 3) and a session
 * key of that etype opening the authenticator; the keytab holding that service key.
 */
function apReqFor(etype: number, sname = ['HTTP', 'localhost']) {
  const { apReq, ticket, authenticator } = realApReq();
  const p = etypeProfile(etype);
  const serviceKey = bytes(p.keyLength, etype);
  const sessionKey = bytes(p.keyLength, etype + 100);
  const encTicket = toDer(EncTicketPart, {
    ...ticket,
    key: { keytype: etype, keyvalue: sessionKey },
  });
  const value: ApReq = {
    ...apReq,
    ticket: {
      ...apReq.ticket,
      sname: { ...apReq.ticket.sname, 'name-string': sname },
      'enc-part': {
        etype,
        kvno: 3,
        cipher: encrypt(serviceKey, 2, encTicket, bytes(p.confounderLength, 1), etype),
      },
    },
    authenticator: {
      etype,
      cipher: encrypt(
        sessionKey,
        11,
        toDer(Authenticator, authenticator),
        bytes(p.confounderLength, 2),
        etype,
      ),
    },
  };
  const token = encodeKrbContextToken({ kind: 'AP-REQ', value });
  const keytab = (key: Uint8Array, kvno = 3) =>
    encodeKeytab({
      version: 2,
      entries: [
        {
          principal: { realm: 'EXAMPLE.TEST', components: sname, nameType: 3 },
          timestamp: 0,
          kvno,
          enctype: etype,
          key,
        },
      ],
    });
  return { token, serviceKey, sessionKey, keytab };
}

describe('openKerberos: every encryption type', () => {
  for (const etype of [17, 18, 19, 20, 23, 25, 26]) {
    const name = etypeProfile(etype).name;
    it(`etype ${etype} (${name}): the ticket and the authenticator open with a keytab entry`, () => {
      const { token, sessionKey, keytab, serviceKey } = apReqFor(etype);
      const [ticket, authenticator] = noPac(
        openKerberos([{ from: 'initiator', token }], secrets({ keytabs: [keytab(serviceKey)] }))[0],
      );
      expect(ticket.ok, ticket.text).toBe(true);
      expect(ticket.text).toContain(`kvno 3 ${name}`);
      expect(findNode(ticket.root!, 'keytype')?.value).toBe(etype);
      expect(ticket.derived?.find((d) => d.name === 'session key')?.value).toBe(
        Buffer.from(sessionKey).toString('hex'),
      );
      expect(authenticator.ok, authenticator.text).toBe(true);
      expect(authenticator.text).toContain(name);
      // The same etype as a raw key.
      const [raw] = noPac(
        openKerberos(
          [{ from: 'initiator', token }],
          secrets({ keys: [{ etype, key: serviceKey }] }),
        )[0],
      );
      expect(raw.ok).toBe(true);
      expect(raw.text).toMatch(/raw key/);
    });

    it(`etype ${etype} (${name}): another key of that etype fails the integrity check`, () => {
      const { token, keytab, serviceKey } = apReqFor(etype);
      const wrong = serviceKey.map((b) => b ^ 0x5a);
      const [ticket] = noPac(
        openKerberos([{ from: 'initiator', token }], secrets({ keytabs: [keytab(wrong)] }))[0],
      );
      expect(ticket.ok).toBe(false);
      expect(ticket.text).toMatch(
        /integrity check failed.*wrong key for HTTP\/localhost@EXAMPLE\.TEST kvno 3/,
      );
    });
  }
});

describe('badkey.keytab', () => {
  it('a ticket the KDC encrypted with the real key of HTTP/badkey does not open with the keytab’s wrong key', () => {
    // all-keys.keytab holds the KDC's key of HTTP/badkey.example.test; badkey.keytab a key from
    // another password (passwords.json: badkey_keytab_password).
    const kdcKey = readKeytab(file('all-keys.keytab')).value.entries.find(
      (e) => e.principal.components.join('/') === 'HTTP/badkey.example.test' && e.enctype === 18,
    )!;
    const { token: template } = apReqFor(18, ['HTTP', 'badkey.example.test']);
    // Re-encrypt that ticket under the KDC's real key, kvno 1 as the KDC has it.
    const framed = readKrbContextToken(template);
    if (!framed.ok || framed.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const apReq = framed.value.message.value;
    const plain = decrypt(bytes(32, 18), 2, apReq.ticket['enc-part'].cipher, 18);
    if (!plain.ok) throw new Error(plain.message);
    const value: ApReq = {
      ...apReq,
      ticket: {
        ...apReq.ticket,
        'enc-part': {
          etype: 18,
          kvno: 1,
          cipher: encrypt(kdcKey.key, 2, plain.plaintext, bytes(16, 3), 18),
        },
      },
    };
    const token = encodeKrbContextToken({ kind: 'AP-REQ', value });
    const [bad] = noPac(
      openKerberos(
        [{ from: 'initiator', token }],
        secrets({ keytabs: [file('badkey.keytab')] }),
      )[0],
    );
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/keytab entry 1 \(HTTP\/badkey\.example\.test@EXAMPLE\.TEST kvno 1/);
    expect(bad.text).toMatch(/wrong key/);
    const [good] = noPac(
      openKerberos(
        [{ from: 'initiator', token }],
        secrets({ keytabs: [file('all-keys.keytab')] }),
      )[0],
    );
    expect(good.ok).toBe(true);
    // The password the keytab was made from is the wrong one too; the KDC's opens it.
    const [wrongPw] = noPac(
      openKerberos(
        [{ from: 'initiator', token }],
        secrets({ passwords: [{ password: 'HTTP-badkey-WRONG-Pa55' }] }),
      )[0],
    );
    expect(wrongPw.ok).toBe(false);
    expect(wrongPw.text).toMatch(/wrong password/);
    const [rightPw] = noPac(
      openKerberos(
        [{ from: 'initiator', token }],
        secrets({ passwords: [{ password: 'HTTP-badkey-KDC-Pa55' }] }),
      )[0],
    );
    expect(rightPw.ok).toBe(true);
  });
});

describe('Kerberos mechListMIC', () => {
  /** A simulated exchange where Kerberos is the initiator's second choice, so both sides send a mechListMIC (RFC 4178 §5). */
  const simulated = () => {
    const config = structuredClone(DEFAULT_CONFIG);
    config.initiator.mechs = ['ntlm', 'kerberos'];
    config.acceptor.mechs = ['kerberos'];
    const run = runExchange(config);
    return {
      tokens: run.steps.map((s) => ({ from: s.from, token: s.token })),
      password: `${config.acceptor.service}-${config.acceptor.host}-Pa55`,
    };
  };

  it('both mechListMICs verify with the acceptor subkey, usage 23 and 25', () => {
    const { tokens, password } = simulated();
    const results = openKerberos(tokens, secrets({ passwords: [{ password }] }));
    const mics = results.flat().filter((r) => r.what === 'mechListMIC');
    expect(mics).toHaveLength(2);
    expect(mics.every((m) => m.ok)).toBe(true);
    expect(mics[0].text).toMatch(/acceptor's subkey.*key usage 23/);
    expect(mics[1].text).toMatch(/acceptor's subkey.*key usage 25/);
  });

  it('a changed MIC does not verify; without the NegTokenInit it cannot be checked', () => {
    const { tokens, password } = simulated();
    const last = tokens.at(-1)!;
    const changed = last.token.slice();
    changed[changed.length - 1] ^= 1; // the mechListMIC is NegTokenResp's last field
    const results = openKerberos(
      [...tokens.slice(0, -1), { ...last, token: changed }],
      secrets({ passwords: [{ password }] }),
    );
    const mic = results.at(-1)!.find((r) => r.what === 'mechListMIC')!;
    expect(mic.ok).toBe(false);
    expect(mic.text).toMatch(/does not verify/);
    const withoutInit = openKerberos(tokens.slice(1), secrets({ passwords: [{ password }] }));
    const lone = withoutInit.flat().find((r) => r.what === 'mechListMIC')!;
    expect(lone.ok).toBe(false);
    expect(lone.text).toMatch(/NegTokenInit/);
  });

  it('an RFC 4757 MIC token (rc4-hmac context) over the MechTypeList', () => {
    const { token, keytab, serviceKey, sessionKey } = apReqFor(23);
    expect(
      openKerberos(
        [{ from: 'initiator', token }],
        secrets({ keytabs: [keytab(serviceKey)] }),
      )[0].filter((r) => r.what !== 'PAC')[0].ok,
    ).toBe(true);
    const mechTypes = fromHex('300b06092a864886f712010202');
    // RFC 1964 §1.2.1 layout: TOK_ID 01 01, SGN_ALG 11 00 (HMAC-MD5), Filler ff ff ff ff,
    // SND_SEQ (8, encrypted), SGN_CKSUM: the first 8 bytes of the usage-15 HMAC-MD5 checksum
    // over the 8 header bytes and the message (RFC 4757 §7.2).
    const header = fromHex('01011100ffffffff');
    const sgn = rc4Checksum(sessionKey, 15, concatBytes(header, mechTypes)).subarray(0, 8);
    const mic = concatBytes(header, bytes(8, 9), sgn);
    const keys = {
      session: { etype: 23, key: sessionKey, source: 'session key', field: 'EncTicketPart.key' },
    };
    expect(verifyKerberosMic(mic, mechTypes, 'acceptor', keys)?.ok).toBe(true);
    const changed = mechTypes.slice();
    changed[5] ^= 1;
    expect(verifyKerberosMic(mic, changed, 'acceptor', keys)?.ok).toBe(false);
    // RFC 1964 tokens may come GSS-framed (RFC 2743 §3.1, thisMech krb5).
    const framed = encodeInitialContextToken(OID.krb5, mic);
    expect(verifyKerberosMic(framed, mechTypes, 'acceptor', keys)?.ok).toBe(true);
  });
});
