import { describe, expect, it } from 'vitest';
import { readDer } from '../../codec/asn1/read';
import type { Schema } from '../../codec/asn1/schema';
import {
  Authenticator,
  EncAPRepPart,
  EncTicketPart,
  readKrbContextToken,
  type KrbContextMessage,
} from '../../codec/kerberos';
import { readSpnegoToken } from '../../codec/spnego/token';
import { realScenario, realTokens } from '../../testing/fixtures';
import { checksum, decrypt, stringToKey } from '.';
import { fromHex, toHex } from '../../bytes';

/**
 * Interoperability with MIT krb5 1.20.1: the lab exchange spnego-krb5-10 (fixtures/vectors/real,
 * generated in a lab realm) is opened from the service's password alone: string-to-key, the
 * ticket (usage 2), the authenticator (11), the AP-REP (12), the initiator's MIC (25) and the
 * acceptor's sealed Wrap token (22). The expected keys are those Wireshark printed for the same
 * exchange in tshark-decrypted.txt.
 */
const SCENARIO = 'spnego-krb5-10-enctype-aes256-sha1';

/** The Kerberos context message a SPNEGO token carries, read as a typed value. */
function krbMessage(token: Uint8Array): KrbContextMessage {
  const spnego = readSpnegoToken(token);
  if (!spnego.ok) throw new Error(spnego.error.message);
  const inner =
    spnego.value.kind === 'NegTokenResp' ? spnego.value.responseToken : spnego.value.mechToken;
  const read = readKrbContextToken(inner!);
  if (!read.ok || !read.value.message) throw new Error('no Kerberos context message');
  return read.value.message;
}

function open<T>(key: Uint8Array, usage: number, cipher: Uint8Array, schema: Schema<T>): T {
  const result = decrypt(key, usage, cipher);
  if (!result.ok) throw new Error(result.message);
  const read = readDer(schema, result.plaintext);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}

describe('real MIT krb5 exchange, decrypted with this implementation', () => {
  const tokens = realTokens(SCENARIO);
  const [apReq, apRep] = tokens.filter((t) => !t.perMessage).map((t) => t.bytes);
  const pm = (
    realScenario(SCENARIO).per_message_tokens as { hex: string; plaintext_hex: string }[]
  ).map((t) => ({
    token: fromHex(t.hex),
    plaintext: fromHex(t.plaintext_hex),
  }));
  // fixtures/vectors/real/secrets/passwords.json; MIT's default salt is realm + name components.
  const serviceKey = stringToKey(
    18,
    'HTTP-aes256-sha1-Pa55',
    'EXAMPLE.TESTHTTPaes256-sha1.example.test',
  );

  const request = krbMessage(apReq);
  const reply = krbMessage(apRep);
  if (request.kind !== 'AP-REQ' || reply.kind !== 'AP-REP') throw new Error('not AP-REQ, AP-REP');
  const sealedTicket = request.value.ticket['enc-part'].cipher;
  const ticket = open(serviceKey, 2, sealedTicket, EncTicketPart);
  const sessionKey = ticket.key.keyvalue;
  const authenticator = open(sessionKey, 11, request.value.authenticator.cipher, Authenticator);
  const encApRep = open(sessionKey, 12, reply.value['enc-part'].cipher, EncAPRepPart);
  const acceptorSubkey = encApRep.subkey!.keyvalue;

  it('the ticket decrypts with the key made from the service password', () => {
    expect(toHex(sessionKey)).toBe(
      '40e7a8407bf0a978e7cef7019b6c5c6f42435f71a5e6b4bc7b5497ef813c409f',
    );
    expect(ticket.cname['name-string']).toEqual(['alice']);
  });

  it('the authenticator and AP-REP decrypt with the session key', () => {
    expect(toHex(authenticator.subkey!.keyvalue)).toBe(
      'fc602ee34501bcaf31c21906fcb1ef008c08363df7af9ffbe05be6eeacc03fbd',
    );
    expect(authenticator['seq-number']).toBe(932325220);
    expect(toHex(acceptorSubkey)).toBe(
      '8ce4a0db0ac3295f98a669681251adc2156211c5bd530dbfca62e04845ce62f2',
    );
    expect(encApRep.ctime).toBe(authenticator.ctime);
  });

  it("the initiator's RFC 4121 MIC verifies with the acceptor subkey, usage 25", () => {
    const { token, plaintext } = pm[0];
    expect(toHex(token.subarray(0, 3))).toBe('040404'); // MIC, AcceptorSubkey
    const header = token.subarray(0, 16);
    const input = new Uint8Array([...plaintext, ...header]);
    expect(toHex(checksum(acceptorSubkey, 25, input))).toBe(toHex(token.subarray(16)));
  });

  it("the acceptor's sealed Wrap token decrypts with usage 22 to message ‖ header", () => {
    const { token, plaintext } = pm[1];
    expect(toHex(token.subarray(0, 8))).toBe('050407ff00000000'); // Sealed, EC 0, RRC 0
    const result = decrypt(acceptorSubkey, 22, token.subarray(16));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.plaintext.subarray(0, plaintext.length)).toEqual(plaintext);
      expect(result.plaintext.subarray(plaintext.length)).toEqual(token.subarray(0, 16));
    }
  });
});
