import {
  AP_REP,
  AP_REQ,
  EncAPRepPart,
  encodeKrbContextMessage,
  encodeKrbContextToken,
  readKrbContextToken,
  type ApReq,
  type KrbContextMessage,
} from '../../../codec/kerberos';
import { CONTEXT_TOK_ID, GSS_FLAG, KEY_USAGE } from '../../../data/kerberos';
import { KERBEROS_OIDS, OID } from '../../../data/oids';
import { readDer } from '../../../codec/asn1/read';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { DCE_STYLE } from './gss-checksum';
import type { SimConfig } from '../../config';
import type { Holdings } from '../../types';
import type { MechState, MechStep } from '../mechanism';
import { checkAuthenticator, type AuthenticatorContents } from './check-authenticator';
import { checkTicket, type TicketContents } from './check-ticket';
import {
  acceptorRule as rule,
  isDefective,
  isRefusal,
  type Progress,
  type Refusal,
} from './checks';
import { acceptorSeq, acceptorSubkey, etypeName } from './keys';
import { apRep, errorText, HEIMDAL_ERROR_TOKENS, krbError, MUTUAL_REQUIRED } from './messages';
import { implementationOf, sideProfile } from '../../profiles';
import { dataOf, EMPTY_DATA, failedStep, keyPreview, makeState, type KrbData } from './state';

/** RFC 4120 §3.2.3, RFC 4121 §4.1: the acceptor's one step, AP-REQ in; AP-REP, nothing or KRB-ERROR out. */
export function accept(
  state: MechState<KrbData> | null,
  token: Uint8Array,
  config: SimConfig,
): MechStep<KrbData> {
  const p: Progress = {
    holdings: { 'service key': config.acceptor.kerberosKey ? 'yes' : 'no' },
    rules: [],
  };
  const failed = (error: string, token?: Uint8Array) =>
    failedStep('acceptor', { data: EMPTY_DATA, holdings: p.holdings }, error, p.rules, token);
  const defective = (reason: string) => {
    const text = `cannot read the token (${reason}): GSS_S_DEFECTIVE_TOKEN, nothing to answer`;
    p.rules.push(rule(text, 'RFC 4121 §4.1'));
    return failed(`defective token: ${reason}`);
  };
  if (state) {
    if (state.name === 'AP_REP_SENT' && dataOf(state).dceStyle) return acceptDceReply(state, token);
    p.rules.push(rule('a Kerberos acceptor takes exactly one token, the AP-REQ', 'RFC 4121 §4.1'));
    return failed('unexpected second token');
  }
  // A bare AP-REQ ([APPLICATION 14]) is DCE style (MIT krb5 accept_sec_context.c, kg_accept_krb5()).
  const bare = token[0] === AP_REQ_TAG;
  let thisMech: string = OID.krb5;
  let tokId: string = CONTEXT_TOK_ID['AP-REQ'];
  let message: KrbContextMessage | undefined;
  if (bare) {
    const read = readDer(AP_REQ, token);
    if (!read.ok) return defective(read.error.message);
    message = { kind: 'AP-REQ', value: read.value };
  } else {
    const read = readKrbContextToken(token);
    if (!read.ok) return defective(read.error.message);
    ({ thisMech, tokId } = read.value);
    message = read.value.message;
    if (!KERBEROS_OIDS.includes(thisMech)) return defective(`framed for ${thisMech}, not Kerberos`);
  }
  // Replies are framed with the OID the AP-REQ used (MIT `kg_accept_krb5`: `mech_used`); a DCE
  // AP-REP goes bare, an error token is always framed.
  const reply = (answer: KrbContextMessage) =>
    bare && answer.kind === 'AP-REP'
      ? encodeKrbContextMessage(answer)
      : encodeKrbContextToken(answer, thisMech);
  // MIT answers a KRB-ERROR only to a client that expects an answer: an AP-REQ it could decode
  // with mutual-required in ap-options, or GSS_C_MUTUAL_FLAG once the checksum was read
  // (MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5(), its fail: path).
  const expectsAnswer = (gssFlags: number) =>
    message?.kind === 'AP-REQ' &&
    ((message.value['ap-options'] & MUTUAL_REQUIRED) !== 0 || (gssFlags & GSS_FLAG.mutual) !== 0);
  const refuse = ({ refuse: name, why, spec, difference }: Refusal, gssFlags = 0) => {
    if (sideProfile(config, 'acceptor').krbErrorOnlyIfMutual && !expectsAnswer(gssFlags)) {
      const silent =
        message?.kind === 'AP-REQ'
          ? 'the client asked for no mutual authentication and expects no answer'
          : 'there is no AP-REQ whose client could be answered';
      p.rules.push(
        rule(
          `${why}: ${errorText(name)}; ${silent}, so no KRB-ERROR token is sent: the context simply fails`,
          `${spec}; MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5()`,
          'krb-error-only-if-mutual',
        ),
      );
      return failed(errorText(name));
    }
    if (implementationOf(config, 'acceptor') === 'heimdal' && !HEIMDAL_ERROR_TOKENS.has(name)) {
      p.rules.push(
        rule(
          `${why}: ${errorText(name)}; Heimdal answers no error token for it (only for clock skew and a ticket not yet valid), the context simply fails`,
          `${spec}; Heimdal lib/gssapi/krb5/accept_sec_context.c, gsskrb5_acceptor_start()`,
        ),
      );
      return failed(errorText(name));
    }
    p.rules.push(
      rule(
        `${why}: answers KRB-ERROR ${errorText(name)}, framed with TOK_ID 03 00`,
        spec,
        difference,
      ),
    );
    return failed(errorText(name), reply({ kind: 'KRB-ERROR', value: krbError(config, name) }));
  };
  if (tokId !== CONTEXT_TOK_ID['AP-REQ'] || !message) {
    return refuse({
      refuse: 'KRB_AP_ERR_MSG_TYPE',
      why: `TOK_ID ${tokId} is not an AP-REQ`,
      spec: 'RFC 4121 §4.1',
    });
  }
  if (message.value.pvno !== 5) {
    return refuse({
      refuse: 'KRB_AP_ERR_BADVERSION',
      why: 'pvno is not 5',
      spec: 'RFC 4120 §5.5.1',
    });
  }
  if (message.kind !== 'AP-REQ' || message.value['msg-type'] !== 14) {
    return refuse({
      refuse: 'KRB_AP_ERR_MSG_TYPE',
      why: 'msg-type is not 14',
      spec: 'RFC 4120 §5.5.1',
    });
  }
  const apReq = message.value;
  const ticket = checkTicket(apReq.ticket, config, p);
  if (isDefective(ticket)) return defective(ticket.defective);
  if (isRefusal(ticket)) return refuse(ticket);
  const auth = checkAuthenticator(apReq.authenticator, ticket, config, p);
  if (isDefective(auth)) return defective(auth.defective);
  if (isRefusal(auth)) return refuse(auth);
  // Only DCE-style clients may send a bare AP-REQ, and they must: GSS_S_DEFECTIVE_TOKEN, which
  // carries no Kerberos code, so the error token says KRB_ERR_GENERIC (MIT kg_accept_krb5()).
  if (bare !== ((auth.gssFlags & DCE_STYLE) !== 0)) {
    return refuse(
      {
        refuse: 'KRB_ERR_GENERIC',
        why: bare ? 'a bare AP-REQ without DCE_STYLE' : 'DCE_STYLE in a framed AP-REQ',
        spec: 'MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5()',
        difference: 'dce-style',
      },
      auth.gssFlags,
    );
  }
  return establish(apReq, ticket, auth, config, p, reply);
}

