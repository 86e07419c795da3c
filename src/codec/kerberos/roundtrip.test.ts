import { describe, expect, it } from 'vitest';
import { publicVectors, realTokens } from '../../testing/fixtures';
import { toDer } from '../asn1/encode';
import type { Schema } from '../asn1/schema';
import { contain, createContext } from '../context';
import { findAll, findNode, type Node } from '../tree';
import {
  AP_REP,
  AP_REQ,
  AS_REP,
  AS_REQ,
  Authenticator,
  decodeKerberosMessage,
  EncAPRepPart,
  EncTicketPart,
  ETYPE_INFO2,
  KERBEROS_MESSAGE_TAGS,
  KRB_CRED,
  KRB_ERROR,
  METHOD_DATA,
  TGS_REP,
  TGS_REQ,
  Ticket,
} from './index';
import type { RefinedSchema } from './refine';
import { decodeKerberosParts, findKerberos, treeViolations } from '../../testing/kerberos';
import { concatBytes, fromHex, toHex } from '../../bytes';

/* eslint-disable @typescript-eslint/no-explicit-any -- decoded values and Wireshark JSON */

const KRB5_OID = '2a864886f712010202';

/** Minimal DER length octets (for the hand-built GSS header). */
function derLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** `60 LL 06 09 <krb5> TOK_ID message` (RFC 4121 §4.1). */
function frame(tokId: string, message: Uint8Array): Uint8Array {
  const inner = concatBytes(fromHex(`0609${KRB5_OID}${tokId}`), message);
  return concatBytes(Uint8Array.of(0x60), derLength(inner.length), inner);
}

function decodeMessage(bytes: Uint8Array) {
  const ctx = createContext(bytes);
  const root: Node = { name: 'token', offset: 0, length: bytes.length, children: [] };
  contain(ctx, root, () => decodeKerberosMessage(ctx, root, 0, bytes.length));
  expect(ctx.errors).toEqual([]);
  expect(treeViolations(root, bytes.length)).toEqual([]);
  return root.children![0];
}

function kid(node: Node, ...path: string[]): Node {
  let current: Node | undefined = node;
  for (const name of path) current = current?.children?.find((c) => c.name === name);
  if (!current) throw new Error(`no ${path.join('/')} under ${node.name}`);
  return current;
}

const pattern = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 73 + seed) & 0xff);

const sname = { 'name-type': 2, 'name-string': ['HTTP', 'server.example.test'] };

