import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG, validateConfig, withPatch, type ConfigPatch } from '../config';
import { runExchange, type Run } from '../run';
import { simulate } from '..';
import { acceptorStep, initialAcceptorState } from '../spnego/acceptor';
import { readSpnegoToken, encodeNegTokenInit } from '../../codec/spnego/token';
import { readNegoex, type NegoexMessage } from '../../codec/negoex';
import { checksum, etypeProfile } from '../../crypto/kerberos';
import { concatBytes, equalBytes, fromBase64 } from '../../bytes';
import { OID } from '../../data/oids';
import { negotiatePcap } from '../../testing/pcap';
import { KERBEROS_AUTH_SCHEME, conversationIdOf, negoex } from './negoex';
import { initiatorSubkey } from './kerberos/keys';
import type { KrbData } from './kerberos/state';
import type { MechState } from './mechanism';
import type { NegoexData } from './negoex/state';
import { hasTshark } from '../../testing/tshark';

const WINDOWS_NEGOEX: ConfigPatch = {
  profile: 'windows',
  initiator: { mechs: ['negoex', 'kerberos', 'ntlm'] },
  acceptor: { negoex: true },
};
const configOf = (patch: ConfigPatch = {}) =>
  withPatch(withPatch(DEFAULT_CONFIG, WINDOWS_NEGOEX), patch);

/** The NEGOEX bytes a step's SPNEGO token carries (mechToken or responseToken). */
function negoexBytes(run: Run, index: number): Uint8Array {
  const read = readSpnegoToken(run.steps[index].token);
  if (!read.ok) throw new Error(read.error.message);
  const t = read.value;
  const inner =
    t.kind === 'NegTokenInit' ? t.mechToken : t.kind === 'NegTokenResp' ? t.responseToken : null;
  if (!inner) throw new Error(`step ${index} carries no mechanism token`);
  return inner;
}

function messagesOf(bytes: Uint8Array): NegoexMessage[] {
  const read = readNegoex(bytes);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

const types = (ms: NegoexMessage[]) => ms.map((m) => m.message.header.messageType);
const seqs = (ms: NegoexMessage[]) => ms.map((m) => m.message.header.sequenceNum);

/** Bytes of each message, in order, sliced by cbMessageLength. */
function split(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const length = new DataView(bytes.buffer, bytes.byteOffset + at + 20, 4).getUint32(0, true);
    out.push(bytes.subarray(at, at + length));
    at += length;
  }
  return out;
}

/** Flips one byte of the first NEGOEX message's Random field (offset 40 of NEGO_MESSAGE). */
function flipRandom(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + 8 <= out.length; i++) {
    if (String.fromCharCode(...out.subarray(i, i + 8)) === 'NEGOEXTS') {
      out[i + 45] ^= 0x01;
      return out;
    }
  }
  throw new Error('no NEGOEX message in the token');
}

