// openNtlm over every real NTLM exchange in fixtures/vectors/real (MIT krb5 1.20.1 +
// gss-ntlmssp 1.2.0, curl, Samba 4.17.12 in a lab realm), checked against the lab's passwords and
// against the keys Wireshark 4.0.17 printed when it decrypted the same exchanges.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, realScenarios, realTokens } from '../../testing/fixtures';
import { encodeAuthenticate, readAuthenticate, readNtlmv2Response } from '../../codec/ntlm';
import { ntowfv1 } from '../../crypto/ntlm';
import { encodeNegTokenResp, readSpnegoToken } from '../../codec/spnego/token';
import { toHex } from '../../bytes';
import { explain } from '../../codec/explain';
import { MSV_CHANNEL_BINDINGS } from '../../data/ntlm';
import { NO_SECRETS, type SecretResult, type Secrets } from '../types';
import { openNtlm } from './ntlm';
import { readLeg } from './ntlm-exchange';
import type { TokenOnWire } from './types';

const REAL = join(FIXTURES, 'real');
const lab = JSON.parse(readFileSync(join(REAL, 'secrets/passwords.json'), 'utf8')) as {
  ntlm: { domain: string; users: Record<string, string> };
};
const samba = JSON.parse(readFileSync(join(REAL, 'secrets/samba-passwords.json'), 'utf8')) as {
  netbios_domain: string;
  users: Record<string, string>;
};

/** Every real exchange with an NTLM AUTHENTICATE; a test below checks none is missing. */
const EXCHANGES: Record<string, { domain: string; password: string; version: 1 | 2 }> = {
  'spnego-ntlm-01-ntlmv2': { domain: lab.ntlm.domain, password: lab.ntlm.users.alice, version: 2 },
  'spnego-ntlm-02-no-flags': {
    domain: lab.ntlm.domain,
    password: lab.ntlm.users.alice,
    version: 2,
  },
  'spnego-ntlm-03-ntlmv1': { domain: lab.ntlm.domain, password: lab.ntlm.users.alice, version: 1 },
  'spnego-ntlm-04-lm-compat-0': {
    domain: lab.ntlm.domain,
    password: lab.ntlm.users.alice,
    version: 1,
  },
  'spnego-ntlm-05-channel-bindings': {
    domain: lab.ntlm.domain,
    password: lab.ntlm.users.alice,
    version: 2,
  },
  'spnego-ntlm-06-ntlm-preferred': {
    domain: lab.ntlm.domain,
    password: lab.ntlm.users.alice,
    version: 2,
  },
  'raw-ntlm-01-ntlmv2': { domain: lab.ntlm.domain, password: lab.ntlm.users.alice, version: 2 },
  'raw-ntlm-02-ntlmv1': { domain: lab.ntlm.domain, password: lab.ntlm.users.alice, version: 1 },
  'fallback-01-krb5-to-ntlm-no-keytab': {
    domain: lab.ntlm.domain,
    password: lab.ntlm.users.alice,
    version: 2,
  },
  'http-curl-03-ntlm-over-spnego': {
    domain: lab.ntlm.domain,
    password: lab.ntlm.users.alice,
    version: 2,
  },
  'smb-01-ntlm': { domain: samba.netbios_domain, password: samba.users.alice, version: 2 },
};

const tokensOf = (scenario: string): TokenOnWire[] =>
  realTokens(scenario)
    .filter((t) => !t.perMessage)
    .map((t) => ({ from: t.direction, token: t.bytes }));

const secrets = (patch: Partial<Secrets>): Secrets => ({ ...NO_SECRETS, ...patch });
const password = (password: string, user?: string) => secrets({ passwords: [{ user, password }] });
const ntHash = (hash: Uint8Array, user?: string) => secrets({ ntHashes: [{ user, hash }] });

