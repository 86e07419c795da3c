import { oidName } from '../../data/oids';
import { mechFamily, mechTitle } from '../../protocol/observe';
import type { Check } from '../types';
import type { CheckContext } from './index';

const MIT = 'MIT krb5 src/lib/gssapi/spnego/spnego_mech.c';

/** negState, supportedMech, optimistic token and mechListMIC rules (RFC 4178 §4.2.2, §3.2, §5). */
export function spnegoChecks(ctx: CheckContext): Check[] {
  const { obs, from, before, after, facts } = ctx;
  const checks: Check[] = [];
  if (obs.kind !== 'NegTokenResp') return checks;
  const firstReply = facts.firstReply;
  const who = from === 'acceptor' ? 'acceptor' : 'client';

  // negState sequence (RFC 4178 §4.2.2).
  let negOk = true;
  let negText: string;
  const ns = obs.negState;
  if (firstReply) {
    negOk = ns !== null;
    negText =
      ns === null
        ? 'negState is missing from the acceptor’s first reply, where it is required'
        : `negState ${ns} in the acceptor’s first reply: legal`;
  } else if (ns === 'request-mic') {
    negOk = false;
    negText = `request-mic from the ${who} outside the acceptor’s first reply: illegal`;
  } else if (from === 'initiator' && before.initiator === 'FAILED' && ns === 'reject') {
    negText = 'reject from the client after its context failed: legal';
  } else if (
    (from === 'acceptor' ? before.acceptor : before.initiator) === 'DONE' ||
    (from === 'acceptor' ? before.acceptor : before.initiator) === 'FAILED'
  ) {
    negOk = false;
    negText = `the ${who} sent another token after its side had ${(from === 'acceptor' ? before.acceptor : before.initiator) === 'DONE' ? 'completed' : 'failed'}`;
  } else if (ns === null) {
    negText =
      from === 'initiator'
        ? 'no negState in the client’s token: optional after the first reply (Samba’s client always omits it)'
        : 'no negState in a later acceptor token: optional, inferred from the mechanism';
  } else {
    negText = `negState ${ns} from the ${who} after the first reply: legal`;
  }
  checks.push({ id: 'negstate-sequence', ok: negOk, text: negText, spec: 'RFC 4178 §4.2.2' });

  // supportedMech only in the first reply, and one of the offered mechanisms.
  if (obs.supportedMech) {
    const name = oidName(obs.supportedMech) ?? obs.supportedMech;
    if (!firstReply || from !== 'acceptor')
      checks.push({
        id: 'supportedmech-first-reply',
        ok: false,
        text: `supportedMech ${name} in ${from === 'acceptor' ? 'a later acceptor token' : 'a client token'}: it belongs only in the acceptor’s first reply`,
        spec: 'RFC 4178 §4.2.2; MS-SPNG §3.3.5',
      });
    else {
      const offered =
        !before.mechTypes ||
        before.mechTypes.includes(obs.supportedMech) ||
        (mechFamily(obs.supportedMech) === 'kerberos' &&
          before.mechTypes.some((o) => mechFamily(o) === 'kerberos'));
      checks.push({
        id: 'supportedmech-first-reply',
        ok: offered,
        text: offered
          ? `supportedMech ${name} in the first reply${before.mechTypes ? ', one of the mechanisms the client offered' : ''}`
          : `supportedMech ${name} was never offered by the client`,
        spec: 'RFC 4178 §4.2.2, §5',
      });
    }
  } else if (firstReply && ns !== 'reject') {
    checks.push({
      id: 'supportedmech-first-reply',
      ok: true,
      text: 'no supportedMech in the first reply: the optimistic mechanism is implied (tolerated by MIT, sent by some Java servers)',
      spec: `RFC 4178 §4.2.2; ${MIT}, init_ctx_nego()`,
    });
  }

  // The optimistic token: used or discarded, and whether that was right (RFC 4178 §3.2).
  if (firstReply && facts.optimistic && facts.optimistic !== 'none') {
    const opt = mechTitle(before.optimisticMech);
    const sel = mechTitle(after.selected);
    checks.push({
      id: 'optimistic-token',
      ok: facts.optimistic !== 'wrongly-used',
      text:
        facts.optimistic === 'used'
          ? `the optimistic ${opt} token was used: right, ${opt} is the chosen mechanism and the client’s first choice`
          : facts.optimistic === 'discarded' && !after.selected
            ? `the optimistic ${opt} token went unused: the acceptor accepts none of the client’s mechanisms`
            : facts.optimistic === 'discarded'
              ? `the optimistic ${opt} token was discarded: right, the acceptor chose ${sel}, not the client’s first choice`
              : `the acceptor answered the optimistic ${opt} token although it chose ${sel}: the token should have been discarded unread`,
      spec: `RFC 4178 §3.2; ${MIT}, spnego_gss_accept_sec_context()`,
    });
  }

  // A reselection must say request-mic (RFC 4178 §5 c); MIT tolerates accept-incomplete for NTLM only.
  if (firstReply && facts.reselected && ns !== 'reject') {
    const ok = ns === 'request-mic';
    checks.push({
      id: 'request-mic-on-reselection',
      ok,
      text: ok
        ? `the acceptor switched to ${mechTitle(after.selected)} and demanded the MIC exchange with request-mic`
        : `the acceptor switched to ${mechTitle(after.selected)} with ${ns ?? 'no negState'} instead of request-mic${after.selected === 'ntlm' ? ' (MIT tolerates this for NTLM, as Windows Server 2003 did it)' : ': MIT’s initiator rejects this as a defective token'}`,
      spec: `RFC 4178 §5 c; ${MIT}, init_ctx_reselect()`,
    });
  }

  // mechListMIC required / present (RFC 4178 §5 and implementation rules).
  const micPresent = obs.mechListMIC !== null && !obs.micDuplicatesToken;
  if (facts.micDue) {
    const why = after.micRequiredWhy ?? before.micRequiredWhy;
    checks.push({
      id: 'mechlistmic-required',
      ok: micPresent,
      text: micPresent
        ? `the MIC exchange is required${why ? ` (${why.text})` : ''} and the ${who} sent its mechListMIC`
        : `the MIC exchange is required${why ? ` (${why.text})` : ''} but the ${who} sent no mechListMIC`,
      spec: why?.spec ?? 'RFC 4178 §5',
    });
  } else if (micPresent) {
    const unrequested =
      firstReply && ns === 'accept-completed' && !before.micRequired && !facts.reselected;
    checks.push({
      id: 'mechlistmic-required',
      ok: !unrequested,
      text: unrequested
        ? 'an unrequested mechListMIC on accept-completed: an acceptor that sends a MIC must use accept-incomplete, and Windows clients abort here'
        : `the ${who} sent a mechListMIC${before.micRequired || after.micRequired ? ', as the MIC exchange requires' : ' although it was optional: the peer must answer with its own'}`,
      spec: unrequested ? 'RFC 4178 §5 b; MS-SPNG App. A <8>' : 'RFC 4178 §5',
    });
  }
  if (obs.micDuplicatesToken)
    checks.push({
      id: 'mechlistmic-required',
      ok: false,
      text: 'the mechListMIC is a copy of the responseToken (Windows 2000’s bug): it is ignored, so no MIC was really sent',
      spec: 'RFC 4178 App. C; MS-SPNG §3.1.5.1',
    });

  // Mutual Kerberos needs the AP-REP before the acceptor completes (RFC 4121 §4.1).
  if (
    from === 'acceptor' &&
    ns === 'accept-completed' &&
    after.mech.mech === 'kerberos' &&
    after.mech.mutual === true &&
    after.mech.phase === 'AP-REQ'
  )
    checks.push({
      id: 'mutual-auth-reply',
      ok: false,
      text: 'the client asked for mutual authentication but the acceptor completed without an AP-REP',
      spec: `RFC 4121 §4.1; ${MIT}, init_ctx_cont()`,
    });
  return checks;
}