describe('NEGOEX between a Windows client and a NEGOEX acceptor', () => {
  const config = configOf();
  const run = runExchange(config);

  it('the configuration is valid and the exchange is established with NEGOEX in two messages', () => {
    expect(validateConfig(config)).toEqual([]);
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'negoex' });
    expect(run.steps.map((s) => [s.from, s.message, s.negState, s.mech])).toEqual([
      ['initiator', 'NegTokenInit', null, 'negoex'],
      ['acceptor', 'NegTokenResp', 'accept-completed', 'negoex'],
    ]);
    const init = readSpnegoToken(run.steps[0].token);
    expect(init.ok && init.value.kind === 'NegTokenInit' && init.value.mechTypes).toEqual([
      OID.negoex,
      OID.msKrb5,
      OID.krb5,
      OID.ntlmssp,
    ]);
    expect(run.steps[1].supportedMech).toBe(OID.negoex);
  });

  it('the initiator sends INITIATOR_NEGO, INITIATOR_META_DATA, AP_REQUEST, VERIFY with SequenceNum 0-3', () => {
    const ms = messagesOf(negoexBytes(run, 0));
    expect(types(ms)).toEqual([0, 2, 5, 6]);
    expect(seqs(ms)).toEqual([0, 1, 2, 3]);
    for (const m of ms) expect(m.message.header.conversationId).toBe(conversationIdOf(config));
    const nego = ms[0];
    expect(nego.structure === 'NEGO_MESSAGE' && nego.message.authSchemes).toEqual([
      KERBEROS_AUTH_SCHEME,
    ]);
    expect(nego.structure === 'NEGO_MESSAGE' && nego.message.protocolVersion).toBe(0n);
    const ap = ms[2];
    expect(ap.structure).toBe('EXCHANGE_MESSAGE');
    if (ap.structure !== 'EXCHANGE_MESSAGE') return;
    expect(ap.message.authScheme).toBe(KERBEROS_AUTH_SCHEME);
    // The AP-REQ as Kerberos frames it: GSS token 0x60, krb5 OID, TOK_ID 01 00 (RFC 4121 §4.1).
    const gss = ap.message.exchange!;
    expect(gss[0]).toBe(0x60);
    const oid = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02]);
    const at = gss.indexOf(0x06);
    expect(equalBytes(gss.subarray(at, at + oid.length), oid)).toBe(true);
    expect([...gss.subarray(at + oid.length, at + oid.length + 2)]).toEqual([0x01, 0x00]);
  });

  it('the acceptor answers ACCEPTOR_NEGO, ACCEPTOR_META_DATA, CHALLENGE (the AP-REP), VERIFY with SequenceNum 4-7', () => {
    const ms = messagesOf(negoexBytes(run, 1));
    expect(types(ms)).toEqual([1, 3, 4, 6]);
    expect(seqs(ms)).toEqual([4, 5, 6, 7]);
    for (const m of ms) expect(m.message.header.conversationId).toBe(conversationIdOf(config));
    const challenge = ms[2];
    if (challenge.structure !== 'EXCHANGE_MESSAGE') throw new Error('not an exchange');
    // TOK_ID 02 00: an AP-REP (RFC 4121 §4.1).
    const gss = challenge.message.exchange!;
    const at = gss.indexOf(0x06) + 11;
    expect([...gss.subarray(at, at + 2)]).toEqual([0x02, 0x00]);
  });

  it('both VERIFY checksums recompute over the concatenated messages (usage 23 / 25, the subkeys)', () => {
    const first = negoexBytes(run, 0);
    const second = negoexBytes(run, 1);
    const ms1 = split(first);
    const ms2 = split(second);
    const initiatorVerify = messagesOf(ms1[3])[0];
    const acceptorVerify = messagesOf(ms2[3])[0];
    if (initiatorVerify.structure !== 'VERIFY_MESSAGE') throw new Error('not a VERIFY');
    if (acceptorVerify.structure !== 'VERIFY_MESSAGE') throw new Error('not a VERIFY');
    // The initiator's subkey, as the configuration derives it, and its checksum type.
    const subkey = initiatorSubkey(config);
    expect(initiatorVerify.message.checksumType).toBe(etypeProfile(subkey.etype).cksumtype);
    expect(initiatorVerify.message.checksumScheme).toBe(1);
    const signed1 = concatBytes(ms1[0], ms1[1], ms1[2]);
    expect(
      equalBytes(
        checksum(subkey.key, 23, signed1, subkey.etype),
        initiatorVerify.message.checksumValue!,
      ),
    ).toBe(true);
    // The acceptor signs with the subkey its AP-REP carries, as the client holds it at the end.
    const inner = (run.final.initiator.mech as MechState<NegoexData>).data.inner!;
    const krb = inner.data as KrbData;
    expect(krb.acceptorSubkey).not.toBeNull();
    const signed2 = concatBytes(first, ms2[0], ms2[1], ms2[2]);
    expect(
      equalBytes(
        checksum(krb.acceptorSubkey!, 25, signed2, krb.acceptorSubkeyEtype),
        acceptorVerify.message.checksumValue!,
      ),
    ).toBe(true);
    // Usage matters: the same data with the other usage does not give the same checksum.
    expect(
      equalBytes(
        checksum(subkey.key, 25, signed1, subkey.etype),
        initiatorVerify.message.checksumValue!,
      ),
    ).toBe(false);
  });

  it('both sides end ESTABLISHED with each VERIFY checked', () => {
    for (const side of [run.final.initiator.mech, run.final.acceptor.mech]) {
      const state = side as MechState<NegoexData>;
      expect(state.name).toBe('ESTABLISHED');
      expect(state.data.verifiedChecksum).toBe(true);
      expect(state.data.sentChecksum).toBe(true);
      expect(state.data.nextSeq).toBe(8);
    }
  });

  it('explains each message with its MS-NEGOEX section and the MIT function', () => {
    const texts = run.steps.flatMap((s) => s.rules.map((r) => `${r.text} | ${r.spec ?? ''}`));
    for (const name of ['INITIATOR_NEGO', 'INITIATOR_META_DATA', 'AP_REQUEST', 'ACCEPTOR_NEGO'])
      expect(texts.some((t) => t.startsWith(name) && t.includes('MS-NEGOEX §'))).toBe(true);
    expect(texts.some((t) => t.includes("initiator's VERIFY checks out"))).toBe(true);
  });
});