/** The keys Wireshark printed for the exchange (its "NTLMv2 BaseSessionKey (…)" lines). */
function wiresharkKeys(scenario: string): { base?: string; exported?: string } {
  const text = readFileSync(join(REAL, scenario, 'wireshark/tshark-decrypted.txt'), 'utf8');
  return {
    base: /\[NTLMv[12] BaseSessionKey \(([0-9a-f]{32})\)\]/.exec(text)?.[1],
    exported: /\[NTLMSSP SessionKey \(([0-9a-f]{32})\)\]/.exec(text)?.[1],
  };
}

/** What the tokens carry: which one is the AUTHENTICATE, which carry a mechListMIC after it. */
function shapeOf(tokens: TokenOnWire[]) {
  const legs = tokens.map(readLeg);
  const auth = legs.findIndex((l) => l.ntlm?.ok && l.ntlm.message.messageType === 3);
  const read = legs[auth]?.ntlm;
  if (!read?.ok || read.message.messageType !== 3) throw new Error('no AUTHENTICATE');
  const mechListMics = legs.filter((l) => l.index >= auth && l.mechListMIC).map((l) => l.index);
  return { auth, message: read.message, mechListMics };
}

const derivedOf = (r: SecretResult | undefined, name: string) =>
  r?.derived?.find((d) => d.name === name)?.value;
const whats = (rs: SecretResult[]) => rs.map((r) => r.what);

