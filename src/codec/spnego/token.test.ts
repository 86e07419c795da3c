import { describe, expect, it } from 'vitest';
import { decodeToken } from '../token';
import { findNode, type Node } from '../tree';
import { realTokens } from '../../testing/fixtures';
import { fromHex, toHex } from '../../bytes';
import {
  encodeNegTokenInit,
  encodeNegTokenInit2,
  encodeNegTokenResp,
  readSpnegoToken,
  type SpnegoToken,
} from './token';

const message = (root: Node) =>
  findNode(root, 'NegTokenResp') ??
  findNode(root, 'NegTokenInit2') ??
  findNode(root, 'NegTokenInit');

/**
 * The typed reader and the inspector's tree come from the same schemas: on every real SPNEGO
 * token they must agree field by field, and the typed value must encode back to the same bytes.
 */
const spnegoTokens = realTokens().filter(
  (t) => !t.perMessage && message(decodeToken(t.bytes).root) !== undefined,
);

const field = (node: Node, name: string) => node.children?.find((c) => c.name === name);
const contentHex = (bytes: Uint8Array, node: Node | undefined) =>
  node && toHex(bytes, node.offset + (node.headerLength ?? 0), node.offset + node.length);

function encode(token: SpnegoToken): Uint8Array {
  if (token.kind === 'NegTokenResp') {
    const { kind: _kind, ...value } = token;
    return encodeNegTokenResp(value);
  }
  if (token.kind === 'NegTokenInit2') {
    const { kind: _kind, mechTypesDer: _der, ...value } = token;
    return encodeNegTokenInit2(value);
  }
  const { kind: _kind, mechTypesDer: _der, ...value } = token;
  return encodeNegTokenInit(value);
}

describe('readSpnegoToken on real MIT krb5 / gss-ntlmssp / Samba tokens', () => {
  it('has tokens to read', () => expect(spnegoTokens.length).toBeGreaterThan(40));

  for (const t of spnegoTokens) {
    it(`${t.scenario}/${t.name}: agrees with the tree and re-encodes to the same bytes`, () => {
      const read = readSpnegoToken(t.bytes);
      if (!read.ok) throw new Error(read.error.message);
      const token = read.value;
      const node = message(decodeToken(t.bytes).root)!;
      expect(token.kind).toBe(node.name);
      if (token.kind === 'NegTokenResp') {
        expect(token.negState).toBe(field(node, 'negState')?.label);
        expect(token.supportedMech).toBe(field(node, 'supportedMech')?.value);
        expect(token.responseToken && toHex(token.responseToken)).toBe(
          contentHex(t.bytes, field(node, 'responseToken')),
        );
      } else {
        const mechTypes = field(node, 'mechTypes');
        expect(token.mechTypes).toEqual(mechTypes?.children?.map((c) => c.value));
        expect(toHex(token.mechTypesDer)).toBe(
          toHex(t.bytes, mechTypes!.offset + 2, mechTypes!.offset + mechTypes!.length),
        );
        if (token.kind === 'NegTokenInit')
          expect(token.mechToken && toHex(token.mechToken)).toBe(
            contentHex(t.bytes, field(node, 'mechToken')),
          );
      }
      expect(token.mechListMIC && toHex(token.mechListMIC)).toBe(
        contentHex(t.bytes, field(node, 'mechListMIC')),
      );
      expect(toHex(encode(token))).toBe(toHex(t.bytes));
    });
  }
});

describe('readSpnegoToken on bad input', () => {
  const resp = fromHex('a1143012a0030a0101a10b06092a864886f712010202');

  it('reports a truncation at its offset instead of throwing', () => {
    for (let cut = 0; cut < resp.length; cut++) {
      const read = readSpnegoToken(resp.subarray(0, cut));
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.error.offset).toBeLessThanOrEqual(cut);
        // A failure the reader foresaw, not its catch-all for an exception (asDecodeError).
        expect(read.error.message).not.toMatch(/internal decoder error/);
      }
    }
  });

  it('refuses a negState the RFC does not define, naming it', () => {
    const bad = resp.slice();
    bad[8] = 7;
    const read = readSpnegoToken(bad);
    expect(read).toMatchObject({ ok: false, error: { offset: 8 } });
    if (!read.ok) expect(read.error.message).toMatch(/negState 7 is not defined/);
  });

  it('refuses a framed token of another mechanism', () => {
    const krb = fromHex('600b06092a864886f71201020201');
    const read = readSpnegoToken(krb);
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.error.message).not.toMatch(/internal decoder error/);
  });
});