describe('NEGOEX variants', () => {
  it('without mutual authentication: no CHALLENGE, the acceptor still sends its VERIFY', () => {
    const run = runExchange(configOf({ initiator: { mutual: false } }));
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'negoex' });
    expect(types(messagesOf(negoexBytes(run, 1)))).toEqual([1, 3, 6]);
  });

  it('without an optimistic token the client starts NEGOEX after the acceptor chose it', () => {
    const run = runExchange(configOf({ initiator: { optimistic: false } }));
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'negoex' });
    expect(run.steps[1]).toMatchObject({ negState: 'accept-incomplete', mech: null });
    expect(types(messagesOf(negoexBytes(run, 2)))).toEqual([0, 2, 5, 6]);
    expect(types(messagesOf(negoexBytes(run, 3)))).toEqual([1, 3, 4, 6]);
  });

  it('an MIT pair (krb5 1.18+ with NEGOEX configured) runs the same exchange', () => {
    const run = runExchange(configOf({ profile: 'mit' }));
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'negoex' });
  });

  it('other encryption types sign with their own checksum type (rc4-hmac: -138)', () => {
    const config = configOf({ kerberos: { etype: 23, sessionEtype: 23 } });
    const run = runExchange(config);
    expect(run.outcome.result).toBe('established');
    const verify = messagesOf(negoexBytes(run, 0))[3];
    expect(verify.structure === 'VERIFY_MESSAGE' && verify.message.checksumType >>> 0).toBe(
      -138 >>> 0,
    );
  });

  it('a refused optimistic AP-REQ is dropped, the acceptor sends ALERT VERIFY_NO_KEY, the retry fails', () => {
    const run = runExchange(configOf({ kerberos: { keytab: 'wrong-key' } }));
    expect(run.outcome.result).not.toBe('established');
    expect(types(messagesOf(negoexBytes(run, 1)))).toEqual([1, 3, 7]);
    const retry = messagesOf(negoexBytes(run, 2));
    expect(types(retry)).toEqual([5, 6]);
    expect(seqs(retry)).toEqual([7, 8]);
    expect(run.steps.at(-1)!.negState).toBe('reject');
    const texts = run.steps.flatMap((s) => s.rules.map((r) => r.text));
    expect(texts.some((t) => t.includes('drops it as if it had never come'))).toBe(true);
    expect(texts.some((t) => t.includes('Kerberos starts over'))).toBe(true);
  });
});

