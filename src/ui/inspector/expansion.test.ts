import { describe, expect, it } from 'vitest';
import { decodeToken, type Node } from '../../codec';
import { realTokens } from '../../testing/fixtures';
import { initiallyExpanded, MAX_OPEN_DEPTH, opensByDefault } from './expansion';

/** The names of the rows shown at first sight, as the tree lays them out. */
function visibleNames(root: Node): string[] {
  const open = initiallyExpanded(root);
  const names: string[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    names.push(node.name);
    if (open.has(node)) for (const c of [...node.children!].reverse()) stack.push(c);
  }
  return names;
}

function tree(scenario: string, token: string): Node {
  const found = realTokens(scenario).find((t) => t.name === token)!;
  return decodeToken(found.bytes).root;
}

describe('the inspector’s first view', () => {
  it('opens an NTLM AUTHENTICATE at the user and folds the payload descriptors', () => {
    const names = visibleNames(tree('raw-ntlm-01-ntlmv2', '03-i2a-NTLM-AUTHENTICATE'));
    for (const shown of [
      'UserName',
      'DomainName',
      'Workstation',
      'NegotiateFlags',
      'LmChallengeResponse',
      'NtChallengeResponse',
      'NTProofStr',
      'UserNameFields',
    ])
      expect(names).toContain(shown);
    for (const folded of ['Len', 'MaxLen', 'BufferOffset', 'AvId', 'AvLen', 'ProductBuild'])
      expect(names).not.toContain(folded);
    // The user is near the top, not forty rows down.
    expect(names.indexOf('UserName')).toBeLessThan(25);
  });

  it('shows a Kerberos ticket’s sname, etype and kvno inside SPNEGO', () => {
    const names = visibleNames(tree('spnego-krb5-01-std-flags', '01-i2a-negTokenInit-krb5-AP-REQ'));
    for (const shown of ['mechTypes', 'MechType', 'sname', 'name-type', 'etype', 'kvno'])
      expect(names).toContain(shown);
    expect(names).not.toContain('KerberosString');
  });

  it('shows a KRB-ERROR’s error-code and an answer’s negState', () => {
    expect(visibleNames(tree('raw-krb5-03-krb-error-kvno', '02-a2i-krb5-KRB-ERROR'))).toContain(
      'error-code',
    );
    expect(
      visibleNames(
        tree(
          'spnego-krb5-01-std-flags',
          '02-a2i-negTokenResp-accept-completed-sup_krb5-krb5-AP-REP',
        ),
      ),
    ).toEqual(expect.arrayContaining(['negState', 'supportedMech', 'etype']));
  });

  it('folds bookkeeping, decrypted parts and anything past the depth bound', () => {
    const leaf: Node = { name: 'Len', offset: 0, length: 2, type: 'uint16' } as Node;
    const fields = { name: 'UserNameFields', offset: 0, length: 8, children: [leaf] } as Node;
    expect(opensByDefault(fields, 1)).toBe(false);
    expect(opensByDefault({ ...fields, name: 'Payload' }, 1)).toBe(true);
    expect(opensByDefault({ ...fields, name: 'Payload' }, MAX_OPEN_DEPTH)).toBe(false);
    expect(
      opensByDefault({ ...fields, name: 'EncTicketPart', decrypted: { offset: 0, length: 8 } }, 1),
    ).toBe(false);
    expect(opensByDefault(leaf, 0)).toBe(false);
    // A hostile chain deeper than the bound opens only down to it.
    let deep: Node = leaf;
    for (let i = 0; i < 5000; i++)
      deep = { name: 'SEQUENCE', offset: 0, length: 2, children: [deep] } as Node;
    expect(initiallyExpanded(deep).size).toBe(MAX_OPEN_DEPTH);
  });
});
