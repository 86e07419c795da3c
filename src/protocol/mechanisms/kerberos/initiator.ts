import {
  encodeKrbContextMessage,
  encodeKrbContextToken,
  type Ticket,
} from '../../../codec/kerberos';
import type { SimConfig } from '../../config';
import type { Holdings, Rule } from '../../types';
import type { MechStep } from '../mechanism';
import {
  channelBindingsHash,
  contextFlags,
  dceStyle,
  delegates,
  flagText,
  gssChecksum,
  initiatorBindings,
} from './gss-checksum';
import {
  cusec as clientCusec,
  etypeName,
  HEIMDAL_ETYPE_LIST,
  initiatorSeq,
  initiatorSubkey,
  PERMITTED_ETYPES,
  SAMBA_ETYPE_LIST,
  serviceEtype,
  serviceKvno,
  sessionEtype,
  sessionKey,
} from './keys';
import { apReq } from './messages';
import { display, serviceName } from './principals';
import { EMPTY_DATA, failedStep, keyPreview, makeState, type KrbData } from './state';
import { delegationCred, serviceTicket } from './tickets';
import { kdcIssuesPac, kdcPacKind, TAMPERED_NAME } from './pac';
import { clientSeconds, kerberosTime } from './time';
import { toHex } from '../../../bytes';
import { implementationOf, sideProfile } from '../../profiles';

const rule = (text: string, spec?: string, difference?: string): Rule => ({
  by: 'initiator',
  text,
  spec,
  ...(difference && { difference }),
});

function spn(config: SimConfig): string {
  return display(serviceName(config), config.realm);
}

/** The client holds a service ticket: it has a TGT and the KDC knows the service (RFC 4120 §3.3). */
export function hasTicket(config: SimConfig): boolean {
  return config.initiator.kerberosTicket && config.kerberos.kdcKnowsService;
}

/** Why the client has no ticket, for its rule. */
function noTicket(config: SimConfig): Rule {
  if (!config.kerberos.kdcKnowsService) {
    return rule(
      `asks the KDC for a ticket for ${spn(config)}; the KDC knows no such principal and answers KDC_ERR_S_PRINCIPAL_UNKNOWN (7): GSS init fails for Kerberos, so it is left out of the mechanism list`,
      'RFC 4120 §3.3.1, §7.5.9; MIT krb5 src/lib/gssapi/spnego/spnego_mech.c, init_ctx_call_init()',
    );
  }
  return rule(`holds no ticket for ${spn(config)} and cannot build an AP-REQ`, 'RFC 4120 §3.2.1');
}

/**
 * The RFC 4537 list the client adds to its Authenticator (AD-ETYPE-NEGOTIATION inside
 * AD-IF-RELEVANT), so that the acceptor may pick a stronger subkey, as the initiator's profile
 * says (`etypeNegotiation`): Heimdal's library with every GSS authenticator, all the etypes it
 * supports (Heimdal lib/krb5/build_auth.c, _krb5_build_authenticator()); MIT only when the
 * session key is not its first permitted etype, the permitted etypes up to and including the
 * session key's (MIT krb5 src/lib/krb5/krb/mk_req_ext.c, make_etype_list()).
 */
export function etypeList(config: SimConfig): number[] | undefined {
  const implementation = implementationOf(config, 'initiator');
  if (sideProfile(config, 'initiator').etypeNegotiation === 'always')
    return implementation === 'samba' ? SAMBA_ETYPE_LIST : HEIMDAL_ETYPE_LIST;
  const session = sessionEtype(config);
  if (session === PERMITTED_ETYPES[0]) return undefined;
  const at = PERMITTED_ETYPES.indexOf(session);
  return at < 0 ? PERMITTED_ETYPES : PERMITTED_ETYPES.slice(0, at + 1);
}

/** A byte of the ticket's cipher flipped on the way (faults.modifiedTicket). */
function modified(ticket: Ticket): Ticket {
  const cipher = ticket['enc-part'].cipher.slice();
  const at = Math.floor(cipher.length / 2);
  cipher[at] ^= 0x01;
  return { ...ticket, 'enc-part': { ...ticket['enc-part'], cipher } };
}

