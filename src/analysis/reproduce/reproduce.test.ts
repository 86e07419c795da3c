import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseExchange, analyseInput, NO_SECRETS, type AnalysedExchange } from '..';
import { simulate, type ConfigPatch } from '../../protocol';
import { fromBase64, toBase64 } from '../../bytes';
import { negotiatePcap } from '../../testing/pcap';
import { FIXTURES, realScenarios, realTokens } from '../../testing/fixtures';
import { compareRuns, inferConfig, reproduce, SEQUENCE_FIELDS, type Difference } from '.';
import { hasTshark } from '../../testing/tshark';

/**
 * `reproduce` over every exchange of the real vectors (MIT krb5 1.20 + gss-ntlmssp 1.2, Heimdal
 * 7.8, Samba 4.17, curl 7.88), each read from its capture as `cli reproduce` reads it.
 */
function exchangesOf(id: string): AnalysedExchange[] {
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'real', id, 'capture.pcapng')));
  return analyseInput(bytes, NO_SECRETS).exchanges;
}

function only(id: string): AnalysedExchange {
  const exchanges = exchangesOf(id);
  expect(exchanges).toHaveLength(1);
  return exchanges[0];
}

const sequenceDifferences = (d: Difference[]) =>
  d.filter((x) => x.field === 'message' || (SEQUENCE_FIELDS as string[]).includes(x.field));

/**
 * Exchanges whose message sequence the simulator cannot produce yet, and why. Everything else
 * must reproduce its sequence.
 */
const CANNOT_MODEL: Record<string, string> = {
  // None today: NTLMv1 and LM (spnego-ntlm-03/04, raw-ntlm-02) reproduce since config.ntlm's
  // LmCompatibilityLevel. An exchange added here must say what the simulator lacks.
};

describe('reproduce: every real exchange', () => {
  const report: string[] = [];
  for (const id of realScenarios()) {
    it(id, () => {
      for (const exchange of exchangesOf(id)) {
        const r = reproduce(exchange)!;
        expect(r).not.toBeNull();
        report.push(
          `${id}: ${r.differences.length ? r.differences.map((d) => `#${d.step} ${d.field} real ${String(d.real)} sim ${String(d.simulated)}`).join('; ') : 'no difference'}`,
        );
        const sequence = sequenceDifferences(r.differences);
        if (CANNOT_MODEL[id]) expect(sequence.length, CANNOT_MODEL[id]).toBeGreaterThan(0);
        else expect(sequence).toEqual([]);
        // The config is plain data of a few hundred bytes, with no token bytes in it.
        const text = JSON.stringify(r.config);
        expect(text.length).toBeLessThan(1000);
        for (const step of exchange.steps)
          expect(text).not.toContain(toBase64(step.token).slice(0, 16));
        // The same config, run again (as `simulate --config` does), gives the same run.
        expect(simulate(JSON.parse(text)).steps.map((s) => s.token)).toEqual(
          r.run.steps.map((s) => s.token),
        );
      }
    });
  }
  it('prints what still differs per exchange', () => {
    console.log(`reproduce over fixtures/vectors/real:\n${report.join('\n')}`);
    expect(report.length).toBeGreaterThanOrEqual(realScenarios().length);
  });
});

