import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../bytes';
import { realTokens } from '../../testing/fixtures';
import { captureFile, conversation, v6 } from '../../testing/capture-writer';
import { readCapture } from '.';

// SMB2 messages as MS-SMB2 §2.2.1, §2.2.4–§2.2.6 lay them out, behind the 4-byte Direct TCP header.
function smb2(command: number, response: boolean, status: number, body: Uint8Array): Uint8Array {
  const h = new Uint8Array(64);
  const dv = new DataView(h.buffer);
  h.set([0xfe, 0x53, 0x4d, 0x42]);
  dv.setUint16(4, 64, true);
  dv.setUint32(8, status, true);
  dv.setUint16(12, command, true);
  dv.setUint32(16, response ? 1 : 0, true);
  const m = new Uint8Array(64 + body.length);
  m.set(h);
  m.set(body, 64);
  return m;
}

function negotiateResponse(token: Uint8Array): Uint8Array {
  const body = new Uint8Array(64 + token.length);
  const dv = new DataView(body.buffer);
  dv.setUint16(0, 65, true);
  dv.setUint16(56, 128, true);
  dv.setUint16(58, token.length, true);
  body.set(token, 64);
  return smb2(0, true, 0, body);
}

function sessionSetup(response: boolean, status: number, token: Uint8Array): Uint8Array {
  const fixed = response ? 8 : 24;
  const body = new Uint8Array(fixed + token.length);
  const dv = new DataView(body.buffer);
  dv.setUint16(0, response ? 9 : 25, true);
  dv.setUint16(response ? 4 : 12, token.length ? 64 + fixed : 0, true);
  dv.setUint16(response ? 6 : 14, token.length, true);
  body.set(token, fixed);
  return smb2(1, response, status, body);
}

function transport(...messages: Uint8Array[]): Uint8Array {
  const total = messages.reduce((n, m) => n + m.length, 0);
  const out = new Uint8Array(4 + total);
  out.set([0, total >> 16, (total >> 8) & 255, total & 255]);
  let at = 4;
  for (const m of messages) {
    out.set(m, at);
    at += m.length;
  }
  return out;
}

describe('SMB2', () => {
  const t = realTokens('smb-01-ntlm');

  it('NegTokenInit2, session setup legs and their NT status, segmented over IPv6', () => {
    const ok = 0;
    const more = 0xc0000016;
    const failure = 0xc000006d;
    // A large WRITE-like message before the session setup is skipped without being kept.
    const write = transport(smb2(9, false, 0, new Uint8Array(70000)));
    const messages = [
      { fromClient: true, bytes: write },
      { fromClient: false, bytes: transport(negotiateResponse(t[0].bytes)) },
      { fromClient: true, bytes: transport(sessionSetup(false, 0, t[1].bytes)) },
      { fromClient: false, bytes: transport(sessionSetup(true, more, t[2].bytes)) },
      { fromClient: true, bytes: transport(sessionSetup(false, 0, t[3].bytes)) },
      // A failure without a token: its status goes to the request it answers.
      { fromClient: false, bytes: transport(sessionSetup(true, failure, new Uint8Array(0))) },
    ];
    const packets = conversation({
      client: { address: v6(1), port: 49152 },
      server: { address: v6(2), port: 445 },
      messages,
      segmentSize: 61,
    });
    const r = readCapture(captureFile(packets, { link: 'sll' }));
    expect(r.issues).toEqual([]);
    const e = r.exchanges[0];
    expect(e.protocol).toBe('smb2');
    expect(e.server).toEqual({ address: '2001:db8::2', port: 445 });
    expect(e.steps.map((s) => [s.from, toBase64(s.token), s.status, s.carrier])).toEqual([
      ['acceptor', toBase64(t[0].bytes), ok, 'SMB2 NEGOTIATE response'],
      ['initiator', toBase64(t[1].bytes), more, 'SMB2 SESSION_SETUP request'],
      ['acceptor', toBase64(t[2].bytes), more, 'SMB2 SESSION_SETUP response'],
      ['initiator', toBase64(t[3].bytes), failure, 'SMB2 SESSION_SETUP request'],
    ]);
    expect(e.steps[3].statusText).toBe('STATUS_LOGON_FAILURE');
  });
});
