import { describe, expect, it } from 'vitest';
import type { KdcMessage } from '../../codec/capture';
import type { Node } from '../../codec/tree';
import { kdcLine, mechName, outcomeTitle, treeIssues } from './format';

describe('analysed exchange wording', () => {
  it('titles the verdict by result and mechanism', () => {
    expect(outcomeTitle({ result: 'established', mech: 'ntlm' })).toBe(
      'Context established with NTLM',
    );
    expect(outcomeTitle({ result: 'established', mech: null })).toBe('Context established');
    expect(outcomeTitle({ result: 'failed', mech: 'kerberos' })).toBe(
      'Kerberos authentication failed',
    );
    expect(outcomeTitle({ result: 'rejected', mech: null })).toBe('Negotiation rejected');
    expect(outcomeTitle({ result: 'incomplete', mech: 'negoex' })).toBe(
      'Exchange incomplete (NEGOEX)',
    );
    expect(mechName('something-else')).toBe('something-else');
  });

  it('lists where decoding stopped, deepest node only, decrypted parts left out', () => {
    const root: Node = {
      name: 'NegTokenResp',
      offset: 0,
      length: 30,
      error: 'truncated',
      children: [
        { name: 'responseToken', offset: 10, length: 20, error: 'truncated' },
        {
          name: 'cipher',
          offset: 4,
          length: 6,
          children: [
            {
              name: 'EncTicketPart',
              offset: 4,
              length: 6,
              decrypted: { offset: 0, length: 9 },
              error: 'bad plaintext',
            },
          ],
        },
      ],
    };
    expect(treeIssues(root)).toEqual([{ offset: 10, message: 'truncated' }]);
  });

  it('says what each KDC message was, with the error name', () => {
    const base: KdcMessage = {
      transport: 'tcp',
      client: { address: '10.0.0.5', port: 50000 },
      server: { address: '10.0.0.1', port: 88 },
      from: 'kdc',
      frame: 7,
      time: 0,
      msgType: 30,
      name: 'KRB-ERROR',
      errorCode: 7,
      realm: 'LAB.TEST',
      sname: 'HTTP/web.lab.test',
      bytes: new Uint8Array(),
    };
    expect(kdcLine(base)).toBe(
      'frame 7 · KRB-ERROR · KDC_ERR_S_PRINCIPAL_UNKNOWN (7) · service HTTP/web.lab.test@LAB.TEST · KDC → client',
    );
    expect(
      kdcLine({
        ...base,
        from: 'client',
        msgType: 10,
        name: 'AS-REQ',
        errorCode: undefined,
        sname: undefined,
        cname: 'alice',
      }),
    ).toBe('frame 7 · AS-REQ · client alice · realm LAB.TEST · client → KDC');
  });
});