describe('openNtlm over the real NTLM exchanges', () => {
  it('the list of exchanges holds every real scenario with an NTLM AUTHENTICATE', () => {
    const withAuthenticate = realScenarios().filter((s) =>
      tokensOf(s)
        .map(readLeg)
        .some((l) => l.ntlm?.ok && l.ntlm.message.messageType === 3),
    );
    expect(withAuthenticate.sort()).toEqual(Object.keys(EXCHANGES).sort());
  });

  for (const [scenario, { domain, password: pw, version }] of Object.entries(EXCHANGES)) {
    describe(scenario, () => {
      const tokens = tokensOf(scenario);
      const { auth, message, mechListMics } = shapeOf(tokens);
      const responseWhat = version === 2 ? 'NTLMv2 response' : 'NTLMv1 response';
      const who = `${domain}\\alice`;

      it('with the right password every response, the MIC and both mechListMICs verify', () => {
        const results = openNtlm(tokens, password(pw));
        expect(results).toHaveLength(tokens.length);
        const all = results.flat();
        expect(all.filter((r) => !r.ok)).toEqual([]);
        const response = results[auth].find((r) => r.what === responseWhat);
        expect(response?.text).toMatch(`verified with the password given: `);
        expect(response?.text).toContain(who);
        // Every token but the AUTHENTICATE and the ones carrying mechListMICs has nothing.
        results.forEach((rs, i) => {
          if (i !== auth && !mechListMics.includes(i)) expect(rs).toEqual([]);
        });
        // The MIC where the message has one; a mechListMIC result on each token carrying one.
        expect(whats(results[auth]).includes('NTLM MIC')).toBe(message.mic !== undefined);
        for (const i of mechListMics) {
          expect(results[i].filter((r) => r.what === 'mechListMIC')).toHaveLength(1);
        }
        expect(all.filter((r) => r.what === 'mechListMIC')).toHaveLength(mechListMics.length);
      });

      it('derives the keys Wireshark printed, where it printed them', () => {
        const results = openNtlm(tokens, password(pw));
        const response = results[auth].find((r) => r.what === responseWhat);
        const ws = wiresharkKeys(scenario);
        // Wireshark's "NTLMv1 BaseSessionKey" is already the KeyExchangeKey (with ESS it differs
        // from MD4(NTOWFv1)); for NTLMv2 the two are the same key [MS-NLMP §3.4.5.1].
        if (ws.base) expect(derivedOf(response, 'KeyExchangeKey')).toBe(ws.base);
        if (ws.base && version === 2) expect(derivedOf(response, 'SessionBaseKey')).toBe(ws.base);
        if (ws.exported) expect(derivedOf(response, 'ExportedSessionKey')).toBe(ws.exported);
        for (const name of ['KeyExchangeKey', 'ExportedSessionKey', 'ClientSealingKey']) {
          expect(derivedOf(response, name), name).toMatch(/^[0-9a-f]{32}$|^[0-9a-f]{16}$/);
        }
        for (const d of response!.derived!) expect(d.how).toMatch(/ — MS-NLMP §3\.\d/);
      });

      it('grafts the decrypted ExportedSessionKey under EncryptedRandomSessionKey', () => {
        const results = openNtlm(tokens, password(pw));
        const part = results[auth].find((r) => r.what === 'ExportedSessionKey')!;
        const encrypted = message.encryptedRandomSessionKey!;
        const { offset, length } = part.cipher!;
        expect(toHex(tokens[auth].token.subarray(offset, offset + length))).toBe(toHex(encrypted));
        const exported = derivedOf(
          results[auth].find((r) => r.what === responseWhat),
          'ExportedSessionKey',
        );
        expect(part.root).toMatchObject({
          name: 'ExportedSessionKey',
          offset,
          length: 16,
          value: exported,
          decrypted: { offset: 0, length: 16 },
        });
        // The inspector explains the grafted node like any other.
        expect(explain(part.root!, { name: 'EncryptedRandomSessionKey' })?.spec).toBe(
          'MS-NLMP §3.2.5.1.2',
        );
      });

      it('with the NT hash instead of the password the response verifies the same way', () => {
        const results = openNtlm(tokens, ntHash(ntowfv1(pw)));
        const response = results[auth].find((r) => r.what === responseWhat)!;
        expect(response.ok).toBe(true);
        expect(response.text).toMatch('verified with the NT hash given');
        const byPassword = openNtlm(tokens, password(pw))[auth].find(
          (r) => r.what === responseWhat,
        );
        const lmKey = scenario === 'spnego-ntlm-04-lm-compat-0';
        if (!lmKey) {
          // Same keys, same MICs.
          expect(derivedOf(response, 'ExportedSessionKey')).toBe(
            derivedOf(byPassword, 'ExportedSessionKey'),
          );
          expect(results.flat().filter((r) => !r.ok)).toEqual([]);
        }
      });

      it('with a wrong password the response fails with a clear text, and nothing else verifies', () => {
        const results = openNtlm(tokens, password(`${pw}x`));
        const response = results[auth].find((r) => r.what === responseWhat)!;
        expect(response.ok).toBe(false);
        expect(response.text).toBe(
          `does not match: wrong password for ${who} (${version === 2 ? 'NTProofStr' : 'NtChallengeResponse'} differs; tried the password given)`,
        );
        expect(results.flat().filter((r) => r.ok)).toEqual([]);
        for (const r of results.flat().filter((x) => x.what !== responseWhat)) {
          expect(r.text).toMatch(/cannot be checked: no secret verified the response/);
        }
      });

      it('with a wrong NT hash the response fails the same way', () => {
        const wrong = ntowfv1(`${pw}x`);
        const response = openNtlm(tokens, ntHash(wrong))[auth].find(
          (r) => r.what === responseWhat,
        )!;
        expect(response.ok).toBe(false);
        expect(response.text).toMatch(`does not match: wrong NT hash for ${who}`);
      });

      it('a password given for this user (user, DOMAIN\\user, any case) is tried and named', () => {
        for (const user of [
          'alice',
          `${domain}\\alice`,
          'ALICE',
          `${domain.toLowerCase()}\\Alice`,
        ]) {
          const response = openNtlm(tokens, password(pw, user))[auth].find(
            (r) => r.what === responseWhat,
          )!;
          expect(response.ok, user).toBe(true);
          expect(response.text).toMatch(`verified with the password given for ${user}:`);
        }
      });

      it('a password given for another user is not tried, and says so', () => {
        const results = openNtlm(tokens, password(pw, 'bob'));
        expect(results[auth]).toEqual([
          {
            what: responseWhat,
            ok: false,
            unchecked: true,
            text: `not tried for ${who}: the secrets given are for bob`,
          },
        ]);
        expect(openNtlm(tokens, password(pw, `OTHER\\alice`))[auth][0].text).toMatch(/^not tried/);
      });

      it('tries the secrets in turn: a wrong password then the right NT hash', () => {
        const results = openNtlm(
          tokens,
          secrets({
            passwords: [{ password: 'nope' }],
            ntHashes: [{ hash: ntowfv1(pw) }],
          }),
        );
        const response = results[auth].find((r) => r.what === responseWhat)!;
        expect(response.ok).toBe(true);
        expect(response.text).toMatch('verified with the NT hash given');
      });
    });
  }

  it('Wireshark printed the keys of most of them (the comparison above is not vacuous)', () => {
    const printed = Object.keys(EXCHANGES).filter((s) => wiresharkKeys(s).exported);
    expect(printed.length).toBeGreaterThanOrEqual(9);
  });
});

