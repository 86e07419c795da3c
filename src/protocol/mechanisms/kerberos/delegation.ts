import { readDer } from '../../../codec/asn1/read';
import { EncKrbCredPart, KRB_CRED } from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { KEY_USAGE } from '../../../data/kerberos';
import { acceptorRule as rule, type Progress } from './checks';
import { display } from './principals';
import type { TypedKey } from './keys';

/**
 * The delegated KRB-CRED from the checksum's Deleg field: its enc-part opens with the ticket's
 * session key, key usage 14 (RFC 4121 §4.1.1). Returns what was delegated, for display.
 */
export function readDelegation(cred: Uint8Array, sessionKey: TypedKey, p: Progress): string | null {
  const krbCred = readDer(KRB_CRED, cred);
  const opened = krbCred.ok
    ? decrypt(sessionKey.key, KEY_USAGE.krbCred, krbCred.value['enc-part'].cipher, sessionKey.etype)
    : null;
  const part = opened?.ok ? readDer(EncKrbCredPart, opened.plaintext) : null;
  const info = part?.ok ? part.value['ticket-info'][0] : undefined;
  if (!info?.pname || !info.sname) {
    p.rules.push(
      rule('the Deleg field holds no readable KRB-CRED: delegation ignored', 'RFC 4121 §4.1.1'),
    );
    return null;
  }
  const prealm = info.prealm ?? '';
  const srealm = info.srealm ?? prealm;
  const what = `${display(info.sname, srealm)} for ${display(info.pname, prealm)}`;
  p.rules.push(
    rule(
      `opens the delegated KRB-CRED with the session key (key usage 14): a forwarded ticket ${what}, with which the service can act as the user`,
      'RFC 4121 §4.1.1; RFC 4120 §5.8',
    ),
  );
  return what;
}
