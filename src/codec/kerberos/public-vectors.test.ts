import { describe, expect, it } from 'vitest';
import { publicVectors, type PublicVector } from '../../testing/fixtures';
import { findNode, type Node } from '../tree';
import {
  decodeKerberosParts,
  findKerberos,
  nodesWithoutSpec,
  treeViolations,
} from '../../testing/kerberos';
import { toHex } from '../../bytes';

/* eslint-disable @typescript-eslint/no-explicit-any -- SOURCES.json `expected` is free-form JSON */

const VECTORS = new Map(publicVectors().map((v) => [v.file, v]));

function vector(file: string): PublicVector {
  const v = VECTORS.get(file);
  if (!v) throw new Error(`no public vector ${file}`);
  return v;
}

/** Decodes a vector's Kerberos parts, which must decode without errors. */
function decode(file: string): { root: Node; expected: any } {
  const v = vector(file);
  // pyspnego stores KDC messages as bare SEQUENCEs; those are decoded as messages directly.
  const parts =
    v.bytes[0] === 0x30 ? [{ kind: 'message' as const, start: 0, end: v.bytes.length }] : undefined;
  const { ctx, root } = decodeKerberosParts(v.bytes, parts);
  expect(ctx.errors).toEqual([]);
  return { root, expected: v.expected ?? {} };
}

/** `first` as a direct child, else the first such node depth-first; then direct children. */
function at(root: Node, first: string, ...rest: string[]): Node {
  let node = root.children?.find((c) => c.name === first) ?? findNode(root, first);
  for (const name of rest) node = node?.children?.find((c) => c.name === name);
  if (!node) throw new Error(`no ${[first, ...rest].join('/')}`);
  return node;
}

function has(node: Node, name: string): boolean {
  return node.children?.some((c) => c.name === name) ?? false;
}