describe('the variants the real exchanges exercise', () => {
  const pw = lab.ntlm.users.alice;

  it('NTLMv1 with extended session security (spnego-ntlm-03, raw-ntlm-02): no LM response to check', () => {
    for (const s of ['spnego-ntlm-03-ntlmv1', 'raw-ntlm-02-ntlmv1']) {
      const tokens = tokensOf(s);
      const results = openNtlm(tokens, password(pw))[shapeOf(tokens).auth];
      expect(whats(results)).toEqual(['NTLMv1 response', 'ExportedSessionKey']);
      const how = results[0].derived!.find((d) => d.name === 'NtChallengeResponse')!.how;
      expect(how).toMatch(/MD5\(ServerChallenge ‖ ClientChallenge\)/);
    }
  });

  it('lm compat 0 (spnego-ntlm-04): NTLMv1 and LM responses, LM_KEY key exchange', () => {
    const tokens = tokensOf('spnego-ntlm-04-lm-compat-0');
    const { auth } = shapeOf(tokens);
    const results = openNtlm(tokens, password(pw))[auth];
    expect(whats(results)).toEqual(['NTLMv1 response', 'LM response', 'ExportedSessionKey']);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results[1].text).toBe(`LM response verified with the password given for EXAMPLE\\alice`);
    const kxkey = results[0].derived!.find((d) => d.name === 'KeyExchangeKey')!;
    expect(kxkey.how).toMatch(/NTLMSSP_NEGOTIATE_LM_KEY/);
    // The exported key gss-ntlmssp used (also in src/crypto/ntlm/real-exchanges.test.ts).
    expect(derivedOf(results[0], 'ExportedSessionKey')).toBe('cfab042c797883c46ee7e98d037bddbd');
    // Without ESS there are no signing keys; the 56-bit sealing key is weakened with 0xA0.
    expect(derivedOf(results[0], 'ClientSigningKey')).toBeUndefined();
    expect(derivedOf(results[0], 'ClientSealingKey')).toMatch(/a0$/);
  });

  it('lm compat 0 with only the NT hash: the NT response verifies, LM_KEY keys need the password', () => {
    const tokens = tokensOf('spnego-ntlm-04-lm-compat-0');
    const { auth } = shapeOf(tokens);
    const results = openNtlm(tokens, ntHash(ntowfv1(pw)))[auth];
    expect(whats(results)).toEqual(['NTLMv1 response', 'LM response']);
    expect(results[0].ok).toBe(true);
    expect(results[0].text).toMatch(/no session keys: the KeyExchangeKey needs LMOWFv1/);
    expect(results[1]).toMatchObject({ ok: false, text: expect.stringMatching(/^not checked/) });
  });

  it('channel bindings (spnego-ntlm-05): the NTProofStr covers MsvAvChannelBindings and verifies', () => {
    const tokens = tokensOf('spnego-ntlm-05-channel-bindings');
    const { auth, message } = shapeOf(tokens);
    const v2 = readNtlmv2Response(message.ntChallengeResponse!);
    if (!v2.ok) throw new Error(v2.error);
    const cbt = v2.value.clientChallenge.avPairs.find((p) => p.id === MSV_CHANNEL_BINDINGS);
    expect(cbt).toBeDefined();
    const results = openNtlm(tokens, password(pw)).flat();
    expect(whats(results)).toEqual([
      'NTLMv2 response',
      'ExportedSessionKey',
      'NTLM MIC',
      'mechListMIC',
      'mechListMIC',
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(openNtlm(tokens, password('wrong'))[auth][0].ok).toBe(false);
  });

  it('Samba (smb-01): the MechTypeList is the initiator’s, not the NegTokenInit2’s', () => {
    const tokens = tokensOf('smb-01-ntlm');
    const results = openNtlm(tokens, password(samba.users.alice, 'SAMBA\\alice'));
    const mics = results.flat().filter((r) => r.what === 'mechListMIC');
    expect(mics.map((r) => r.ok)).toEqual([true, true]);
    // The lab password of EXAMPLE\alice is the same string, but a secret for EXAMPLE is not SAMBA's.
    expect(openNtlm(tokens, password(pw, 'EXAMPLE\\alice'))[3][0].text).toMatch(/^not tried/);
  });
});

describe('what cannot be verified, and hostile input', () => {
  const pw = lab.ntlm.users.alice;
  const tokens = tokensOf('spnego-ntlm-01-ntlmv2');

  it('no NTLM secrets, or no NTLM in the exchange: nothing to say', () => {
    expect(openNtlm(tokens, NO_SECRETS)).toEqual([[], [], [], []]);
    expect(openNtlm(tokens, secrets({ keys: [{ etype: 23, key: new Uint8Array(16) }] }))).toEqual([
      [],
      [],
      [],
      [],
    ]);
    for (const s of ['spnego-krb5-01-std-flags', 'heimdal-09-acceptor-selects-second-mech-krb5']) {
      const other = tokensOf(s);
      expect(openNtlm(other, password(pw)).flat()).toEqual([]);
    }
  });

  it('a tampered MechTypeList fails both mechListMICs; the response still verifies', () => {
    const first = tokens[0].token.slice();
    const spnego = readSpnegoToken(first);
    if (!spnego.ok || spnego.value.kind !== 'NegTokenInit') throw new Error('not a NegTokenInit');
    // The last byte of the only OID in the list (NTLMSSP …0a → …0b).
    const at = toHex(first).indexOf(toHex(spnego.value.mechTypesDer)) / 2;
    first[at + spnego.value.mechTypesDer.length - 1] ^= 1;
    const results = openNtlm([{ ...tokens[0], token: first }, ...tokens.slice(1)], password(pw));
    const mics = results.flat().filter((r) => r.what === 'mechListMIC');
    expect(mics.map((r) => r.ok)).toEqual([false, false]);
    expect(mics[0].text).toMatch(/the initiator's mechListMIC does not match/);
    expect(results[2][0]).toMatchObject({ what: 'NTLMv2 response', ok: true });
  });

  it('a changed byte in the NEGOTIATE fails the MIC only', () => {
    const first = tokens[0].token.slice();
    first[first.length - 1] ^= 1; // the NEGOTIATE's last Version byte
    const results = openNtlm([{ ...tokens[0], token: first }, ...tokens.slice(1)], password(pw));
    expect(
      results
        .flat()
        .filter((r) => !r.ok)
        .map((r) => r.what),
    ).toEqual(['NTLM MIC']);
  });

  it('a changed acceptor mechListMIC fails that one alone', () => {
    const last = readSpnegoToken(tokens[3].token);
    if (!last.ok || last.value.kind !== 'NegTokenResp') throw new Error('not a NegTokenResp');
    const mic = last.value.mechListMIC!.slice();
    mic[5] ^= 1;
    const changed = encodeNegTokenResp({ ...last.value, mechListMIC: mic });
    const results = openNtlm(
      [...tokens.slice(0, 3), { ...tokens[3], token: changed }],
      password(pw),
    );
    expect(results[3]).toHaveLength(1);
    expect(results[3][0]).toMatchObject({ what: 'mechListMIC', ok: false });
    expect(results[2].every((r) => r.ok)).toBe(true);
  });

  it('without the CHALLENGE the response cannot be verified, and says why', () => {
    const results = openNtlm([tokens[0], tokens[2], tokens[3]], password(pw));
    expect(results[1]).toEqual([
      {
        what: 'NTLMv2 response',
        ok: false,
        text: 'cannot be verified: the CHALLENGE message (its ServerChallenge) is not in the exchange',
      },
    ]);
  });

  it('without the initiator’s NegTokenInit the mechListMICs cannot be checked', () => {
    const results = openNtlm(tokens.slice(1), password(pw));
    const response = results[1].find((r) => r.what === 'NTLMv2 response');
    expect(response?.ok).toBe(true);
    const mics = results.flat().filter((r) => r.what === 'mechListMIC');
    expect(mics).toHaveLength(2);
    for (const m of mics) expect(m.text).toMatch(/NegTokenInit, whose MechTypeList it signs/);
    // The MIC covers the NEGOTIATE too: without it the MIC cannot come out right.
    expect(results[1].find((r) => r.what === 'NTLM MIC')).toMatchObject({
      ok: false,
      text: expect.stringMatching(/without a NEGOTIATE message/),
    });
  });

  it('NTOWFv2 keyed with the upper-cased domain when the message sends another case', () => {
    const raw = tokensOf('raw-ntlm-01-ntlmv2');
    const read = readAuthenticate(raw[2].token);
    if (!read.ok) throw new Error(read.error);
    const renamed = encodeAuthenticate({ ...read.value, domainName: 'example', layout: undefined });
    const results = openNtlm([raw[0], raw[1], { ...raw[2], token: renamed.bytes }], password(pw));
    expect(results[2][0].ok).toBe(true);
    expect(results[2][0].text).toMatch(
      /NTOWFv2 keyed with user "alice" and domain "EXAMPLE" rather than the names in the message/,
    );
  });

  it('anonymous: nothing to verify, said so', () => {
    const raw = tokensOf('raw-ntlm-01-ntlmv2');
    const read = readAuthenticate(raw[2].token);
    if (!read.ok) throw new Error(read.error);
    const anonymous = encodeAuthenticate({
      flags: read.value.flags,
      lmChallengeResponse: new Uint8Array(1),
      ntChallengeResponse: new Uint8Array(0),
      domainName: '',
      userName: '',
      workstation: 'CLIENT1',
      version: read.value.version,
    });
    const results = openNtlm([raw[0], raw[1], { ...raw[2], token: anonymous.bytes }], password(pw));
    expect(results[2]).toHaveLength(1);
    expect(results[2][0].text).toMatch(/^anonymous authentication/);
  });

  it('a truncated or garbled AUTHENTICATE: a reason, never a throw', () => {
    const auth = tokens[2].token;
    for (let n = 0; n < auth.length; n += 3) {
      const cut = [tokens[0], tokens[1], { ...tokens[2], token: auth.slice(0, n) }, tokens[3]];
      const results = openNtlm(cut, password(pw));
      expect(results).toHaveLength(4);
    }
    const raw = tokensOf('raw-ntlm-01-ntlmv2');
    const short = raw[2].token.slice(0, 40);
    const results = openNtlm([raw[0], raw[1], { ...raw[2], token: short }], password(pw));
    expect(results[2]).toHaveLength(1);
    expect(results[2][0]).toMatchObject({ ok: false });
    expect(results[2][0].text).toMatch(
      /^cannot be verified: the AUTHENTICATE message does not read: /,
    );
    for (let i = 0; i < 200; i++) {
      const noise = raw[2].token.slice();
      noise[(i * 37) % noise.length] ^= 0xff;
      noise[(i * 91) % noise.length] ^= 0x55;
      expect(() =>
        openNtlm([raw[0], raw[1], { ...raw[2], token: noise }], password(pw)),
      ).not.toThrow();
    }
  });

  it('an NT hash that is not 16 bytes is not usable, and says so', () => {
    const results = openNtlm(tokens, ntHash(new Uint8Array(15)));
    expect(results[2][0]).toEqual({
      what: 'NTLMv2 response',
      ok: false,
      unchecked: true,
      text: 'not tried for EXAMPLE\\alice: the NT hash given is 15 bytes, not 16',
    });
  });
});
