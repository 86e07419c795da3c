import { encodeKrbContextToken } from '../../../codec/kerberos';
import type { SimConfig } from '../../config';
import type { Holdings, Rule } from '../../types';
import type { MechStep } from '../mechanism';
import { contextFlags, flagText, gssChecksum } from './gss-checksum';
import {
  cusec as clientCusec,
  ETYPE_NAME,
  initiatorSeq,
  initiatorSubkey,
  SERVICE_KVNO,
  sessionKey,
} from './keys';
import { apReq } from './messages';
import { display, serviceName } from './principals';
import { EMPTY_DATA, failedStep, keyPreview, makeState, type KrbData } from './state';
import { delegationCred, serviceTicket } from './tickets';
import { clientSeconds, kerberosTime } from './time';

const rule = (text: string, spec?: string): Rule => ({ by: 'initiator', text, spec });

function spn(config: SimConfig): string {
  return display(serviceName(config), config.realm);
}

/** RFC 4121 §4.1: the first (and, without mutual authentication, only) initiator token. */
export function initiate(config: SimConfig): MechStep<KrbData> {
  const holdings: Holdings = { ticket: null, mutual: config.initiator.mutual ? 'yes' : 'no' };
  if (!config.initiator.kerberosTicket) {
    return failedStep(
      'initiator',
      { data: EMPTY_DATA, holdings },
      `no Kerberos ticket for ${spn(config)}`,
      [rule(`holds no ticket for ${spn(config)} and cannot build an AP-REQ`, 'RFC 4120 §3.2.1')],
    );
  }
  const session = sessionKey(config);
  const subkey = initiatorSubkey(config);
  const seq = initiatorSeq(config);
  const ctime = kerberosTime(clientSeconds(config));
  const cusec = clientCusec(config);
  const flags = contextFlags(config);
  const cred = config.initiator.delegation ? delegationCred(config) : undefined;
  const ticket = serviceTicket(config);
  const message = apReq(config, ticket, session, {
    ctime,
    cusec,
    checksum: gssChecksum(flags, cred),
    subkey,
    seq,
  });
  const token = encodeKrbContextToken({ kind: 'AP-REQ', value: message });
  const mutual = config.initiator.mutual;
  const skew = config.faults.clockSkewSeconds;

  const rules: Rule[] = [
    rule(
      `uses its service ticket for ${spn(config)} (${ETYPE_NAME}, kvno ${SERVICE_KVNO}), which the KDC sealed in the service key; the client cannot read it, it only knows the session key that came with it`,
      'RFC 4120 §3.3, §5.3',
    ),
    rule(
      `builds an Authenticator: its name, the time ${ctime} (cusec ${cusec})${skew ? `, read from a clock that is ${skew} s off` : ''}, a fresh subkey and sequence number ${seq}, sealed in the session key with key usage 11`,
      'RFC 4120 §5.5.1; RFC 4121 §4.1.1',
    ),
    rule(
      `puts the GSS checksum (type 0x8003) in the Authenticator: no channel bindings (Bnd all zero) and flags ${flagText(flags)}${config.profile === 'mit' ? '; MIT always adds TRANS' : ''}`,
      config.profile === 'mit'
        ? 'RFC 4121 §4.1.1; MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, kg_new_connection()'
        : 'RFC 4121 §4.1.1',
    ),
  ];
  if (cred) {
    rules.push(
      rule(
        `delegates: a KRB-CRED with a forwarded TGT (krbtgt/${config.realm}) rides in the checksum's Deleg field, its enc-part sealed in the session key with key usage 14`,
        'RFC 4121 §4.1.1; RFC 4120 §5.8',
      ),
    );
  }
  rules.push(
    rule(
      mutual
        ? 'sets mutual-required in ap-options and waits for the AP-REP that proves the server holds the service key'
        : 'does not ask for mutual authentication: ap-options is empty and the context is complete on the client side as soon as the AP-REQ is sent',
      mutual ? 'RFC 4120 §5.5.1; RFC 4121 §4.1' : 'RFC 4121 §4.1',
    ),
    rule(
      'frames the AP-REQ as a GSS token: 60 … 06 09 <krb5 OID> TOK_ID 01 00 <AP-REQ>',
      'RFC 4121 §4.1',
    ),
  );

  const data: KrbData = {
    ...EMPTY_DATA,
    sessionKey: session,
    initiatorSubkey: subkey,
    sendSeq: seq,
    // Without an AP-REP the acceptor starts from the client's sequence number (krb5 accept_sec_context.c).
    recvSeq: seq,
    ctime,
    cusec,
    mutual,
    established: !mutual,
  };
  const held: Holdings = {
    ...holdings,
    ticket: `${spn(config)} (${ETYPE_NAME}, kvno ${SERVICE_KVNO})`,
    'session key': keyPreview(session),
    subkey: keyPreview(subkey),
    'send seq': seq,
    ...(cred ? { delegation: `forwarded TGT for ${config.initiator.user}@${config.realm}` } : {}),
  };
  const state = makeState('initiator', mutual ? 'AP_REQ_SENT' : 'ESTABLISHED', data, held);
  return { state, status: mutual ? 'continue' : 'complete', token, rules };
}
