import { describe, expect, it } from 'vitest';
import { realTokens } from '../../testing/fixtures';
import { decodeElement } from '../asn1/decode';
import { toDer } from '../asn1/encode';
import { contain, createContext, MAX_DEPTH } from '../context';
import { OID } from '../../data/oids';
import { findNode, walk, type Node } from '../tree';
import {
  AuthorizationData,
  decodeKerberosFramedBody,
  decodeKerberosMessage,
  decodePerMessageToken,
  KRB_ERROR,
  METHOD_DATA,
} from './index';
import { treeViolations } from '../../testing/kerberos';
import { fromHex } from '../../bytes';

/** Hostile input never escapes as an exception: failures are DecodeErrors the caller contains. */

const [apReqToken] = realTokens('raw-krb5-01-mutual');
const FULL = apReqToken.bytes; // 60 82 02 cd, OID, 01 00, AP-REQ from offset 17
const BODY = 15;

function framed(bytes: Uint8Array, end = bytes.length) {
  const ctx = createContext(bytes);
  const root: Node = { name: 'InitialContextToken', offset: 0, length: end, children: [] };
  expect(() =>
    contain(ctx, root, () => decodeKerberosFramedBody(ctx, root, BODY, end, OID.krb5)),
  ).not.toThrow();
  expectNoInternalError(ctx);
  return { ctx, root };
}

function raw(bytes: Uint8Array) {
  const ctx = createContext(bytes);
  const root: Node = { name: 'token', offset: 0, length: bytes.length, children: [] };
  expect(() =>
    contain(ctx, root, () => decodeKerberosMessage(ctx, root, 0, bytes.length)),
  ).not.toThrow();
  expectNoInternalError(ctx);
  return { ctx, root };
}

/** Failures the decoder foresaw only, never its catch-all for an exception (asDecodeError). */
function expectNoInternalError(ctx: { errors: { message: string }[] }): void {
  expect(ctx.errors.filter((e) => e.message.includes('internal decoder error'))).toEqual([]);
}

function nodesWithErrors(root: Node): Node[] {
  const found: Node[] = [];
  walk(root, (n) => {
    if (n.error) found.push(n);
  });
  return found;
}

describe('truncation', () => {
  it('the real AP-REQ cut at every length fails at a byte inside what is left', () => {
    expect(framed(FULL).ctx.errors).toEqual([]);
    for (let end = BODY; end < FULL.length; end++) {
      const bytes = FULL.slice(0, end);
      const { ctx, root } = framed(bytes);
      expect(ctx.errors.length, `cut at ${end}`).toBe(1);
      const [error] = ctx.errors;
      expect(error.offset, `cut at ${end}`).toBeGreaterThanOrEqual(BODY);
      expect(error.offset, `cut at ${end}`).toBeLessThanOrEqual(end);
      expect(error.message).toMatch(/at offset \d+$/);
      expect(nodesWithErrors(root).length).toBe(1);
      expect(treeViolations(root, end)).toEqual([]);
    }
  });

  it('the raw (DCE style) AP-REQ cut at every length', () => {
    const message = FULL.slice(17);
    for (let end = 0; end < message.length; end++) {
      const { ctx, root } = raw(message.slice(0, end));
      expect(ctx.errors.length, `cut at ${end}`).toBe(1);
      expect(ctx.errors[0].offset).toBeLessThanOrEqual(end);
      expect(treeViolations(root, end)).toEqual([]);
    }
  });

  it('the caller-given end inside the token is honoured, not the buffer end', () => {
    const { ctx } = framed(FULL, 400);
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0].offset).toBeLessThanOrEqual(400);
  });

  it('per-message tokens shorter than their 16-byte header', () => {
    const mic = fromHex('040404ffffffffff0000000000000001' + '00'.repeat(12));
    for (let end = 0; end < 16; end++) {
      const ctx = createContext(mic.slice(0, end));
      const root: Node = { name: 'token', offset: 0, length: end, children: [] };
      contain(ctx, root, () => decodePerMessageToken(ctx, root, 0, end));
      expect(ctx.errors, `cut at ${end}`).toHaveLength(1);
      expectNoInternalError(ctx);
      expect(ctx.errors[0].offset).toBeLessThanOrEqual(end);
    }
  });

  it('an RFC 1964 Wrap token cut inside its header', () => {
    const wrap = fromHex('6000000201' + '1100' + '1000' + 'ffff' + '11'.repeat(8) + '22'.repeat(8));
    const ctx = createContext(wrap);
    const root: Node = {
      name: 'InitialContextToken',
      offset: 0,
      length: wrap.length,
      children: [],
    };
    contain(ctx, root, () => decodeKerberosFramedBody(ctx, root, 3, wrap.length, OID.krb5));
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0].message).toMatch(/Confounder/);
    expect(ctx.errors[0].offset).toBe(wrap.length);
  });
});