describe('building messages with toDer and decoding them back', () => {
  // Sizes as an aes256-cts-hmac-sha1-96 session produces them (kerberos.md §6: n + 28).
  const ticketCipher = pattern(350 + 28, 1);
  const authenticatorCipher = pattern(165 + 28, 2);

  it('AP-REQ, raw and GSS-framed', () => {
    const der = toDer(AP_REQ, {
      pvno: 5,
      'msg-type': 14,
      'ap-options': 0x20000000,
      ticket: {
        'tkt-vno': 5,
        realm: 'EXAMPLE.TEST',
        sname,
        'enc-part': { etype: 18, kvno: 2, cipher: ticketCipher },
      },
      authenticator: { etype: 18, cipher: authenticatorCipher },
    });
    expect(toHex(der.subarray(0, 4))).toBe('6e82' + (der.length - 4).toString(16).padStart(4, '0'));

    const check = (ap: Node) => {
      expect(ap.name).toBe('AP-REQ');
      expect(kid(ap, 'pvno').value).toBe(5);
      expect(kid(ap, 'msg-type').value).toBe(14);
      expect(kid(ap, 'msg-type').label).toBe('KRB_AP_REQ');
      expect(kid(ap, 'ap-options').value).toBe('20000000');
      expect(kid(ap, 'ap-options').label).toBe('mutual-required');
      const ticket = kid(ap, 'ticket');
      expect(ticket.label).toBe('HTTP/server.example.test@EXAMPLE.TEST');
      expect(kid(ticket, 'tkt-vno').value).toBe(5);
      expect(kid(ticket, 'realm').value).toBe('EXAMPLE.TEST');
      expect(kid(ticket, 'sname', 'name-type').value).toBe(2);
      expect(kid(ticket, 'sname', 'name-type').label).toBe('NT-SRV-INST');
      expect(kid(ticket, 'sname', 'name-string').children!.map((c) => c.value)).toEqual([
        'HTTP',
        'server.example.test',
      ]);
      expect(kid(ticket, 'enc-part', 'etype').value).toBe(18);
      expect(kid(ticket, 'enc-part', 'etype').label).toBe('aes256-cts-hmac-sha1-96');
      expect(kid(ticket, 'enc-part', 'kvno').value).toBe(2);
      expect(kid(ticket, 'enc-part', 'cipher').value).toBe(toHex(ticketCipher));
      expect(kid(ticket, 'enc-part').label).toBe(
        'aes256-cts-hmac-sha1-96, kvno 2, 378-byte cipher',
      );
      const auth = kid(ap, 'authenticator');
      expect(kid(auth, 'etype').value).toBe(18);
      expect(auth.children!.some((c) => c.name === 'kvno')).toBe(false);
      expect(kid(auth, 'cipher').value).toBe(toHex(authenticatorCipher));
    };
    check(decodeMessage(der));

    const framed = frame('0100', der);
    const { ctx, root } = decodeKerberosParts(framed);
    expect(ctx.errors).toEqual([]);
    expect(ctx.warnings).toEqual([]);
    expect(findNode(root, 'TOK_ID')!.value).toBe('0100');
    expect(findNode(root, 'TOK_ID')!.label).toBe('KRB_AP_REQ');
    check(findNode(root, 'AP-REQ')!);
  });

  it('AP-REP', () => {
    const cipher = pattern(82 + 28, 3); // Windows' 110-byte AP-REP cipher (kerberos.md §6)
    const rep = decodeMessage(
      toDer(AP_REP, { pvno: 5, 'msg-type': 15, 'enc-part': { etype: 18, cipher } }),
    );
    expect(rep.name).toBe('AP-REP');
    expect(kid(rep, 'pvno').value).toBe(5);
    expect(kid(rep, 'msg-type').label).toBe('KRB_AP_REP');
    expect(kid(rep, 'enc-part', 'etype').label).toBe('aes256-cts-hmac-sha1-96');
    expect(kid(rep, 'enc-part', 'cipher').value).toBe(toHex(cipher));
  });

  it('KRB-ERROR with METHOD-DATA e-data', () => {
    const eData = toDer(METHOD_DATA, [
      {
        'padata-type': 19,
        'padata-value': toDer(ETYPE_INFO2, [
          { etype: 18, salt: 'EXAMPLE.TESTalice' },
          { etype: 17 },
        ]),
      },
      { 'padata-type': 2, 'padata-value': new Uint8Array(0) },
    ]);
    const err = decodeMessage(
      toDer(KRB_ERROR, {
        pvno: 5,
        'msg-type': 30,
        stime: '2026-11-26T08:27:31Z',
        susec: 292310,
        'error-code': 25,
        crealm: 'EXAMPLE.TEST',
        cname: { 'name-type': 1, 'name-string': ['alice'] },
        realm: 'EXAMPLE.TEST',
        sname: { 'name-type': 2, 'name-string': ['krbtgt', 'EXAMPLE.TEST'] },
        'e-text': 'NEEDED_PREAUTH',
        'e-data': eData,
      }),
    );
    expect(err.label).toBe('KDC_ERR_PREAUTH_REQUIRED');
    expect(kid(err, 'stime').value).toBe('2026-11-26T08:27:31Z');
    expect(kid(err, 'susec').value).toBe(292310);
    expect(kid(err, 'error-code').value).toBe(25);
    expect(kid(err, 'crealm').value).toBe('EXAMPLE.TEST');
    expect(kid(err, 'cname').label).toBe('alice');
    expect(kid(err, 'realm').value).toBe('EXAMPLE.TEST');
    expect(kid(err, 'sname').label).toBe('krbtgt/EXAMPLE.TEST');
    expect(kid(err, 'e-text').value).toBe('NEEDED_PREAUTH');
    const methods = kid(err, 'e-data', 'METHOD-DATA');
    expect(methods.children!.map((p) => kid(p, 'padata-type').label)).toEqual([
      'PA-ETYPE-INFO2',
      'PA-ENC-TIMESTAMP',
    ]);
    const info = kid(methods.children![0], 'padata-value', 'ETYPE-INFO2');
    expect(info.children!.map((e) => kid(e, 'etype').label)).toEqual([
      'aes256-cts-hmac-sha1-96',
      'aes128-cts-hmac-sha1-96',
    ]);
    expect(kid(info.children![0], 'salt').value).toBe('EXAMPLE.TESTalice');
  });

  it('KRB-ERROR KRB_AP_ERR_SKEW from a server, with Windows skew-recovery e-data', () => {
    const err = decodeMessage(
      toDer(KRB_ERROR, {
        pvno: 5,
        'msg-type': 30,
        ctime: '2026-11-26T08:22:31Z',
        cusec: 119436,
        stime: '2026-11-26T08:27:31Z',
        susec: 292310,
        'error-code': 37,
        realm: 'EXAMPLE.TEST',
        sname,
        // KERB-ERROR-DATA { data-type 2 } (MS-KILE §2.2.1): retry with stime.
        'e-data': fromHex('3005a103020102'),
      }),
    );
    expect(err.label).toBe('KRB_AP_ERR_SKEW');
    expect(kid(err, 'ctime').value).toBe('2026-11-26T08:22:31Z');
    expect(kid(err, 'cusec').value).toBe(119436);
    expect(kid(err, 'stime').value).toBe('2026-11-26T08:27:31Z');
    expect(kid(err, 'error-code').value).toBe(37);
    expect(kid(err, 'realm').value).toBe('EXAMPLE.TEST');
    expect(kid(err, 'sname').label).toBe('HTTP/server.example.test');
    expect(kid(err, 'sname', 'name-type').label).toBe('NT-SRV-INST');
    const data = kid(err, 'e-data', 'KERB-ERROR-DATA');
    expect(kid(data, 'data-type').label).toBe('KERB_AP_ERR_TYPE_SKEW_RECOVERY');
    expect(data.children!.some((c) => c.name === 'data-value')).toBe(false);
  });

  it('KRB-ERROR with a Windows extended error (KERB-EXT-ERROR, MS-KILE §2.2.2)', () => {
    // The typical prefix of kerberos.md §7 with STATUS_ACCOUNT_LOCKED_OUT, little-endian.
    const eData = fromHex('3015a103020103a20e040c340200c00000000001000000');
    const err = decodeMessage(
      toDer(KRB_ERROR, {
        pvno: 5,
        'msg-type': 30,
        stime: '2026-11-26T08:27:31Z',
        susec: 0,
        'error-code': 18,
        realm: 'EXAMPLE.TEST',
        sname: { 'name-type': 2, 'name-string': ['krbtgt', 'EXAMPLE.TEST'] },
        'e-data': eData,
      }),
    );
    expect(err.label).toBe('KDC_ERR_CLIENT_REVOKED');
    const data = kid(err, 'e-data', 'KERB-ERROR-DATA');
    expect(kid(data, 'data-type').label).toBe('KERB_ERR_TYPE_EXTENDED');
    expect(kid(data, 'data-value', 'status').value).toBe(0xc0000234);
    expect(kid(data, 'data-value', 'status').label).toBe('STATUS_ACCOUNT_LOCKED_OUT');
    expect(kid(data, 'data-value', 'flags').value).toBe(1);
  });
});