describe('a changed NEGOEX message makes VERIFY fail', () => {
  const config = configOf();

  it('at the acceptor: the initiator’s VERIFY does not match, the context fails with GSS_S_BAD_SIG', () => {
    const first = negoex.initiate(config);
    const step = negoex.accept(null, flipRandom(first.token!), config);
    expect(step.status).toBe('failed');
    expect(step.error).toBe(
      "the initiator's NEGOEX VERIFY failed: the checksum does not match the messages received",
    );
    expect(step.rules.at(-1)!.spec).toContain('verify_checksum()');
  });

  it('at the initiator: the acceptor’s VERIFY does not match', () => {
    const first = negoex.initiate(config);
    const reply = negoex.accept(null, first.token!, config);
    expect(reply.status).toBe('complete');
    const step = negoex.initiatorContinue(first.state, flipRandom(reply.token!), config);
    expect(step.status).toBe('failed');
    expect(step.error).toBe(
      "the acceptor's NEGOEX VERIFY failed: the checksum does not match the messages received",
    );
  });

  it('through SPNEGO: a man in the middle changes the first token and the acceptor rejects', () => {
    const run = runExchange(config, (from, index, bytes) =>
      from === 'initiator' && index === 0 ? flipRandom(bytes) : bytes,
    );
    expect(run.outcome.result).not.toBe('established');
    expect(run.steps[1].negState).toBe('reject');
    expect(run.final.acceptor.error).toContain('VERIFY failed');
  });

  it('a SPNEGO acceptor step with a changed mechToken rejects and says why', () => {
    const first = negoex.initiate(config);
    const token = encodeNegTokenInit({
      mechTypes: [OID.negoex, OID.msKrb5, OID.krb5, OID.ntlmssp],
      mechToken: flipRandom(first.token!),
    });
    const step = acceptorStep(initialAcceptorState(), token, config);
    expect(step.output?.negState).toBe('reject');
    expect(step.state.error).toContain("initiator's NEGOEX VERIFY failed");
  });

  it('a replayed token is out of sequence', () => {
    const first = negoex.initiate(config);
    const reply = negoex.accept(null, first.token!, config);
    const again = negoex.accept(reply.state, first.token!, config);
    expect(again.status).toBe('failed');
    expect(again.error).toBe('defective NEGOEX token: SequenceNum 0 where 8 was expected');
  });

  it('another conversation is refused', () => {
    const first = negoex.initiate(config);
    const other = negoex.initiate({ ...config, seed: config.seed + 1 });
    const reply = negoex.accept(null, other.token!, config);
    const step = negoex.initiatorContinue(first.state, reply.token!, config);
    expect(step.status).toBe('failed');
    expect(step.error).toMatch(/^defective NEGOEX token: ConversationId .* is not /);
  });
});

describe('an acceptor without NEGOEX ignores it', () => {
  it.each([
    ['a Windows acceptor without acceptor.negoex', { acceptor: { negoex: false } }],
    [
      'an MIT acceptor without a NEGOEX mechanism',
      { acceptor: { implementation: 'mit', negoex: false } },
    ],
    ['a Samba acceptor', { acceptor: { implementation: 'samba' } }],
  ] as [string, ConfigPatch][])(
    '%s selects Kerberos, the next choice, and asks for the MIC',
    (_, patch) => {
      const run = runExchange(configOf(patch));
      expect(run.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
      expect(run.steps[1].negState).toBe('request-mic');
      expect([OID.msKrb5, OID.krb5]).toContain(run.steps[1].supportedMech);
      const texts = run.steps[1].rules.map((r) => r.text);
      expect(texts.some((t) => t.includes('optimistic NEGOEX token belongs to the client'))).toBe(
        true,
      );
    },
  );

  it('a Heimdal 7.8 acceptor (no NEGOEX at all) selects Kerberos too, with its accept-incomplete switch that a Windows client takes (MS-SPNG App. A <8>)', () => {
    const run = runExchange(configOf({ acceptor: { implementation: 'heimdal', negoex: true } }));
    expect(run.steps[1]).toMatchObject({
      negState: 'accept-incomplete',
      supportedMech: OID.msKrb5,
    });
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
  });

  it('an NTLM-only acceptor selects NTLM', () => {
    const run = runExchange(configOf({ acceptor: { negoex: false, mechs: ['ntlm'] } }));
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'ntlm' });
  });

  it('a Windows client that only lists NEGOEX (initiator.negoex) keeps Kerberos with a NEGOEX acceptor', () => {
    const run = runExchange(
      withPatch(DEFAULT_CONFIG, {
        profile: 'windows',
        initiator: { negoex: true },
        acceptor: { negoex: true },
      }),
    );
    expect(run.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    expect(run.steps[1].negState).toBe('accept-completed');
  });
});

