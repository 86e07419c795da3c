import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysePaste } from '../../analysis';
import { NO_SECRETS } from '../../analysis/types';
import { FIXTURES, realTokens } from '../../testing/fixtures';
import { analysedLesson, openedFields, OPENED_FIELDS, transportFact } from './model';

const SCENARIO = 'spnego-ntlm-01-ntlmv2';

function paste(): string {
  return realTokens(SCENARIO)
    .filter((t) => !t.perMessage)
    .map(
      (t) =>
        `${t.direction === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: Negotiate ${Buffer.from(t.bytes).toString('base64')}`,
    )
    .join('\n');
}

describe('the Lesson of an analysed exchange', () => {
  it('has one step per token, with its bytes, rules and checks, and the outcome', () => {
    const { exchange } = analysePaste(paste(), 'auto', NO_SECRETS);
    const lesson = analysedLesson(exchange!);
    expect(lesson.kind).toBe('analysed');
    expect(lesson.steps.map((s) => s.from)).toEqual([
      'initiator',
      'acceptor',
      'initiator',
      'acceptor',
    ]);
    for (const [i, step] of lesson.steps.entries()) {
      expect(step.token.bytes).toBe(exchange!.steps[i].token);
      expect(step.token.root).toBe(exchange!.steps[i].root);
      expect(step.rules.map((r) => r.text)).toEqual(
        exchange!.steps[i].explanation.map((e) => e.text),
      );
      expect(step.checks).toBe(exchange!.steps[i].checks);
    }
    expect(lesson.steps[1].facts).toContain('negState accept-incomplete');
    expect(
      lesson.steps[1].facts.some((f) =>
        /^supportedMech NTLM.*1\.3\.6\.1\.4\.1\.311\.2\.2\.10/.test(f),
      ),
    ).toBe(true);
    expect(lesson.outcome.result).toBe('established');
    expect(lesson.title).toBe('Analysed exchange: the pasted tokens');
  });

  it('lists what the password opened and derived, each with how', () => {
    const { ntlm } = JSON.parse(
      readFileSync(join(FIXTURES, 'real/secrets/passwords.json'), 'utf8'),
    ) as { ntlm: { users: Record<string, string> } };
    const { exchange } = analysePaste(paste(), 'auto', {
      ...NO_SECRETS,
      passwords: [{ user: 'alice', password: ntlm.users.alice }],
    });
    const lesson = analysedLesson(exchange!);
    const groups = lesson.steps.flatMap((s) => s.derived);
    const verified = groups.filter((g) => g.ok === true);
    expect(verified.length).toBeGreaterThan(0);
    const rows = groups.flatMap((g) => g.rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.value).toMatch(/^[0-9a-f]+$/);
      expect(row.how).toBeTruthy();
    }
  });
});

describe('openedFields', () => {
  it('lists a decrypted part depth first, capped, counting what it left out', () => {
    const root = {
      name: 'PAC',
      offset: 0,
      length: 1,
      children: Array.from({ length: OPENED_FIELDS + 5 }, (_, i) => ({
        name: `f${i}`,
        offset: 0,
        length: 1,
        value: i,
        label: i === 0 ? 'zero' : undefined,
      })),
    };
    const { fields, more } = openedFields(root);
    expect(fields).toHaveLength(OPENED_FIELDS);
    expect(more).toBe(6);
    expect(fields[0]).toEqual({ depth: 0, name: 'PAC', value: '' });
    expect(fields[1]).toEqual({ depth: 1, name: 'f0', value: 'zero (0)' });
    expect(fields[2]).toEqual({ depth: 1, name: 'f1', value: '1' });
  });
});

describe('a simulated step’s transport fact', () => {
  it('gives the status once: an HTTP reply names its code, an SMB2 response is followed by it', () => {
    expect(
      transportFact({
        message: 'HTTP 401 with WWW-Authenticate',
        status: { text: 'HTTP 401 Unauthorized', code: 401, tone: 'continue' },
      }),
    ).toBe('HTTP 401 with WWW-Authenticate');
    expect(
      transportFact({
        message: 'SMB2 SESSION_SETUP Response',
        status: { text: 'STATUS_MORE_PROCESSING_REQUIRED', code: 0xc0000016, tone: 'continue' },
      }),
    ).toBe('SMB2 SESSION_SETUP Response: STATUS_MORE_PROCESSING_REQUIRED');
    expect(transportFact({ message: 'HTTP GET with Authorization' })).toBe(
      'HTTP GET with Authorization',
    );
  });
});