describe('corrupted lengths', () => {
  const realm = findNode(framed(FULL).root, 'realm')!; // a1 0e 1b 0c "EXAMPLE.TEST"
  const stringAt = realm.offset + 2;

  it('a string claiming one byte more than its explicit tag holds', () => {
    const bytes = Uint8Array.from(FULL);
    bytes[stringAt + 1] = 0x0d;
    const { ctx, root } = framed(bytes);
    expect(ctx.errors).toHaveLength(1);
    // Reported where the string runs out: the end of its [1] tag.
    expect(ctx.errors[0].offset).toBe(realm.offset + realm.length);
    expect(ctx.errors[0].message).toMatch(/claims 13 content bytes but only 12 remain/);
    expect(findNode(root, 'realm')!.error).toBe(ctx.errors[0].message);
  });

  it('a string claiming one byte less leaves a byte the tag does not explain', () => {
    const bytes = Uint8Array.from(FULL);
    bytes[stringAt + 1] = 0x0b;
    const { ctx } = framed(bytes);
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0].offset).toBe(stringAt + 2 + 11);
    expect(ctx.errors[0].message).toMatch(/1 unexpected bytes after the realm element/);
  });

  it('the AP-REQ claiming more than the GSS token holds', () => {
    const bytes = Uint8Array.from(FULL);
    bytes[20] += 1; // 6e 82 02 bc → 02 bd
    const { ctx, root } = framed(bytes);
    expect(ctx.errors).toHaveLength(1);
    expect(ctx.errors[0].offset).toBe(FULL.length);
    expect(ctx.errors[0].message).toMatch(/claims 701 content bytes but only 700 remain/);
    // The partial tree still shows everything that was there.
    expect(findNode(root, 'AP-REQ')!.error).toBe(ctx.errors[0].message);
    expect(findNode(root, 'authenticator')).toBeDefined();
  });

  it('every single-byte corruption of the AP-REQ is contained', () => {
    for (let i = BODY; i < FULL.length; i++) {
      for (const replace of [0x00, 0x80, 0xff, FULL[i] ^ 0x01]) {
        const bytes = Uint8Array.from(FULL);
        bytes[i] = replace;
        const { ctx, root } = framed(bytes);
        expect(treeViolations(root, bytes.length), `byte ${i} = ${replace}`).toEqual([]);
        for (const e of ctx.errors) expect(e.offset).toBeLessThanOrEqual(bytes.length);
      }
    }
  });
});

describe('e-data that is none of the known structures', () => {
  const base = {
    pvno: 5,
    'msg-type': 30,
    stime: '2026-11-26T08:27:31Z',
    susec: 0,
    'error-code': 60,
    realm: 'EXAMPLE.TEST',
    sname: { 'name-type': 2, 'name-string': ['krbtgt', 'EXAMPLE.TEST'] },
  };

  for (const [what, hex] of [
    ['text', '6b72623564617461'],
    ['a truncated SEQUENCE', '3005a10302'],
    ['a SEQUENCE with a wrong tag inside', '3005a503020101'],
    ['a PA-DATA whose value is missing', '3005a103020113'],
  ]) {
    it(`${what} stays hex and is not an error`, () => {
      const { ctx, root } = raw(toDer(KRB_ERROR, { ...base, 'e-data': fromHex(hex) }));
      expect(ctx.errors).toEqual([]);
      expect(findNode(root, 'e-data')!.value).toBe(hex);
      expect(findNode(root, 'e-data')!.children).toBeUndefined();
    });
  }

  it('a known padata-type whose value does not parse stays hex', () => {
    const eData = toDer(METHOD_DATA, [{ 'padata-type': 19, 'padata-value': fromHex('020105') }]);
    const { ctx, root } = raw(toDer(KRB_ERROR, { ...base, 'e-data': eData }));
    expect(ctx.errors).toEqual([]);
    expect(findNode(root, 'padata-type')!.label).toBe('PA-ETYPE-INFO2');
    expect(findNode(root, 'padata-value')!.value).toBe('020105');
    expect(findNode(root, 'padata-value')!.children).toBeUndefined();
  });
});

describe('nesting', () => {
  it('AD-IF-RELEVANT nested far beyond the depth limit is opened only down to the limit', () => {
    let value: unknown = [{ 'ad-type': 128, 'ad-data': fromHex('00') }];
    const levels = MAX_DEPTH * 2;
    for (let i = 0; i < levels; i++)
      value = [{ 'ad-type': 1, 'ad-data': toDer(AuthorizationData, value) }];
    const bytes = toDer(AuthorizationData, value);
    const ctx = createContext(bytes);
    const holder: Node = {
      name: 'authorization-data',
      offset: 0,
      length: bytes.length,
      children: [],
    };
    expect(() =>
      contain(ctx, holder, () => decodeElement(ctx, holder, AuthorizationData, 0, bytes.length)),
    ).not.toThrow();
    expect(ctx.errors).toEqual([]);
    expect(treeViolations(holder, bytes.length)).toEqual([]);
    let opened = 0;
    walk(holder, (n) => {
      if (n.name === 'AuthorizationData') opened++;
    });
    expect(opened).toBeGreaterThan(5);
    expect(opened).toBeLessThan(levels);
  });
});