/** The checks passed: answer an AP-REP if mutual authentication was asked (RFC 4120 §3.2.4). */
function establish(
  apReq: ApReq,
  ticket: TicketContents,
  auth: AuthenticatorContents,
  config: SimConfig,
  p: Progress,
  reply: (answer: KrbContextMessage) => Uint8Array,
): MechStep<KrbData> {
  const initiatorKey = auth.subkey ?? ticket.sessionKey;
  const base: KrbData = {
    ...EMPTY_DATA,
    sessionKey: ticket.sessionKey.key,
    initiatorSubkey: auth.subkey?.key ?? null,
    recvSeq: auth.seq,
    ctime: auth.ctime,
    cusec: auth.cusec,
    established: true,
    sessionEtype: ticket.sessionKey.etype,
    initiatorSubkeyEtype: initiatorKey.etype,
    acceptorSubkeyEtype: initiatorKey.etype,
  };
  const dce = (auth.gssFlags & DCE_STYLE) !== 0;
  // Either mutual-required in ap-options or MUTUAL in the GSS flags asks for an AP-REP; DCE style
  // implies it (MIT `kg_accept_krb5`).
  const mutual =
    dce || (apReq['ap-options'] & MUTUAL_REQUIRED) !== 0 || (auth.gssFlags & GSS_FLAG.mutual) !== 0;
  if (!mutual) {
    p.rules.push(
      rule(
        "no mutual authentication asked: nothing to send back, the context is established, and the server numbers its own tokens from the client's sequence number",
        'RFC 4121 §4.1; MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5()',
        'krb-error-only-if-mutual',
      ),
    );
    const holdings: Holdings = { ...p.holdings, 'send seq': auth.seq };
    const state = makeState('acceptor', 'ESTABLISHED', { ...base, sendSeq: auth.seq }, holdings);
    return { state, status: 'complete', rules: p.rules };
  }
  // The RFC 4537 choice if the client offered one, else the client's subkey's own etype.
  const subkey = acceptorSubkey(config, auth.negotiatedEtype ?? initiatorKey.etype);
  const seq = acceptorSeq(config);
  const message = apRep(config, ticket.sessionKey, {
    ctime: auth.ctime,
    cusec: auth.cusec,
    subkey,
    seq,
  });
  p.rules.push(
    rule(
      `mutual authentication asked: answers an AP-REP whose EncAPRepPart echoes ctime and cusec and carries the server's own subkey (${keyPreview(subkey.key)}, ${etypeName(subkey.etype)}) and sequence number ${seq}, sealed in the session key with key usage 12, framed with TOK_ID 02 00`,
      'RFC 4120 §3.2.4, §5.5.2; RFC 4121 §4.1',
    ),
  );
  const data: KrbData = {
    ...base,
    mutual: true,
    acceptorSubkey: subkey.key,
    acceptorSubkeyEtype: subkey.etype,
    sendSeq: seq,
    dceStyle: dce,
    established: !dce,
  };
  const holdings: Holdings = {
    ...p.holdings,
    'acceptor subkey': keyPreview(subkey.key),
    'send seq': seq,
  };
  if (dce) {
    p.rules.push(
      rule(
        "DCE style: the AP-REP goes bare, and the context waits for the client's own AP-REP (the third leg)",
        'MS-KILE §3.4.5.1; MIT krb5 src/lib/gssapi/krb5/accept_sec_context.c, kg_accept_krb5()',
        'dce-style',
      ),
    );
    return {
      state: makeState('acceptor', 'AP_REP_SENT', data, holdings),
      status: 'continue',
      token: reply({ kind: 'AP-REP', value: message }),
      rules: p.rules,
    };
  }
  return {
    state: makeState('acceptor', 'ESTABLISHED', data, holdings),
    status: 'complete',
    token: reply({ kind: 'AP-REP', value: message }),
    rules: p.rules,
  };
}

