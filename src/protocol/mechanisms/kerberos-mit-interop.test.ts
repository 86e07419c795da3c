import { describe, expect, it } from 'vitest';
import { readDer } from '../../codec/asn1/read';
import type { Schema } from '../../codec/asn1/schema';
import { Authenticator, EncTicketPart, readKrbContextToken } from '../../codec/kerberos';
import { decrypt } from '../../crypto/kerberos/encrypt';
import { stringToKey } from '../../crypto/kerberos/string-to-key';
import { realScenario, realTokens } from '../../testing/fixtures';
import { DEFAULT_CONFIG } from '../config';
import { kerberos } from './kerberos';
import { dataOf, EMPTY_DATA, makeState } from './kerberos/state';
import { fromHex, toHex } from '../../bytes';

/**
 * The mechanism's AP-REP handling and MIC tokens against MIT krb5 1.20.1 (lab exchange
 * raw-krb5-01-mutual in fixtures/vectors/real, bare krb5 tokens for HTTP/localhost). The client's
 * state is rebuilt from MIT's own AP-REQ, opened with the lab's service password.
 */
const SCENARIO = 'raw-krb5-01-mutual';

function opened<T>(key: Uint8Array, usage: number, cipher: Uint8Array, schema: Schema<T>): T {
  const result = decrypt(key, usage, cipher);
  if (!result.ok) throw new Error(result.message);
  const read = readDer(schema, result.plaintext);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
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

  const read = readKrbContextToken(apReq);
  if (!read.ok || read.value.message?.kind !== 'AP-REQ') throw new Error('not an AP-REQ token');
  const { ticket: sealed, authenticator } = read.value.message.value;
  const serviceKey = stringToKey(18, 'HTTP-localhost-Pa55', 'EXAMPLE.TESTHTTPlocalhost');
  const ticket = opened(serviceKey, 2, sealed['enc-part'].cipher, EncTicketPart);
  const sessionKey = ticket.key.keyvalue;
  const auth = opened(sessionKey, 11, authenticator.cipher, Authenticator);
  const seq = auth['seq-number']!;
  const clientState = makeState(
    'initiator',
    'AP_REQ_SENT',
    {
      ...EMPTY_DATA,
      sessionKey,
      initiatorSubkey: auth.subkey!.keyvalue,
      sendSeq: seq,
      recvSeq: seq,
      ctime: auth.ctime,
      cusec: auth.cusec,
      mutual: true,
    },
    {},
  );
  const continued = kerberos.initiatorContinue(clientState, apRep, DEFAULT_CONFIG);

  it("accepts MIT's AP-REP: it decrypts with the session key and echoes the Authenticator's time", () => {
    expect(continued.status).toBe('complete');
    expect(continued.state.data.acceptorSubkey).toHaveLength(32);
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
