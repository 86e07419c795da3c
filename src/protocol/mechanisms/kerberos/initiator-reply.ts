import { readDer } from '../../../codec/asn1/read';
import {
  AP_REP,
  encodeKrbContextMessage,
  EncAPRepPart,
  KERB_ERROR_DATA,
  readKrbContextToken,
  type ApRep,
  type KrbError,
} from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { CONTEXT_TOK_ID, KEY_USAGE, KERB_ERROR_DATA_TYPE } from '../../../data/kerberos';
import type { Holdings, Rule } from '../../types';
import type { MechState, MechStep } from '../mechanism';
import { apRep, errorText, nameOfCode } from './messages';
import { clientSeconds, kerberosTime } from './time';
import type { SimConfig } from '../../config';
import { etypeName } from './keys';
import { dataOf, failedStep, keyPreview, makeState, type KrbData } from './state';

const rule = (text: string, spec?: string): Rule => ({ by: 'initiator', text, spec });

/** RFC 4121 §4.1, RFC 4120 §3.2.5: the acceptor's AP-REP, or a KRB-ERROR. */
export function initiatorContinue(
  state: MechState<KrbData>,
  token: Uint8Array,
  config: SimConfig,
): MechStep<KrbData> {
  const data = dataOf(state);
  const previous = { data, holdings: state.holdings };
  const fail = (error: string, rules: Rule[]) => failedStep('initiator', previous, error, rules);
  if (state.name === 'AP_REQ_SENT' && data.dceStyle && token[0] === AP_REP_TAG) {
    // DCE style: the acceptor's AP-REP comes bare (MS-KILE §3.4.5.1).
    const bare = readDer(AP_REP, token);
    if (!bare.ok) {
      return fail(`defective token: ${bare.error.message}`, [
        rule(`the acceptor's bare AP-REP is malformed: ${bare.error.message}`, 'RFC 4120 §5.5.2'),
      ]);
    }
    const step = onApRep(bare.value, data, previous);
    return step.status === 'complete' ? dceReply(step, config) : step;
  }
  if (state.name !== 'AP_REQ_SENT') {
    return fail(`unexpected token in state ${state.name}`, [
      rule(
        `the context is ${state.name}; Kerberos expects nothing more from the acceptor`,
        'RFC 4121 §4.1',
      ),
    ]);
  }
  const read = readKrbContextToken(token);
  if (!read.ok) {
    const reason = read.error.message;
    return fail(`defective token: ${reason}`, [
      rule(`cannot read the acceptor's token: ${reason}`, 'RFC 4121 §4.1'),
    ]);
  }
  const { tokId, message } = read.value;
  const defective = (reason: string) =>
    fail(`defective token: ${reason}`, [
      rule(`the acceptor's token is malformed: ${reason}`, 'RFC 4120 §5.5.2'),
    ]);
  if (tokId === CONTEXT_TOK_ID['KRB-ERROR']) {
    if (message?.kind !== 'KRB-ERROR') return defective('TOK_ID 0300 without a KRB-ERROR');
    return onError(message.value, previous);
  }
  if (tokId !== CONTEXT_TOK_ID['AP-REP']) {
    return fail(`unexpected TOK_ID ${tokId}`, [
      rule(
        `expected an AP-REP (TOK_ID 02 00) or a KRB-ERROR (03 00), got ${tokId}`,
        'RFC 4121 §4.1',
      ),
    ]);
  }
  if (message?.kind !== 'AP-REP') return defective('TOK_ID 0200 without an AP-REP');
  return onApRep(message.value, data, previous);
}

/** e-data holding KERB-ERROR-DATA of type KERB_AP_ERR_TYPE_SKEW_RECOVERY (MS-KILE §2.2.1). */
function skewRecovery(message: KrbError): boolean {
  const eData = message['e-data'];
  const read = eData ? readDer(KERB_ERROR_DATA, eData) : null;
  return read?.ok === true && read.value['data-type'] === KERB_ERROR_DATA_TYPE.skewRecovery;
}

function onError(
  message: KrbError,
  previous: { data: KrbData; holdings: Holdings },
): MechStep<KrbData> {
  const code = message['error-code'];
  const name = nameOfCode(code);
  const error = name ? errorText(name) : `Kerberos error ${code}`;
  const rules = [
    rule(
      `the acceptor answered with a KRB-ERROR instead of an AP-REP: ${error}${skewRecovery(message) ? '; its e-data tells a Windows client to retry with the server time' : ''}; the context fails`,
      'RFC 4120 §5.9.1; RFC 4121 §4.1',
    ),
  ];
  if (name === 'KRB_AP_ERR_SKEW') {
    rules.push(
      rule(
        `the server's clock says ${message.stime}; the client's clock must be fixed (a Windows client can instead retry once with the server's time)`,
        'RFC 4120 §5.9.1; MS-KILE §3.2.5.8',
      ),
    );
  }
  return failedStep('initiator', previous, error, rules);
}

