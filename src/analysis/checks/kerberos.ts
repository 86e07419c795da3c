import { ERROR_CODES } from '../../data/kerberos';
import { kerberosErrorInfo } from '../../data/kerberos-errors';
import type { Node } from '../../codec/tree';
import type { AnalysedStep, Check, SecretResult } from '../types';
import type { CheckContext } from './index';
import { innerOf } from './ntlm';
import { authenticatorTimeCheck, clockCheck } from './time';

/** A KRB-ERROR explained as a failed check: meaning, usual causes, what to check. */
export function kerberosErrorCheck(code: number, eText: string | null = null): Check {
  const info = kerberosErrorInfo(code);
  const name = ERROR_CODES[code] ?? `error ${code}`;
  return {
    id: 'kerberos-error',
    ok: false,
    text: info
      ? `KRB-ERROR ${code} ${name}: ${info.meaning}${eText ? ` ("${eText}")` : ''}. Usual causes: ${info.causes}. Check: ${info.check}.`
      : `KRB-ERROR ${code} ${name}${eText ? ` ("${eText}")` : ''}`,
    spec: info?.spec ?? 'RFC 4120 §7.5.9',
  };
}

/** Kerberos legs: errors explained, clocks from a KRB-ERROR (RFC 4120 §5.9.1). */
export function kerberosChecks(ctx: CheckContext): Check[] {
  const inner = innerOf(ctx.obs);
  if (!inner || inner.mech !== 'kerberos') return [];
  const checks: Check[] = [];
  if (inner.message === 'KRB-ERROR') {
    checks.push(kerberosErrorCheck(inner.errorCode, inner.eText));
    const stime = Date.parse(inner.stime);
    if (inner.ctime !== null && !Number.isNaN(stime) && !Number.isNaN(Date.parse(inner.ctime)))
      checks.push(
        clockCheck(
          'clock-skew',
          'Clocks in the KRB-ERROR',
          { label: 'the client’s ctime', seconds: Date.parse(inner.ctime) / 1000 },
          { label: 'the server’s stime', seconds: stime / 1000 },
          'RFC 4120 §5.9.1, §3.2.3',
        ),
      );
    else if (ctx.time !== undefined && !Number.isNaN(stime))
      checks.push(
        clockCheck(
          'clock-skew',
          'Server clock',
          { label: 'the server’s stime', seconds: stime / 1000 },
          { label: 'the capture time', seconds: ctx.time },
          'RFC 4120 §5.9.1',
        ),
      );
  }
  if (inner.message === 'AP-REQ' && inner.framed && inner.thisMech !== null) {
    const sent = ctx.after.optimisticOid;
    if (ctx.obs.kind === 'NegTokenInit' && sent && sent !== inner.thisMech)
      checks.push({
        id: 'kerberos-framing-oid',
        ok: true,
        text: `the AP-REQ is framed with ${inner.thisMech === '1.2.840.113554.1.2.2' ? 'the standard Kerberos OID' : inner.thisMech} while the list names another Kerberos OID first: normal, all Kerberos OIDs are one mechanism`,
        spec: 'MS-SPNG App. A <10>; RFC 4121 §4.1',
      });
  }
  return checks;
}

/** The first node named `name` in a tree, breadth first, visiting at most `limit` nodes. */
function findNode(root: Node, name: string, limit = 5000): Node | undefined {
  const queue: Node[] = [root];
  for (let i = 0; i < queue.length && i < limit; i++) {
    const node = queue[i];
    if (node.name === name) return node;
    if (node.children) queue.push(...node.children);
  }
  return undefined;
}

/**
 * Checks that need the decrypted Authenticator (RFC 4120 §5.5.1), for the integrator once the
 * secrets opened it: the client's ctime against the capture time of its AP-REQ (RFC 4120 §3.2.3),
 * and the GSS checksum's channel bindings, an MD5 of the bindings or zeros (RFC 4121 §4.1.1.2).
 */
export function authenticatorChecks(step: AnalysedStep, result: SecretResult): Check[] {
  if (result.what !== 'Authenticator' || !result.ok || !result.root) return [];
  const checks: Check[] = [];
  const ctime = findNode(result.root, 'ctime')?.value;
  if (typeof ctime === 'string' && step.time !== undefined) {
    const c = authenticatorTimeCheck(ctime, step.time);
    if (c) checks.push(c);
  }
  const bnd = findNode(result.root, 'Bnd')?.value;
  if (typeof bnd === 'string' && /^[0-9a-f]+$/i.test(bnd))
    checks.push({
      id: 'channel-bindings',
      ok: true,
      text: /^0+$/.test(bnd)
        ? 'the GSS checksum’s Bnd is all zeros: no channel binding (a service requiring it would refuse)'
        : `the GSS checksum’s Bnd is the MD5 of the channel bindings (${bnd.toLowerCase()}): the authentication is bound to the channel`,
      spec: 'RFC 4121 §4.1.1.2',
    });
  return checks;
}