/** The value `toDer` takes, read back from a decoded node (the inverse of decoding). */
function valueOf(schema: Schema, node: Node, bytes: Uint8Array): unknown {
  if ('base' in schema) return valueOf((schema as RefinedSchema).base, node, bytes);
  switch (schema.kind) {
    case 'application':
      return valueOf(schema.inner, node, bytes);
    case 'sequence': {
      const out: Record<string, unknown> = {};
      for (const f of schema.fields) {
        const c = node.children?.find((x) => x.name === f.name);
        if (c) out[f.name] = valueOf(f.type, c, bytes);
      }
      return out;
    }
    case 'sequenceOf':
      return (node.children ?? []).map((c) => valueOf(schema.item, c, bytes));
    case 'primitive':
      switch (schema.tag) {
        case 0x02:
          return typeof node.value === 'string' ? BigInt(node.value) : node.value;
        case 0x03:
          return parseInt(String(node.value), 16);
        case 0x04:
          return bytes.slice(node.offset + node.headerLength!, node.offset + node.length);
        default:
          return node.value;
      }
  }
}

describe('re-encoding what real implementations sent gives back their exact bytes', () => {
  const messages: { id: string; bytes: Uint8Array; node: Node }[] = [];
  const sources = [
    ...realTokens().map((t) => ({ id: `${t.scenario}/${t.name}`, bytes: t.bytes })),
    ...publicVectors()
      .filter((v) => !v.file.includes('/capture_'))
      .map((v) => ({ id: v.file, bytes: v.bytes })),
  ];
  for (const source of sources) {
    const parts = findKerberos(source.bytes);
    if (parts.length === 0) continue;
    const { root } = decodeKerberosParts(source.bytes, parts);
    for (const tag of Object.keys(KERBEROS_MESSAGE_TAGS)) {
      for (const node of findAll(root, KERBEROS_MESSAGE_TAGS[Number(tag)])) {
        if (source.bytes[node.offset] === Number(tag)) messages.push({ ...source, node });
      }
    }
  }

  it('covers AP-REQ, AP-REP, KRB-ERROR and KDC messages from MIT, Windows and Samba', () => {
    const kinds = new Set(messages.map((m) => m.node.name));
    for (const kind of [
      'AP-REQ',
      'AP-REP',
      'KRB-ERROR',
      'AS-REQ',
      'TGS-REQ',
      'TGS-REP',
      'Ticket',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(messages.length).toBeGreaterThanOrEqual(70);
  });

  const schemas: Record<string, Schema> = {
    'AP-REQ': AP_REQ,
    'AP-REP': AP_REP,
    'KRB-ERROR': KRB_ERROR,
    'AS-REQ': AS_REQ,
    'AS-REP': AS_REP,
    'TGS-REQ': TGS_REQ,
    'TGS-REP': TGS_REP,
    Ticket,
    'KRB-CRED': KRB_CRED,
  };

  it('every decoded message re-encodes byte for byte', () => {
    let checked = 0;
    for (const { id, bytes, node } of messages) {
      const schema = schemas[node.name];
      if (!schema) continue;
      const original = bytes.subarray(node.offset, node.offset + node.length);
      expect(toHex(toDer(schema, valueOf(schema, node, bytes))), id).toBe(toHex(original));
      checked++;
    }
    expect(checked).toBe(messages.length);
  });
});

describe('decrypted parts rebuilt from Wireshark’s decryption of raw-krb5-01-mutual', () => {
  // tshark decrypted the ticket, authenticator and AP-REP with the lab keytab; the values it shows
  // (fields.json "decrypted_fields_added_or_changed") rebuild the plaintexts, whose lengths must
  // be the ciphertext lengths minus the 28 bytes aes256-cts-hmac-sha1-96 adds (kerberos.md §6).
  const [apReq, apRep] = realTokens('raw-krb5-01-mutual').filter((t) => !t.perMessage);
  const req = (apReq.wireshark as any).decrypted_fields_added_or_changed;
  const rep = (apRep.wireshark as any).decrypted_fields_added_or_changed;
  const cipherLengths = apReq.wireshark!.fields['kerberos.cipher'].map((c) => c.length / 2);
  const repCipherLength = apRep.wireshark!.fields['kerberos.cipher'][0].length / 2;
  const time = (s: string) => {
    const d = new Date(s.replace(/\.0+ UTC$/, ' UTC'));
    return d.toISOString().replace('.000Z', 'Z');
  };
  const alice = { 'name-type': 1, 'name-string': [req['kerberos.CNameString'][0]] };

  it('EncTicketPart', () => {
    const der = toDer(EncTicketPart, {
      flags: parseInt(req['kerberos.flags'][0], 16),
      key: { keytype: 18, keyvalue: fromHex(req['kerberos.keyvalue'][0]) },
      crealm: req['kerberos.crealm'][0],
      cname: alice,
      transited: { 'tr-type': Number(req['kerberos.tr_type'][0]), contents: new Uint8Array(0) },
      authtime: time(req['kerberos.authtime'][0]),
      endtime: time(req['kerberos.endtime'][0]),
      'renew-till': time(req['kerberos.renew_till'][0]),
      'authorization-data': [{ 'ad-type': 1, 'ad-data': fromHex(req['kerberos.ad_data'][0]) }],
    });
    expect(der.length).toBe(cipherLengths[0] - 28);
    const part = decodeMessage(der);
    expect(part.name).toBe('EncTicketPart');
    expect(kid(part, 'flags').label).toBe(
      'forwardable, renewable, transited-policy-checked, enc-pa-rep',
    );
    expect(kid(part, 'cname').label).toBe('alice');
    const inner = kid(
      part,
      'authorization-data',
      'AuthorizationDataElement',
      'ad-data',
      'AuthorizationData',
    );
    expect(inner.children!.map((e) => kid(e, 'ad-type').label)).toEqual(['AD-WIN2K-PAC']);
    expect(kid(inner.children![0], 'ad-data').value).toBe(req['kerberos.ad_data'][1]);
  });

  it('Authenticator, with its GSS 0x8003 checksum', () => {
    const der = toDer(Authenticator, {
      'authenticator-vno': Number(req['kerberos.authenticator_vno'][0]),
      crealm: req['kerberos.crealm'][1],
      cname: alice,
      cksum: {
        cksumtype: Number(req['kerberos.cksumtype'][0]),
        checksum: fromHex(req['kerberos.checksum'][0]),
      },
      cusec: Number(req['kerberos.cusec'][0]),
      ctime: time(req['kerberos.ctime'][0]),
      subkey: { keytype: 18, keyvalue: fromHex(req['kerberos.keyvalue'][1]) },
      'seq-number': Number(req['kerberos.seq_number'][0]),
    });
    expect(der.length).toBe(cipherLengths[1] - 28);
    const auth = decodeMessage(der);
    expect(auth.name).toBe('Authenticator');
    const checksum = kid(auth, 'cksum', 'checksum');
    expect(kid(auth, 'cksum', 'cksumtype').label).toBe('GSS-API authenticator checksum (0x8003)');
    expect(kid(checksum, 'Lgth').value).toBe(Number(req['kerberos.gssapi.len'][0]));
    expect(kid(checksum, 'Bnd').value).toBe(req['kerberos.gssapi.bdn'][0]);
    expect(kid(checksum, 'Bnd').label).toBe('no channel bindings');
    const flags = String(kid(checksum, 'Flags').label).split(', ');
    for (const [ws, ours] of [
      ['deleg', 'GSS_C_DELEG_FLAG'],
      ['mutual', 'GSS_C_MUTUAL_FLAG'],
      ['replay', 'GSS_C_REPLAY_FLAG'],
      ['sequence', 'GSS_C_SEQUENCE_FLAG'],
      ['conf', 'GSS_C_CONF_FLAG'],
      ['integ', 'GSS_C_INTEG_FLAG'],
      ['dce-style', 'GSS_C_DCE_STYLE'],
    ]) {
      expect(flags.includes(ours), ws).toBe(req[`kerberos.gssapi.checksum.flags.${ws}`][0] === '1');
    }
    // MIT always adds GSS_C_TRANS_FLAG (kerberos.md §5.1).
    expect(flags).toContain('GSS_C_TRANS_FLAG');
    expect(kid(auth, 'seq-number').value).toBe(193510165);
  });

  it('EncAPRepPart', () => {
    const der = toDer(EncAPRepPart, {
      ctime: time(rep['kerberos.ctime'][0]),
      cusec: Number(rep['kerberos.cusec'][0]),
      subkey: {
        keytype: Number(rep['kerberos.keytype'][0]),
        keyvalue: fromHex(rep['kerberos.keyvalue'][0]),
      },
      'seq-number': Number(rep['kerberos.seq_number'][0]),
    });
    expect(der.length).toBe(repCipherLength - 28);
    const part = decodeMessage(der);
    expect(part.name).toBe('EncAPRepPart');
    expect(kid(part, 'seq-number').value).toBe(186935078);
    expect(kid(part, 'subkey', 'keytype').label).toBe('aes256-cts-hmac-sha1-96');
  });
});

describe('the delegation checksum Wireshark decrypted (raw-krb5-07-delegation)', () => {
  const [apReq] = realTokens('raw-krb5-07-delegation');
  const dec = (apReq.wireshark as any).decrypted_fields_added_or_changed;
  const checksumBytes = fromHex(dec['kerberos.checksum'][0]);

  it('opens DlgOpt, Dlgth and the KRB-CRED it carries', () => {
    const auth = toDer(Authenticator, {
      'authenticator-vno': 5,
      crealm: 'EXAMPLE.TEST',
      cname: { 'name-type': 1, 'name-string': ['alice'] },
      cksum: { cksumtype: 0x8003, checksum: checksumBytes },
      cusec: Number(dec['kerberos.cusec'][0]),
      ctime: '2026-11-26T08:27:31Z',
    });
    const checksum = kid(decodeMessage(auth), 'cksum', 'checksum');
    expect(String(kid(checksum, 'Flags').label).split(', ')).toContain('GSS_C_DELEG_FLAG');
    expect(kid(checksum, 'DlgOpt').value).toBe(Number(dec['kerberos.gssapi.dlgopt'][0]));
    expect(kid(checksum, 'Dlgth').value).toBe(Number(dec['kerberos.gssapi.dlglen'][0]));
    const cred = kid(checksum, 'Deleg', 'KRB-CRED');
    expect(cred.length).toBe(Number(dec['kerberos.gssapi.dlglen'][0]));
    expect(kid(cred, 'msg-type').value).toBe(Number(dec['kerberos.msg_type'][1]));
    expect(kid(cred, 'tickets').children!.length).toBe(Number(dec['kerberos.tickets'][0]));
    const ticket = kid(cred, 'tickets', 'Ticket');
    expect(ticket.label).toBe('krbtgt/EXAMPLE.TEST@EXAMPLE.TEST');
    expect(kid(ticket, 'enc-part', 'etype').value).toBe(18);
    expect(kid(cred, 'enc-part', 'etype').label).toBe('aes256-cts-hmac-sha1-96');
    expect(checksum.children!.map((c) => c.name)).toEqual([
      'Lgth',
      'Bnd',
      'Flags',
      'DlgOpt',
      'Dlgth',
      'Deleg',
    ]);
  });
});
