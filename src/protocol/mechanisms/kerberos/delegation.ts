import { EncKrbCredPart, KRB_CRED } from '../../../codec/kerberos';
import { decrypt } from '../../../crypto/kerberos/encrypt';
import { KEY_USAGE } from '../../../crypto/kerberos/usages';
import { acceptorRule as rule, type Progress } from './checks';
import { display } from './principals';
import { child, decodeAs, octets, principal, str, sub } from './read';

/**
 * The delegated KRB-CRED from the checksum's Deleg field: its enc-part opens with the ticket's
 * session key, key usage 14 (RFC 4121 §4.1.1). Returns what was delegated, for display.
 */
export function readDelegation(
  cred: Uint8Array,
  sessionKey: Uint8Array,
  p: Progress,
): string | null {
  const credNode = decodeAs(KRB_CRED, cred);
  const opened = credNode
    ? decrypt(sessionKey, KEY_USAGE.krbCred, octets(sub(credNode, 'enc-part'), 'cipher'))
    : null;
  const part = opened?.ok ? decodeAs(EncKrbCredPart, opened.plaintext) : null;
  const info = part ? sub(part, 'ticket-info').children?.[0] : undefined;
  if (!info || !child(info, 'pname') || !child(info, 'sname')) {
    p.rules.push(
      rule('the Deleg field holds no readable KRB-CRED: delegation ignored', 'RFC 4121 §4.1.1'),
    );
    return null;
  }
  const prealm = child(info, 'prealm') ? str(info, 'prealm') : '';
  const srealm = child(info, 'srealm') ? str(info, 'srealm') : prealm;
  const what = `${display(principal(info, 'sname'), srealm)} for ${display(principal(info, 'pname'), prealm)}`;
  p.rules.push(
    rule(
      `opens the delegated KRB-CRED with the session key (key usage 14): a forwarded ticket ${what}, with which the service can act as the user`,
      'RFC 4121 §4.1.1; RFC 4120 §5.8',
    ),
  );
  return what;
}
