/** Words the analysed exchange's panels share: mechanism names, outcome titles, where a step sits. */
import type { AnalysedOutcome, AnalysedStep } from '../../analysis/types';
import type { KdcMessage } from '../../codec/capture';
import { walk, type Issue, type Node } from '../../codec/tree';
import { ERROR_CODES } from '../../data/kerberos';

const MECHS: Readonly<Record<string, string>> = {
  kerberos: 'Kerberos',
  ntlm: 'NTLM',
  negoex: 'NEGOEX',
};

/** `kerberos` → `Kerberos`; a name the table lacks is shown as given. */
export function mechName(mech: string | null): string | null {
  return mech === null ? null : (MECHS[mech] ?? mech);
}

export const SIDE_NAMES = { initiator: 'Client', acceptor: 'Server' } as const;
export const DIRECTIONS = { initiator: 'Client → Server', acceptor: 'Server → Client' } as const;

/** The verdict's headline: the result, with the mechanism where one was chosen. */
export function outcomeTitle({ result, mech }: Pick<AnalysedOutcome, 'result' | 'mech'>): string {
  const name = mechName(mech);
  switch (result) {
    case 'established':
      return `Context established${name ? ` with ${name}` : ''}`;
    case 'rejected':
      return 'Negotiation rejected';
    case 'failed':
      return name ? `${name} authentication failed` : 'Authentication failed';
    case 'incomplete':
      return `Exchange incomplete${name ? ` (${name})` : ''}`;
  }
}

/**
 * Where decoding a step's token stopped, for the hex pane. Decrypted parts are skipped: their
 * nodes sit at the ciphertext's bytes, and their own errors are shown with the secret's result.
 */
export function treeIssues(root: Node): Issue[] {
  const issues: Issue[] = [];
  walk(root, (node) => {
    if (node.error && !node.decrypted && !node.children?.some((c) => c.error && !c.decrypted))
      issues.push({ offset: node.offset, message: node.error });
  });
  return issues;
}

/** What the input said about a step beyond the token: carrier, status, frame and time. */
export function stepFacts(step: AnalysedStep): string[] {
  const facts: string[] = [];
  if (step.carrier) facts.push(step.carrier);
  if (step.frame !== undefined) facts.push(`frame ${step.frame}`);
  if (step.time !== undefined && Number.isFinite(step.time))
    facts.push(new Date(step.time * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC'));
  return facts;
}

/** One line per KDC message the capture holds before the exchange (why a ticket was, or was not, had). */
export function kdcLine(m: KdcMessage): string {
  const parts = [`frame ${m.frame}`, m.name];
  if (m.errorCode !== undefined)
    parts.push(`${ERROR_CODES[m.errorCode] ?? 'error'} (${m.errorCode})`);
  if (m.cname) parts.push(`client ${m.cname}`);
  if (m.sname) parts.push(`service ${m.sname}${m.realm ? `@${m.realm}` : ''}`);
  else if (m.realm) parts.push(`realm ${m.realm}`);
  parts.push(m.from === 'client' ? 'client → KDC' : 'KDC → client');
  return parts.join(' · ');
}
