import { OIDS } from '../data/oids';
import type { Node } from './tree';

/**
 * A message label in two parts: the SPNEGO envelope (`NegTokenResp request-mic, supportedMech
 * NTLM`) and what rides inside (`NTLM AUTHENTICATE`, `mechListMIC`). Formatting only: it reads a
 * tree the decoder built.
 */
export interface MessageLabel {
  envelope: string;
  inner: string[];
}

const SPNEGO_MESSAGES = new Set(['NegTokenInit', 'NegTokenInit2', 'NegTokenResp']);
const KERBEROS_MESSAGES = new Set([
  'AP-REQ',
  'AP-REP',
  'KRB-ERROR',
  'KRB-CRED',
  'AS-REQ',
  'AS-REP',
  'TGS-REQ',
  'TGS-REP',
  'KERB-TGT-REQUEST',
  'KERB-TGT-REPLY',
]);

export function mechShortName(oid: string): string {
  return OIDS[oid]?.short ?? oid;
}

/** Names one mechanism message: `Kerberos AP-REQ`, `NTLM CHALLENGE`, `Kerberos KRB-ERROR KRB_AP_ERR_SKEW`. */
export function mechMessageName(node: Node): string {
  if (node.name === 'InitialContextToken') {
    const inner = node.children?.find((c) => c.name !== 'thisMech' && c.name !== 'TOK_ID');
    if (inner) return mechMessageName(inner);
    const mech = node.children?.find((c) => c.name === 'thisMech');
    return mech ? `${mechShortName(String(mech.value))} token` : node.name;
  }
  if (KERBEROS_MESSAGES.has(node.name)) {
    const error = node.name === 'KRB-ERROR' && node.label ? ` ${node.label}` : '';
    return `Kerberos ${node.name}${error}`;
  }
  if (node.type === 'NTLMSSP') return `NTLM ${node.name.replace(/_MESSAGE$/, '')}`;
  if (node.name === 'NEGOEX') {
    const kinds = node.children?.map((c) => c.name.replace(/_MESSAGE$/, '')) ?? [];
    return kinds.length ? `NEGOEX ${kinds.join(', ')}` : 'NEGOEX';
  }
  if (node.name === 'NTLMSSP_MESSAGE_SIGNATURE') return 'NTLM signature';
  if (node.name === 'MIC token' || node.name === 'Wrap token') return `Kerberos ${node.name}`;
  return node.name;
}

function findSpnego(root: Node): Node | null {
  if (SPNEGO_MESSAGES.has(root.name)) return root;
  if (root.name === 'InitialContextToken')
    return root.children?.find((c) => SPNEGO_MESSAGES.has(c.name)) ?? null;
  return null;
}

function child(node: Node, name: string): Node | undefined {
  return node.children?.find((c) => c.name === name);
}

/** The envelope and inner parts of one token's label. */
export function messageLabelParts(root: Node): MessageLabel {
  const spnego = findSpnego(root);
  if (!spnego) return { envelope: mechMessageName(root), inner: [] };

  const words: string[] = [spnego.name];
  const mechTypes = child(spnego, 'mechTypes');
  if (mechTypes?.children)
    words[0] += ` [${mechTypes.children.map((m) => mechShortName(String(m.value))).join(', ')}]`;
  const details: string[] = [];
  const negState = child(spnego, 'negState');
  if (negState) details.push(negState.label ?? String(negState.value));
  const supported = child(spnego, 'supportedMech');
  if (supported) details.push(`supportedMech ${mechShortName(String(supported.value))}`);
  if (details.length) words.push(details.join(', '));
  if (child(spnego, 'negHints')) words.push('with hints');

  const inner: string[] = [];
  const token = child(spnego, 'mechToken') ?? child(spnego, 'responseToken');
  const carried = token?.children?.[0];
  if (carried) inner.push(mechMessageName(carried));
  else if (token) inner.push('empty token');
  if (child(spnego, 'mechListMIC')) inner.push('mechListMIC');
  return { envelope: words.join(' '), inner };
}

/** One line: `NegTokenInit [Kerberos, NTLM] + Kerberos AP-REQ`. */
export function messageLabel(root: Node): string {
  const { envelope, inner } = messageLabelParts(root);
  return [envelope, ...inner].join(' + ');
}
