import { describe, expect, it } from 'vitest';
import { decodeElement } from '../../codec/asn1/decode';
import { createContext } from '../../codec/context';
import { Authenticator, EncAPRepPart, EncTicketPart } from '../../codec/kerberos';
import type { Schema } from '../../codec/asn1/schema';
import { decodeToken } from '../../codec/token';
import { findAll, findNode } from '../../codec/tree';
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

function cipherOf(token: Uint8Array, index: number): Uint8Array {
  const { root, errors } = decodeToken(token);
  expect(errors).toEqual([]);
  return fromHex(String(findAll(root, 'cipher')[index].value));
}

function open(key: Uint8Array, usage: number, cipher: Uint8Array, schema: Schema) {
  const result = decrypt(key, usage, cipher);
  if (!result.ok) throw new Error(result.message);
  const ctx = createContext(result.plaintext);
  const node = decodeElement(ctx, null, schema, 0, result.plaintext.length);
  expect(ctx.errors).toEqual([]);
  return node;
}

const keyvalue = (node: ReturnType<typeof open>) => String(findNode(node, 'keyvalue')!.value);

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

  const ticket = open(serviceKey, 2, cipherOf(apReq, 0), EncTicketPart);
  const sessionKey = fromHex(keyvalue(ticket));
  const authenticator = open(sessionKey, 11, cipherOf(apReq, 1), Authenticator);
  const encApRep = open(sessionKey, 12, cipherOf(apRep, 0), EncAPRepPart);
  const acceptorSubkey = fromHex(keyvalue(encApRep));

  it('the ticket decrypts with the key made from the service password', () => {
    expect(toHex(sessionKey)).toBe(
      '40e7a8407bf0a978e7cef7019b6c5c6f42435f71a5e6b4bc7b5497ef813c409f',
    );
    expect(findNode(ticket, 'cname')!.label).toBe('alice');
  });

  it('the authenticator and AP-REP decrypt with the session key', () => {
    expect(keyvalue(authenticator)).toBe(
      'fc602ee34501bcaf31c21906fcb1ef008c08363df7af9ffbe05be6eeacc03fbd',
    );
    expect(findNode(authenticator, 'seq-number')!.value).toBe(932325220);
    expect(toHex(acceptorSubkey)).toBe(
      '8ce4a0db0ac3295f98a669681251adc2156211c5bd530dbfca62e04845ce62f2',
    );
    expect(findNode(encApRep, 'ctime')!.value).toBe(findNode(authenticator, 'ctime')!.value);
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
