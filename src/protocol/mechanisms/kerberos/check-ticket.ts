import { implementationOf, sideProfile } from '../../profiles';
import { readDer } from '../../../codec/asn1/read';
import { EncTicketPart, type PrincipalName, type Ticket } from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { KEY_USAGE } from '../../../data/kerberos';
import type { SimConfig } from '../../config';
import { acceptorRule as rule, type Defective, type Progress, type Refusal } from './checks';
import { etypeName, keytabOf, type TypedKey } from './keys';
import type { KrbErrorName } from './messages';
import { hasPac, pacProblem, pacUser } from './pac';
import { display, sameComponents, serviceName } from './principals';
import { keyPreview } from './state';
import { MAX_SKEW_SECONDS, secondsOf, serverSeconds } from './time';

export interface TicketContents {
  sessionKey: TypedKey;
  cname: PrincipalName;
  crealm: string;
}

/** A Windows server reports every decryption failure as KRB_AP_ERR_MODIFIED (MS-KILE §3.4.5). */
export function integrityError(config: SimConfig): KrbErrorName {
  return implementationOf(config, 'acceptor') === 'windows'
    ? 'KRB_AP_ERR_MODIFIED'
    : 'KRB_AP_ERR_BAD_INTEGRITY';
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
  // MIT looks the key up by principal, kvno and etype, and names what it did not find
  // (MIT krb5 src/lib/krb5/krb/rd_req_dec.c, iteration_error()).
  const mitKeytab = 'RFC 4120 §3.2.3; MIT krb5 src/lib/krb5/krb/rd_req_dec.c, iteration_error()';
  const keytab = keytabOf(config);
  p.holdings = { ...p.holdings, keytab: keytab.describe };
  if (keytab.entries.length === 0) {
    const why = `the keytab holds keys for other principals but none for ${spn} (ticket kvno ${kvno ?? 'absent'}), and a server that accepts for any name in its keytab reports that the ticket is not for it`;
    return { refuse: 'KRB_AP_ERR_NOT_US', why, spec: mitKeytab };
  }
  const entry = keytab.entries.find((e) => e.kvno === kvno);
  if (!entry) {
    const held = keytab.entries.map((e) => e.kvno).join(', ');
    const why = `the ticket was sealed with key version ${kvno ?? 'absent'}; the keytab has kvno ${held} for ${spn}, so it is out of date`;
    return { refuse: 'KRB_AP_ERR_BADKEYVER', why, spec: mitKeytab };
  }
  if (entry.key.etype !== etype) {
    const why = `the ticket is sealed with etype ${etype}; the keytab holds only ${etypeName(entry.key.etype)}`;
    return { refuse: 'KDC_ERR_ETYPE_NOSUPP', why, spec };
  }
  const opened = decrypt(entry.key.key, KEY_USAGE.ticket, cipher, etype);
  if (!opened.ok) {
    const why = `the ticket does not decrypt with the keytab's kvno ${kvno} key (${opened.message}): the ticket was changed on the way, or the keytab's key is not the one the KDC holds`;
    return {
      refuse: integrityError(config),
      why,
      spec: 'RFC 4120 §3.2.3; RFC 3961 §5.3; MIT krb5 src/lib/krb5/krb/rd_req_dec.c, iteration_error()',
    };
  }
  const read = readDer(EncTicketPart, opened.plaintext);
  if (!read.ok) return { defective: `EncTicketPart does not decode: ${read.error.message}` };
  const part = read.value;
  // The acceptor checks the PAC's server signature with its own key (MS-PAC §2.8.4). Windows,
  // Samba and Heimdal refuse the AP-REQ when it fails (MS-SFU §3.2.5.2.2: KRB_AP_ERR_MODIFIED;
  // Heimdal lib/krb5/rd_req.c, krb5_rd_req_ctx() → lib/krb5/pac.c, verify_checksum():
  // KRB5KRB_AP_ERR_BAD_INTEGRITY); MIT does not reject an AP-REQ over its PAC
  // (src/lib/krb5/krb/pac.c, mspac_verify(): the PAC is only left unverified).
  const pacFailure = pacProblem(part, entry.key);
  const acceptorProfile = sideProfile(config, 'acceptor');
  if (pacFailure && acceptorProfile.badPacSignature === 'refuse') {
    const why = `${pacFailure}: the PAC was changed after the KDC signed it`;
    return {
      refuse: integrityError(config),
      why,
      spec: acceptorProfile.sources.badPacSignature ?? 'MS-PAC §2.8.4',
      difference: 'bad-pac-signature',
    };
  }
  const contents: TicketContents = {
    sessionKey: { etype: part.key.keytype, key: part.key.keyvalue },
    cname: part.cname,
    crealm: part.crealm,
  };
  const client = display(contents.cname, contents.crealm);
  const { endtime } = part;
  p.holdings = {
    ...p.holdings,
    'service key': `yes: ${spn}, kvno ${kvno} (${etypeName(etype)})`,
    client,
    'session key': keyPreview(contents.sessionKey.key),
  };
  p.rules.push(
    rule(
      `decrypts the ticket with its service key (kvno ${kvno}, ${etypeName(etype)}, key usage 2): client ${client}, session key ${keyPreview(contents.sessionKey.key)} (${etypeName(contents.sessionKey.etype)}), valid until ${endtime}`,
      'RFC 4120 §3.2.3, §5.3',
    ),
  );
  if (pacFailure) {
    p.holdings = { ...p.holdings, PAC: 'present, not verified' };
    p.rules.push(
      rule(
        `${pacFailure}: the PAC was changed after the KDC signed it. The authentication does not fail for that: the PAC is only not marked verified, so an application that asks for the PAC's contents gets nothing it may trust`,
        acceptorProfile.sources.badPacSignature ?? 'MS-PAC §2.8.4',
        'bad-pac-signature',
      ),
    );
  } else if (hasPac(part['authorization-data'])) {
    const user = pacUser(part['authorization-data']);
    p.holdings = { ...p.holdings, PAC: user ?? `client information for ${client}, verified` };
    const text = user
      ? `checks the PAC's server signature with its service key (key usage 17): it holds, so the KDC vouches for ${user}`
      : `checks the PAC's server signature with its service key (key usage 17) and that its client information names ${client} at the ticket's authtime: the PAC is verified`;
    p.rules.push(
      rule(
        text,
        user
          ? 'MS-PAC §2.8.4, §2.5'
          : 'MS-PAC §2.7, §2.8.4; MIT krb5 src/lib/krb5/krb/pac.c, mspac_verify()',
        user ? undefined : 'bad-pac-signature',
      ),
    );
  }
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