const strings = (node: Node) => node.children?.map((c) => c.value) ?? [];
const ascii = (text: string) => toHex(new TextEncoder().encode(text));
/** `2020-06-13T21:04:23+00:00` or `19940610060317Z` → our ISO form. */
function iso(time: string): string {
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(time);
  if (compact)
    return `${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}Z`;
  return time.replace('+00:00', 'Z');
}
/** `AES256_CTS_HMAC_SHA1_96 (18)` / `KRB_AP_REQ (14)` / `0x3C (60, …)` → 18 / 14 / 60. */
const code = (text: string | number) =>
  typeof text === 'number' ? text : Number(/\((\d+)/.exec(text)![1]);

describe('pyspnego Kerberos vectors (SOURCES.json expected)', () => {
  it('GSS-framed AP-REQ', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/initial_context_token_krb_ap_req.bin');
    expect(
      findKerberos(vector('jborean93-pyspnego/initial_context_token_krb_ap_req.bin').bytes)[0].mech,
    ).toBe(e.thisMech);
    expect(at(root, 'TOK_ID').value).toBe('0100');
    const ap = at(root, 'AP-REQ');
    expect(at(ap, 'pvno').value).toBe(e.pvno);
    expect(at(ap, 'msg-type').value).toBe(code(e['msg-type']));
    expect(at(ap, 'msg-type').label).toBe('KRB_AP_REQ');
    expect(at(ap, 'ap-options').label).toBe('mutual-required');
    expect(at(ap, 'ap-options').value).toBe('20000000');
    const ticket = at(ap, 'ticket');
    expect(at(ticket, 'tkt-vno').value).toBe(e.ticket['tkt-vno']);
    expect(at(ticket, 'realm').value).toBe(e.ticket.realm);
    expect(at(ticket, 'sname', 'name-type').value).toBe(code(e.ticket.sname['name-type']));
    expect(at(ticket, 'sname', 'name-type').label).toBe('NT-SRV-HST');
    expect(strings(at(ticket, 'sname', 'name-string'))).toEqual(e.ticket.sname['name-string']);
    expect(at(ticket, 'enc-part', 'etype').value).toBe(code(e.ticket['enc-part'].etype));
    expect(at(ticket, 'enc-part', 'etype').label).toBe('aes256-cts-hmac-sha1-96');
    expect(at(ticket, 'enc-part', 'kvno').value).toBe(e.ticket['enc-part'].kvno);
    const auth = at(ap, 'authenticator');
    expect(at(auth, 'etype').value).toBe(code(e.authenticator.etype));
    expect(has(auth, 'kvno')).toBe(false);
  });

  it('GSS-framed AP-REP', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/initial_context_token_krb_ap_rep.bin');
    expect(at(root, 'TOK_ID').value).toBe('0200');
    expect(at(root, 'AP-REP', 'pvno').value).toBe(e.pvno);
    expect(at(root, 'AP-REP', 'msg-type').value).toBe(code(e['msg-type']));
    expect(at(root, 'AP-REP', 'enc-part', 'etype').value).toBe(code(e['enc-part'].etype));
    expect(has(at(root, 'AP-REP', 'enc-part'), 'kvno')).toBe(false);
  });

  it('KRB-ERROR stored without its APPLICATION tag, e-data as METHOD-DATA', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/krb_error.bin');
    const err = at(root, 'KRB-ERROR');
    expect(err.warnings?.join()).toMatch(/without its \[APPLICATION\] tag/);
    expect(at(err, 'pvno').value).toBe(e.pvno);
    expect(at(err, 'msg-type').value).toBe(code(e['msg-type']));
    for (const absent of ['ctime', 'cusec', 'crealm', 'cname', 'e-text'])
      expect(has(err, absent)).toBe(false);
    expect(at(err, 'stime').value).toBe(iso(e.stime));
    expect(at(err, 'susec').value).toBe(e.susec);
    expect(at(err, 'error-code').value).toBe(code(e['error-code']));
    expect(at(err, 'error-code').label).toBe('KDC_ERR_PREAUTH_REQUIRED');
    expect(at(err, 'realm').value).toBe(e.realm);
    expect(at(err, 'sname', 'name-type').value).toBe(code(e.sname['name-type']));
    expect(strings(at(err, 'sname', 'name-string'))).toEqual(e.sname['name-string']);
    const methods = at(err, 'e-data', 'METHOD-DATA');
    const types = methods.children!.map((pa) => at(pa, 'padata-type').label);
    expect(types).toEqual([
      'PA-ETYPE-INFO2',
      'PA-ENC-TIMESTAMP',
      'PA-PK-AS-REQ',
      'PA-PK-AS-REP_OLD',
    ]);
    const info = at(methods, 'ETYPE-INFO2');
    expect(info.children!.map((x) => at(x, 'etype').value)).toEqual([18, 23]);
    expect(at(info, 'ETYPE-INFO2-ENTRY', 'salt').value).toBe('DOMAIN.LOCALvagrant-domain');
  });

  it('AS-REQ with PA-ENC-TIMESTAMP and PA-REQ-ENC-PA-REP', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/krb_as_req.bin');
    const req = at(root, 'AS-REQ');
    expect(at(req, 'pvno').value).toBe(e.pvno);
    expect(at(req, 'msg-type').value).toBe(code(e['msg-type']));
    const padata = at(req, 'padata').children!;
    expect(padata.map((p) => at(p, 'padata-type').value)).toEqual(e.padata.map(code));
    expect(at(padata[0], 'PA-ENC-TIMESTAMP', 'etype').value).toBe(18);
    expect(at(padata[1], 'padata-value').value).toBe('');
    const body = at(req, 'req-body');
    expect(parseInt(String(at(body, 'kdc-options').value), 16)).toBe(e['kdc-options'].raw);
    expect(at(body, 'kdc-options').label).toBe(e['kdc-options'].flags.join(', '));
    expect(at(body, 'cname', 'name-type').value).toBe(code(e.cname['name-type']));
    expect(strings(at(body, 'cname', 'name-string'))).toEqual(e.cname['name-string']);
    expect(at(body, 'realm').value).toBe(e.realm);
    expect(strings(at(body, 'sname', 'name-string'))).toEqual(e.sname['name-string']);
    expect(at(body, 'till').value).toBe(iso(e.till));
    expect(at(body, 'nonce').value).toBe(e.nonce);
    expect(strings(at(body, 'etype'))).toEqual(e.etype);
  });

  it('AS-REP with PA-ETYPE-INFO2', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/krb_as_rep.bin');
    const rep = at(root, 'AS-REP');
    const entry = at(rep, 'ETYPE-INFO2-ENTRY');
    expect(at(entry, 'etype').value).toBe(e.padata[0].etype);
    expect(ascii(String(at(entry, 'salt').value))).toBe(e.padata[0].salt_hex.toLowerCase());
    expect(at(rep, 'crealm').value).toBe(e.crealm);
    expect(strings(at(rep, 'cname', 'name-string'))).toEqual(e.cname['name-string']);
    expect(at(rep, 'ticket', 'realm').value).toBe(e.ticket.realm);
    expect(strings(at(rep, 'ticket', 'sname', 'name-string'))).toEqual(e.ticket.sname);
    expect(at(rep, 'ticket', 'enc-part', 'etype').value).toBe(e.ticket['enc-part'].etype);
    expect(at(rep, 'ticket', 'enc-part', 'kvno').value).toBe(e.ticket['enc-part'].kvno);
    expect(at(rep, 'enc-part', 'etype').value).toBe(e['enc-part'].etype);
    expect(at(rep, 'enc-part', 'kvno').value).toBe(e['enc-part'].kvno);
  });

  it('TGS-REQ whose PA-TGS-REQ carries an AP-REQ', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/krb_tgs_req.bin');
    const req = at(root, 'TGS-REQ');
    const pa = e['padata[0]'];
    expect(at(req, 'PA-DATA', 'padata-type').value).toBe(code(pa['padata-type']));
    const ap = at(req, 'PA-DATA', 'padata-value', 'AP-REQ');
    expect(parseInt(String(at(ap, 'ap-options').value), 16)).toBe(pa['ap-req']['ap-options']);
    expect(at(ap, 'ticket', 'realm').value).toBe(pa['ap-req'].ticket.realm);
    expect(strings(at(ap, 'ticket', 'sname', 'name-string'))).toEqual(pa['ap-req'].ticket.sname);
    expect(at(ap, 'ticket', 'enc-part', 'etype').value).toBe(pa['ap-req'].ticket.etype);
    expect(at(ap, 'ticket', 'enc-part', 'kvno').value).toBe(pa['ap-req'].ticket.kvno);
    expect(at(ap, 'authenticator', 'etype').value).toBe(pa['ap-req'].authenticator.etype);
    expect(has(at(ap, 'authenticator'), 'kvno')).toBe(false);
    const body = at(req, 'req-body');
    expect(parseInt(String(at(body, 'kdc-options').value), 16)).toBe(e['kdc-options'].raw);
    expect(at(body, 'kdc-options').label).toBe(e['kdc-options'].flags.join(', '));
    expect(at(body, 'realm').value).toBe(e.realm);
    expect(at(body, 'sname', 'name-type').label).toBe('NT-SRV-HST');
    expect(strings(at(body, 'sname', 'name-string'))).toEqual(e.sname['name-string']);
    expect(at(body, 'till').value).toBe(iso(e.till));
    expect(at(body, 'nonce').value).toBe(e.nonce);
    expect(strings(at(body, 'etype'))).toEqual(e.etype);
  });

  it('TGS-REP', () => {
    const { root, expected: e } = decode('jborean93-pyspnego/krb_tgs_rep.bin');
    const rep = at(root, 'TGS-REP');
    expect(has(rep, 'padata')).toBe(false);
    expect(at(rep, 'crealm').value).toBe(e.crealm);
    expect(strings(at(rep, 'cname', 'name-string'))).toEqual(e.cname);
    expect(at(rep, 'ticket', 'realm').value).toBe(e.ticket.realm);
    expect(at(rep, 'ticket', 'sname', 'name-type').value).toBe(code(e.ticket.sname['name-type']));
    expect(strings(at(rep, 'ticket', 'sname', 'name-string'))).toEqual(
      e.ticket.sname['name-string'],
    );
    expect(at(rep, 'ticket', 'enc-part', 'kvno').value).toBe(e.ticket.kvno);
    expect(at(rep, 'enc-part', 'etype').value).toBe(e['enc-part'].etype);
    expect(has(at(rep, 'enc-part'), 'kvno')).toBe(false);
  });
});

