import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDer } from '../../../codec/asn1/read';
import {
  Authenticator,
  EncTicketPart,
  readKrbContextToken,
  type ApReq,
  type Authenticator as AuthenticatorValue,
} from '../../../codec/kerberos';
import { readKeytab } from '../../../codec/keytab';
import { readSpnegoToken } from '../../../codec/spnego/token';
import { decrypt } from '../../../crypto/kerberos';
import { FIXTURES, realTokens } from '../../../testing/fixtures';
import { DEFAULT_CONFIG, withPatch, type ConfigPatch } from '../../config';
import { runExchange } from '../../run';
import { initiate } from './initiator';
import { HEIMDAL_ETYPE_LIST, SAMBA_ETYPE_LIST } from './keys';
import { readEtypeNegotiation } from './messages';
import { serviceKey } from './keys';

/**
 * RFC 4537's AD-ETYPE-NEGOTIATION (129) in the Authenticator: which clients send it, and when,
 * against the real Authenticators of the lab, decrypted with its keytabs. MIT sends it only when
 * the session key is not its first permitted etype, listing its permitted etypes up to the
 * session key's (MIT krb5 src/lib/krb5/krb/mk_req_ext.c, make_etype_list()); Heimdal, and Samba
 * with its bundled Heimdal, always (Heimdal lib/krb5/build_auth.c, _krb5_build_authenticator()).
 */

const REAL = join(FIXTURES, 'real');
const keys = ['all-keys.keytab', 'samba-all-keys.keytab'].flatMap(
  (file) => readKeytab(readFileSync(join(REAL, 'secrets', file))).value.entries,
);

function apReqOf(token: Uint8Array): ApReq {
  const spnego = readSpnegoToken(token);
  const inner = spnego.ok && spnego.value.kind !== 'NegTokenResp' ? spnego.value.mechToken! : token;
  const read = readKrbContextToken(inner);
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('no AP-REQ');
  return read.value.message.value;
}

function authenticatorOf(apReq: ApReq, serviceKeys: Uint8Array[]): AuthenticatorValue {
  const sealed = apReq.ticket['enc-part'];
  for (const key of serviceKeys) {
    const plain = decrypt(key, 2, sealed.cipher, sealed.etype);
    if (!plain.ok) continue;
    const part = readDer(EncTicketPart, plain.plaintext);
    if (!part.ok) continue;
    const opened = decrypt(
      part.value.key.keyvalue,
      11,
      apReq.authenticator.cipher,
      apReq.authenticator.etype,
    );
    if (!opened.ok) throw new Error(opened.message);
    const auth = readDer(Authenticator, opened.plaintext);
    if (!auth.ok) throw new Error(auth.error.message);
    return auth.value;
  }
  throw new Error('no key opens the ticket');
}

/** The real Authenticator's RFC 4537 list (null: none sent). */
function realList(scenario: string): number[] | null {
  const token = realTokens(scenario).find((t) => /AP-REQ/.test(t.name))!.bytes;
  const apReq = apReqOf(token);
  const etype = apReq.ticket['enc-part'].etype;
  const auth = authenticatorOf(
    apReq,
    keys.filter((k) => k.enctype === etype).map((k) => k.key),
  );
  return readEtypeNegotiation(auth['authorization-data']);
}

/** The simulated Authenticator's RFC 4537 list (null: none sent). */
function simulatedList(patch: ConfigPatch): number[] | null {
  const config = withPatch(DEFAULT_CONFIG, patch);
  const token = initiate(config).token!;
  const auth = authenticatorOf(apReqOf(token), [serviceKey(config).key]);
  return readEtypeNegotiation(auth['authorization-data']);
}

describe('RFC 4537 etype list in the Authenticator, per client, as the real ones', () => {
  it.each([
    ['MIT, aes256 session key: none', 'spnego-krb5-01-std-flags', { profile: 'mit' }],
    ['MIT, rc4 session key: 18 … 23', 'raw-krb5-06-rc4-hmac', { kerberos: { etype: 23 } }],
    [
      'Heimdal 7.8, always, all its etypes',
      'heimdal-03-spnego-krb5-heimdal-to-heimdal',
      { profile: 'heimdal' },
    ],
    [
      'smbclient 4.17 (bundled Heimdal), always',
      'smb-02-kerberos-password',
      { profile: 'samba', transport: 'smb' },
    ],
  ] as [string, string, ConfigPatch][])('%s', (_, scenario, patch) => {
    expect(simulatedList(patch)).toEqual(realList(scenario));
  });

  it('the real lists are the ones the simulator writes', () => {
    expect(realList('raw-krb5-06-rc4-hmac')).toEqual([18, 17, 20, 19, 26, 25, 23]);
    expect(realList('heimdal-03-spnego-krb5-heimdal-to-heimdal')).toEqual(HEIMDAL_ETYPE_LIST);
    expect(realList('smb-02-kerberos-password')).toEqual(SAMBA_ETYPE_LIST);
    // An MIT client's AP-REQ to a Heimdal acceptor: aes256 session key, no list, as MIT decides.
    expect(realList('heimdal-13-raw-krb5-mit-to-heimdal')).toBeNull();
  });

  it("MIT stops its list at the session key's etype (make_etype_list)", () => {
    expect(simulatedList({ kerberos: { etype: 18, sessionEtype: 17 } })).toEqual([18, 17]);
    expect(simulatedList({ kerberos: { etype: 19 } })).toEqual([18, 17, 20, 19]);
    expect(simulatedList({ kerberos: { etype: 26 } })).toEqual([18, 17, 20, 19, 26]);
  });

  it('a Heimdal client sends its list with an aes256 session key too; the acceptor picks aes256', () => {
    const run = runExchange(
      withPatch(DEFAULT_CONFIG, { initiator: { implementation: 'heimdal' } }),
    );
    expect(run.outcome.result).toBe('established');
    const rules = run.steps.flatMap((s) => s.rules);
    const client = rules.find((r) => r.by === 'initiator' && /AD-ETYPE-NEGOTIATION/.test(r.text))!;
    expect(client.spec).toBe(
      'RFC 4537 §3; Heimdal lib/krb5/build_auth.c, _krb5_build_authenticator()',
    );
    const server = rules.find((r) => r.by === 'acceptor' && /AD-ETYPE-NEGOTIATION/.test(r.text))!;
    expect(server.text).toMatch(/will make its subkey aes256-cts-hmac-sha1-96/);
  });
});
