import { readDer } from '../../../codec/asn1/read';
import { EncTicketPart, type PrincipalName, type Ticket } from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { KEY_USAGE } from '../../../data/kerberos';
import type { SimConfig } from '../../config';
import { acceptorRule as rule, type Defective, type Progress, type Refusal } from './checks';
import { ETYPE, ETYPE_NAME, SERVICE_KVNO, serviceKey } from './keys';
import type { KrbErrorName } from './messages';
import { display, sameComponents, serviceName } from './principals';
import { keyPreview } from './state';
import { MAX_SKEW_SECONDS, secondsOf, serverSeconds } from './time';

export interface TicketContents {
  sessionKey: Uint8Array;
  cname: PrincipalName;
  crealm: string;
}

/** A Windows server reports every decryption failure as KRB_AP_ERR_MODIFIED (MS-KILE §3.4.5). */
export function integrityError(config: SimConfig): KrbErrorName {
  return config.profile === 'windows' ? 'KRB_AP_ERR_MODIFIED' : 'KRB_AP_ERR_BAD_INTEGRITY';
}

/**
 * RFC 4120 §3.2.3, first half: the ticket must name this service, be sealed with a key the
 * keytab holds, decrypt with it (key usage 2), and be valid now.
 */
export function checkTicket(
  ticket: Ticket,
  config: SimConfig,
  p: Progress,
): TicketContents | Refusal | Defective {
  const { sname, realm } = ticket;
  const ours = serviceName(config);
  const spn = display(ours, config.realm);
  const spec = 'RFC 4120 §3.2.3';
  if (!config.acceptor.kerberosKey) {
    return { refuse: 'KRB_AP_ERR_NOKEY', why: `the keytab holds no key for ${spn}`, spec };
  }
  if (realm !== config.realm || !sameComponents(sname['name-string'], ours['name-string'])) {
    const why = `the ticket is for ${display(sname, realm)}, not ${spn}`;
    return { refuse: 'KRB_AP_ERR_NOT_US', why, spec };
  }
  if (sname['name-type'] !== ours['name-type']) {
    const text = `the ticket names the service with name-type ${sname['name-type']}; only the name's components are compared`;
    p.rules.push(
      rule(
        text,
        'RFC 4120 §6.2; MIT krb5 src/lib/krb5/krb/princ_comp.c, krb5_principal_compare_flags()',
      ),
    );
  }
  const { etype, kvno, cipher } = ticket['enc-part'];
  if (etype !== ETYPE) {
    const why = `the ticket is sealed with etype ${etype}; the keytab holds only ${ETYPE_NAME}`;
    return { refuse: 'KDC_ERR_ETYPE_NOSUPP', why, spec };
  }
  if (kvno !== SERVICE_KVNO) {
    const why = `the ticket was sealed with key version ${kvno}; the keytab has kvno ${SERVICE_KVNO}`;
    return { refuse: 'KRB_AP_ERR_BADKEYVER', why, spec };
  }
  const opened = decrypt(serviceKey(config), KEY_USAGE.ticket, cipher);
  if (!opened.ok) {
    const why = `the ticket does not decrypt with the service key (${opened.message})`;
    return { refuse: integrityError(config), why, spec };
  }
  const read = readDer(EncTicketPart, opened.plaintext);
  if (!read.ok) return { defective: `EncTicketPart does not decode: ${read.error.message}` };
  const part = read.value;
  const contents: TicketContents = {
    sessionKey: part.key.keyvalue,
    cname: part.cname,
    crealm: part.crealm,
  };
  const client = display(contents.cname, contents.crealm);
  const { endtime } = part;
  p.holdings = {
    ...p.holdings,
    'service key': `yes: ${spn}, kvno ${SERVICE_KVNO} (${ETYPE_NAME})`,
    client,
    'session key': keyPreview(contents.sessionKey),
  };
  p.rules.push(
    rule(
      `decrypts the ticket with its service key (kvno ${SERVICE_KVNO}, key usage 2): client ${client}, session key ${keyPreview(contents.sessionKey)}, valid until ${endtime}`,
      'RFC 4120 §3.2.3, §5.3',
    ),
  );
  const now = serverSeconds(config);
  const start = secondsOf(part.starttime ?? part.authtime);
  if (now < start - MAX_SKEW_SECONDS) {
    return { refuse: 'KRB_AP_ERR_TKT_NYV', why: 'the ticket is not valid yet', spec };
  }
  if (now > secondsOf(endtime) + MAX_SKEW_SECONDS) {
    return { refuse: 'KRB_AP_ERR_TKT_EXPIRED', why: 'the ticket has expired', spec };
  }
  return contents;
}