/** The first byte of a bare AP-REQ: [APPLICATION 14] (RFC 4120 §5.5.1). */
const AP_REQ_TAG = 0x6e;

/**
 * DCE style's third leg: the client's bare AP-REP must decrypt with the session key (usage 12),
 * echo the server's sequence number and carry no subkey (MIT krb5 src/lib/krb5/krb/rd_rep.c,
 * krb5_rd_rep_dce()). Nothing is answered; the context is established.
 */
function acceptDceReply(state: MechState<KrbData>, token: Uint8Array): MechStep<KrbData> {
  const data = dataOf(state);
  const spec = 'MS-KILE §3.4.5.1; MIT krb5 src/lib/krb5/krb/rd_rep.c, krb5_rd_rep_dce()';
  const fail = (why: string) =>
    failedStep('acceptor', { data, holdings: state.holdings }, errorText('KRB_AP_ERR_MUT_FAIL'), [
      rule(`the client's DCE AP-REP ${why}: KRB5_MUTUAL_FAILED`, spec),
    ]);
  const read = readDer(AP_REP, token);
  if (!read.ok) return fail(`does not decode (${read.error.message})`);
  const opened = decrypt(
    data.sessionKey ?? new Uint8Array(0),
    KEY_USAGE.apRepEncPart,
    read.value['enc-part'].cipher,
    data.sessionEtype,
  );
  if (!opened.ok) return fail(`does not decrypt with the session key (${opened.message})`);
  const part = readDer(EncAPRepPart, opened.plaintext);
  if (!part.ok) return fail(`holds no EncAPRepPart (${part.error.message})`);
  const seq = part.value['seq-number'];
  if (seq !== data.sendSeq) return fail(`echoes sequence number ${seq}, not ${data.sendSeq}`);
  if (part.value.subkey) return fail('carries a subkey, which only the server may send');
  const rules = [
    rule(
      `decrypts the client's bare AP-REP with the session key (key usage 12): it echoes the server's sequence number ${seq} and carries no subkey; the DCE-style context is established`,
      spec,
    ),
  ];
  return {
    state: makeState('acceptor', 'ESTABLISHED', { ...data, established: true }, state.holdings),
    status: 'complete',
    rules,
  };
}