/** RFC 4121 §4.1: the first (and, without mutual authentication, only) initiator token. */
export function initiate(config: SimConfig): MechStep<KrbData> {
  const holdings: Holdings = { ticket: null, mutual: config.initiator.mutual ? 'yes' : 'no' };
  if (!hasTicket(config)) {
    return failedStep(
      'initiator',
      { data: EMPTY_DATA, holdings },
      `no Kerberos ticket for ${spn(config)}`,
      [noTicket(config)],
    );
  }
  const session = sessionKey(config);
  const subkey = initiatorSubkey(config);
  const seq = initiatorSeq(config);
  const ctime = kerberosTime(clientSeconds(config));
  const cusec = clientCusec(config);
  const flags = contextFlags(config);
  const cred = delegates(config) ? delegationCred(config) : undefined;
  const bindings = initiatorBindings(config);
  const bnd = bindings ? channelBindingsHash(bindings) : undefined;
  const sent = serviceTicket(config);
  const ticket = config.faults.modifiedTicket ? modified(sent) : sent;
  const list = etypeList(config);
  const message = apReq(config, ticket, session, {
    ctime,
    cusec,
    checksum: gssChecksum(flags, cred, bnd),
    subkey,
    seq,
    etypeList: list,
  });
  const dce = dceStyle(config);
  // DCE style sends the bare AP-REQ (MIT krb5 init_sec_context.c, kg_new_connection()).
  const token = dce
    ? encodeKrbContextMessage({ kind: 'AP-REQ', value: message })
    : encodeKrbContextToken({ kind: 'AP-REQ', value: message });
  const mutual = config.initiator.mutual || dce;
  const skew = config.faults.clockSkewSeconds;
  const ticketEtype = etypeName(serviceEtype(config));
  const kvno = serviceKvno(config);
  const sessionName = etypeName(session.etype);

  const rules: Rule[] = [
    rule(
      `uses its service ticket for ${spn(config)} (${ticketEtype}, kvno ${kvno}), which the KDC sealed in the service key; the client cannot read it, it only knows the session key (${sessionName}) that came with it`,
      'RFC 4120 §3.3, §5.3',
    ),
  ];
  if (config.faults.modifiedTicket) {
    rules.push(
      rule(
        "fault: a byte in the middle of the ticket's enc-part cipher is flipped on the way to the server",
        'RFC 4120 §3.2.3',
      ),
    );
  }
  if (config.faults.modifiedPac && kdcIssuesPac(config)) {
    const what =
      kdcPacKind(config) === 'ad'
        ? 'its logon information now puts the user in Domain Admins (RID 512)'
        : `its client information now names ${TAMPERED_NAME}`;
    rules.push(
      rule(
        `fault: the PAC inside this ticket was changed after the KDC signed it — ${what} — and the ticket sealed again in the service key; the PAC's signatures are still the KDC's originals`,
        'MS-PAC §2.8',
      ),
    );
  }
  rules.push(
    rule(
      `builds an Authenticator: its name, the time ${ctime} (cusec ${cusec})${skew ? `, read from a clock that is ${skew} s off` : ''}, a fresh subkey (${sessionName}) and sequence number ${seq}, sealed in the session key with key usage 11`,
      'RFC 4120 §5.5.1; RFC 4121 §4.1.1',
    ),
  );
  if (list) {
    const always = sideProfile(config, 'initiator').etypeNegotiation === 'always';
    rules.push(
      rule(
        always
          ? `adds AD-ETYPE-NEGOTIATION (129) in AD-IF-RELEVANT listing every etype its library supports (${list.join(', ')}), as it does in every GSS Authenticator, so that the server may pick its subkey's etype`
          : `the session key is ${sessionName}, not its first choice: adds AD-ETYPE-NEGOTIATION (129) in AD-IF-RELEVANT listing its permitted etypes up to the session key's (${list.join(', ')}), so that the server may pick a stronger subkey`,
        `RFC 4537 §3; ${
          always
            ? 'Heimdal lib/krb5/build_auth.c, _krb5_build_authenticator()'
            : 'MIT krb5 src/lib/krb5/krb/mk_req_ext.c, make_etype_list()'
        }`,
        'etype-negotiation',
      ),
    );
  }
  const mitClient = implementationOf(config, 'initiator') === 'mit';
  const bndText = bindings
    ? `channel bindings tls-server-end-point (Bnd = MD5 of the bindings structure, ${toHex(bnd!)})`
    : 'no channel bindings (Bnd all zero)';
  rules.push(
    rule(
      `puts the GSS checksum (type 0x8003) in the Authenticator: ${bndText} and flags ${flagText(flags)}${mitClient ? '; MIT always adds CONF, INTEG and TRANS' : ''}`,
      mitClient
        ? 'RFC 4121 §4.1.1; MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, kg_new_connection()'
        : bindings
          ? 'RFC 4121 §4.1.1, §4.1.1.2; RFC 5929 §4'
          : 'RFC 4121 §4.1.1',
      mitClient ? 'adds-trans-flag' : undefined,
    ),
  );
  if (cred) {
    rules.push(
      rule(
        `delegates: a KRB-CRED with a forwarded TGT (krbtgt/${config.realm}) rides in the checksum's Deleg field, its enc-part sealed in the session key with key usage 14`,
        'RFC 4121 §4.1.1; RFC 4120 §5.8',
      ),
    );
  } else if (config.initiator.delegation) {
    rules.push(
      rule(
        'was asked to delegate, but its TGT is not forwardable: the KDC would refuse to forward it, so the client silently drops DELEG from the flags and sends no KRB-CRED',
        'RFC 4120 §2.6; MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, make_gss_checksum()',
      ),
    );
  }
  rules.push(
    rule(
      mutual
        ? `sets mutual-required in ap-options and waits for the AP-REP that proves the server holds the service key${dce && !config.initiator.mutual ? ' (DCE style implies mutual authentication)' : ''}`
        : 'does not ask for mutual authentication: ap-options is empty and the context is complete on the client side as soon as the AP-REQ is sent',
      mutual ? 'RFC 4120 §5.5.1; RFC 4121 §4.1' : 'RFC 4121 §4.1',
    ),
    dce
      ? rule(
          'DCE style: sends the AP-REQ bare, without the GSS framing and TOK_ID, and will answer the AP-REP with an AP-REP of its own (three legs)',
          'RFC 4757 §7.1; MS-KILE §3.4.5.1; MIT krb5 src/lib/gssapi/krb5/init_sec_context.c, make_ap_req_v1()',
        )
      : rule(
          'frames the AP-REQ as a GSS token: 60 … 06 09 <krb5 OID> TOK_ID 01 00 <AP-REQ>',
          'RFC 4121 §4.1',
        ),
  );

  const data: KrbData = {
    ...EMPTY_DATA,
    sessionKey: session.key,
    initiatorSubkey: subkey.key,
    sendSeq: seq,
    // Without an AP-REP the acceptor starts from the client's sequence number (krb5 accept_sec_context.c).
    recvSeq: seq,
    ctime,
    cusec,
    mutual,
    established: !mutual,
    sessionEtype: session.etype,
    initiatorSubkeyEtype: subkey.etype,
    acceptorSubkeyEtype: subkey.etype,
    dceStyle: dce,
  };
  const held: Holdings = {
    ...holdings,
    ticket: `${spn(config)} (${ticketEtype}, kvno ${kvno})`,
    'session key': keyPreview(session.key),
    subkey: keyPreview(subkey.key),
    'send seq': seq,
    ...(cred ? { delegation: `forwarded TGT for ${config.initiator.user}@${config.realm}` } : {}),
  };
  const state = makeState('initiator', mutual ? 'AP_REQ_SENT' : 'ESTABLISHED', data, held);
  return { state, status: mutual ? 'continue' : 'complete', token, rules };
}