describe('MIT krb5 reference encodings (gokrb5, go-gssapi)', () => {
  const message = ascii('krbASN.1 test message');

  it('AP-REQ', () => {
    const { root, expected: e } = decode('jcmturner-gokrb5/mit_ref_ap_req.hex');
    const ap = at(root, 'AP-REQ');
    expect(at(ap, 'pvno').value).toBe(e.pvno);
    expect(at(ap, 'msg-type').value).toBe(e['msg-type']);
    expect(at(ap, 'ap-options').value).toBe(e['ap-options']);
    expect(at(ap, 'ticket', 'tkt-vno').value).toBe(e.ticket['tkt-vno']);
    expect(at(ap, 'ticket', 'realm').value).toBe(e.ticket.realm);
    expect(at(ap, 'ticket', 'sname', 'name-type').value).toBe(e.ticket.sname['name-type']);
    expect(strings(at(ap, 'ticket', 'sname', 'name-string'))).toEqual(
      e.ticket.sname['name-string'],
    );
    for (const enc of [at(ap, 'ticket', 'enc-part'), at(ap, 'authenticator')]) {
      expect(at(enc, 'etype').value).toBe(0);
      expect(at(enc, 'kvno').value).toBe(5);
      expect(at(enc, 'cipher').value).toBe(message);
    }
  });

  it('AP-REP', () => {
    const { root, expected: e } = decode('jcmturner-gokrb5/mit_ref_ap_rep.hex');
    expect(at(root, 'AP-REP', 'msg-type').value).toBe(e['msg-type']);
    expect(at(root, 'AP-REP', 'enc-part', 'etype').value).toBe(e['enc-part'].etype);
    expect(at(root, 'AP-REP', 'enc-part', 'kvno').value).toBe(e['enc-part'].kvno);
    expect(at(root, 'AP-REP', 'enc-part', 'cipher').value).toBe(message);
  });

  it('KRB-ERROR with every optional field; unparseable e-data stays hex', () => {
    const { root, expected: e } = decode('jcmturner-gokrb5/mit_ref_krb_error.hex');
    const err = at(root, 'KRB-ERROR');
    expect(at(err, 'ctime').value).toBe(iso(e.ctime));
    expect(at(err, 'cusec').value).toBe(e.cusec);
    expect(at(err, 'stime').value).toBe(iso(e.stime));
    expect(at(err, 'susec').value).toBe(e.susec);
    expect(at(err, 'error-code').value).toBe(code(e['error-code']));
    expect(at(err, 'error-code').label).toBe('KRB_ERR_GENERIC');
    expect(err.label).toBe('KRB_ERR_GENERIC');
    expect(at(err, 'crealm').value).toBe(e.crealm);
    expect(strings(at(err, 'cname', 'name-string'))).toEqual(e.cname);
    expect(at(err, 'realm').value).toBe(e.realm);
    expect(strings(at(err, 'sname', 'name-string'))).toEqual(e.sname);
    expect(at(err, 'e-text').value).toBe(e['e-text']);
    expect(at(err, 'e-data').value).toBe(ascii(e['e-data']));
    expect(at(err, 'e-data').children).toBeUndefined();
  });

  it('KRB-ERROR with the optional fields absent', () => {
    const { root, expected: e } = decode('jcmturner-gokrb5/mit_ref_krb_error_optionals_null.hex');
    const err = at(root, 'KRB-ERROR');
    for (const absent of ['ctime', 'crealm', 'cname', 'e-text', 'e-data'])
      expect(has(err, absent)).toBe(false);
    expect(at(err, 'cusec').value).toBe(e.cusec);
    expect(at(err, 'stime').value).toBe(iso(e.stime));
    expect(at(err, 'error-code').value).toBe(e['error-code']);
    expect(at(err, 'realm').value).toBe(e.realm);
    expect(strings(at(err, 'sname', 'name-string'))).toEqual(e.sname);
  });

  it('AS-REQ and TGS-REP', () => {
    const asReq = decode('jcmturner-gokrb5/mit_ref_as_req.hex');
    expect(at(asReq.root, 'AS-REQ', 'pvno').value).toBe(asReq.expected.pvno);
    expect(at(asReq.root, 'AS-REQ', 'msg-type').value).toBe(asReq.expected['msg-type']);
    expect(at(asReq.root, 'AS-REQ', 'req-body', 'addresses', 'HostAddress', 'address').label).toBe(
      '18.208.0.35',
    );
    const tgsRep = decode('jcmturner-gokrb5/mit_ref_tgs_rep.hex');
    expect(at(tgsRep.root, 'TGS-REP', 'pvno').value).toBe(tgsRep.expected.pvno);
    expect(at(tgsRep.root, 'TGS-REP', 'msg-type').value).toBe(tgsRep.expected['msg-type']);
  });

  it('the same messages GSS-framed (go-gssapi)', () => {
    const req = decode('golang-auth-go-gssapi/gss_krb5_ap_req_mit_ref.hex');
    expect(
      findKerberos(vector('golang-auth-go-gssapi/gss_krb5_ap_req_mit_ref.hex').bytes)[0].mech,
    ).toBe(req.expected.oid);
    expect(at(req.root, 'TOK_ID').value).toBe(req.expected.tokID);
    expect(at(req.root, 'AP-REQ', 'msg-type').value).toBe(code(req.expected['msg-type']));
    expect(at(req.root, 'AP-REQ', 'authenticator', 'etype').value).toBe(
      req.expected['authenticator.etype'],
    );
    expect(at(req.root, 'AP-REQ', 'authenticator', 'kvno').value).toBe(
      req.expected['authenticator.kvno'],
    );
    expect(at(req.root, 'AP-REQ', 'authenticator', 'cipher').value).toBe(
      ascii(req.expected['authenticator.cipher']),
    );

    const rep = decode('golang-auth-go-gssapi/gss_krb5_ap_rep_mit_ref.hex');
    expect(at(rep.root, 'TOK_ID').value).toBe(rep.expected.tokID);
    expect(at(rep.root, 'TOK_ID').label).toBe('KRB_AP_REP');
    expect(at(rep.root, 'AP-REP', 'enc-part', 'etype').value).toBe(rep.expected['enc-part.etype']);
    expect(at(rep.root, 'AP-REP', 'enc-part', 'kvno').value).toBe(rep.expected['enc-part.kvno']);

    const err = decode('golang-auth-go-gssapi/gss_krb5_krb_error_mit_ref.hex');
    expect(at(err.root, 'TOK_ID').value).toBe(err.expected.tokID);
    expect(at(err.root, 'KRB-ERROR', 'error-code').value).toBe(code(err.expected['error-code']));
    expect(at(err.root, 'KRB-ERROR', 'realm').value).toBe(err.expected.realm);
    expect(at(err.root, 'KRB-ERROR', 'e-text').value).toBe(err.expected['e-text']);
  });

  it('gokrb5 GSS AP-REQ from an MIT KDC', () => {
    const { root, expected: e } = decode('jcmturner-gokrb5/krb5_token_ap_req.hex');
    expect(at(root, 'TOK_ID').value).toBe(e.tokID);
    expect(at(root, 'AP-REQ', 'msg-type').value).toBe(code(e['msg-type']));
    expect(at(root, 'AP-REQ', 'authenticator', 'etype').value).toBe(e['authenticator.etype']);
    // The source's description: realm TEST.GOKRB5, sname HTTP/host…
    expect(at(root, 'AP-REQ', 'ticket', 'realm').value).toBe('TEST.GOKRB5');
    expect(strings(at(root, 'AP-REQ', 'ticket', 'sname', 'name-string'))[0]).toBe('HTTP');
  });
});

