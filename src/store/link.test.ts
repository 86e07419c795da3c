import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, withPatch } from '../protocol/config';
import { configPatch } from './config-diff';
import { formatLink, parseLink } from './link';

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