describe('inferConfig reads each choice from the wire', () => {
  it('a keytab without the service key from KRB_AP_ERR_NOT_US', () => {
    const { config, evidence } = inferConfig(only('fallback-03-keytab-lacks-service-key'));
    expect(config.kerberos?.keytab).toBe('missing');
    expect(config.acceptor?.kerberosKey).toBeUndefined();
    expect(evidence.find((e) => e.field === 'kerberos.keytab')?.why).toMatch(/NOT_US/);
  });
  it('an acceptor without Kerberos credentials when it picks NTLM over the preferred Kerberos', () => {
    const { config } = inferConfig(only('fallback-01-krb5-to-ntlm-no-keytab'));
    expect(config.acceptor?.kerberosKey).toBe(false);
    expect(config.initiator?.mechs).toEqual(['kerberos', 'ntlm']);
  });
  it('an acceptor without NTLM when it switches to the second mechanism (Heimdal)', () => {
    const { config } = inferConfig(only('heimdal-09-acceptor-selects-second-mech-krb5'));
    expect(config.acceptor).toMatchObject({ implementation: 'heimdal', mechs: ['kerberos'] });
    expect(config.initiator).toMatchObject({ implementation: 'mit', mechs: ['ntlm', 'kerberos'] });
  });
  it('clock skew, old kvno and rc4 from the Kerberos messages', () => {
    expect(
      Math.abs(inferConfig(only('reject-04-krb5-clock-skew')).config.faults?.clockSkewSeconds ?? 0),
    ).toBeGreaterThan(300);
    expect(inferConfig(only('raw-krb5-03-krb-error-kvno')).config.kerberos?.keytab).toBe(
      'old-kvno',
    );
    expect(inferConfig(only('raw-krb5-06-rc4-hmac')).config.kerberos?.etype).toBe(23);
    expect(inferConfig(only('spnego-krb5-11-enctype-aes128-sha1')).config.kerberos?.etype).toBe(17);
  });
  it('mutual from ap-options, DCE style from the client AP-REP, the bare transport', () => {
    expect(inferConfig(only('raw-krb5-02-no-mutual')).config).toMatchObject({
      transport: 'bare',
      initiator: { mutual: false },
    });
    expect(inferConfig(only('spnego-krb5-07-dce-style')).config.kerberos?.dceStyle).toBe(true);
  });
  it('curl asks neither conf nor integ: read from its NTLM NEGOTIATE flags (no SIGN, no SEAL)', () => {
    const { config, evidence } = inferConfig(only('http-curl-03-ntlm-over-spnego'));
    // gss-ntlmssp's flags tell conf and integ only; replay and sequence leave no trace in NTLM.
    expect(config.initiator?.requestFlags).toEqual([]);
    expect(evidence.find((e) => e.field === 'initiator.requestFlags')?.why).toMatch(
      /0xe2088217.*\breplay\b.*would give the same flags/,
    );
    // The default application (all four flags) needs no list.
    expect(
      inferConfig(only('spnego-ntlm-01-ntlmv2')).config.initiator?.requestFlags,
    ).toBeUndefined();
  });
  it('SMB2 with Samba on both sides; raw NTLM in the HTTP NTLM scheme', () => {
    expect(inferConfig(only('smb-02-kerberos-password')).config).toMatchObject({
      transport: 'smb',
      initiator: { implementation: 'samba' },
      acceptor: { implementation: 'samba', service: 'cifs' },
    });
    expect(inferConfig(only('raw-ntlm-01-ntlmv2')).config.transport).toBe('http-ntlm');
  });
  it("NTLMv1 and LM from the AUTHENTICATE: the client's LmCompatibilityLevel", () => {
    const v1 = inferConfig(only('spnego-ntlm-03-ntlmv1'));
    expect(v1.config.ntlm).toEqual({ lmCompatibilityLevel: 2 });
    expect(v1.evidence.find((e) => e.field === 'ntlm.lmCompatibilityLevel')?.why).toMatch(
      /24-byte NtChallengeResponse/,
    );
    // LM_KEY without extended session security in the NEGOTIATE: level 0.
    expect(inferConfig(only('spnego-ntlm-04-lm-compat-0')).config.ntlm).toEqual({
      lmCompatibilityLevel: 0,
    });
    expect(inferConfig(only('spnego-ntlm-01-ntlmv2')).config.ntlm).toBeUndefined();
  });
  it("a TGS-REQ refused with KDC_ERR_S_PRINCIPAL_UNKNOWN: the KDC doesn't know the SPN", () => {
    const exchange = only('spnego-ntlm-01-ntlmv2');
    // The capture's KDC traffic before the exchange, as readCapture reports a refused TGS-REQ.
    exchange.kdc = [
      {
        transport: 'udp',
        client: { address: '127.0.0.1', port: 50000 },
        server: { address: '127.0.0.1', port: 88 },
        from: 'kdc',
        frame: 2,
        time: 0,
        msgType: 30,
        name: 'KRB_ERROR',
        errorCode: 7,
        realm: 'EXAMPLE.TEST',
        sname: 'HTTP/localhost',
        bytes: new Uint8Array(),
      },
    ];
    const r = reproduce(exchange)!;
    expect(r.config.kerberos?.kdcKnowsService).toBe(false);
    expect(r.config.initiator).toMatchObject({ kerberosTicket: true, mechs: ['kerberos', 'ntlm'] });
    // The client still offers NTLM alone, as the real one did.
    expect(r.differences).toEqual([]);
  });
  it('NTLM channel bindings from a non-zero MsvAvChannelBindings', () => {
    const { config } = inferConfig(only('spnego-ntlm-05-channel-bindings'));
    expect(config.ntlm).toEqual({ channelBindings: true });
    expect(config.kerberos?.channelBindings).toBe('tls-server-end-point');
  });
  it('a paste of the tokens gives the configuration the capture gives (but for the time)', () => {
    const id = 'fallback-01-krb5-to-ntlm-no-keytab';
    const paste = realTokens(id)
      .filter((t) => !t.perMessage)
      .map((t) => toBase64(t.bytes))
      .join('\n');
    const fromPaste = analyseInput(new TextEncoder().encode(paste), NO_SECRETS).exchanges[0];
    const { time: _time, ...fromCapture } = inferConfig(only(id)).config;
    expect(inferConfig(fromPaste).config).toEqual(fromCapture);
  });
});

