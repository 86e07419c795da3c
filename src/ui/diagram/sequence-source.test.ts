import { describe, expect, it } from 'vitest';
import { sequenceSource, wrapWords } from './sequence-source';

describe('sequenceSource', () => {
  it('draws one arrow per message, client and server, with the inner message on a second line', () => {
    const source = sequenceSource(
      [
        {
          from: 'initiator',
          label: { envelope: 'NegTokenInit [Kerberos, NTLM]', inner: ['Kerberos AP-REQ'] },
        },
        {
          from: 'acceptor',
          label: { envelope: 'NegTokenResp request-mic, supportedMech NTLM', inner: [] },
        },
      ],
      'Fallback',
    );
    expect(source.split('\n').slice(-2)).toEqual([
      '  C->>S: NegTokenInit [Kerberos, NTLM]<br/>+ Kerberos AP-REQ',
      '  S->>C: NegTokenResp request-mic, supportedMech NTLM',
    ]);
  });

  it('breaks labels into short lines for a phone', () => {
    const source = sequenceSource(
      [
        {
          from: 'acceptor',
          label: {
            envelope: 'NegTokenResp accept-incomplete, supportedMech NTLM',
            inner: ['NTLM CHALLENGE', 'mechListMIC'],
          },
        },
      ],
      't',
      true,
    );
    expect(source.split('\n').at(-1)).toBe(
      '  S->>C: NegTokenResp accept-incomplete,<br/>supportedMech NTLM<br/>+ NTLM CHALLENGE<br/>+ mechListMIC',
    );
  });

  it('keeps mermaid syntax out of labels', () => {
    const source = sequenceSource(
      [{ from: 'initiator', label: { envelope: 'a;b#c<script>', inner: [] } }],
      't',
    );
    expect(source.split('\n').at(-1)).toBe('  C->>S: a b c script');
  });
});

describe('wrapWords', () => {
  it('breaks a note between words, at most 26 characters a line', () => {
    expect(wrapWords('optimistic Kerberos token discarded unread')).toEqual([
      'optimistic Kerberos token',
      'discarded unread',
    ]);
    expect(wrapWords('short')).toEqual(['short']);
    expect(wrapWords('a-very-long-word-that-does-not-fit here', 10)).toEqual([
      'a-very-long-word-that-does-not-fit',
      'here',
    ]);
  });
});
