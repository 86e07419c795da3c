import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeKeytab } from '../../codec/keytab/keytab';
import { negotiatePcap } from '../../testing/pcap';
import { DEFAULT_CONFIG, KRB_ETYPES, withPatch, type KrbEtype } from '../config';
import { runExchange } from '../run';
import { serviceKey } from './kerberos/keys';
import { hasTshark } from '../../testing/tshark';

/**
 * Wireshark decrypts what the simulator seals: for every encryption type, the simulated exchange
 * goes into an HTTP Negotiate capture, the simulated service key into an MIT keytab written here,
 * and tshark (kerberos.decrypt with that keytab) must report the ticket (key usage 2), the
 * Authenticator (11) and the AP-REP (12) decrypted, and learn both subkeys.
 */

function tsharkText(
  etype: KrbEtype,
  sessionEtype: KrbEtype | null = null,
  dceStyle = false,
): string {
  const config = withPatch(DEFAULT_CONFIG, { kerberos: { etype, sessionEtype, dceStyle } });
  const run = runExchange(config);
  expect(run.outcome.result).toBe('established');
  const key = serviceKey(config);
  const dir = mkdtempSync(join(tmpdir(), 'spnego-krb-tshark-'));
  const keytab = join(dir, 'service.keytab');
  writeFileSync(
    keytab,
    encodeKeytab({
      version: 2,
      entries: [
        {
          principal: {
            realm: config.realm,
            components: [config.acceptor.service, config.acceptor.host],
            nameType: 3,
          },
          timestamp: 0,
          kvno: config.kerberos.kvno,
          enctype: key.etype,
          key: key.key,
        },
      ],
    }),
  );
  const pcap = join(dir, 'run.pcap');
  writeFileSync(pcap, negotiatePcap(run.steps.map((s) => ({ from: s.from, token: s.token }))));
  return execFileSync(
    'tshark',
    ['-r', pcap, '-o', 'kerberos.decrypt:TRUE', '-o', `kerberos.file:${keytab}`, '-V'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

describe.runIf(hasTshark() || !!process.env.CI)('tshark decrypts simulated Kerberos', () => {
  it.each(KRB_ETYPES)(
    'etype %i: ticket, Authenticator and AP-REP with the written keytab',
    (etype) => {
      const text = tsharkText(etype);
      expect(text).toMatch(new RegExp(`Decrypted keytype ${etype} usage 2 using keytab principal`));
      expect(text).toMatch(new RegExp(`Decrypted keytype ${etype} usage 11 using learnt`));
      expect(text).toMatch(new RegExp(`Decrypted keytype ${etype} usage 12 using learnt`));
      expect(text).toMatch(/Learnt authenticator_subkey keytype/);
      expect(text).toMatch(/Learnt encAPRepPart_subkey keytype/);
      expect(text).not.toMatch(/Malformed|Missing keytype/);
    },
  );

  it('a camellia256 ticket with an aes128 session key: usage 11 and 12 with the aes128 key', () => {
    const text = tsharkText(26, 17);
    expect(text).toMatch(/Decrypted keytype 26 usage 2 using keytab principal/);
    expect(text).toMatch(/Decrypted keytype 17 usage 11 using learnt/);
    expect(text).toMatch(/Learnt encAPRepPart_subkey keytype 18/);
  });

  it('DCE style: the bare AP-REQ and both bare AP-REPs decrypt (usage 12 twice)', () => {
    const text = tsharkText(18, null, true);
    expect(text).toMatch(/Decrypted keytype 18 usage 2 using keytab principal/);
    // Each decryption is printed once as a field and twice inside its expert info ([…]).
    const usage12 = text
      .split('\n')
      .filter((l) => !l.includes('[') && l.includes('Decrypted keytype 18 usage 12 using learnt'));
    expect(usage12).toHaveLength(2);
    expect(text).toMatch(/DCE-style: DCE-STYLE/);
    expect(text).not.toMatch(/Malformed/);
  });
});