describe.runIf(hasTshark() || !!process.env.CI)(
  'tshark dissects the simulated NEGOEX tokens',
  () => {
    const FIELDS = [
      'negoex.message.type',
      'negoex.message.seq_num',
      'negoex.message.conv_id',
      'negoex.checksum_type',
      'negoex.auth_scheme',
      '_ws.malformed',
      '_ws.expert.severity',
    ];
    const PI_ERROR = 0x00800000;

    it('message types, sequence numbers and conversation ids and auth scheme as ours; no complaint', () => {
      const config = configOf();
      const run = runExchange(config);
      const tokens = run.steps.map((s) => ({ from: s.from, token: s.token, scheme: 'Negotiate' }));
      const file = join(mkdtempSync(join(tmpdir(), 'spnego-negoex-')), 'run.pcap');
      writeFileSync(file, negotiatePcap(tokens));
      const out = execFileSync(
        'tshark',
        [
          '-r',
          file,
          '-T',
          'fields',
          '-E',
          'separator=|',
          '-E',
          'aggregator=;',
          ...FIELDS.flatMap((f) => ['-e', f]),
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const frames = out
        .trimEnd()
        .split('\n')
        .map((line) => Object.fromEntries(FIELDS.map((f, i) => [f, line.split('|')[i] ?? ''])));
      expect(frames).toHaveLength(2);
      frames.forEach((f, i) => {
        const ms = messagesOf(negoexBytes(run, i));
        expect(f['_ws.malformed'], `frame ${i}`).toBe('');
        const severities = f['_ws.expert.severity'].split(';').filter(Boolean).map(Number);
        expect(severities.filter((s) => s >= PI_ERROR)).toEqual([]);
        expect(f['negoex.message.type'].split(';').map(Number)).toEqual(types(ms));
        expect(f['negoex.message.seq_num'].split(';').map(Number)).toEqual(seqs(ms));
        expect(new Set(f['negoex.message.conv_id'].split(';')).size).toBe(1);
        expect(f['negoex.checksum_type']).toBe(String(etypeProfile(18).cksumtype));
        expect(new Set(f['negoex.auth_scheme'].split(';'))).toEqual(
          new Set([KERBEROS_AUTH_SCHEME]),
        );
      });
    });
  },
);

describe('the NEGOEX scenarios', () => {
  it('negoex: established with NEGOEX in one round trip, no mechListMIC', () => {
    const sim = simulate('negoex');
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'negoex' });
    expect(sim.steps.map((s) => [s.from, s.negState, s.mechListMIC])).toEqual([
      ['initiator', null, false],
      ['acceptor', 'accept-completed', false],
    ]);
  });

  it('negoex-ignored: the MIT acceptor skips NEGOEX, picks MS-KRB5 and both sides send a mechListMIC', () => {
    const sim = simulate('negoex-ignored');
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'kerberos' });
    expect(sim.steps[1]).toMatchObject({ negState: 'request-mic', supportedMech: OID.msKrb5 });
    expect(
      sim.steps
        .filter((s) => s.mechListMIC)
        .map((s) => s.from)
        .sort(),
    ).toEqual(['acceptor', 'initiator']);
  });

  it('over SMB2 the server lists NEGOEX first in its NegTokenInit2 and NEGOEX follows', () => {
    const sim = simulate('negoex', { transport: 'smb' });
    expect(sim.steps[0].message).toBe('NegTokenInit2');
    const hint = readSpnegoToken(fromBase64(sim.steps[0].token));
    expect(hint.ok && hint.value.kind === 'NegTokenInit2' && hint.value.mechTypes?.[0]).toBe(
      OID.negoex,
    );
    expect(sim.outcome).toMatchObject({ result: 'established', mech: 'negoex' });
  });
});
