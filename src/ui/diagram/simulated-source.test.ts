import { describe, expect, it } from 'vitest';
import { messageLabelParts } from '../../codec/describe';
import { decodeToken } from '../../codec/token';
import { findScenario, runExchange, scenarioConfig, type Run } from '../../protocol';
import { sequenceSource } from './sequence-source';
import { outcomeNote, simulatedMessages, type SimulatedLeg } from './simulated-source';

const label = (bytes: Uint8Array) => messageLabelParts(decodeToken(bytes).root);

function play(id: string): { run: Run; legs: SimulatedLeg[] } {
  const scenario = findScenario(id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const run = runExchange(scenarioConfig(scenario));
  const legs = run.steps.map((step) => ({
    step,
    label: label(step.token),
    ...(step.delivered ? { deliveredLabel: label(step.delivered) } : {}),
  }));
  return { run, legs };
}

const source = (id: string) => {
  const { run, legs } = play(id);
  return sequenceSource(simulatedMessages(legs, run), id, false, outcomeNote(run.outcome));
};

describe('simulatedMessages', () => {
  it("draws each leg's transport status: HTTP 401 then 200", () => {
    const { run, legs } = play('ntlm');
    expect(simulatedMessages(legs, run).map((m) => m.status?.text)).toEqual([
      undefined,
      'HTTP 401 Unauthorized',
      undefined,
      'HTTP 200 OK',
    ]);
  });

  it('draws SMB2 statuses, the failure in red', () => {
    const { run, legs } = play('samba-smb-logon-failure');
    const statuses = simulatedMessages(legs, run).map((m) => m.status);
    expect(statuses.map((s) => s?.text)).toEqual([
      'STATUS_SUCCESS',
      undefined,
      'STATUS_MORE_PROCESSING_REQUIRED',
      undefined,
      'STATUS_LOGON_FAILURE',
    ]);
    expect(statuses.at(-1)?.tone).toBe('error');
    expect(source('samba-smb-logon-failure')).toContain('STATUS_LOGON_FAILURE');
  });

  it("puts the answer without a token on the client's last leg", () => {
    const { run, legs } = play('ntlm-scheme');
    expect(simulatedMessages(legs, run).at(-1)?.status).toEqual({
      text: 'answered HTTP 200 OK',
      tone: 'ok',
    });
  });

  it('marks the optimistic Kerberos token discarded in the fallback, and only there', () => {
    const { run, legs } = play('kerberos-to-ntlm-fallback');
    const notes = simulatedMessages(legs, run).map((m) => m.note);
    expect(notes[0]).toBe('optimistic Kerberos token discarded unread');
    expect(notes.slice(1).every((n) => n === undefined)).toBe(true);
    expect(source('kerberos-to-ntlm-fallback')).toContain(
      'Note over S: optimistic Kerberos token<br/>discarded unread',
    );
    const kerberos = play('kerberos');
    expect(simulatedMessages(kerberos.legs, kerberos.run).some((m) => m.note)).toBe(false);
  });

  it('badges a verified mechListMIC ✓ on both legs carrying one', () => {
    const { run, legs } = play('ntlm');
    const messages = simulatedMessages(legs, run);
    expect(messages.map((m) => m.mic)).toEqual([undefined, undefined, 'verified', 'verified']);
    expect(source('ntlm')).toMatch(/C->>S: .*mechListMIC ✓/);
  });

  it('badges ✗ the mechListMIC the server refused in the downgrade', () => {
    const { run, legs } = play('downgrade-attack');
    const messages = simulatedMessages(legs, run);
    const withMic = messages.filter((m) => m.mic);
    expect(withMic.map((m) => m.mic)).toEqual(['failed']);
    expect(source('downgrade-attack')).toMatch(/C->>S: .*mechListMIC ✗/);
  });

  it('puts the attacker between them: the server’s arrow carries what the server received', () => {
    const { run, legs } = play('downgrade-attack');
    const [first] = simulatedMessages(legs, run);
    expect(first.label.envelope).toContain('[Kerberos, NTLM]');
    expect(first.relay?.label.envelope).toContain('[NTLM]');
    expect(first.relay?.label.envelope).not.toContain('Kerberos');
    expect(first.relay?.rewrite).toMatch(/^rewrites mechTypes to \[NTLMSSP\]/);
    const lines = source('downgrade-attack').split('\n');
    expect(lines).toContain('  participant A as Attacker');
    const to = lines.findIndex((l) => l.startsWith('  C->>A: NegTokenInit [Kerberos, NTLM]'));
    expect(to).toBeGreaterThan(0);
    expect(lines[to + 1]).toBe('  autonumber off');
    expect(lines[to + 2]).toMatch(/^ {2}A->>S: NegTokenInit \[NTLM\]/);
    expect(lines[to + 3]).toMatch(/^ {2}Note over A: rewrites mechTypes to \[NTLMSSP\]/);
    expect(lines[to + 4]).toBe('  autonumber 2');
    // Runs without a man in the middle have no attacker.
    expect(source('ntlm')).not.toContain('Attacker');
  });
});

describe('outcomeNote', () => {
  it('says which mechanism was established', () => {
    expect(outcomeNote(play('kerberos-to-ntlm-fallback').run.outcome)).toEqual({
      text: 'established with NTLM',
      tone: 'ok',
    });
    expect(source('kerberos').split('\n').at(-1)).toBe(
      '  Note over C,S: established with Kerberos',
    );
  });

  it('says why it was rejected', () => {
    const note = outcomeNote(play('kerberos-error').run.outcome);
    expect(note.tone).toBe('error');
    expect(note.text).toBe('rejected: KRB_AP_ERR_SKEW (37)\nclock skew too great');
    expect(source('kerberos-error').split('\n').at(-1)).toBe(
      '  Note over C,S: rejected: KRB_AP_ERR_SKEW (37)<br/>clock skew too great',
    );
  });
});
