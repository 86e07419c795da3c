import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listScenarios, simulate, type ConfigPatch } from '.';
import { FIXTURES } from '../testing/fixtures';

/**
 * Every simulated token, pinned: a refactor of the codec or the state machines must produce the
 * same bytes for the same configuration and seed. The pinned file was written from the engine
 * before the "one model of the wire" rework; `PIN_TOKENS=write npx vitest run pinned` rewrites it
 * after a deliberate change of behaviour (say why in the commit).
 */
const PINNED = join(FIXTURES, '../pinned/simulated-tokens.json');

const VARIANTS: Record<string, ConfigPatch> = {
  default: {},
  windows: { profile: 'windows' },
  rfc4178: { profile: 'rfc4178' },
  smb: { transport: 'smb' },
  'windows-smb': { profile: 'windows', transport: 'smb' },
  'no-optimistic': { initiator: { optimistic: false } },
  'no-mutual-delegation': { initiator: { mutual: false, delegation: true } },
  'other-seed': { seed: 99 },
  'skew-301': { faults: { clockSkewSeconds: 301 } },
  'strip-kerberos': { faults: { stripMech: 'kerberos' } },
  'strip-ntlm': { faults: { stripMech: 'ntlm' } },
  'ntlm-only-acceptor': { acceptor: { mechs: ['ntlm'] } },
  'no-key': { acceptor: { kerberosKey: false } },
  // Added with the Kerberos encryption types and channel bindings (config.kerberos).
  aes128: { kerberos: { etype: 17 } },
  'aes256-sha384': { kerberos: { etype: 20 } },
  camellia128: { kerberos: { etype: 25 } },
  'rc4-hmac': { kerberos: { etype: 23 } },
  'tls-bindings': { kerberos: { channelBindings: 'tls-server-end-point' } },
  // Added with the per-side implementations and transports.
  heimdal: { profile: 'heimdal' },
  'samba-smb': { profile: 'samba', transport: 'smb' },
  'mit-to-heimdal': {
    initiator: { implementation: 'mit' },
    acceptor: { implementation: 'heimdal' },
  },
  'heimdal-to-mit': {
    initiator: { implementation: 'heimdal' },
    acceptor: { implementation: 'mit' },
  },
  'windows-negoex': { profile: 'windows', initiator: { negoex: true } },
  bare: { transport: 'bare' },
  'http-ntlm': { transport: 'http-ntlm' },
  // Added with the NTLM versions (config.ntlm).
  ntlmv1: { ntlm: { lmCompatibilityLevel: 2 } },
  'lm-compat-0': { ntlm: { lmCompatibilityLevel: 0 } },
  'ntlm-anonymous': { ntlm: { anonymous: true, acceptAnonymous: true } },
  'ntlm-bindings': {
    kerberos: { channelBindings: 'tls-server-end-point' },
    ntlm: { channelBindings: true },
  },
  // Added with the MIT KDC's PAC, the PAC tamper fault, MIT's error token only for mutual
  // authentication, and Windows taking Heimdal's accept-incomplete switch.
  'modified-pac': { faults: { modifiedPac: true } },
  'windows-modified-pac': { profile: 'windows', faults: { modifiedPac: true } },
  'no-mutual-skew': { initiator: { mutual: false }, faults: { clockSkewSeconds: 301 } },
  'windows-to-heimdal': {
    initiator: { implementation: 'windows' },
    acceptor: { implementation: 'heimdal' },
  },
  // Added with each implementation's NTLM wire habits (client AV lists across implementations).
  'samba-to-mit': {
    initiator: { implementation: 'samba' },
    acceptor: { implementation: 'mit' },
  },
  'mit-to-windows': {
    initiator: { implementation: 'mit' },
    acceptor: { implementation: 'windows' },
  },
};

function allTokens(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { id } of listScenarios()) {
    for (const [name, patch] of Object.entries(VARIANTS)) {
      out[`${id} / ${name}`] = simulate(id, patch).steps.map((s) => s.token);
    }
  }
  return out;
}

describe('simulated tokens are pinned', () => {
  it('every scenario under every variant gives the pinned bytes', () => {
    const tokens = allTokens();
    if (process.env.PIN_TOKENS === 'write') {
      writeFileSync(PINNED, JSON.stringify(tokens, null, 1) + '\n');
    }
    const pinned = JSON.parse(readFileSync(PINNED, 'utf8')) as Record<string, string[]>;
    expect(Object.keys(tokens)).toEqual(Object.keys(pinned));
    for (const key of Object.keys(pinned)) expect(tokens[key], key).toEqual(pinned[key]);
  });
});
