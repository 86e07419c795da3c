import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDer } from '../../codec/asn1/read';
import type { Schema } from '../../codec/asn1/schema';
import {
  AP_REP,
  AP_REQ,
  Authenticator,
  EncAPRepPart,
  EncTicketPart,
  encodeKrbContextMessage,
  readKrbContextToken,
  type KrbContextMessage,
} from '../../codec/kerberos';
import { readGssChecksum } from '../../codec/kerberos/gss-checksum';
import { encodeKeytab } from '../../codec/keytab/keytab';
import { readSpnegoToken } from '../../codec/spnego/token';
import { decrypt } from '../../crypto/kerberos/encrypt';
import { rc4StringToKey } from '../../crypto/kerberos/rc4-hmac';
import { stringToKey } from '../../crypto/kerberos/string-to-key';
import { openKerberos } from '../../analysis/secrets/kerberos';
import { NO_SECRETS } from '../../analysis/types';
import { realScenario, realTokens } from '../../testing/fixtures';
import {
  DEFAULT_CONFIG,
  KRB_ETYPES,
  validateConfig,
  withPatch,
  type ConfigPatch,
  type KrbEtype,
  type SimConfig,
} from '../config';
import { sideProfile } from '../profiles';
import { runExchange, type Run } from '../run';
import { findScenario, scenarioConfig } from '../scenarios';
import { kerberos } from './kerberos';
import { channelBindingsHash, tlsServerEndPoint } from './kerberos/gss-checksum';
import { serviceKey } from './kerberos/keys';
import { readEtypeNegotiation } from './kerberos/messages';
import { fromHex, toHex } from '../../bytes';
import { configPatch } from '../../store/config-diff';

/** An MIT client with no NTLM password on the bare transport: the raw-krb5 lab exchanges. */
const BARE_MIT: ConfigPatch = { transport: 'bare', initiator: { ntlmPassword: null } };
const run = (patch: ConfigPatch, base: SimConfig = DEFAULT_CONFIG): Run =>
  runExchange(withPatch(base, patch));
const scenario = (id: string): Run => runExchange(scenarioConfig(findScenario(id)!));

/** The Kerberos message inside a SPNEGO token (mechToken or responseToken), or a bare one. */
function krbOf(token: Uint8Array): KrbContextMessage | null {
  const spnego = readSpnegoToken(token);
  let inner: Uint8Array | undefined = token;
  if (spnego.ok) {
    const t = spnego.value;
    inner = 'responseToken' in t ? t.responseToken : 'mechToken' in t ? t.mechToken : undefined;
  }
  if (!inner || inner.length === 0) return null;
  // DCE style sends AP-REQ and AP-REP bare: [APPLICATION 14] / [APPLICATION 15] (RFC 4120 §5.5).
  if (inner[0] === 0x6e) {
    const bare = readDer(AP_REQ, inner);
    return bare.ok ? { kind: 'AP-REQ', value: bare.value } : null;
  }
  if (inner[0] === 0x6f) {
    const bare = readDer(AP_REP, inner);
    return bare.ok ? { kind: 'AP-REP', value: bare.value } : null;
  }
  const read = readKrbContextToken(inner);
  return read.ok ? (read.value.message ?? null) : null;
}

/** What a learner sees of one message: the fields the real exchanges are compared on. */
function shape(token: Uint8Array) {
  const spnego = readSpnegoToken(token);
  const t = spnego.ok ? spnego.value : null;
  const krb = krbOf(token);
  return {
    kind: t?.kind ?? 'raw',
    negState: t && 'negState' in t ? (t.negState ?? null) : null,
    supportedMech: t && 'supportedMech' in t ? (t.supportedMech ?? null) : null,
    token: t
      ? 'responseToken' in t
        ? !!t.responseToken
        : 'mechToken' in t && !!t.mechToken
      : true,
    mechListMIC: t ? 'mechListMIC' in t && !!t.mechListMIC : false,
    krb: krb?.kind ?? null,
    errorCode: krb?.kind === 'KRB-ERROR' ? krb.value['error-code'] : null,
  };
}

