import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withPatch } from '../protocol/config';
import { configPatch } from './config-diff';
import { formatLink, linkProblems, parseLink } from './link';

describe('links', () => {
  it('round-trip a view, scenario, configuration patch and step', () => {
    const link = {
      view: 'simulate' as const,
      scenario: 'kerberos-to-ntlm-fallback',
      config: { initiator: { mechs: ['ntlm' as const] }, faults: { clockSkewSeconds: 600 } },
      step: 3,
    };
    const hash = formatLink(link);
    expect(hash).toContain('step=4');
    expect(parseLink(hash)).toEqual(link);
  });

  it('carry a shared paste as base64url text, including non-ASCII', () => {
    const input = '> Authorization: Negotiate YIIC…\n< WWW-Authenticate: Negotiate oRQ=';
    const hash = formatLink({ view: 'decode', input, format: 'http' });
    expect(hash).not.toContain('Negotiate');
    expect(parseLink(hash)).toEqual({ view: 'decode', input, format: 'http' });
  });

  it('ignore malformed parameters', () => {
    expect(parseLink('#view=nope&step=-2&config={bad&input=%%%&format=evil')).toEqual({
      view: 'simulate',
    });
    expect(parseLink('')).toEqual({ view: 'simulate' });
  });

  it('round-trip presenter mode and hidden future steps', () => {
    const link = { view: 'simulate' as const, scenario: 'ntlm', presenter: true, hideFuture: true };
    const hash = formatLink(link);
    expect(hash).toContain('presenter=1');
    expect(hash).toContain('future=hidden');
    expect(parseLink(hash)).toEqual(link);
    expect(formatLink({ view: 'simulate', presenter: false })).toBe('#view=simulate');
  });

  it('name what a malformed hash loses, and nothing for a sound one', () => {
    expect(linkProblems('#view=nope&step=-2&config={bad&input=%%%&format=evil')).toEqual([
      'there is no view “nope”',
      'step “-2” is not a step number (1, 2, 3…)',
      'its configuration is damaged (not a JSON object)',
      'its shared paste is damaged (not base64url text)',
      'there is no input format “evil”',
    ]);
    expect(linkProblems('#config=[1]')).toEqual([
      'its configuration is damaged (not a JSON object)',
    ]);
    expect(
      linkProblems(formatLink({ view: 'decode', input: 'x', format: 'hex', step: 2 })),
    ).toEqual([]);
    expect(linkProblems('')).toEqual([]);
  });
});

describe('links to the implementation differences', () => {
  it('round-trip the Differences view and the entry it opens at', () => {
    const link = { view: 'differences' as const, difference: 'switch-negstate' };
    const hash = formatLink(link);
    expect(hash).toBe('#view=differences&difference=switch-negstate');
    expect(parseLink(hash)).toEqual(link);
    expect(linkProblems(hash)).toEqual([]);
    expect(parseLink('#view=differences')).toEqual({ view: 'differences' });
  });

  it('report an entry that does not exist, and open the view without it', () => {
    const hash = '#view=differences&difference=no-such-entry';
    expect(parseLink(hash)).toEqual({ view: 'differences' });
    expect(linkProblems(hash)).toEqual(['there is no implementation difference “no-such-entry”']);
  });
});

describe('configPatch', () => {
  it('keeps only what differs, nested fields included', () => {
    const config = withPatch(DEFAULT_CONFIG, {
      profile: 'windows',
      acceptor: { kerberosKey: false },
    });
    expect(configPatch(DEFAULT_CONFIG, config)).toEqual({
      profile: 'windows',
      acceptor: { kerberosKey: false },
    });
    expect(configPatch(DEFAULT_CONFIG, DEFAULT_CONFIG)).toEqual({});
  });
});