describe('picky-rs vectors', () => {
  it('user-to-user TGT-REP under the U2U OID with TOK_ID 04 01', () => {
    const file = 'Devolutions-picky-rs/gss_krb5_u2u_tgt_rep.hex';
    const { root, expected: e } = decode(file);
    expect(findKerberos(vector(file).bytes)[0].mech).toBe(e.krb5_oid);
    expect(at(root, 'TOK_ID').value).toBe(e.krb5_token_id);
    const rep = at(root, 'KERB-TGT-REPLY');
    expect(rep.warnings).toBeUndefined();
    expect(at(rep, 'pvno').value).toBe(e.pvno);
    expect(at(rep, 'msg-type').value).toBe(e['msg-type']);
    const ticket = at(rep, 'ticket');
    expect(at(ticket, 'tkt-vno').value).toBe(e.ticket['tkt-vno']);
    expect(at(ticket, 'realm').value).toBe(e.ticket.realm);
    expect(at(ticket, 'sname', 'name-type').value).toBe(e.ticket.sname['name-type']);
    expect(strings(at(ticket, 'sname', 'name-string'))).toEqual(e.ticket.sname['name-string']);
    expect(at(ticket, 'enc-part', 'etype').value).toBe(e.ticket['enc-part'].etype);
    expect(at(ticket, 'enc-part', 'kvno').value).toBe(e.ticket['enc-part'].kvno);
    expect(String(at(ticket, 'enc-part', 'cipher').value).length / 2).toBe(
      e.ticket['enc-part'].cipher_len,
    );
  });

  it('RFC 4121 MIC token', () => {
    const { root, expected: e } = decode('Devolutions-picky-rs/rfc4121_mic_token.hex');
    const mic = at(root, 'MIC token');
    expect(at(mic, 'TOK_ID').value).toBe('0404');
    expect(at(mic, 'Flags').value).toBe(e.flags);
    expect(at(mic, 'Flags').label).toBe('SentByAcceptor, AcceptorSubkey');
    expect(at(mic, 'Filler').value).toBe(e.filler);
    expect(at(mic, 'SND_SEQ').value).toBe(e.seq_num);
    expect(at(mic, 'SGN_CKSUM').value).toBe(e.checksum_hex);
  });

  it('RFC 4121 Wrap token', () => {
    const { root, expected: e } = decode('Devolutions-picky-rs/rfc4121_wrap_token.hex');
    const wrap = at(root, 'Wrap token');
    expect(at(wrap, 'Flags').value).toBe(e.flags);
    expect(at(wrap, 'Flags').label).toBe('Sealed, AcceptorSubkey');
    expect(at(wrap, 'EC').value).toBe(e.ec);
    expect(at(wrap, 'RRC').value).toBe(e.rrc);
    expect(at(wrap, 'SND_SEQ').value).toBe(e.seq_num);
    expect(at(wrap, 'Data').length).toBe(92 - 16);
  });

  for (const [file, name] of [
    ['Devolutions-picky-rs/krb_error_inapp_cksum.hex', 'KRB_AP_ERR_INAPP_CKSUM'],
    ['Devolutions-picky-rs/krb_error_client_not_found.hex', 'KDC_ERR_C_PRINCIPAL_UNKNOWN'],
  ]) {
    it(`KRB-ERROR ${name}`, () => {
      const { root, expected: e } = decode(file);
      const err = at(root, 'KRB-ERROR');
      expect(at(err, 'pvno').value).toBe(e.pvno);
      expect(at(err, 'msg-type').value).toBe(e['msg-type']);
      for (const absent of ['ctime', 'cusec', 'e-data']) expect(has(err, absent)).toBe(false);
      expect(at(err, 'stime').value).toBe(iso(e.stime));
      expect(at(err, 'susec').value).toBe(code(e.susec.replace(/^0x[0-9a-f]+ /, '')));
      expect(at(err, 'error-code').value).toBe(e['error-code']);
      expect(at(err, 'error-code').label).toBe(name);
      expect(at(err, 'crealm').value).toBe(e.crealm);
      expect(at(err, 'cname', 'name-type').value).toBe(e.cname['name-type']);
      expect(strings(at(err, 'cname', 'name-string'))).toEqual(e.cname['name-string']);
      expect(at(err, 'realm').value).toBe(e.realm);
      expect(at(err, 'sname', 'name-type').value).toBe(e.sname['name-type']);
      expect(strings(at(err, 'sname', 'name-string'))).toEqual(e.sname['name-string']);
      expect(at(err, 'e-text').value).toBe(e['e-text']);
    });
  }
});

