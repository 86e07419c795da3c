import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../bytes';
import { readSpnegoToken } from '../codec/spnego/token';
import { PROFILES } from './profiles';
import { simulate } from '.';

/**
 * A Windows client facing a first reply that switches mechanism with accept-incomplete instead of
 * request-mic, as a Heimdal acceptor (and, before MS-SPNG's RFC 4178 revision, Windows Server
 * 2003, which followed RFC 2478 and never sent a mechListMIC: MS-SPNG App. A <8>; MIT krb5
 * src/lib/gssapi/spnego/spnego_mech.c, init_ctx_reselect() tolerates that for Windows' sake).
 * Windows' own acceptor sent such replies, so its client takes them: the run goes on.
 */

const negStates = (tokens: Uint8Array[]) =>
  tokens.map((t) => {
    const read = readSpnegoToken(t);
    return read.ok && read.value.kind === 'NegTokenResp'
      ? read.value.negState
      : read.ok
        ? 'init'
        : '?';
  });

describe('a Windows initiator against a Heimdal acceptor switching with accept-incomplete', () => {
  it('the Windows profile tolerates the switch, and cites its sources', () => {
    expect(PROFILES.windows.switchWithoutRequestMic).toBe('always');
    expect(PROFILES.windows.sources.switchWithoutRequestMic).toMatch(/^MS-SPNG App\. A <8>/);
  });

  it('heimdal-acceptor with a Windows client: Kerberos runs, both mechListMICs follow', () => {
    const sim = simulate('heimdal-acceptor', { initiator: { implementation: 'windows' } });
    expect(sim.outcome.result).toBe('established');
    expect(sim.outcome.mech).toBe('kerberos');
    const tokens = sim.steps.map((s) => fromBase64(s.token));
    expect(negStates(tokens)).toEqual([
      'init',
      'accept-incomplete',
      'accept-incomplete',
      'accept-incomplete',
      'accept-completed',
    ]);
    const rules = sim.steps.flatMap((s) => s.rules);
    const tolerated = rules.find((r) => r.by === 'initiator' && /tolerates it/.test(r.text));
    expect(tolerated?.spec).toBe(PROFILES.windows.sources.switchWithoutRequestMic);
    const mics = tokens.map((t) => {
      const read = readSpnegoToken(t);
      return read.ok && 'mechListMIC' in read.value && read.value.mechListMIC !== undefined;
    });
    expect(mics).toEqual([false, false, false, true, true]);
  });

  it('an MIT client in the same place calls the reply defective (init_ctx_reselect: NTLM only)', () => {
    const sim = simulate('heimdal-acceptor');
    expect(sim.outcome.result).not.toBe('established');
  });
});