describe('with the service key, the Authenticator tells more', () => {
  const keytab = new Uint8Array(readFileSync(join(FIXTURES, 'real', 'secrets', 'all-keys.keytab')));
  const withKey = (id: string) => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'real', id, 'capture.pcapng')));
    const [exchange] = analyseInput(bytes, { ...NO_SECRETS, keytabs: [keytab] }).exchanges;
    return reproduce(exchange)!;
  };
  it('delegation from GSS_C_DELEG_FLAG and the KRB-CRED (spnego-krb5-05)', () => {
    const r = withKey('spnego-krb5-05-delegation');
    expect(r.config.initiator?.delegation).toBe(true);
    expect(r.differences).toEqual([]);
    // Without the key it cannot be read, and says so.
    expect(
      inferConfig(only('spnego-krb5-05-delegation')).config.initiator?.delegation,
    ).toBeUndefined();
  });
  it('no delegation when the flag is absent (spnego-krb5-06: MIT dropped it, TGT not forwardable)', () => {
    expect(
      withKey('spnego-krb5-06-delegation-nonforwardable-tgt').config.initiator?.delegation,
    ).toBe(false);
  });
  it('channel bindings from a non-zero Bnd (spnego-krb5-08)', () => {
    const r = withKey('spnego-krb5-08-channel-bindings');
    expect(r.config.kerberos?.channelBindings).toBe('tls-server-end-point');
    expect(r.differences).toEqual([]);
  });
  it("curl's request flags from the checksum's Flags 0x136 (http-curl-01)", () => {
    const r = withKey('http-curl-01-krb5');
    expect(r.config.initiator?.requestFlags).toEqual(['replay', 'conf', 'integ']);
    expect(r.differences).toEqual([]);
  });
});

describe('compareRuns', () => {
  it('names each field that differs, and messages one side lacks', () => {
    const real = only('fallback-01-krb5-to-ntlm-no-keytab');
    // The acceptor with its key: Kerberos succeeds in two messages instead of NTLM's six.
    const d = compareRuns(real, simulate({}));
    expect(d).toContainEqual({
      step: 2,
      field: 'negState',
      real: 'request-mic',
      simulated: 'accept-completed',
    });
    expect(d).toContainEqual({
      step: 2,
      field: 'supportedMech',
      real: 'NTLM',
      simulated: 'Kerberos',
    });
    expect(d.filter((x) => x.simulated === 'absent').map((x) => x.step)).toEqual([3, 4, 5, 6]);
  });
  it('finds nothing between a run and itself', () => {
    const r = reproduce(only('spnego-ntlm-01-ntlmv2'))!;
    expect(r.differences).toEqual([]);
    expect(compareRuns(only('spnego-ntlm-01-ntlmv2'), r.run)).toEqual([]);
  });
});

/**
 * The issue's check with Wireshark's eyes, not our decoder's: the real capture and the simulated
 * run wrapped into an HTTP capture (negotiatePcap), both dissected by tshark; per message the same
 * direction, negState, supportedMech, mechTypes, presence of mechToken / responseToken /
 * mechListMIC, Kerberos msg-type, error-code, etypes and ap-options, NTLM message type and flags.
 */

const TSHARK_FIELDS = [
  'http.request',
  'smb2.flags.response',
  'spnego.negResult',
  'spnego.supportedMech',
  'spnego.MechType',
  'spnego.mechToken',
  'spnego.responseToken',
  'spnego.mechListMIC',
  'kerberos.msg_type',
  'kerberos.error_code',
  'kerberos.etype',
  'kerberos.ap_options',
  'ntlmssp.messagetype',
  'ntlmssp.negotiateflags',
] as const;
/** Fields whose value is the token's bytes: compared as present or absent. */
const PRESENCE = ['spnego.mechToken', 'spnego.responseToken', 'spnego.mechListMIC'];
/** The message sequence, as in SEQUENCE_FIELDS: the rest are details reported. */
const TSHARK_SEQUENCE = [
  'direction',
  'spnego.negResult',
  'spnego.supportedMech',
  ...PRESENCE,
  'kerberos.msg_type',
  'kerberos.error_code',
  'ntlmssp.messagetype',
];

/** Real exchanges tshark dissects no message of, and why. */
const TSHARK_BLIND: Record<string, string> = {
  'raw-krb5-05-dce-style':
    "DCE style sends the AP-REQ and both AP-REPs bare, without GSS framing (MS-KILE §3.4.5.1); tshark's HTTP Negotiate dissector reads only GSS-framed tokens",
};