function opened<T>(
  key: Uint8Array,
  usage: number,
  cipher: Uint8Array,
  schema: Schema<T>,
  etype: number,
): T {
  const result = decrypt(key, usage, cipher, etype);
  if (!result.ok) throw new Error(result.message);
  const read = readDer(schema, result.plaintext);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

function errorCodeOf(r: Run): number | null {
  for (const s of r.steps) {
    const krb = krbOf(s.token);
    if (krb?.kind === 'KRB-ERROR') return krb.value['error-code'];
  }
  return null;
}

describe("the acceptor's key states, as MIT's acceptor answers them", () => {
  it.each([
    ['missing: KRB_AP_ERR_NOT_US (35)', { kerberos: { keytab: 'missing' } }, 35],
    ['old kvno: KRB_AP_ERR_BADKEYVER (44)', { kerberos: { keytab: 'old-kvno', kvno: 7 } }, 44],
    ['wrong key: KRB_AP_ERR_BAD_INTEGRITY (31)', { kerberos: { keytab: 'wrong-key' } }, 31],
    [
      'wrong key, Windows: KRB_AP_ERR_MODIFIED (41)',
      { profile: 'windows', kerberos: { keytab: 'wrong-key' } },
      41,
    ],
    [
      'wrong key, a Windows acceptor for an MIT client: MODIFIED (41)',
      { acceptor: { implementation: 'windows' }, kerberos: { keytab: 'wrong-key' } },
      41,
    ],
    [
      'wrong key, an MIT acceptor for a Windows client: BAD_INTEGRITY (31)',
      {
        profile: 'windows',
        acceptor: { implementation: 'mit' },
        kerberos: { keytab: 'wrong-key' },
      },
      31,
    ],
  ] as [string, ConfigPatch, number][])('%s, rejected with no fallback', (_name, patch, code) => {
    const r = run(patch);
    expect(errorCodeOf(r)).toBe(code);
    expect(r.outcome).toMatchObject({ result: 'rejected', mech: 'kerberos' });
    expect(r.steps.some((s) => shape(s.token).krb === 'AP-REP')).toBe(false);
  });

  it('no Kerberos credentials at all: Kerberos is left out and NTLM wins via request-mic', () => {
    const r = run({ acceptor: { kerberosKey: false } });
    expect(r.steps[1].negState).toBe('request-mic');
    expect(r.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
  });

  it('the KDC does not know the SPN: the client has no ticket and offers NTLM only', () => {
    const r = run({ kerberos: { kdcKnowsService: false } });
    const first = readSpnegoToken(r.steps[0].token);
    expect(first.ok && first.value.kind === 'NegTokenInit' && first.value.mechTypes).toEqual([
      '1.3.6.1.4.1.311.2.2.10',
    ]);
    expect(r.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
    // Asked directly, the mechanism says why it has no ticket.
    const init = kerberos.initiate(r.config);
    expect(init.status).toBe('failed');
    expect(init.rules.map((x) => x.text).join(' ')).toMatch(/KDC_ERR_S_PRINCIPAL_UNKNOWN \(7\)/);
  });

  it('any kvno: the ticket carries it and a current keytab accepts it', () => {
    const r = run({ kerberos: { kvno: 300 } });
    const apReq = krbOf(r.steps[0].token);
    expect(apReq?.kind === 'AP-REQ' && apReq.value.ticket['enc-part'].kvno).toBe(300);
    expect(r.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
  });
});

describe('a Heimdal acceptor, bare Kerberos (no SPNEGO to hide its tokens)', () => {
  const heimdal: ConfigPatch = { ...BARE_MIT, acceptor: { implementation: 'heimdal' } };

  it.each([
    ['missing', { kerberos: { keytab: 'missing' } }],
    ['old kvno', { kerberos: { keytab: 'old-kvno', kvno: 5 } }],
    ['wrong key', { kerberos: { keytab: 'wrong-key' } }],
    ['replay', { faults: { replay: true } }],
  ] as [string, ConfigPatch][])('%s: the context fails with no error token', (_name, patch) => {
    const r = run({ ...heimdal, ...patch });
    expect(r.steps.map((x) => x.from)).toEqual(['initiator']);
    expect(r.outcome.result).not.toBe('established');
    expect(r.final.acceptor.mech?.holdings.error).toMatch(/KRB_AP_ERR/);
  });

  it('clock skew: a KRB-ERROR carrying the skew-recovery e-data, as Windows sends it', () => {
    const r = run({ ...heimdal, faults: { clockSkewSeconds: 900 } });
    const err = krbOf(r.steps[1].token);
    if (err?.kind !== 'KRB-ERROR') throw new Error('no KRB-ERROR');
    expect(err.value['error-code']).toBe(37);
    expect(toHex(err.value['e-data']!)).toBe('3005a103020102');
  });
});

describe('faults', () => {
  it('a replayed AP-REQ: KRB_AP_ERR_REPEAT (34)', () => {
    const r = scenario('kerberos-replay');
    expect(errorCodeOf(r)).toBe(34);
    expect(r.outcome.result).toBe('rejected');
  });

  it('a byte flipped in the ticket: KRB_AP_ERR_BAD_INTEGRITY (31) from MIT, MODIFIED (41) from Windows', () => {
    expect(errorCodeOf(scenario('kerberos-modified-ticket'))).toBe(31);
    expect(errorCodeOf(run({ profile: 'windows', faults: { modifiedTicket: true } }))).toBe(41);
  });

  it('channel bindings of another certificate: GSS_S_BAD_BINDINGS, KRB_ERR_GENERIC (60)', () => {
    const r = scenario('channel-binding-mismatch');
    expect(errorCodeOf(r)).toBe(60);
    expect(r.outcome.result).toBe('rejected');
  });

  it('channel bindings: none on the server ignores them, none from the client is accepted (no CBT)', () => {
    const cb = { channelBindings: 'tls-server-end-point' } as const;
    expect(run({ kerberos: { ...cb, acceptorBindings: 'none' } }).outcome.result).toBe(
      'established',
    );
    expect(
      run({ kerberos: { channelBindings: 'none', acceptorBindings: 'other-certificate' } }).outcome
        .result,
    ).toBe('established');
    expect(run({ kerberos: cb }).outcome.result).toBe('established');
  });
});

describe('channel bindings against MIT (spnego-krb5-08-channel-bindings)', () => {
  it("Bnd is the MD5 of the bindings structure, as MIT computed it for the lab's application data", () => {
    const s = realScenario('spnego-krb5-08-channel-bindings') as {
      initiator: { gss_peer_config: { channel_bindings_hex: string } };
    };
    const appData = fromHex(s.initiator.gss_peer_config.channel_bindings_hex);
    // The lab's bindings are tls-server-end-point over a 32-byte hash (RFC 5929 §4).
    const hash = toHex(appData.subarray('tls-server-end-point:'.length));
    expect(toHex(tlsServerEndPoint(hash))).toBe(toHex(appData));
    // MIT's Bnd, read from the real AP-REQ with the lab's service key.
    const apReq = krbOf(realTokens('spnego-krb5-08-channel-bindings')[0].bytes);
    if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const mitBnd = realBnd(apReq, 'HTTP-localhost-Pa55', 'EXAMPLE.TESTHTTPlocalhost');
    expect(toHex(channelBindingsHash(appData))).toBe(toHex(mitBnd));
    // And ours, for the same certificate hash.
    const ours = run({
      kerberos: { channelBindings: 'tls-server-end-point', certificateHash: hash },
    });
    const oursReq = krbOf(ours.steps[0].token);
    if (oursReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    expect(toHex(simulatedAuthenticator(ours.config, oursReq).bnd)).toBe(toHex(mitBnd));
  });
});

function realBnd(apReq: KrbContextMessage & { kind: 'AP-REQ' }, password: string, salt: string) {
  const key = stringToKey(18, password, salt);
  const part = opened(key, 2, apReq.value.ticket['enc-part'].cipher, EncTicketPart, 18);
  const auth = opened(
    part.key.keyvalue,
    11,
    apReq.value.authenticator.cipher,
    Authenticator,
    part.key.keytype,
  );
  const gss = readGssChecksum(auth.cksum!.checksum);
  if (!gss.ok) throw new Error('no GSS checksum');
  return gss.value.bnd;
}

/** Opens a simulated AP-REQ with the simulated service key: the Authenticator and its checksum. */
function simulatedAuthenticator(config: SimConfig, apReq: KrbContextMessage & { kind: 'AP-REQ' }) {
  const key = serviceKey(config);
  const part = opened(key.key, 2, apReq.value.ticket['enc-part'].cipher, EncTicketPart, key.etype);
  const auth = opened(
    part.key.keyvalue,
    11,
    apReq.value.authenticator.cipher,
    Authenticator,
    part.key.keytype,
  );
  const gss = readGssChecksum(auth.cksum!.checksum);
  if (!gss.ok) throw new Error('no GSS checksum');
  return { part, auth, bnd: gss.value.bnd, flags: gss.value.flags, krbCred: gss.value.krbCred };
}

describe('every encryption type, with real crypto', () => {
  it.each(KRB_ETYPES)(
    'etype %i: ticket, authenticator and AP-REP open with a keytab of the simulated service key',
    (etype) => {
      const r = run({ kerberos: { etype } });
      expect(r.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
      const key = serviceKey(r.config);
      const keytab = encodeKeytab({
        version: 2,
        entries: [
          {
            principal: {
              realm: r.config.realm,
              components: [r.config.acceptor.service, r.config.acceptor.host],
              nameType: 3,
            },
            timestamp: 0,
            kvno: r.config.kerberos.kvno,
            enctype: key.etype,
            key: key.key,
          },
        ],
      });
      const results = openKerberos(
        r.steps.map((s) => ({ from: s.from, token: s.token })),
        { ...NO_SECRETS, keytabs: [keytab] },
      );
      const ok = results
        .flat()
        .filter((x) => x.ok)
        .map((x) => x.what);
      expect(ok).toEqual(
        expect.arrayContaining(['EncTicketPart', 'Authenticator', 'EncAPRepPart']),
      );
      expect(results.flat().filter((x) => !x.ok && !x.unchecked)).toEqual([]);
      const apReq = krbOf(r.steps[0].token);
      if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
      expect(apReq.value.ticket['enc-part'].etype).toBe(etype);
      expect(apReq.value.authenticator.etype).toBe(etype);
    },
  );

  it('DCE style: the analysis opens the bare AP-REQ and both bare AP-REPs with the service key', () => {
    const r = run({ kerberos: { dceStyle: true } });
    const results = openKerberos(
      r.steps.map((s) => ({ from: s.from, token: s.token })),
      { ...NO_SECRETS, keys: [serviceKey(r.config)] },
    );
    // The MIT KDC's PAC rides in the ticket: its server signature verifies with the service key.
    expect(results.map((x) => x.map((y) => `${y.what} ${y.ok}`))).toEqual([
      ['EncTicketPart true', 'PAC true', 'Authenticator true'],
      ['EncAPRepPart true'],
      ['EncAPRepPart true'],
      [],
    ]);
  });

  it('the session key may differ from the ticket: camellia256 ticket, aes128 session key', () => {
    const r = run({ kerberos: { etype: 26, sessionEtype: 17 } });
    const apReq = krbOf(r.steps[0].token);
    if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const { part, auth } = simulatedAuthenticator(r.config, apReq);
    expect([apReq.value.ticket['enc-part'].etype, part.key.keytype, auth.subkey?.keytype]).toEqual([
      26, 17, 17,
    ]);
    // aes128 is not MIT's first choice: the client offers RFC 4537's list up to aes128
    // (make_etype_list), the server takes aes256.
    expect(readEtypeNegotiation(auth['authorization-data'])).toEqual([18, 17]);
    expect(r.final.acceptor.mech?.holdings['acceptor subkey']).toBeDefined();
    expect(r.outcome.result).toBe('established');
  });
});

describe('per-message tokens of every etype', () => {
  /** Both sides' established contexts from a run without mutual authentication (subkey only). */
  function contexts(etype: KrbEtype, mutual: boolean) {
    const config = withPatch(DEFAULT_CONFIG, { kerberos: { etype }, initiator: { mutual } });
    const init = kerberos.initiate(config);
    let initiator = init.state;
    const acc = kerberos.accept(null, init.token!, config);
    if (mutual) initiator = kerberos.initiatorContinue(initiator, acc.token!, config).state;
    return { initiator, acceptor: acc.state };
  }

  it.each(KRB_ETYPES.flatMap((e) => [[e, true] as const, [e, false] as const]))(
    'etype %i, mutual %s: MICs verify both ways, and a changed message does not',
    (etype, mutual) => {
      const { initiator, acceptor } = contexts(etype, mutual);
      const message = new TextEncoder().encode('mechTypes');
      const a = kerberos.getMic(initiator, message);
      expect(kerberos.verifyMic(acceptor, message, a.mic).ok).toBe(true);
      const b = kerberos.getMic(acceptor, message);
      expect(kerberos.verifyMic(a.state, message, b.mic).ok).toBe(true);
      expect(kerberos.verifyMic(acceptor, Uint8Array.of(1), a.mic).ok).toBe(false);
      // RFC 4757 tokens (GSS-framed 01 01) only where the context key is rc4-hmac: no AP-REP subkey.
      const rfc4757 = etype === 23 && !mutual;
      expect(a.mic[0] === 0x60 && toHex(a.mic).includes('01011100ffffffff')).toBe(rfc4757);
      if (!rfc4757) expect(toHex(a.mic.subarray(0, 2))).toBe('0404');
    },
  );

  it("an RFC 4757 mechListMIC verifies in the analysis with the simulated session's keys", () => {
    const r = run({
      kerberos: { etype: 23 },
      initiator: { mutual: false, mechs: ['ntlm', 'kerberos'] },
      acceptor: { mechs: ['kerberos'] },
    });
    expect(r.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    const results = openKerberos(
      r.steps.map((s) => ({ from: s.from, token: s.token })),
      {
        ...NO_SECRETS,
        keys: [serviceKey(r.config)],
      },
    );
    const mics = results.flat().filter((x) => x.what === 'mechListMIC');
    expect(mics.length).toBe(2);
    for (const m of mics)
      expect(m).toMatchObject({ ok: true, text: expect.stringMatching(/RFC 4757/) });
  });
});

describe("the checksum's flags follow the application's request, as MIT's client sends them", () => {
  /** The Flags of a real AP-REQ's GSS checksum, opened with the lab's HTTP/localhost key. */
  function realFlags(id: string): number {
    const apReq = krbOf(realTokens(id)[0].bytes);
    if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const key = stringToKey(18, 'HTTP-localhost-Pa55', 'EXAMPLE.TESTHTTPlocalhost');
    const part = opened(key, 2, apReq.value.ticket['enc-part'].cipher, EncTicketPart, 18);
    const auth = opened(part.key.keyvalue, 11, apReq.value.authenticator.cipher, Authenticator, 18);
    const gss = readGssChecksum(auth.cksum!.checksum);
    if (!gss.ok) throw new Error('no GSS checksum');
    return gss.value.flags;
  }
  function simulatedFlags(patch: ConfigPatch): number {
    const r = run({ initiator: { ntlmPassword: null }, ...patch });
    const apReq = krbOf(r.steps[0].token);
    if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    return simulatedAuthenticator(r.config, apReq).flags;
  }

  it.each([
    ['spnego-krb5-01-std-flags', {}],
    [
      'spnego-krb5-02-no-flags',
      { initiator: { ntlmPassword: null, mutual: false, requestFlags: [] } },
    ],
    ['spnego-krb5-03-mutual-only', { initiator: { ntlmPassword: null, requestFlags: [] } }],
    ['spnego-krb5-04-conf-integ-no-mutual', { initiator: { ntlmPassword: null, mutual: false } }],
    ['http-curl-01-krb5', { initiator: { ntlmPassword: null, requestFlags: ['replay'] } }],
  ] as [string, ConfigPatch][])('%s', (id, patch) => {
    expect(simulatedFlags(patch).toString(16)).toBe(realFlags(id).toString(16));
  });
});

describe('delegation', () => {
  it('a forwardable TGT: DELEG and a KRB-CRED in the checksum', () => {
    const r = run({ initiator: { delegation: true } });
    const apReq = krbOf(r.steps[0].token);
    if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const { flags, krbCred } = simulatedAuthenticator(r.config, apReq);
    expect(flags & 1).toBe(1);
    expect(krbCred).toBeDefined();
  });

  it('a non-forwardable TGT: DELEG silently dropped, no KRB-CRED, as in spnego-krb5-06', () => {
    const r = scenario('delegation-non-forwardable-tgt');
    expect(r.outcome.result).toBe('established');
    const apReq = krbOf(r.steps[0].token);
    if (apReq?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const ours = simulatedAuthenticator(r.config, apReq);
    const real = krbOf(realTokens('spnego-krb5-06-delegation-nonforwardable-tgt')[0].bytes);
    if (real?.kind !== 'AP-REQ') throw new Error('no real AP-REQ');
    const key = stringToKey(18, 'HTTP-localhost-Pa55', 'EXAMPLE.TESTHTTPlocalhost');
    const part = opened(key, 2, real.value.ticket['enc-part'].cipher, EncTicketPart, 18);
    const auth = opened(part.key.keyvalue, 11, real.value.authenticator.cipher, Authenticator, 18);
    const gss = readGssChecksum(auth.cksum!.checksum);
    if (!gss.ok) throw new Error('no GSS checksum');
    expect(ours.flags).toBe(gss.value.flags);
    expect([ours.krbCred, gss.value.krbCred]).toEqual([undefined, undefined]);
  });
});

describe('the new scenarios against the real exchanges', () => {
  const real = (id: string) =>
    realTokens(id)
      .filter((t) => !t.perMessage)
      .map((t) => ({ from: t.direction, ...shape(t.bytes) }));
  const ours = (r: Run) => r.steps.map((s) => ({ from: s.from, ...shape(s.token) }));

  it('keytab-lacks-service-key = fallback-03-keytab-lacks-service-key, message for message', () => {
    expect(ours(scenario('keytab-lacks-service-key'))).toEqual(
      real('fallback-03-keytab-lacks-service-key'),
    );
  });

  it('kvno-mismatch: the Kerberos messages of raw-krb5-03-krb-error-kvno (bare there)', () => {
    const pick = (x: { from: string; krb: string | null; errorCode: number | null }[]) =>
      x.filter((m) => m.krb).map(({ from, krb, errorCode }) => ({ from, krb, errorCode }));
    expect(pick(ours(scenario('kvno-mismatch')))).toEqual(pick(real('raw-krb5-03-krb-error-kvno')));
  });

  it('channel bindings: spnego-krb5-08-channel-bindings, message for message', () => {
    const s = realScenario('spnego-krb5-08-channel-bindings') as {
      initiator: { gss_peer_config: { channel_bindings_hex: string } };
    };
    const appData = fromHex(s.initiator.gss_peer_config.channel_bindings_hex);
    const certificateHash = toHex(appData.subarray('tls-server-end-point:'.length));
    const r = run({
      initiator: { ntlmPassword: null },
      kerberos: { channelBindings: 'tls-server-end-point', certificateHash },
    });
    expect(ours(r)).toEqual(real('spnego-krb5-08-channel-bindings'));
  });

  it('aes128 ticket: spnego-krb5-11-enctype-aes128-sha1, message for message, and its etypes', () => {
    const r = run({ initiator: { ntlmPassword: null }, kerberos: { etype: 17 } });
    expect(ours(r)).toEqual(real('spnego-krb5-11-enctype-aes128-sha1'));
    const [realReq, realRep] = realTokens('spnego-krb5-11-enctype-aes128-sha1');
    const key = stringToKey(
      17,
      'HTTP-aes128-sha1-Pa55',
      'EXAMPLE.TESTHTTPaes128-sha1.example.test',
    );
    const mit = contextEtypes(realReq.bytes, realRep.bytes, key, 17);
    const sim = contextEtypes(r.steps[0].token, r.steps[1].token, serviceKey(r.config).key, 17);
    // The lab's client permitted only aes256 and aes128, so its RFC 4537 list is shorter than MIT's default.
    expect({ ...sim, etypeList: null }).toEqual({ ...mit, etypeList: null });
    expect(mit.etypeList).toEqual([18, 17]);
    expect(sim.etypeList?.slice(0, 2)).toEqual([18, 17]);
  });

  it('bare transport: kvno-mismatch as raw-krb5-03, rc4-ticket as raw-krb5-06, message for message', () => {
    const bare = (id: string) =>
      ours(runExchange(withPatch(scenarioConfig(findScenario(id)!), BARE_MIT)));
    expect(bare('kvno-mismatch')).toEqual(real('raw-krb5-03-krb-error-kvno'));
    expect(bare('rc4-ticket')).toEqual(real('raw-krb5-06-rc4-hmac'));
  });

  it('bare transport: clock skew as raw-krb5-04, delegation as raw-krb5-07, message for message', () => {
    expect(ours(run({ ...BARE_MIT, faults: { clockSkewSeconds: 600 } }))).toEqual(
      real('raw-krb5-04-krb-error-skew'),
    );
    expect(ours(run({ ...BARE_MIT, initiator: { ntlmPassword: null, delegation: true } }))).toEqual(
      real('raw-krb5-07-delegation'),
    );
  });

  it('DCE style: spnego-krb5-07-dce-style and raw-krb5-05-dce-style, message for message', () => {
    const dce: ConfigPatch = { initiator: { ntlmPassword: null }, kerberos: { dceStyle: true } };
    const spnego = run(dce);
    expect(ours(spnego)).toEqual(real('spnego-krb5-07-dce-style'));
    expect(spnego.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    const bare = run({ ...dce, transport: 'bare' });
    expect(ours(bare)).toEqual(real('raw-krb5-05-dce-style'));
    expect(bare.outcome.result).toBe('established');
  });

  it('a bare AP-REQ without DCE_STYLE is refused with KRB_ERR_GENERIC, as MIT does', () => {
    const config = withPatch(DEFAULT_CONFIG, {});
    const framed = kerberos.initiate(config).token!;
    const read = readKrbContextToken(framed);
    if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
    const bareToken = encodeKrbContextMessage(read.value.message);
    const step = kerberos.accept(null, bareToken, config);
    expect(step.status).toBe('failed');
    const err = krbOf(step.token!);
    expect(err?.kind === 'KRB-ERROR' && err.value['error-code']).toBe(60);
  });

  it("DCE style: the client's third-leg AP-REP has what MIT's has (no subkey, the server's seq)", () => {
    const r = run({ initiator: { ntlmPassword: null }, kerberos: { dceStyle: true } });
    const apReq = krbOf(r.steps[0].token);
    const [serverRep, clientRep] = [krbOf(r.steps[1].token), krbOf(r.steps[2].token)];
    if (apReq?.kind !== 'AP-REQ' || serverRep?.kind !== 'AP-REP' || clientRep?.kind !== 'AP-REP')
      throw new Error('not AP-REQ, AP-REP, AP-REP');
    const { part, flags } = simulatedAuthenticator(r.config, apReq);
    expect(flags & 0x1000).toBe(0x1000);
    const session = part.key;
    const open = (m: typeof serverRep) =>
      opened(session.keyvalue, 12, m.value['enc-part'].cipher, EncAPRepPart, session.keytype);
    const [server, client] = [open(serverRep), open(clientRep)];
    expect(client.subkey).toBeUndefined();
    expect(client['seq-number']).toBe(server['seq-number']);
    // The same in MIT's exchange.
    const [mReq, mServer, mClient] = realTokens('spnego-krb5-07-dce-style').map((t) =>
      krbOf(t.bytes),
    );
    if (mReq?.kind !== 'AP-REQ' || mServer?.kind !== 'AP-REP' || mClient?.kind !== 'AP-REP')
      throw new Error('not AP-REQ, AP-REP, AP-REP');
    const key = stringToKey(18, 'HTTP-localhost-Pa55', 'EXAMPLE.TESTHTTPlocalhost');
    const mPart = opened(key, 2, mReq.value.ticket['enc-part'].cipher, EncTicketPart, 18);
    const mOpen = (m: typeof mServer) =>
      opened(mPart.key.keyvalue, 12, m.value['enc-part'].cipher, EncAPRepPart, 18);
    const [ms, mc] = [mOpen(mServer), mOpen(mClient)];
    expect(mc.subkey).toBeUndefined();
    expect(mc['seq-number']).toBe(ms['seq-number']);
    const mAuth = opened(
      mPart.key.keyvalue,
      11,
      mReq.value.authenticator.cipher,
      Authenticator,
      18,
    );
    const mGss = readGssChecksum(mAuth.cksum!.checksum);
    expect(mGss.ok && mGss.value.flags).toBe(flags);
  });

  it('rc4-ticket: the etypes of raw-krb5-06-rc4-hmac (ticket, session key, subkeys, RFC 4537 list)', () => {
    const [realReq, realRep] = realTokens('raw-krb5-06-rc4-hmac').filter((t) => !t.perMessage);
    const mit = contextEtypes(realReq.bytes, realRep.bytes, rc4StringToKey('HTTP-rc4-Pa55'), 23);
    const r = scenario('rc4-ticket');
    const sim = contextEtypes(r.steps[0].token, r.steps[1].token, serviceKey(r.config).key, 23);
    expect(sim).toEqual(mit);
    expect(mit).toMatchObject({ ticket: 23, acceptorSubkey: 18 });
  });
});

/** The etypes of a context: ticket, session key, Authenticator, both subkeys, RFC 4537 list, AP-REP. */
function contextEtypes(
  apReqToken: Uint8Array,
  apRepToken: Uint8Array,
  key: Uint8Array,
  etype: number,
) {
  const apReq = krbOf(apReqToken);
  const apRep = krbOf(apRepToken);
  if (apReq?.kind !== 'AP-REQ' || apRep?.kind !== 'AP-REP') throw new Error('not AP-REQ/AP-REP');
  const part = opened(key, 2, apReq.value.ticket['enc-part'].cipher, EncTicketPart, etype);
  const session = part.key;
  const auth = opened(
    session.keyvalue,
    11,
    apReq.value.authenticator.cipher,
    Authenticator,
    session.keytype,
  );
  const rep = opened(
    session.keyvalue,
    12,
    apRep.value['enc-part'].cipher,
    EncAPRepPart,
    session.keytype,
  );
  return {
    ticket: apReq.value.ticket['enc-part'].etype,
    session: session.keytype,
    authenticator: apReq.value.authenticator.etype,
    initiatorSubkey: auth.subkey?.keytype,
    etypeList: readEtypeNegotiation(auth['authorization-data']),
    apRep: apRep.value['enc-part'].etype,
    acceptorSubkey: rep.subkey?.keytype,
  };
}

describe('config.kerberos from outside (links, --config files)', () => {
  it('an old patch without kerberos loads with the defaults, and gives the same tokens', () => {
    const old = withPatch(DEFAULT_CONFIG, { initiator: { mutual: false } });
    expect(old.kerberos).toEqual(DEFAULT_CONFIG.kerberos);
    expect(validateConfig(old)).toEqual([]);
    const explicit = withPatch(DEFAULT_CONFIG, {
      initiator: { mutual: false },
      kerberos: { etype: 18, kvno: 2, keytab: 'current' },
    });
    expect(runExchange(explicit).steps.map((x) => toHex(x.token))).toEqual(
      runExchange(old).steps.map((x) => toHex(x.token)),
    );
  });

  it('a link carries only the Kerberos fields that changed, and restores them', () => {
    const changed = withPatch(DEFAULT_CONFIG, { kerberos: { etype: 23, kvno: 9 } });
    const patch = configPatch(DEFAULT_CONFIG, changed);
    expect(patch).toEqual({ kerberos: { etype: 23, kvno: 9 } });
    expect(withPatch(DEFAULT_CONFIG, JSON.parse(JSON.stringify(patch)))).toEqual(changed);
  });

  it('bad values are refused with the field named', () => {
    const bad = (kerberos: object) =>
      validateConfig({ ...DEFAULT_CONFIG, kerberos: { ...DEFAULT_CONFIG.kerberos, ...kerberos } });
    expect(bad({ etype: 16 })).toEqual([expect.stringMatching(/kerberos.etype/)]);
    expect(bad({ sessionEtype: 3 })).toEqual([expect.stringMatching(/kerberos.sessionEtype/)]);
    expect(bad({ kvno: 0 })).toEqual([expect.stringMatching(/kerberos.kvno/)]);
    expect(bad({ keytab: 'lost' })).toEqual([expect.stringMatching(/kerberos.keytab/)]);
    expect(bad({ certificateHash: 'xyz' })).toEqual([
      expect.stringMatching(/kerberos.certificateHash/),
    ]);
    expect(bad({ acceptorBindings: 'proxy' })).toEqual([
      expect.stringMatching(/kerberos.acceptorBindings/),
    ]);
    expect(bad({ dceStyle: 'yes' })).toEqual([expect.stringMatching(/kerberos.dceStyle/)]);
    expect(
      validateConfig({
        ...DEFAULT_CONFIG,
        faults: { ...DEFAULT_CONFIG.faults, replay: 1 as never },
      }),
    ).toEqual([expect.stringMatching(/faults.replay/)]);
  });
});

const etypeArb = fc.constantFrom<KrbEtype>(...KRB_ETYPES);
const kerberosArb: fc.Arbitrary<SimConfig> = fc
  .record({
    profile: fc.constantFrom('rfc4178', 'windows', 'mit'),
    seed: fc.integer({ min: 0, max: 1 << 30 }),
    etype: etypeArb,
    sessionEtype: fc.option(etypeArb, { nil: null }),
    kvno: fc.integer({ min: 1, max: 0xffffffff }),
    keytab: fc.constantFrom('current', 'missing', 'old-kvno', 'wrong-key'),
    kdcKnowsService: fc.boolean(),
    channelBindings: fc.constantFrom('none', 'tls-server-end-point'),
    acceptorBindings: fc.constantFrom('same', 'none', 'other-certificate'),
    forwardableTgt: fc.boolean(),
    dceStyle: fc.boolean(),
    transport: fc.constantFrom('http', 'smb', 'bare'),
    mutual: fc.boolean(),
    delegation: fc.boolean(),
    replay: fc.boolean(),
    modifiedTicket: fc.boolean(),
    modifiedPac: fc.boolean(),
    iMechs: fc.constantFrom<SimConfig['initiator']['mechs']>(
      ['kerberos', 'ntlm'],
      ['ntlm', 'kerberos'],
      ['kerberos'],
    ),
  })
  .map((r) =>
    withPatch(DEFAULT_CONFIG, {
      profile: r.profile as SimConfig['profile'],
      transport: r.transport as SimConfig['transport'],
      seed: r.seed,
      initiator: { mutual: r.mutual, delegation: r.delegation, mechs: r.iMechs },
      kerberos: {
        etype: r.etype,
        sessionEtype: r.sessionEtype,
        kvno: r.kvno,
        keytab: r.keytab as SimConfig['kerberos']['keytab'],
        kdcKnowsService: r.kdcKnowsService,
        channelBindings: r.channelBindings as SimConfig['kerberos']['channelBindings'],
        acceptorBindings: r.acceptorBindings as SimConfig['kerberos']['acceptorBindings'],
        forwardableTgt: r.forwardableTgt,
        dceStyle: r.dceStyle,
      },
      faults: { replay: r.replay, modifiedTicket: r.modifiedTicket, modifiedPac: r.modifiedPac },
    }),
  );

describe('property: random Kerberos configurations', () => {
  it('are valid, terminate, both sides agree, and Kerberos fails exactly when a key state or fault says so', () => {
    fc.assert(
      fc.property(kerberosArb, (config) => {
        expect(validateConfig(config)).toEqual([]);
        const r = runExchange(config);
        expect(r.steps.length).toBeLessThan(16);
        const { initiator, acceptor, result, mech } = r.outcome;
        if (result === 'established') expect([initiator, acceptor]).toEqual(['DONE', 'DONE']);
        else expect(initiator === 'DONE' && acceptor === 'DONE').toBe(false);
        const k = config.kerberos;
        const krbSent = r.steps.some((s) => shape(s.token).krb === 'AP-REQ');
        const cbMismatch =
          k.channelBindings !== 'none' && k.acceptorBindings === 'other-certificate';
        const acceptorProfile = sideProfile(config, 'acceptor');
        // A changed PAC breaks the exchange only where the KDC writes one and the acceptor
        // refuses a bad signature (MIT leaves it unverified).
        const badPac =
          !!config.faults.modifiedPac &&
          acceptorProfile.kdcPac !== 'none' &&
          acceptorProfile.badPacSignature === 'refuse';
        const broken =
          k.keytab !== 'current' ||
          config.faults.replay ||
          config.faults.modifiedTicket ||
          cbMismatch ||
          badPac;
        // MIT answers with a KRB-ERROR only a client that asked for mutual authentication.
        const answered =
          !acceptorProfile.krbErrorOnlyIfMutual || config.initiator.mutual || k.dceStyle;
        if (krbSent && broken) {
          expect(result).not.toBe('established');
          if (answered) expect(errorCodeOf(r)).not.toBeNull();
        }
        if (krbSent && !broken) expect(errorCodeOf(r)).toBeNull();
        if (!k.kdcKnowsService) expect(krbSent).toBe(false);
        if (result === 'established' && mech === 'kerberos') expect(broken).toBe(false);
      }),
      { numRuns: 60, seed: 4121 },
    );
  });
});
