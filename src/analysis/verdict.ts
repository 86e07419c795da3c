import type { KdcMessage } from '../codec/capture';
import { ERROR_CODES } from '../data/kerberos';
import { kerberosErrorInfo } from '../data/kerberos-errors';
import { oidName } from '../data/oids';
import {
  isEstablished,
  mechFamily,
  mechTitle,
  type ObserverState,
  type TokenObservation,
} from '../protocol/observe';
import type { AnalysedOutcome, Finding } from './types';

/**
 * The outcome of an observed exchange: established, rejected (the acceptor refused: reject or a
 * KRB-ERROR), failed (the client gave up, or a side broke the rules) or incomplete (the tokens stop
 * before both sides finished), with the mechanism and one sentence of cause — for NTLM, why
 * Kerberos was not used.
 */
export function verdict(
  final: ObserverState,
  observations: readonly TokenObservation[],
  kdc: readonly KdcMessage[],
  lastStatus: { status?: number; statusText?: string; transport: string } | null,
): AnalysedOutcome {
  const mechName = final.selected ?? final.mech.mech;
  // A reject before any choice negotiated nothing, whatever the optimistic token was.
  const mech =
    final.failure === 'no common mechanism'
      ? null
      : mechName === 'kerberos' || mechName === 'ntlm' || mechName === 'negoex'
        ? mechName
        : null;
  if (observations.length === 0)
    return { result: 'incomplete', mech: null, reason: 'The input holds no token.' };
  if (observations.every((o) => o.kind === 'unknown'))
    return {
      result: 'incomplete',
      mech: null,
      reason: 'None of the tokens could be read as SPNEGO, Kerberos or NTLM.',
    };
  if (isEstablished(final))
    return { result: 'established', mech, reason: establishedReason(final, observations, kdc) };
  if (final.endedBy === 'acceptor' || (final.acceptor === 'FAILED' && final.endedBy === null))
    return { result: 'rejected', mech, reason: rejectedReason(final, observations) };
  if (final.endedBy === 'initiator' || final.initiator === 'FAILED')
    return {
      result: 'failed',
      mech,
      reason: `The client ended the exchange: ${final.failure ?? 'its context failed'}.`,
    };
  const status =
    lastStatus?.status !== undefined
      ? ` The last leg's status was ${lastStatus.status}${lastStatus.statusText ? ` ${lastStatus.statusText}` : ''}.`
      : '';
  return {
    result: 'incomplete',
    mech,
    reason: `The tokens stop before both sides finished: the client is in ${final.initiator} and the acceptor in ${final.acceptor}${mech ? ` (${mechTitle(mech)} ${final.mech.phase === 'START' ? 'not started' : `after ${final.mech.phase}`})` : ''}.${status}`,
  };
}

function apReq(observations: readonly TokenObservation[]) {
  for (const o of observations) {
    const inner = o.kind === 'mech' ? o.inner : 'inner' in o ? o.inner : null;
    if (inner?.mech === 'kerberos' && inner.message === 'AP-REQ') return inner;
  }
  return null;
}

function authenticate(observations: readonly TokenObservation[]) {
  for (const o of observations) {
    const inner = o.kind === 'mech' ? o.inner : 'inner' in o ? o.inner : null;
    if (inner?.mech === 'ntlm' && inner.message === 'AUTHENTICATE') return inner;
  }
  return null;
}

function establishedReason(
  final: ObserverState,
  observations: readonly TokenObservation[],
  kdc: readonly KdcMessage[],
): string {
  const mech = final.selected ?? final.mech.mech;
  if (mech === 'kerberos') {
    const req = apReq(observations);
    return `Kerberos authenticated the client to ${req ? `${req.sname}@${req.realm}` : 'the service'}${final.mech.mutual ? ', and the service proved itself with an AP-REP (mutual authentication)' : final.mech.mutual === false ? ', without mutual authentication' : ''}${final.mech.dce ? ' in DCE style' : ''}.`;
  }
  if (mech === 'ntlm') {
    const auth = authenticate(observations);
    const who = auth?.userName
      ? ` ${auth.domainName ? `${auth.domainName}\\` : ''}${auth.userName}`
      : '';
    return `NTLM authenticated${who}${auth ? ` with ${auth.variant}` : ''}; ${whyNotKerberos(final, kdc)}.`;
  }
  return `${mechTitle(mech)} completed on both sides.`;
}

