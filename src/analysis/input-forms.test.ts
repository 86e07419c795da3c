import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../bytes';
import { FIXTURES, realScenarios, realTokens } from '../testing/fixtures';
import { analyseInput, NO_SECRETS, type AnalysedExchange } from '.';

/**
 * Every real exchange (MIT krb5 1.20.1 / gss-ntlmssp 1.2.0, Heimdal 7.8, Samba 4.17.12, curl 7.88
 * in a lab realm) read in each form a user may have it — its tokens pasted one per line, its
 * capture, and its curl -v log where curl ran it — tells the same story: the same tokens in the
 * same order, from the same sides, with the same outcome and mechanism.
 */
const scenarios = realScenarios().filter((id) => id !== 'secrets');

function story(e: AnalysedExchange) {
  return {
    tokens: e.steps.map((s) => toBase64(s.token)),
    from: e.steps.map((s) => s.from),
    outcome: e.outcome.result,
    mech: e.outcome.mech,
  };
}

const file = (id: string, name: string) =>
  new Uint8Array(readFileSync(join(FIXTURES, 'real', id, name)));

describe.each(scenarios)('%s in every form', (id) => {
  const tokens = realTokens(id).filter((t) => !t.perMessage);
  const pasted = analyseInput(
    new TextEncoder().encode(tokens.map((t) => toBase64(t.bytes)).join('\n')),
    NO_SECRETS,
  );

  it('pasted one token per line: the right tokens, each from the side that sent it', () => {
    expect(pasted.errors).toEqual([]);
    expect(pasted.exchanges).toHaveLength(1);
    const s = story(pasted.exchanges[0]);
    expect(s.tokens).toEqual(tokens.map((t) => toBase64(t.bytes)));
    expect(s.from).toEqual(tokens.map((t) => t.direction));
  });

  it('from its capture: the same story, with the transport, peers and statuses', () => {
    const captured = analyseInput(file(id, 'capture.pcapng'), NO_SECRETS);
    expect(captured.capture?.complete).toBe(true);
    expect(captured.exchanges).toHaveLength(1);
    const [exchange] = captured.exchanges;
    expect(story(exchange)).toEqual(story(pasted.exchanges[0]));
    expect(exchange.transport).toBe(id.startsWith('smb-') ? 'smb2' : 'http');
    expect(exchange.client).toMatch(/:\d+$/);
    expect(exchange.server).toMatch(id.startsWith('smb-') ? /:445$/ : /:\d+$/);
    // Every leg has its transport's status: HTTP codes, SMB2 NT statuses.
    expect(exchange.steps.every((s) => s.status !== undefined)).toBe(true);
  });
});

describe.each(['http-curl-01-krb5', 'http-curl-03-ntlm-over-spnego'])('%s from curl -v', (id) => {
  it('tells the same story as the capture, with the HTTP statuses curl printed', () => {
    const log = analyseInput(file(id, 'logs/curl-verbose.log'), NO_SECRETS);
    const captured = analyseInput(file(id, 'capture.pcapng'), NO_SECRETS);
    expect(log.exchanges).toHaveLength(1);
    expect(story(log.exchanges[0])).toEqual(story(captured.exchanges[0]));
    expect(log.exchanges[0].transport).toBe('http');
    const statuses = log.exchanges[0].steps
      .filter((s) => s.from === 'acceptor')
      .map((s) => s.status);
    expect(statuses.at(-1)).toBe(200);
    expect(log.exchanges[0].outcome.result).toBe('established');
  });
});
