import { describe, expect, it } from 'vitest';
import { encodeNegTokenInit, encodeNegTokenInit2, encodeNegTokenResp } from '../codec/spnego/token';
import { OID } from '../data/oids';
import { FIXED_HINT_NAME } from '../data/spnego';
import { realTokens } from '../testing/fixtures';
import { fingerprint, HEIMDAL, JAVA, MIT, SAMBA, WINDOWS } from './fingerprint';
import { observeExchange } from './observe';
import { readObservation } from './roles';
import type { Side } from './types';

function fp(tokens: [Side, Uint8Array][]) {
  return fingerprint(tokens.map(([from, bytes]) => ({ from, obs: readObservation(bytes) })));
}

describe('fingerprint', () => {
  it('a Windows client: MS-KRB5 first and NEGOEX offered; a Windows server: NegTokenInit2 with NEGOEX', () => {
    const f = fp([
      [
        'acceptor',
        encodeNegTokenInit2({
          mechTypes: [OID.negoex, OID.msKrb5, OID.krb5, OID.ntlmssp],
          negHints: { hintName: FIXED_HINT_NAME },
        }),
      ],
      [
        'initiator',
        encodeNegTokenInit({ mechTypes: [OID.msKrb5, OID.krb5, OID.negoex, OID.ntlmssp] }),
      ],
    ]);
    expect(f.initiator).toBe(WINDOWS);
    expect(f.acceptor).toBe(WINDOWS);
    expect(f.evidence.some((e) => e.side === 'initiator' && /NEGOEX/.test(e.text))).toBe(true);
  });

  it('reqFlags points to Java', () => {
    const f = fp([
      [
        'initiator',
        encodeNegTokenInit({ mechTypes: [OID.krb5], reqFlags: { bits: [1, 2, 3, 5, 6] } }),
      ],
    ]);
    expect(f.initiator).toBe(JAVA);
  });

  it('unknown when the evidence is thin', () => {
    const f = fp([
      ['initiator', encodeNegTokenInit({ mechTypes: [OID.krb5] })],
      ['acceptor', encodeNegTokenResp({ negState: 'reject' })],
    ]);
    expect(f.acceptor).toBe('unknown');
    expect(f.initiator).toMatch(/^unknown/);
    expect(f.evidence.length).toBeGreaterThan(0);
  });

  it('real exchanges: MIT + gss-ntlmssp, Heimdal, Samba and curl (over MIT)', () => {
    const of = (id: string) =>
      observeExchange({
        source: 'paste',
        transport: 'paste',
        client: null,
        server: null,
        kdc: [],
        gaps: 0,
        tokens: realTokens(id)
          .filter((t) => !t.perMessage)
          .map((t) => ({ bytes: t.bytes, from: null })),
      }).fingerprint;
    expect(of('spnego-ntlm-01-ntlmv2')).toMatchObject({ initiator: MIT, acceptor: MIT });
    expect(of('heimdal-03-spnego-krb5-heimdal-to-heimdal').initiator).toBe(HEIMDAL);
    expect(of('heimdal-09-acceptor-selects-second-mech-krb5')).toMatchObject({
      initiator: MIT,
      acceptor: HEIMDAL,
    });
    expect(of('smb-01-ntlm')).toMatchObject({ initiator: SAMBA, acceptor: SAMBA });
    expect(of('smb-02-kerberos-password')).toMatchObject({ initiator: SAMBA, acceptor: SAMBA });
    const curl = of('http-curl-03-ntlm-over-spnego');
    expect(curl).toMatchObject({ initiator: MIT, acceptor: MIT });
    expect(curl.evidence.some((e) => /curl/.test(e.text))).toBe(true);
    const samba = of('smb-01-ntlm');
    expect(
      samba.evidence.some((e) => e.side === 'acceptor' && new RegExp(FIXED_HINT_NAME).test(e.text)),
    ).toBe(true);
    expect(samba.evidence.some((e) => e.side === 'initiator' && /no negState/.test(e.text))).toBe(
      true,
    );
  });
});