/** Why NTLM and not Kerberos, from the mechanism lists, the first reply and the KDC's answers. */
export function whyNotKerberos(final: ObserverState, kdc: readonly KdcMessage[]): string {
  if (final.mode === 'bare')
    return 'Kerberos was never on offer: this is bare NTLM without SPNEGO (e.g. the HTTP `NTLM` scheme), so the client chose NTLM itself';
  const list = final.mechTypes;
  if (!list)
    return 'why not Kerberos cannot be told: the client’s NegTokenInit is not in the input';
  const krbIndex = list.findIndex((o) => mechFamily(o) === 'kerberos');
  const names = list.map((o) => oidName(o) ?? o).join(', ');
  if (krbIndex < 0) {
    // KDC_ERR_PREAUTH_REQUIRED (25) is the normal first round of an AS exchange (RFC 4120 §3.1.1),
    // not a cause; an error answering a TGS-REQ says most about the service ticket.
    const errors = kdc.filter(
      (m) =>
        m.from === 'kdc' && m.msgType === 30 && m.errorCode !== undefined && m.errorCode !== 25,
    );
    const requestOf = (e: KdcMessage) =>
      [...kdc].reverse().find((r) => r.frame < e.frame && (r.msgType === 10 || r.msgType === 12));
    const error = errors.find((e) => requestOf(e)?.msgType === 12) ?? errors[0];
    const rep = kdc.find((m) => m.msgType === 13);
    const offered = `the client offered no Kerberos (mechTypes [${names}])`;
    if (error) {
      const info = kerberosErrorInfo(error.errorCode!);
      const request = requestOf(error);
      const sname = request?.sname ?? error.sname;
      const answer = `the KDC answered ${request ? `the ${request.name}` : 'a request'}${sname ? ` for ${sname}` : ''} with ${ERROR_CODES[error.errorCode!] ?? error.errorCode} (${error.errorCode}) in frame ${error.frame}${info ? `: ${info.meaning}` : ''}`;
      return request?.msgType === 10
        ? `${offered}: it could not get a ticket-granting ticket — ${answer}`
        : `${offered}: it had no Kerberos ticket for the service, and the KDC said why — ${answer}`;
    }
    if (rep)
      return `${offered} although the KDC issued it a ticket (TGS-REP in frame ${rep.frame}): the client chose not to use Kerberos`;
    return `${offered}: it holds no Kerberos credentials or could not get a ticket for the service (no KDC answer in the input tells which)`;
  }
  if (krbIndex > 0)
    return `the client preferred NTLM: it listed [${names}] with NTLM before Kerberos, and the acceptor took its first choice`;
  if (final.optimisticToken && final.optimisticMech === 'kerberos')
    return 'the acceptor has no Kerberos key for the service: Kerberos came first with a ticket (an optimistic AP-REQ) but the acceptor picked NTLM with request-mic, which is what MIT does when its keytab lacks the key';
  return 'the acceptor preferred NTLM (or cannot accept Kerberos): Kerberos was offered first, without a token, and the acceptor picked NTLM';
}

function rejectedReason(final: ObserverState, observations: readonly TokenObservation[]): string {
  if (final.mech.errorCode !== null) {
    const code = final.mech.errorCode;
    const info = kerberosErrorInfo(code);
    return `Kerberos failed and the exchange was rejected: KRB-ERROR ${code} ${ERROR_CODES[code] ?? ''}${info ? ` — ${info.meaning}; check ${info.check}` : ''}.`;
  }
  if (final.failure === 'no common mechanism') {
    const offered = final.mechTypes?.map((o) => oidName(o) ?? o).join(', ');
    return `The acceptor rejected: no common mechanism${offered ? ` — the client offered [${offered}] and the acceptor accepts none of them` : ''}.`;
  }
  const auth = authenticate(observations);
  return `The acceptor rejected${auth?.userName ? ` ${auth.userName}` : ''}: ${final.failure ?? 'it refused the authentication'}.`;
}

/** The capture's KDC traffic as context findings (RFC 4120 §3.1, §3.3). */
export function kdcFindings(kdc: readonly KdcMessage[]): Finding[] {
  const out: Finding[] = [];
  for (const m of kdc) {
    if (m.msgType !== 30 || m.errorCode === undefined) continue;
    const request = [...kdc]
      .reverse()
      .find((r) => r.frame < m.frame && (r.msgType === 10 || r.msgType === 12));
    const info = kerberosErrorInfo(m.errorCode);
    const name = ERROR_CODES[m.errorCode] ?? `error ${m.errorCode}`;
    out.push({
      severity: m.errorCode === 25 ? 'info' : 'warning',
      text: `${request ? `${request.name}${request.sname ? ` for ${request.sname}` : ''}` : 'A KDC request'} answered ${name} (${m.errorCode}) in frame ${m.frame}${info ? `: ${info.meaning}` : ''}.`,
      spec: info?.spec ?? 'RFC 4120 §7.5.9',
    });
  }
  const granted = kdc.filter((m) => m.msgType === 13);
  for (const m of granted)
    out.push({
      severity: 'info',
      text: `TGS-REP in frame ${m.frame}: the KDC issued a ticket${m.sname ? ` for ${m.sname}` : ''}${m.cname ? ` to ${m.cname}` : ''}.`,
      spec: 'RFC 4120 §3.3.3',
    });
  return out;
}