function tsharkMessages(pcap: string): Record<string, string>[] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      pcap,
      '-Y',
      'http || smb2',
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-E',
      'aggregator=;',
      ...TSHARK_FIELDS.flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const rows: Record<string, string>[] = [];
  for (const line of out.trimEnd().split('\n')) {
    const values = line.split('|');
    const row: Record<string, string> = {};
    TSHARK_FIELDS.forEach((f, i) => (row[f] = values[i] ?? ''));
    // Frames that carry no security token (SMB2 NEGOTIATE request, TREE_CONNECT…) are not messages.
    if (TSHARK_FIELDS.slice(2).every((f) => row[f] === '')) continue;
    const fromClient = row['http.request'] === '1' || row['smb2.flags.response'] === '0';
    const message: Record<string, string> = { direction: fromClient ? 'initiator' : 'acceptor' };
    for (const f of TSHARK_FIELDS.slice(2))
      message[f] = PRESENCE.includes(f) ? String(row[f] !== '') : row[f];
    rows.push(message);
  }
  return rows;
}

describe.runIf(hasTshark() || !!process.env.CI)('reproduce, seen by tshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reproduce-tshark-'));
  const report: string[] = [];
  for (const id of realScenarios()) {
    it(id, () => {
      const [exchange] = exchangesOf(id);
      const r = reproduce(exchange)!;
      const scheme = r.run.config.transport === 'http-ntlm' ? 'NTLM' : 'Negotiate';
      const file = join(dir, `${id}.pcap`);
      writeFileSync(
        file,
        negotiatePcap(
          r.run.steps
            .filter((s) => s.token !== '')
            .map((s) => ({ from: s.from, token: fromBase64(s.token), scheme })),
        ),
      );
      const real = tsharkMessages(join(FIXTURES, 'real', id, 'capture.pcapng'));
      const simulated = tsharkMessages(file);
      const differ: string[] = [];
      for (let i = 0; i < Math.max(real.length, simulated.length); i++)
        for (const f of ['direction', ...TSHARK_FIELDS.slice(2)])
          if (real[i]?.[f] !== simulated[i]?.[f])
            differ.push(
              `#${i + 1} ${f} real ${real[i]?.[f] ?? 'absent'} sim ${simulated[i]?.[f] ?? 'absent'}`,
            );
      report.push(
        `${id} (${real.length} messages dissected): ${differ.length ? differ.join('; ') : 'tshark sees no difference'}`,
      );
      const sequence = (rows: Record<string, string>[]) =>
        rows.map((m) => TSHARK_SEQUENCE.map((f) => `${f}=${m[f]}`).join(' '));
      if (CANNOT_MODEL[id]) expect(sequence(simulated)).not.toEqual(sequence(real));
      else expect(sequence(simulated)).toEqual(sequence(real));
      if (TSHARK_BLIND[id]) expect(real, TSHARK_BLIND[id]).toEqual([]);
      else expect(real.length).toBeGreaterThan(0);
    });
  }
  it('prints what tshark still sees differ per exchange', () => {
    console.log(`reproduce, tshark's fields:\n${report.join('\n')}`);
    expect(report.length).toBe(realScenarios().length);
  });
});

/**
 * Round trip: a simulated exchange, analysed as a paste, reproduces its own message sequence —
 * including sides the fingerprint cannot tell and refusals without an error token, where the
 * search over implementations and silent refusals must find an explanation.
 */
describe('round trip: simulate → analyse → reproduce', () => {
  const cases: [string, ConfigPatch][] = [
    [
      'Heimdal refusing a ticket it cannot decrypt (no error token)',
      {
        profile: 'heimdal',
        initiator: { ntlmPassword: null },
        kerberos: { keytab: 'wrong-key' },
      },
    ],
    ['RFC 4178 profile, clock skew', { profile: 'rfc4178', faults: { clockSkewSeconds: 900 } }],
    ['Samba over HTTP, Kerberos', { profile: 'samba', kerberos: { etype: 17 } }],
    [
      'Windows client, old kvno',
      {
        profile: 'windows',
        initiator: { optimistic: false },
        kerberos: { keytab: 'old-kvno' },
      },
    ],
    [
      'MIT, NTLM only, server does not know the user',
      {
        initiator: { kerberosTicket: false },
        acceptor: { ntlmPassword: null },
      },
    ],
  ];
  for (const [name, patch] of cases)
    it(name, () => {
      const sim = simulate(patch);
      const tokens = sim.steps
        .filter((s) => s.token !== '')
        .map((s) => ({ bytes: fromBase64(s.token), from: s.from }));
      const exchange = analyseExchange(
        {
          source: 'paste',
          transport: 'paste',
          client: null,
          server: null,
          tokens,
          kdc: [],
          gaps: 0,
        },
        NO_SECRETS,
      );
      const r = reproduce(exchange)!;
      expect(sequenceDifferences(r.differences)).toEqual([]);
      // Samba's MS-KRB5 echo over HTTP has no other habit to tell it: found by the search, said so.
      if (patch.profile === 'samba')
        expect(r.evidence.some((e) => /rather than mit/.test(e.why))).toBe(true);
    });
});