describe('zeek captures (values from zeek baseline logs)', () => {
  it('AS-REQ without cname or sname, answered by KRB_ERR_GENERIC', () => {
    const req = decode('zeek-zeek/krb_optional_service_name_f003_raw_as-req.hex');
    const body = at(req.root, 'AS-REQ', 'req-body');
    // kerberos.log client "/kerberos_realm_time.nasl": no cname, that realm.
    expect(has(body, 'cname')).toBe(false);
    expect(has(body, 'sname')).toBe(false);
    expect(at(body, 'realm').value).toBe(req.expected.client.slice(1));
    const err = decode('zeek-zeek/krb_optional_service_name_f004_raw_krb-error.hex');
    expect(at(err.root, 'KRB-ERROR', 'error-code').label).toBe(err.expected.error_msg);
    expect(at(err.root, 'KRB-ERROR', 'sname').label).toBe(err.expected.service);
  });

  it('TGS exchange', () => {
    const req = decode('zeek-zeek/krb_auth_f001_raw_tgs-req.hex');
    const body = at(req.root, 'TGS-REQ', 'req-body');
    expect(at(body, 'sname').label).toBe(req.expected.service);
    expect(String(at(body, 'kdc-options').label).split(', ')).toContain('forwardable');
    expect(String(at(body, 'kdc-options').label).split(', ')).not.toContain('renewable');
    expect(at(req.root, 'PA-DATA', 'padata-value', 'AP-REQ', 'ticket').label).toBe(
      'krbtgt/VLADG.NET@VLADG.NET',
    );
    const rep = decode('zeek-zeek/krb_auth_f002_raw_tgs-rep.hex');
    const tgsRep = at(rep.root, 'TGS-REP');
    expect(`${at(tgsRep, 'cname').label}/${at(tgsRep, 'crealm').value}`).toBe(rep.expected.client);
    expect(at(tgsRep, 'ticket', 'enc-part', 'etype').label).toBe(rep.expected.cipher);
  });

  for (const file of [
    'zeek-zeek/smb_gssapi_f006_spnego.hex',
    'zeek-zeek/kerberos445_auth_f008_spnego.hex',
    'zeek-zeek/kerberos135_auth_f004_spnego.hex',
  ]) {
    it(`AP-REQ inside SPNEGO: ${file}`, () => {
      const { root, expected: e } = decode(file);
      const ticket = at(root, 'AP-REQ', 'ticket');
      expect(at(ticket, 'sname').label).toBe(e.service);
      expect(at(ticket, 'realm').value).toBe(e.client.slice(1));
      expect(at(ticket, 'enc-part', 'etype').label).toBe(e.cipher);
    });
  }

  it('KRB5-U2U TGT-REQ sent as an optimistic SPNEGO mechToken', () => {
    const file = 'zeek-zeek/dce_rpc_ntlm_f001_spnego.hex';
    const { root } = decode(file);
    const [part] = findKerberos(vector(file).bytes);
    expect(part.mech).toBe('1.2.840.113554.1.2.2.3');
    expect(at(root, 'TOK_ID').value).toBe('0400');
    expect(at(root, 'TOK_ID').warnings).toBeUndefined();
    const req = at(root, 'KERB-TGT-REQUEST');
    expect(at(req, 'pvno').value).toBe(5);
    expect(at(req, 'msg-type').value).toBe(16);
    expect(at(req, 'server-name', 'name-type').label).toBe('NT-MS-PRINCIPAL');
    expect(strings(at(req, 'server-name', 'name-string'))).toEqual(['Administrator']);
    expect(at(req, 'realm').value).toBe('BLACKCLOVER');
  });

  it('RFC 1964 Wrap token from a Windows RC4-HMAC LDAP session', () => {
    const { root } = decode('zeek-zeek/ldap_krb5_sign_seal_f010_krb5.hex');
    const gss = at(root, 'InitialContextToken');
    expect(gss.children!.map((c) => c.name)).toEqual([
      'TOK_ID',
      'SGN_ALG',
      'SEAL_ALG',
      'Filler',
      'SND_SEQ',
      'SGN_CKSUM',
      'Confounder',
      'Data',
    ]);
    expect(at(gss, 'TOK_ID').value).toBe('0201');
    expect(at(gss, 'SGN_ALG').value).toBe('1100');
    expect(at(gss, 'SGN_ALG').label).toBe('HMAC MD5 (RC4-HMAC)');
    expect(at(gss, 'SEAL_ALG').value).toBe('1000');
    expect(at(gss, 'SEAL_ALG').label).toBe('RC4');
    expect(at(gss, 'SGN_CKSUM').length).toBe(8);
    const last = gss.children![gss.children!.length - 1];
    expect(last.offset + last.length).toBe(98);
  });
});

describe('every public vector with Kerberos inside', () => {
  const withKerberos = publicVectors().filter(
    (v) => !v.file.includes('/capture_') && findKerberos(v.bytes).length > 0,
  );

  it('finds the Kerberos vectors', () => {
    expect(withKerberos.length).toBeGreaterThanOrEqual(40);
  });

  for (const v of withKerberos) {
    it(`${v.file}: decodes cleanly, invariants hold, every node has a spec`, () => {
      const { ctx, root } = decodeKerberosParts(v.bytes);
      expect(ctx.errors).toEqual([]);
      expect(treeViolations(root, v.bytes.length)).toEqual([]);
      expect(nodesWithoutSpec(root)).toEqual([]);
    });
  }
});