/** The first byte of a bare AP-REP: [APPLICATION 15] (RFC 4120 §5.5.2). */
const AP_REP_TAG = 0x6f;

/**
 * DCE style's third leg (MS-KILE §3.4.5.1): the client answers with its own bare AP-REP, its
 * EncAPRepPart holding its current time and the acceptor's sequence number and no subkey, sealed in
 * the session key with key usage 12 (MIT krb5 src/lib/krb5/krb/mk_rep.c, k5_mk_rep()).
 */
function dceReply(step: MechStep<KrbData>, config: SimConfig): MechStep<KrbData> {
  const data = dataOf(step.state);
  const now = kerberosTime(clientSeconds(config));
  // A moment after the Authenticator: MIT reads its clock again (krb5_us_timeofday).
  const usec = ((data.cusec ?? 0) + 2) % 1_000_000;
  const message = apRep(
    config,
    { etype: data.sessionEtype, key: data.sessionKey! },
    { ctime: now, cusec: usec, seq: data.recvSeq },
    'dce-ap-rep',
  );
  const rules = [
    ...step.rules,
    rule(
      `DCE style: answers with its own bare AP-REP (its time ${now}, cusec ${usec}, the server's sequence number ${data.recvSeq}, no subkey), sealed in the session key with key usage 12`,
      'MS-KILE §3.4.5.1; MIT krb5 src/lib/krb5/krb/mk_rep.c, k5_mk_rep()',
    ),
  ];
  return {
    ...step,
    token: encodeKrbContextMessage({ kind: 'AP-REP', value: message }),
    rules,
  };
}

function onApRep(
  message: ApRep,
  data: KrbData,
  previous: { data: KrbData; holdings: Holdings },
): MechStep<KrbData> {
  const fail = (error: string, rules: Rule[]) => failedStep('initiator', previous, error, rules);
  const cipher = message['enc-part'].cipher;
  const opened = data.sessionKey
    ? decrypt(data.sessionKey, KEY_USAGE.apRepEncPart, cipher, data.sessionEtype)
    : { ok: false as const, message: 'no session key' };
  if (!opened.ok) {
    return fail(errorText('KRB_AP_ERR_MUT_FAIL'), [
      rule(
        `the AP-REP does not decrypt with the session key (${opened.message}): the server did not prove it knows the service key`,
        'RFC 4120 §3.2.5, §5.5.2',
      ),
    ]);
  }
  const read = readDer(EncAPRepPart, opened.plaintext);
  if (!read.ok) {
    const reason = `EncAPRepPart does not decode: ${read.error.message}`;
    return fail(`defective token: ${reason}`, [
      rule(`the acceptor's token is malformed: ${reason}`, 'RFC 4120 §5.5.2'),
    ]);
  }
  const { ctime, cusec } = read.value;
  if (ctime !== data.ctime || cusec !== data.cusec) {
    return fail(errorText('KRB_AP_ERR_MUT_FAIL'), [
      rule(
        `the AP-REP echoes ${ctime}.${cusec}, not the Authenticator's ${data.ctime}.${data.cusec}: mutual authentication fails`,
        'RFC 4120 §3.2.5',
      ),
    ]);
  }
  const subkey = read.value.subkey?.keyvalue ?? null;
  const subkeyEtype = read.value.subkey?.keytype ?? data.initiatorSubkeyEtype;
  const recvSeq = read.value['seq-number'] ?? data.recvSeq;
  const next: KrbData = {
    ...data,
    acceptorSubkey: subkey,
    acceptorSubkeyEtype: subkeyEtype,
    recvSeq,
    established: true,
  };
  const rules = [
    rule(
      `decrypts the AP-REP with the session key (key usage 12); it echoes the Authenticator's ctime ${ctime} and cusec ${cusec}, which only a holder of the service key could read: the server is authenticated`,
      'RFC 4120 §3.2.5, §5.5.2',
    ),
    rule(
      subkey
        ? `takes the acceptor's subkey (${keyPreview(subkey)}${subkeyEtype !== data.initiatorSubkeyEtype ? `, ${etypeName(subkeyEtype)}: the server took up its RFC 4537 offer` : ''}) and sequence number ${recvSeq}: from now on every MIC from either side uses the acceptor subkey`
        : `the AP-REP carries no subkey: MICs keep using the client's subkey; the acceptor's sequence numbers start at ${recvSeq}`,
      'RFC 4121 §2, §4.2.6.1',
    ),
    rule('the Kerberos context is established on the client side', 'RFC 4121 §4.1'),
  ];
  const holdings: Holdings = {
    ...previous.holdings,
    'acceptor subkey': subkey ? keyPreview(subkey) : 'none',
    'recv seq': recvSeq,
    'server authenticated': true,
  };
  return {
    state: makeState('initiator', 'ESTABLISHED', next, holdings),
    status: 'complete',
    rules,
  };
}
