import { describe, expect, it } from 'vitest';
import { ntowfv1 } from '../../crypto/ntlm';
import { NO_SECRETS } from '../types';
import { candidatesFor, ntlmCandidates, userMatches } from './ntlm-secrets';

describe('userMatches: which AUTHENTICATE a user= secret is for', () => {
  it.each([
    ['alice', 'alice', 'EXAMPLE', true],
    ['ALICE', 'alice', 'EXAMPLE', true],
    ['example\\Alice', 'alice', 'EXAMPLE', true],
    ['alice@EXAMPLE.TEST', 'alice', 'EXAMPLE', true],
    ['alice@example', 'alice', 'EXAMPLE', true],
    // gss-ntlmssp's GSS names end in NUL.
    ['alice', 'alice\0', 'EXAMPLE', true],
    ['bob', 'alice', 'EXAMPLE', false],
    ['OTHER\\alice', 'alice', 'EXAMPLE', false],
    ['alice@OTHER.TEST', 'alice', 'EXAMPLE', false],
    ['alic', 'alice', 'EXAMPLE', false],
  ])('%j for %j in %j → %s', (given, user, domain, expected) => {
    expect(userMatches(given, user, domain)).toBe(expected);
  });
});

describe('ntlmCandidates / candidatesFor', () => {
  const secrets = {
    ...NO_SECRETS,
    passwords: [
      { password: 'one' },
      { user: 'bob', password: 'two' },
      { password: 'three' },
      { user: 'EXAMPLE\\alice', password: 'four' },
    ],
    ntHashes: [{ hash: ntowfv1('five') }, { hash: new Uint8Array(4) }],
  };

  it('labels each secret without its value', () => {
    expect(ntlmCandidates(secrets).map((c) => c.label)).toEqual([
      'password 1 of 2',
      'the password given for bob',
      'password 2 of 2',
      'the password given for EXAMPLE\\alice',
      'NT hash 1 of 2',
      'NT hash 2 of 2',
    ]);
  });

  it("tries this user's secrets first, then the ones for anybody; names the others", () => {
    const c = candidatesFor(ntlmCandidates(secrets), 'alice', 'EXAMPLE');
    expect(c.applicable.map((x) => x.label)).toEqual([
      'the password given for EXAMPLE\\alice',
      'password 1 of 2',
      'password 2 of 2',
      'NT hash 1 of 2',
    ]);
    expect(c.otherUsers).toEqual(['bob']);
    expect(c.unusable).toEqual(['NT hash 2 of 2 is 4 bytes, not 16']);
  });
});
