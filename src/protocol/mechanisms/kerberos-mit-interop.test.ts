import { describe, expect, it } from 'vitest';
import type { Schema } from '../../codec/asn1/schema';
import { Authenticator, EncTicketPart } from '../../codec/kerberos';
import { decodeToken } from '../../codec/token';
import { findAll, findNode, type Node } from '../../codec/tree';
import { decrypt } from '../../crypto/kerberos/encrypt';
import { stringToKey } from '../../crypto/kerberos/string-to-key';
import { realScenario, realTokens } from '../../testing/fixtures';
import { DEFAULT_CONFIG } from '../config';
import { kerberos } from './kerberos';
import { decodeAs } from './kerberos/read';
import { dataOf, EMPTY_DATA, makeState } from './kerberos/state';
import { fromHex, toHex } from '../../bytes';

/**
 * The mechanism's AP-REP handling and MIC tokens against MIT krb5 1.20.1 (lab exchange
 * raw-krb5-01-mutual in fixtures/vectors/real, bare krb5 tokens for HTTP/localhost). The client's
 * state is rebuilt from MIT's own AP-REQ, opened with the lab's service password.
 */
const SCENARIO = 'raw-krb5-01-mutual';

function opened(key: Uint8Array, usage: number, cipher: Node, schema: Schema): Node {
  const result = decrypt(key, usage, fromHex(String(cipher.value)));
  if (!result.ok) throw new Error(result.message);
  return decodeAs(schema, result.plaintext)!;
}

describe('Kerberos mechanism against a real MIT exchange', () => {
  const [apReq, apRep] = realTokens(SCENARIO)
    .filter((t) => !t.perMessage)
    .map((t) => t.bytes);
  const getMic = (
    realScenario(SCENARIO).per_message_tokens as {
      operation: string;
      hex: string;
      plaintext_hex: string;
    }[]
  ).find((t) => t.operation === 'get_mic')!;
  const message = fromHex(getMic.plaintext_hex);
  const mitMic = fromHex(getMic.hex);

  const ciphers = findAll(decodeToken(apReq).root, 'cipher');
  const serviceKey = stringToKey(18, 'HTTP-localhost-Pa55', 'EXAMPLE.TESTHTTPlocalhost');
  const ticket = opened(serviceKey, 2, ciphers[0], EncTicketPart);
  const sessionKey = String(findNode(ticket, 'keyvalue')!.value);
  const auth = opened(fromHex(sessionKey), 11, ciphers[1], Authenticator);
  const seq = Number(findNode(auth, 'seq-number')!.value);
  const clientState = makeState(
    'initiator',
    'AP_REQ_SENT',
    {
      ...EMPTY_DATA,
      sessionKey,
      initiatorSubkey: String(findNode(findNode(auth, 'subkey')!, 'keyvalue')!.value),
      sendSeq: seq,
      recvSeq: seq,
      ctime: String(findNode(auth, 'ctime')!.value),
      cusec: Number(findNode(auth, 'cusec')!.value),
      mutual: true,
    },
    {},
  );
  const continued = kerberos.initiatorContinue(clientState, apRep, DEFAULT_CONFIG);

  it("accepts MIT's AP-REP: it decrypts with the session key and echoes the Authenticator's time", () => {
    expect(continued.status).toBe('complete');
    expect(continued.state.data.acceptorSubkey).toMatch(/^[0-9a-f]{64}$/);
  });

  it("makes byte for byte the MIC that MIT's initiator made over the same message", () => {
    expect(toHex(kerberos.getMic(continued.state, message).mic)).toBe(toHex(mitMic));
  });

  it("verifies MIT's MIC as the acceptor, and refuses it for a changed message", () => {
    const acceptor = makeState(
      'acceptor',
      'ESTABLISHED',
      { ...dataOf(continued.state), recvSeq: seq },
      {},
    );
    expect(kerberos.verifyMic(acceptor, message, mitMic).ok).toBe(true);
    const changed = message.slice();
    changed[0] ^= 1;
    expect(kerberos.verifyMic(acceptor, changed, mitMic).ok).toBe(false);
  });
});
