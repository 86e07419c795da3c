import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OID } from '../../data/oids';
import { readDer } from '../../codec/asn1/read';
import type { Schema } from '../../codec/asn1/schema';
import {
  Authenticator,
  EncTicketPart,
  KERB_ERROR_DATA,
  KRB_CRED,
  readKrbContextToken,
  type PrincipalName,
} from '../../codec/kerberos';
import { readGssChecksum } from '../../codec/kerberos/gss-checksum';
import { decrypt } from '../../crypto/kerberos/encrypt';
import { stringToKey } from '../../crypto/kerberos/string-to-key';
import { DEFAULT_CONFIG, withPatch, type ConfigPatch, type SimConfig } from '../config';
import { deterministicBytes } from '../random';
import { kerberos } from './kerberos';
import type { MechState, MechStep } from './mechanism';
import type { KrbData } from './kerberos/state';
import { toHex } from '../../bytes';

const config = (patch: ConfigPatch = {}): SimConfig => withPatch(DEFAULT_CONFIG, patch);

/** The AP-REQ inside an initiator token, read as a typed value. */
function apReqOf(token: Uint8Array) {
  const read = readKrbContextToken(token);
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('not an AP-REQ token');
  return read.value.message.value;
}

function typed<T>(schema: Schema<T>, bytes: Uint8Array): T {
  const read = readDer(schema, bytes);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

/** The 0x8003 checksum octets of an Authenticator, read as a typed value (RFC 4121 §4.1.1). */
function gssChecksumOf(authenticator: Authenticator) {
  const read = readGssChecksum(authenticator.cksum!.checksum);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

const nameOf = (p: PrincipalName) => p['name-string'].join('/');

/** Where `part` stands in `whole` (to flip a byte of a ciphertext in a token). */
function indexOfBytes(whole: Uint8Array, part: Uint8Array): number {
  outer: for (let i = 0; i + part.length <= whole.length; i++) {
    for (let j = 0; j < part.length; j++) if (whole[i + j] !== part[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}
/** The context token read as a typed value (the tree is checked where its labels matter). */
function contextToken(token: Uint8Array) {
  const read = readKrbContextToken(token);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}
const tokId = (token: Uint8Array) => contextToken(token).tokId;

function run(c: SimConfig) {
  const init = kerberos.initiate(c);
  const acc = kerberos.accept(null, init.token!, c);
  const fin =
    acc.token && acc.status === 'complete'
      ? kerberos.initiatorContinue(init.state, acc.token, c)
      : null;
  return { init, acc, fin };
}

function established(c: SimConfig): {
  initiator: MechState<KrbData>;
  acceptor: MechState<KrbData>;
} {
  const { init, acc, fin } = run(c);
  expect(acc.status).toBe('complete');
  return { initiator: (fin ?? init).state, acceptor: acc.state };
}

/** The service key as the lab derives it (fixtures/vectors/real/secrets: `HTTP-localhost-Pa55`). */
const serviceKey = (c: SimConfig) =>
  stringToKey(
    18,
    `${c.acceptor.service}-${c.acceptor.host}-Pa55`,
    `${c.realm}${c.acceptor.service}${c.acceptor.host}`,
  );

function rulesHaveSpecs(step: MechStep<KrbData>) {
  expect(step.rules.length).toBeGreaterThan(0);
  for (const r of step.rules) {
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.spec).toMatch(/RFC|krb5|MS-/);
  }
}

describe('Kerberos mechanism: context establishment', () => {
  it('with mutual authentication: AP-REQ, then AP-REP, both sides complete', () => {
    const { init, acc, fin } = run(config());
    expect(init.status).toBe('continue');
    expect(init.state.name).toBe('AP_REQ_SENT');
    expect(tokId(init.token!)).toBe('0100');
    expect(acc.status).toBe('complete');
    expect(acc.state.name).toBe('ESTABLISHED');
    expect(tokId(acc.token!)).toBe('0200');
    expect(fin?.status).toBe('complete');
    expect(fin?.state.name).toBe('ESTABLISHED');
    expect(fin?.token).toBeUndefined();
    for (const step of [init, acc, fin!]) rulesHaveSpecs(step);
    expect(kerberos.offersIntegrity(fin!.state)).toBe(true);
    expect(kerberos.offersIntegrity(acc.state)).toBe(true);
    expect(kerberos.requiresMechListMic(acc.state)).toBe(false);
    expect(fin!.state.holdings['server authenticated']).toBe(true);
  });

  it('without mutual authentication: the AP-REQ completes the client, the server sends nothing', () => {
    const { init, acc } = run(config({ initiator: { mutual: false } }));
    expect(init.status).toBe('complete');
    expect(kerberos.offersIntegrity(init.state)).toBe(true);
    expect(acc.status).toBe('complete');
    expect(acc.token).toBeUndefined();
    expect(apReqOf(init.token!)['ap-options']).toBe(0);
  });

  it('frames the AP-REQ per RFC 4121 §4.1 and the ticket reads back as built', () => {
    const c = config();
    const token = contextToken(kerberos.initiate(c).token!);
    expect(token.thisMech).toBe(OID.krb5);
    expect(token.tokId).toBe('0100');
    if (token.message?.kind !== 'AP-REQ') throw new Error('not an AP-REQ');
    // APOptions bit 2, mutual-required (RFC 4120 §5.5.1).
    expect(token.message.value['ap-options']).toBe(0x20000000);
    const ticket = token.message.value.ticket;
    expect(ticket.realm).toBe('EXAMPLE.TEST');
    expect(nameOf(ticket.sname)).toBe('HTTP/server.example.test');
    expect(ticket.sname['name-type']).toBe(3);
    expect(ticket['enc-part'].etype).toBe(18);
    expect(ticket['enc-part'].kvno).toBe(2);
    expect(kerberos.initiate(c).state.holdings.ticket).toBe(
      'HTTP/server.example.test@EXAMPLE.TEST (aes256-cts-hmac-sha1-96, kvno 2)',
    );
  });

  it('names the service NT-SRV-INST in the Windows profile (RFC 4120 §6.2 compares components only)', () => {
    const c = config({ profile: 'windows' });
    expect(apReqOf(kerberos.initiate(c).token!).ticket.sname['name-type']).toBe(2);
    expect(run(c).fin?.status).toBe('complete');
  });

  it("encrypts what an independent reader opens with the service key derived from the SPN's password", () => {
    const c = config();
    const apReq = apReqOf(kerberos.initiate(c).token!);
    const ticket = decrypt(serviceKey(c), 2, apReq.ticket['enc-part'].cipher);
    if (!ticket.ok) throw new Error(ticket.message);
    const encTicket = typed(EncTicketPart, ticket.plaintext);
    const session = encTicket.key.keyvalue;
    expect(session).toEqual(deterministicBytes(c.seed, 'krb5-session-key', 32));
    expect(encTicket.cname['name-string']).toEqual(['alice']);
    expect(encTicket.authtime).toBe('2026-11-26T09:15:00Z');
    expect(encTicket.endtime).toBe('2026-11-26T19:15:00Z');
    const auth = decrypt(session, 11, apReq.authenticator.cipher);
    if (!auth.ok) throw new Error(auth.message);
    const authenticator = typed(Authenticator, auth.plaintext);
    expect(authenticator.ctime).toBe('2026-11-26T09:15:00Z');
    expect(authenticator.cksum?.cksumtype).toBe(0x8003);
    expect(authenticator.subkey).toBeDefined();
    const checksum = gssChecksumOf(authenticator);
    // MIT's flags for MUTUAL|REPLAY|SEQUENCE|CONF|INTEG plus TRANS (a real MIT exchange: 0x13e).
    expect(checksum.flags).toBe(0x13e);
    // No channel bindings: Bnd is sixteen zero bytes (RFC 4121 §4.1.1.2).
    expect(checksum.bnd).toEqual(new Uint8Array(16));
  });

  it('is deterministic: the same config gives the same bytes, another seed other bytes', () => {
    const a = run(config());
    const b = run(config());
    expect(a.init.token).toEqual(b.init.token);
    expect(a.acc.token).toEqual(b.acc.token);
    expect(a.init.state).toEqual(b.init.state);
    const other = run(config({ seed: 7 }));
    expect(other.init.token).not.toEqual(a.init.token);
    expect(other.acc.token).not.toEqual(a.acc.token);
  });

  it('delegation sends a KRB-CRED with a forwarded TGT that the acceptor opens', () => {
    const c = config({ initiator: { delegation: true } });
    const { init, acc } = run(c);
    const auth = decrypt(
      deterministicBytes(c.seed, 'krb5-session-key', 32),
      11,
      apReqOf(init.token!).authenticator.cipher,
    );
    if (!auth.ok) throw new Error(auth.message);
    const checksum = gssChecksumOf(typed(Authenticator, auth.plaintext));
    expect(checksum.flags).toBe(0x13f);
    expect(checksum.dlgOpt).toBe(1);
    const [tgt] = typed(KRB_CRED, checksum.krbCred!).tickets;
    expect(`${nameOf(tgt.sname)}@${tgt.realm}`).toBe('krbtgt/EXAMPLE.TEST@EXAMPLE.TEST');
    expect(acc.status).toBe('complete');
    expect(acc.state.holdings['delegated credentials']).toBe(
      'krbtgt/EXAMPLE.TEST@EXAMPLE.TEST for alice@EXAMPLE.TEST',
    );
  });
});

describe('Kerberos mechanism: failures', () => {
  function krbError(token: Uint8Array) {
    const { tokId, message } = contextToken(token);
    expect(tokId).toBe('0300');
    if (message?.kind !== 'KRB-ERROR') throw new Error('not a KRB-ERROR');
    return message.value;
  }
  const krbErrorCode = (token: Uint8Array) => krbError(token)['error-code'];

  it('clock skew of 600 s: KRB_AP_ERR_SKEW (37) in a framed KRB-ERROR, and the client fails on it', () => {
    for (const skew of [600, -600]) {
      const c = config({ faults: { clockSkewSeconds: skew } });
      const init = kerberos.initiate(c);
      const acc = kerberos.accept(null, init.token!, c);
      expect(acc.status).toBe('failed');
      expect(acc.state.name).toBe('FAILED');
      expect(acc.error).toBe('KRB_AP_ERR_SKEW (37): clock skew too great');
      expect(krbErrorCode(acc.token!)).toBe(37);
      const error = krbError(acc.token!);
      expect(error.stime).toBe('2026-11-26T09:15:00Z');
      expect(error.realm).toBe('EXAMPLE.TEST');
      expect(nameOf(error.sname)).toBe('HTTP/server.example.test');
      expect(acc.rules.at(-1)!.text).toMatch(
        /600 s from the server clock, beyond the 300 s allowed/,
      );
      const fin = kerberos.initiatorContinue(init.state, acc.token!, c);
      expect(fin.status).toBe('failed');
      expect(fin.error).toBe('KRB_AP_ERR_SKEW (37): clock skew too great');
    }
  });

  it('accepts a skew within 300 s', () => {
    expect(run(config({ faults: { clockSkewSeconds: 299 } })).fin?.status).toBe('complete');
    expect(run(config({ faults: { clockSkewSeconds: -300 } })).fin?.status).toBe('complete');
  });

  it('a Windows server adds KERB-ERROR-DATA (skew recovery) to the clock-skew error', () => {
    const c = config({ profile: 'windows', faults: { clockSkewSeconds: 900 } });
    const init = kerberos.initiate(c);
    const acc = kerberos.accept(null, init.token!, c);
    expect(krbErrorCode(acc.token!)).toBe(37);
    expect(typed(KERB_ERROR_DATA, krbError(acc.token!)['e-data']!)['data-type']).toBe(2);
    const retry = /retry with the server time/;
    expect(kerberos.initiatorContinue(init.state, acc.token!, c).rules[0].text).toMatch(retry);
    const mit = config({ faults: { clockSkewSeconds: 900 } });
    const mitInit = kerberos.initiate(mit);
    const mitError = kerberos.accept(null, mitInit.token!, mit).token!;
    expect(kerberos.initiatorContinue(mitInit.state, mitError, mit).rules[0].text).not.toMatch(
      retry,
    );
  });

  it('a changed ticket or Authenticator fails integrity: KRB_AP_ERR_BAD_INTEGRITY, MODIFIED on Windows', () => {
    for (const [profile, code] of [
      ['mit', 31],
      ['windows', 41],
    ] as const) {
      const c = config({ profile });
      const token = kerberos.initiate(c).token!;
      const apReq = apReqOf(token);
      for (const cipher of [apReq.ticket['enc-part'].cipher, apReq.authenticator.cipher]) {
        const bad = token.slice();
        bad[indexOfBytes(token, cipher) + cipher.length - 1] ^= 0x01;
        const acc = kerberos.accept(null, bad, c);
        expect(acc.status).toBe('failed');
        expect(krbErrorCode(acc.token!)).toBe(code);
      }
    }
  });

  it('an acceptor without the service key answers KRB_AP_ERR_NOKEY; a client without a ticket cannot start', () => {
    const c = config();
    const acc = kerberos.accept(
      null,
      kerberos.initiate(c).token!,
      config({ acceptor: { kerberosKey: false } }),
    );
    expect(krbErrorCode(acc.token!)).toBe(45);
    expect(kerberos.hasCredentials(config({ acceptor: { kerberosKey: false } }), 'acceptor')).toBe(
      false,
    );
    const noTicket = config({ initiator: { kerberosTicket: false } });
    expect(kerberos.hasCredentials(noTicket, 'initiator')).toBe(false);
    const init = kerberos.initiate(noTicket);
    expect(init.status).toBe('failed');
    expect(init.token).toBeUndefined();
  });

  it('a ticket for another service is KRB_AP_ERR_NOT_US', () => {
    const token = kerberos.initiate(config()).token!;
    const acc = kerberos.accept(null, token, config({ acceptor: { host: 'other.example.test' } }));
    expect(krbErrorCode(acc.token!)).toBe(35);
  });

  it('garbage is a defective token with no reply; a wrong TOK_ID is KRB_AP_ERR_MSG_TYPE, answered by Windows only', () => {
    const c = config();
    const garbage = kerberos.accept(null, new Uint8Array([1, 2, 3]), c);
    expect(garbage.status).toBe('failed');
    expect(garbage.token).toBeUndefined();
    const apRep = run(c).acc.token!;
    // MIT reads no AP-REQ, so it has no client to answer (kg_accept_krb5(): G_WRONG_TOKID, no
    // request); Windows answers KRB_AP_ERR_MSG_TYPE.
    const wrong = kerberos.accept(null, apRep, c);
    expect([wrong.status, wrong.token]).toEqual(['failed', undefined]);
    expect(wrong.error).toMatch(/KRB_AP_ERR_MSG_TYPE \(40\)/);
    const windows = config({ profile: 'windows' });
    expect(krbErrorCode(kerberos.accept(null, run(windows).acc.token!, windows).token!)).toBe(40);
  });

  it('the client rejects an AP-REP that does not decrypt, and a second token once established', () => {
    const c = config();
    const { init, acc, fin } = run(c);
    const bad = acc.token!.slice();
    bad[bad.length - 1] ^= 0x01;
    const step = kerberos.initiatorContinue(init.state, bad, c);
    expect(step.status).toBe('failed');
    expect(step.error).toMatch(/KRB_AP_ERR_MUT_FAIL \(46\)/);
    expect(kerberos.initiatorContinue(fin!.state, acc.token!, c).status).toBe('failed');
  });

  it('every token it emits decodes without errors', () => {
    const configs = [
      config(),
      config({ initiator: { mutual: false } }),
      config({ initiator: { delegation: true } }),
      config({ profile: 'windows', faults: { clockSkewSeconds: -1000 } }),
      config({ profile: 'rfc4178', faults: { clockSkewSeconds: 600 } }),
    ];
    for (const c of configs) {
      const { init, acc } = run(c);
      contextToken(init.token!);
      if (acc.token) contextToken(acc.token);
    }
  });
});

describe('Kerberos mechanism: RFC 4121 MIC tokens', () => {
  const message = new TextEncoder().encode('DER(MechTypeList) stands in here');

  for (const mutual of [true, false]) {
    it(`verify in both directions and fail on any changed byte (${mutual ? 'acceptor subkey' : 'initiator subkey'})`, () => {
      let { initiator, acceptor } = established(config({ initiator: { mutual } }));
      for (const [signer, verifier, flags] of [
        ['initiator', 'acceptor', mutual ? 0x04 : 0x00],
        ['acceptor', 'initiator', mutual ? 0x05 : 0x01],
      ] as const) {
        const from = signer === 'initiator' ? initiator : acceptor;
        const to = verifier === 'initiator' ? initiator : acceptor;
        const made = kerberos.getMic(from, message);
        expect(made.mic.length).toBe(28);
        expect(toHex(made.mic.subarray(0, 8))).toBe(
          `0404${flags.toString(16).padStart(2, '0')}ffffffffff`,
        );
        const check = kerberos.verifyMic(to, message, made.mic);
        expect(check.ok).toBe(true);
        for (let i = 0; i < message.length; i++) {
          const changed = message.slice();
          changed[i] ^= 0x20;
          expect(kerberos.verifyMic(to, changed, made.mic).ok).toBe(false);
        }
        for (let i = 0; i < made.mic.length; i++) {
          const changed = made.mic.slice();
          changed[i] ^= 0x01;
          expect(kerberos.verifyMic(to, message, changed).ok).toBe(false);
        }
        // A side never accepts its own token back (SentByAcceptor, RFC 4121 §4.2.2).
        expect(kerberos.verifyMic(from, message, made.mic).ok).toBe(false);
        if (signer === 'initiator') {
          initiator = made.state;
          acceptor = check.state;
        } else {
          acceptor = made.state;
          initiator = check.state;
        }
      }
    });
  }

  it('numbers MIC tokens from the sequence numbers of the Authenticator and the AP-REP', () => {
    const c = config();
    const { initiator, acceptor } = established(c);
    const seqOf = (mic: Uint8Array) =>
      Number(new DataView(mic.buffer, mic.byteOffset).getBigUint64(8));
    const first = kerberos.getMic(initiator, message);
    const second = kerberos.getMic(first.state, message);
    expect(seqOf(first.mic)).toBe(initiator.data.sendSeq);
    expect(seqOf(second.mic)).toBe(seqOf(first.mic) + 1);
    expect(seqOf(kerberos.getMic(acceptor, message).mic)).toBe(acceptor.data.sendSeq);
    expect(acceptor.data.sendSeq).not.toBe(initiator.data.sendSeq);
    const checked = kerberos.verifyMic(acceptor, message, first.mic);
    expect(checked.state.data.recvSeq).toBe(seqOf(first.mic) + 1);
  });
});

describe('Kerberos mechanism: any run', () => {
  it('establishes, emits decodable tokens and exchanges verifiable MICs for any seed and setting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.constantFrom<SimConfig['profile']>('mit', 'windows', 'rfc4178'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -300, max: 300 }),
        (seed, profile, mutual, delegation, skew) => {
          const c = config({
            seed,
            profile,
            initiator: { mutual, delegation },
            faults: { clockSkewSeconds: skew },
          });
          const { init, acc, fin } = run(c);
          contextToken(init.token!);
          if (acc.token) contextToken(acc.token);
          expect(acc.status).toBe('complete');
          const initiator = (fin ?? init).state;
          expect(kerberos.offersIntegrity(initiator)).toBe(true);
          const m = deterministicBytes(seed, 'message', 24);
          expect(kerberos.verifyMic(acc.state, m, kerberos.getMic(initiator, m).mic).ok).toBe(true);
          expect(kerberos.verifyMic(initiator, m, kerberos.getMic(acc.state, m).mic).ok).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
