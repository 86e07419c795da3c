/**
 * Kerberos secrets applied to an exchange, the way Wireshark's Kerberos dissector learns keys
 * (epan/dissectors/packet-kerberos.c, add_encryption_key() and the keymap it fills): the
 * service's long-term key (keytab, password or raw key) opens the ticket (key usage 2, RFC 4120
 * §5.3); the ticket's session key opens the Authenticator (11, §5.5.1), a delegated KRB-CRED
 * (14, §5.8.1) and the AP-REP (12, §5.5.2); the subkeys found there key the mechListMIC (RFC 4121
 * §2, §4.2.6.1; RFC 4757 §7.2 for rc4-hmac contexts). Every part gives a SecretResult with its
 * plaintext as a tree and where its ciphertext sits in the token, or why it stayed closed. A
 * ticket's PAC is read and checked by openPac. Never throws.
 */
import { concatBytes, equalBytes, startsWith, toHex } from '../../bytes';
import { decodeElement } from '../../codec/asn1/decode';
import { readDer } from '../../codec/asn1/read';
import type { Schema } from '../../codec/asn1/schema';
import { createContext } from '../../codec/context';
import { readInitialContextToken } from '../../codec/gss';
import { Authenticator, EncAPRepPart, EncKrbCredPart, EncTicketPart } from '../../codec/kerberos';
import { readGssChecksum } from '../../codec/kerberos/gss-checksum';
import { encodeMicToken, readMicToken, readRfc1964Token } from '../../codec/kerberos/per-message';
import { child, contentRange } from '../../codec/kerberos/refine';
import { readSpnegoToken } from '../../codec/spnego/token';
import { decodeToken } from '../../codec/token';
import { findAll, mapTree, walk, type Node } from '../../codec/tree';
import { relocated } from '../graft';
import { checksum, decrypt } from '../../crypto/kerberos';
import { rc4Checksum } from '../../crypto/kerberos/rc4-hmac';
import { CFX_FLAG, CKSUMTYPE_GSSAPI, GSS_FLAG, KEY_USAGE } from '../../data/kerberos';
import { gssFlagNames } from '../../codec/kerberos/gss-checksum';
import type { DerivedValue, SecretResult, Secrets, Side } from '../types';
import { openPac } from './pac';
import {
  buildKeyring,
  candidateKeys,
  etypeName,
  keyPrefix,
  keysOf,
  krbtgtKeys,
  principalText,
  type Candidate,
  type Keyring,
  type PrincipalRef,
} from './keyring';
import type { KerberosKey, TokenOnWire } from './types';

/** A key learnt from a decrypted part: named as RFC 4120 names the field it came from. */
interface Learnt extends KerberosKey {
  /** `EncTicketPart.key`, `Authenticator.subkey`, `EncAPRepPart.subkey`, `KrbCredInfo.key`. */
  field: string;
}

interface State {
  ring: Keyring;
  /** Every key learnt so far, newest last (Wireshark tries them all). */
  learnt: Learnt[];
  /** The current context's keys (the last AP-REQ's). */
  session?: Learnt;
  initiatorSubkey?: Learnt;
  acceptorSubkey?: Learnt;
  /** DER(MechTypeList) as the initiator's NegTokenInit sent it (RFC 4178 §5). */
  mechTypesDer?: Uint8Array;
  step: number;
}

/** One result array per token, in order; NTLM tokens and tokens without Kerberos give []. */
export function openKerberos(tokens: readonly TokenOnWire[], secrets: Secrets): SecretResult[][] {
  const st: State = { ring: buildKeyring(secrets), learnt: [], step: 0 };
  return tokens.map((t, i) => {
    st.step = i + 1;
    try {
      return openToken(t.token, t.from, st);
    } catch (e) {
      // Decoders and crypto report errors as data; this only guards against the unforeseen.
      return [
        {
          what: 'Kerberos',
          ok: false,
          text: `could not be analysed: ${e instanceof Error ? e.message : String(e)}`,
        },
      ];
    }
  });
}

const NTLMSSP = [...new TextEncoder().encode('NTLMSSP\0')];

function openToken(token: Uint8Array, from: Side, st: State): SecretResult[] {
  if (token.length === 0 || startsWith(token, 0, NTLMSSP)) return [];
  const out: SecretResult[] = [];
  const spnego = readSpnegoToken(token);
  if (spnego.ok && spnego.value.kind === 'NegTokenInit' && from === 'initiator')
    st.mechTypesDer = spnego.value.mechTypesDer;
  const { root } = decodeToken(token);
  for (const node of messages(root)) {
    if (node.name === 'AP-REQ') out.push(...openApReq(node, token, st));
    else if (node.name === 'AP-REP') out.push(openApRep(node, token, from, st));
  }
  if (spnego.ok && spnego.value.kind === 'NegTokenResp' && spnego.value.mechListMIC) {
    const mic = verifyMechListMic(spnego.value.mechListMIC, from, st);
    if (mic) out.push(mic);
  }
  return out;
}

/**
 * The AP-REQ and AP-REP nodes of a token's tree, in order (a KRB-ERROR has nothing to open). KDC
 * messages an IAKERB token carries are not looked into: their PA-TGS-REQ holds an AP-REQ with the
 * TGT, which is not this context's (RFC 4120 §5.4.1).
 */
function messages(root: Node): Node[] {
  const found: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.name === 'AP-REQ' || node.name === 'AP-REP') found.push(node);
    else if (KDC_MESSAGES.has(node.name)) continue;
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]);
  }
  return found;
}

const KDC_MESSAGES = new Set(['AS-REQ', 'AS-REP', 'TGS-REQ', 'TGS-REP']);

/* ---------- EncryptedData in a tree ---------- */

interface EncPart {
  etype: number;
  kvno?: number;
  /** The `cipher` node; its content is the ciphertext. */
  node: Node;
  bytes: Uint8Array;
}

function encPart(holder: Node | undefined, buf: Uint8Array): EncPart | null {
  if (!holder) return null;
  const etype = child(holder, 'etype')?.value;
  const kvno = child(holder, 'kvno')?.value;
  const cipher = child(holder, 'cipher');
  if (typeof etype !== 'number' || !cipher) return null;
  const [start, end] = contentRange(cipher);
  return {
    etype,
    kvno: typeof kvno === 'number' ? kvno : undefined,
    node: cipher,
    bytes: buf.subarray(start, end),
  };
}

function principalOf(name: Node | undefined, realm: Node | undefined): PrincipalRef | null {
  const parts = child(name ?? { name: '', offset: 0, length: 0 }, 'name-string')?.children;
  if (!parts || typeof realm?.value !== 'string') return null;
  return { realm: realm.value, components: parts.map((c) => String(c.value)) };
}

const where = (node: Node) => ({ offset: node.offset, length: node.length });

/* ---------- Decryption with candidates ---------- */

type Opened<K> = { ok: true; key: K; plaintext: Uint8Array } | { ok: false; tried: K[] };

function tryKeys<K extends KerberosKey>(
  keys: Iterable<K>,
  usage: number,
  part: EncPart,
): Opened<K> {
  const tried: K[] = [];
  for (const k of keys) {
    if (k.etype !== part.etype) continue;
    tried.push(k);
    try {
      const r = decrypt(k.key, usage, part.bytes, part.etype);
      if (r.ok) return { ok: true, key: k, plaintext: r.plaintext };
    } catch {
      // A key of the wrong length for its etype opens nothing.
    }
  }
  return { ok: false, tried };
}

interface Parsed {
  root: Node;
  errors: string[];
}

/** The plaintext as a tree of `schema`, offsets relative to the plaintext. */
function parse(schema: Schema, plaintext: Uint8Array): Parsed {
  const ctx = createContext(plaintext);
  const holder: Node = { name: 'plaintext', offset: 0, length: plaintext.length };
  try {
    decodeElement(ctx, holder, schema, 0, plaintext.length);
  } catch {
    // Recorded in ctx.errors and on the node where decoding stopped.
  }
  const root = holder.children?.[0] ?? holder;
  const errors = ctx.errors.map((e) => `${e.message}`);
  const used = root.offset + root.length;
  if (root !== holder && used < plaintext.length)
    errors.push(`${plaintext.length - used} bytes after the ${schema.typeName} in the plaintext`);
  return { root, errors };
}

/** `{keytype, keyvalue}` of an EncryptionKey node. */
function keyOf(
  node: Node | undefined,
  plaintext: Uint8Array,
): { etype: number; key: Uint8Array } | null {
  if (!node) return null;
  const keytype = child(node, 'keytype')?.value;
  const value = child(node, 'keyvalue');
  if (typeof keytype !== 'number' || !value) return null;
  const [start, end] = contentRange(value);
  return { etype: keytype, key: plaintext.slice(start, end) };
}

function learn(
  st: State,
  k: { etype: number; key: Uint8Array },
  field: string,
  source: string,
): Learnt {
  const learnt: Learnt = { ...k, field, source };
  st.learnt.push(learnt);
  return learnt;
}

function derivedOf(name: string, k: { etype: number; key: Uint8Array }, how: string): DerivedValue {
  return { name, value: toHex(k.key), how: `${how}, ${etypeName(k.etype)} (keytype ${k.etype})` };
}

const describeKey = (k: KerberosKey) =>
  k.source.startsWith('keytab') || k.source.startsWith('raw key')
    ? k.source
    : `${k.source} (${etypeName(k.etype)})`;

/**
 * Keys of the current context to try for a part the session key or a subkey encrypts, most likely
 * first.
 */
function contextKeys(st: State, first: (Learnt | undefined)[]): Learnt[] {
  const seen = new Set<Learnt>();
  const out: Learnt[] = [];
  for (const k of [...first, ...[...st.learnt].reverse()]) {
    if (!k || seen.has(k)) continue;
    seen.add(k);
    out.push(k);
  }
  return out;
}

/* ---------- Ticket ---------- */

interface TicketOpened {
  result: SecretResult;
  session?: Learnt;
  /** The key that opened the ticket (the service's long-term key). */
  serviceKey?: Candidate;
  root?: Node;
  plaintext?: Uint8Array;
  /** The PAC in its authorization-data, read and its signatures checked (MS-PAC §2.8). */
  pac?: SecretResult;
}

/** Opens a Ticket node (`buf` the bytes its offsets index). */
function openTicket(ticket: Node, buf: Uint8Array, st: State, label: string): TicketOpened {
  const part = encPart(child(ticket, 'enc-part'), buf);
  const sname = principalOf(child(ticket, 'sname'), child(ticket, 'realm'));
  const what = 'EncTicketPart';
  if (!part || !sname)
    return {
      result: { what, ok: false, text: `${label}: the ticket is damaged, nothing to decrypt` },
    };
  const cipher = where(part.node);
  const keys = candidateKeys(st.ring, part.etype, sname, part.kvno);
  const opened = tryKeys(keys, KEY_USAGE.ticket, part);
  if (!opened.ok)
    return {
      result: {
        what,
        ok: false,
        cipher,
        text: `${label} for ${principalText(sname)} stays closed: ${whyNot(st, part, sname, opened.tried)}`,
      },
    };
  const { key, plaintext } = opened;
  const parsed = parse(EncTicketPart, plaintext);
  const session = keyOf(child(parsed.root, 'key'), plaintext);
  const derived: DerivedValue[] = [];
  if (key.fromPassword && key.how)
    derived.push(derivedOf(`service key (${principalText(sname)})`, key, key.how));
  let learnt: Learnt | undefined;
  if (session) {
    learnt = learn(
      st,
      session,
      'EncTicketPart.key',
      `the session key from ${label} in step ${st.step}`,
    );
    derived.push(derivedOf('session key', session, 'EncTicketPart.key (RFC 4120 §5.3)'));
  }
  const client = principalOf(child(parsed.root, 'cname'), child(parsed.root, 'crealm'));
  const pac = findPac(parsed.root);
  let pacResult: SecretResult | undefined;
  if (pac) {
    const [start, end] = contentRange(pac);
    // The typed EncTicketPart lets openPac check the ticket signature too (MS-PAC §2.8.3).
    const typed = readDer(EncTicketPart, plaintext);
    pacResult = openPac(
      plaintext.slice(start, end),
      { server: key, kdc: krbtgtKeys(st.ring, sname.realm) },
      typed.ok ? typed.value : undefined,
    );
    // The PAC's tree also goes under its ad-data, in the EncTicketPart's plaintext positions.
    if (pacResult.root) embed(pac, pacResult.root, start);
  }
  const text = [
    `${label} for ${principalText(sname)} opened with ${describeKey(key)}`,
    key.principal && key.principal.toLowerCase() !== principalText(sname).toLowerCase()
      ? ` (another principal's key: the name is an alias of that account, as an SPN of an AD account is)`
      : '',
    client ? `: the client is ${principalText(client)}` : '',
    session ? `, session key ${etypeName(session.etype)} ${keyPrefix(session.key)}` : '',
    pac ? ', with a PAC (AD-WIN2K-PAC)' : '',
    parsed.errors.length ? `; the plaintext does not decode: ${parsed.errors[0]}` : '',
  ].join('');
  return {
    result: { what, ok: parsed.errors.length === 0, text, root: parsed.root, cipher, derived },
    session: learnt,
    serviceKey: key,
    root: parsed.root,
    plaintext,
    pac: pacResult,
  };
}

/** Puts a copy of `tree` (offsets from 0) under `holder`, its offsets moved to start at `start`. */
function embed(holder: Node, tree: Node, start: number): void {
  const top = mapTree(tree, (n) => ({ ...n, offset: n.offset + start }));
  delete holder.value;
  holder.children = [top];
}

/**
 * Why no key opened a ciphertext made with a long-term key: none fitted, or the ones that did
 * failed.
 */
function whyNot(st: State, part: EncPart, p: PrincipalRef, tried: Candidate[]): string {
  const name = principalText(p);
  const et = etypeName(part.etype);
  const kv = part.kvno !== undefined ? ` kvno ${part.kvno}` : '';
  const mine = keysOf(st.ring, p);
  if (tried.length === 0) {
    if (st.ring.keys.length === 0 && st.ring.passwords.length === 0)
      return 'no Kerberos key, keytab or password was given';
    if (mine.length > 0)
      return `no ${et} key for ${name}: the keys given for it are ${[...new Set(mine.map((k) => etypeName(k.etype)))].join(', ')}`;
    const forUsers = st.ring.passwords.length > 0 ? ' (no password applies to it)' : '';
    return `no key for ${name}${kv} ${et} among the ${st.ring.keys.length} keys given${forUsers}`;
  }
  const sameKvno = tried.filter(
    (k) =>
      k.principal?.toLowerCase() === name.toLowerCase() &&
      !k.fromPassword &&
      (part.kvno === undefined || k.kvno === part.kvno),
  );
  const otherKvno = tried.filter(
    (k) =>
      k.principal?.toLowerCase() === name.toLowerCase() &&
      !k.fromPassword &&
      part.kvno !== undefined &&
      k.kvno !== part.kvno,
  );
  const passwords = tried.filter((k) => k.fromPassword);
  const n = tried.length;
  const failed = `the integrity check failed with ${n === 1 ? 'the one' : `all ${n}`} ${et} key${n === 1 ? '' : 's'} tried`;
  if (sameKvno.length > 0)
    return `${failed}, including ${sameKvno[0].source}: that key is not the one the KDC encrypted the ticket with (wrong key for ${name}${kv}: the keytab is out of date or the SPN is registered twice)`;
  if (otherKvno.length > 0)
    return `the ticket is encrypted with ${name}${kv} but the key given for it is kvno ${[...new Set(otherKvno.map((k) => k.kvno))].join(', ')} (a stale key: KRB_AP_ERR_BADKEYVER), and ${failed}`;
  const raws = tried.filter((k) => k.principal === undefined);
  if (raws.length > 0)
    return `${failed}, including the raw key${raws.length === 1 ? '' : 's'} given: not ${name}'s key${kv} (wrong key)`;
  if (passwords.length > 0)
    return `${failed}, including the key string-to-key made from the password: wrong password for ${name}`;
  return `no key for ${name}${kv} was given, and none of the ${n} ${et} key${n === 1 ? '' : 's'} of other principals opens it`;
}

/**
 * The PAC's bytes (ad-data of AD-WIN2K-PAC, inside AD-IF-RELEVANT: MS-PAC §2.4, RFC 4120 §5.2.6.1).
 */
function findPac(root: Node): Node | undefined {
  let found: Node | undefined;
  walk(root, (node) => {
    if (!found && node.name === 'AuthorizationDataElement' && child(node, 'ad-type')?.value === 128)
      found = child(node, 'ad-data');
  });
  return found;
}

/* ---------- AP-REQ ---------- */

function openApReq(apReq: Node, token: Uint8Array, st: State): SecretResult[] {
  const out: SecretResult[] = [];
  const ticket = child(apReq, 'ticket');
  st.session = st.initiatorSubkey = st.acceptorSubkey = undefined;
  if (!ticket) return out;
  const t = openTicket(ticket, token, st, 'the ticket');
  out.push(t.result);
  if (t.pac) out.push(t.pac);
  st.session = t.session;
  const part = encPart(child(apReq, 'authenticator'), token);
  if (!part) return out;
  out.push(...openAuthenticator(part, st));
  return out;
}

function openAuthenticator(part: EncPart, st: State): SecretResult[] {
  const what = 'Authenticator';
  const cipher = where(part.node);
  if (!st.session)
    return [
      {
        what,
        ok: false,
        cipher,
        text: 'the Authenticator stays closed: it is encrypted with the ticket\u2019s session key, and the ticket was not opened',
      },
    ];
  const opened = tryKeys(contextKeys(st, [st.session]), KEY_USAGE.apReqAuthenticator, part);
  if (!opened.ok)
    return [
      {
        what,
        ok: false,
        cipher,
        text: `the Authenticator stays closed: the integrity check failed with the session key from the ticket (${etypeName(st.session.etype)}) — the ticket and the authenticator do not belong together, or the authenticator was changed`,
      },
    ];
  const { plaintext, key } = opened;
  const parsed = parse(Authenticator, plaintext);
  const root = parsed.root;
  const derived: DerivedValue[] = [];
  const subkey = keyOf(child(root, 'subkey'), plaintext);
  if (subkey) {
    st.initiatorSubkey = learn(
      st,
      subkey,
      'Authenticator.subkey',
      `the initiator's subkey from the Authenticator in step ${st.step}`,
    );
    derived.push(derivedOf("initiator's subkey", subkey, 'Authenticator.subkey (RFC 4120 §5.5.1)'));
  }
  const client = principalOf(child(root, 'cname'), child(root, 'crealm'));
  const pieces = [`opened with ${key.source} (${key.field}, ${etypeName(key.etype)})`];
  if (client) pieces.push(`client ${principalText(client)}`);
  const ctime = child(root, 'ctime')?.value;
  if (typeof ctime === 'string') pieces.push(`ctime ${ctime}`);
  const results: SecretResult[] = [];
  const gss = gssChecksumSummary(root, plaintext);
  if (gss) pieces.push(gss.text);
  if (subkey) pieces.push(`subkey ${etypeName(subkey.etype)} ${keyPrefix(subkey.key)}`);
  const seq = child(root, 'seq-number')?.value;
  if (typeof seq === 'number') pieces.push(`seq-number ${seq >>> 0}`);
  if (gss?.credNode) results.push(...openKrbCred(gss.credNode, plaintext, root, st));
  if (parsed.errors.length) pieces.push(`the plaintext does not decode: ${parsed.errors[0]}`);
  return [
    { what, ok: parsed.errors.length === 0, text: pieces.join('; '), root, cipher, derived },
    ...results,
  ];
}

/**
 * The GSS checksum's flags and channel bindings in words, and the delegated KRB-CRED's node (RFC
 * 4121 §4.1.1).
 */
function gssChecksumSummary(
  root: Node,
  plaintext: Uint8Array,
): { text: string; credNode?: Node } | null {
  const cksum = child(root, 'cksum');
  if (!cksum || child(cksum, 'cksumtype')?.value !== CKSUMTYPE_GSSAPI) return null;
  const octets = child(cksum, 'checksum');
  if (!octets) return null;
  const [start, end] = contentRange(octets);
  const read = readGssChecksum(plaintext.subarray(start, end));
  if (!read.ok) return { text: `GSS checksum unreadable: ${read.error}` };
  const v = read.value;
  const bnd = v.bnd.every((b) => b === 0)
    ? 'no channel bindings (Bnd all zero)'
    : `channel bindings MD5 ${toHex(v.bnd)}`;
  const deleg = child(octets, 'Deleg');
  const credNode = deleg?.children?.find((c) => c.name === 'KRB-CRED');
  const delegation =
    v.flags & GSS_FLAG.deleg
      ? v.krbCred
        ? ', credentials delegated'
        : ', deleg flag without credentials'
      : '';
  return { text: `GSS checksum flags ${gssFlagNames(v.flags)}, ${bnd}${delegation}`, credNode };
}

/* ---------- KRB-CRED (delegation) ---------- */

/**
 * The delegated KRB-CRED inside the Authenticator: its EncKrbCredPart (usage 14 with the session
 * key, or in clear with etype 0, RFC 6448) and its tickets (a TGT: the krbtgt
 * key opens it). Their trees are also grafted into the Authenticator's tree under their ciphertext.
 */
function openKrbCred(cred: Node, plaintext: Uint8Array, authRoot: Node, st: State): SecretResult[] {
  const out: SecretResult[] = [];
  const part = encPart(child(cred, 'enc-part'), plaintext);
  if (part) {
    const what = 'KRB-CRED';
    let opened: { plaintext: Uint8Array; how: string } | null = null;
    let why = '';
    if (part.etype === 0) opened = { plaintext: part.bytes, how: 'sent in clear (etype 0)' };
    else if (!st.session) why = 'no session key';
    else {
      const r = tryKeys(contextKeys(st, [st.session]), KEY_USAGE.krbCred, part);
      if (r.ok)
        opened = {
          plaintext: r.plaintext,
          how: `opened with ${r.key.source} (${r.key.field}, ${etypeName(r.key.etype)})`,
        };
      else
        why = `the integrity check failed with the ${r.tried.length} ${etypeName(part.etype)} keys learnt so far`;
    }
    if (!opened)
      out.push({
        what,
        ok: false,
        text: `the delegated credentials' EncKrbCredPart stays closed: ${why}`,
      });
    else {
      const parsed = parse(EncKrbCredPart, opened.plaintext);
      const derived: DerivedValue[] = [];
      for (const info of findAll(parsed.root, 'KrbCredInfo')) {
        const k = keyOf(child(info, 'key'), opened.plaintext);
        const sname = principalOf(child(info, 'sname'), child(info, 'srealm'));
        if (!k) continue;
        learn(
          st,
          k,
          'KrbCredInfo.key',
          `the delegated ticket's session key from the KRB-CRED in step ${st.step}`,
        );
        derived.push(
          derivedOf(
            `delegated session key${sname ? ` (${principalText(sname)})` : ''}`,
            k,
            'KrbCredInfo.key (RFC 4120 §5.8.1)',
          ),
        );
      }
      graftAt(authRoot, part.node, parsed.root);
      out.push({
        what,
        ok: parsed.errors.length === 0,
        text: `the delegated credentials' EncKrbCredPart ${opened.how}: ${derived.length} ticket${derived.length === 1 ? '' : 's'}${parsed.errors.length ? `; the plaintext does not decode: ${parsed.errors[0]}` : ''}`,
        root: parsed.root,
        derived,
      });
    }
  }
  const tickets = child(cred, 'tickets')?.children ?? [];
  for (const ticket of tickets) {
    const t = openTicket(ticket, plaintext, st, 'the delegated ticket');
    // Its position is inside the Authenticator's plaintext, not the token: grafted there instead.
    delete t.result.cipher;
    const encPartNode = child(child(ticket, 'enc-part') ?? ticket, 'cipher');
    if (t.root && encPartNode) graftAt(authRoot, encPartNode, t.root);
    out.push(t.result);
    if (t.pac) out.push(t.pac);
  }
  return out;
}

/**
 * Puts a decrypted part under its ciphertext's node inside another decrypted part, as the
 * analysis grafts parts under a token's ciphertext: each node takes the ciphertext's position and
 * keeps its plaintext position in `decrypted`.
 */
function graftAt(tree: Node, cipherNode: Node, part: Node): void {
  let target: Node | undefined;
  walk(tree, (n) => {
    if (n === cipherNode) target = n;
  });
  if (!target) return;
  const top = relocated(part, cipherNode);
  (target.children ??= []).push(top);
}

/* ---------- AP-REP ---------- */

function openApRep(apRep: Node, token: Uint8Array, from: Side, st: State): SecretResult {
  const what = 'EncAPRepPart';
  const part = encPart(child(apRep, 'enc-part'), token);
  if (!part) return { what, ok: false, text: 'the AP-REP is damaged, nothing to decrypt' };
  const cipher = where(part.node);
  // DCE style: the initiator answers the acceptor's AP-REP with its own (MS-KILE §3.4.5.1).
  const dce = from === 'initiator';
  const label = dce ? "the initiator's AP-REP (DCE style)" : 'the AP-REP';
  if (!st.session && st.learnt.length === 0)
    return {
      what,
      ok: false,
      cipher,
      text: `${label} stays closed: it is encrypted with the ticket's session key, and the ticket was not opened`,
    };
  const keys = contextKeys(st, [st.session, st.initiatorSubkey, st.acceptorSubkey]);
  const opened = tryKeys(keys, KEY_USAGE.apRepEncPart, part);
  if (!opened.ok)
    return {
      what,
      ok: false,
      cipher,
      text: `${label} stays closed: the integrity check failed with the ${opened.tried.length} ${etypeName(part.etype)} keys learnt so far (session key and subkeys)`,
    };
  const { plaintext, key } = opened;
  const parsed = parse(EncAPRepPart, plaintext);
  const derived: DerivedValue[] = [];
  const subkey = keyOf(child(parsed.root, 'subkey'), plaintext);
  const pieces = [`${label} opened with ${key.source} (${key.field}, ${etypeName(key.etype)})`];
  const ctime = child(parsed.root, 'ctime')?.value;
  if (typeof ctime === 'string') pieces.push(`ctime ${ctime}`);
  if (subkey) {
    const who = dce ? "initiator's" : "acceptor's";
    const learnt = learn(
      st,
      subkey,
      'EncAPRepPart.subkey',
      `the ${who} subkey from the AP-REP in step ${st.step}`,
    );
    if (dce) st.initiatorSubkey = learnt;
    else st.acceptorSubkey = learnt;
    derived.push(derivedOf(`${who} subkey`, subkey, 'EncAPRepPart.subkey (RFC 4120 §5.5.2)'));
    pieces.push(`subkey ${etypeName(subkey.etype)} ${keyPrefix(subkey.key)}`);
  }
  const seq = child(parsed.root, 'seq-number')?.value;
  if (typeof seq === 'number') pieces.push(`seq-number ${seq >>> 0}`);
  if (parsed.errors.length) pieces.push(`the plaintext does not decode: ${parsed.errors[0]}`);
  return {
    what,
    ok: parsed.errors.length === 0,
    text: pieces.join('; '),
    root: parsed.root,
    cipher,
    derived,
  };
}

/* ---------- mechListMIC ---------- */

const CFX_MIC = [0x04, 0x04];
const RFC1964_MIC = [0x01, 0x01];
/** SGN_ALG 11 00: HMAC-MD5 (RFC 4757 §7.2). */
const SGN_ALG_HMAC_MD5 = 0x0011;
/** RFC 4757 §7.2: the MIC's checksum is made with key usage 15, in either direction. */
const RC4_SIGN_USAGE = 15;

/**
 * The Kerberos mechListMIC over the MechTypeList as sent (RFC 4178 §5): an RFC 4121 MIC token
 * keyed with the acceptor's subkey when its AcceptorSubkey flag is set, else the initiator's
 * subkey or the session key (RFC 4121 §2), usage 25 from the initiator and 23 from the acceptor;
 * or, in an rc4-hmac context, an RFC 1964 token checked as RFC 4757 §7.2 says. NTLM MICs
 * (MS-NLMP §2.2.2.9) are left to the NTLM opener: null.
 */
function verifyMechListMic(mic: Uint8Array, from: Side, st: State): SecretResult | null {
  if (!isKerberosMic(mic)) return null;
  if (!st.mechTypesDer)
    return {
      what: 'mechListMIC',
      ok: false,
      unchecked: true,
      text: "not verified: the initiator's NegTokenInit, whose mechTypes the MIC covers, is not in this exchange",
    };
  return verifyKerberosMic(mic, st.mechTypesDer, from, st);
}

/** The token after its GSS framing, if any (RFC 1964 tokens are framed, RFC 4121 ones not). */
function unframed(mic: Uint8Array): Uint8Array | null {
  if (mic[0] !== 0x60) return mic;
  const framed = readInitialContextToken(mic);
  return framed.ok ? framed.value.innerContextToken : null;
}

function isKerberosMic(mic: Uint8Array): boolean {
  const inner = unframed(mic);
  return !!inner && (startsWith(inner, 0, CFX_MIC) || startsWith(inner, 0, RFC1964_MIC));
}

const MECH_TYPES = 'the MechTypeList exactly as the NegTokenInit sent it';

/** A key of an established context, with the field it was learnt from. */
export type ContextKey = KerberosKey & { field?: string };

/** The keys of an established Kerberos context (RFC 4121 §2). */
export interface ContextKeys {
  session?: ContextKey;
  initiatorSubkey?: ContextKey;
  acceptorSubkey?: ContextKey;
}

/**
 * Verifies a Kerberos GSS MIC token `mic` over `message`, sent by `from`, with the context's keys:
 * an RFC 4121 MIC token (04 04) or an RFC 1964 one (01 01, GSS-framed or not) with RFC 4757's
 * HMAC-MD5. What `what: 'mechListMIC'` results say; null when `mic` is no Kerberos MIC token.
 */
export function verifyKerberosMic(
  mic: Uint8Array,
  message: Uint8Array,
  from: Side,
  keys: ContextKeys,
  subject = MECH_TYPES,
): SecretResult | null {
  const inner = unframed(mic);
  if (!inner) return null;
  const cfx = startsWith(inner, 0, CFX_MIC);
  if (!cfx && !startsWith(inner, 0, RFC1964_MIC)) return null;
  if (!keys.session && !keys.initiatorSubkey && !keys.acceptorSubkey)
    return {
      what: 'mechListMIC',
      ok: false,
      unchecked: true,
      text: 'not verified: no session key, the ticket was not opened',
    };
  return cfx
    ? verifyCfxMic(inner, from, keys, message, subject)
    : verifyRc4Mic(inner, keys, message, subject);
}

function verifyCfxMic(
  mic: Uint8Array,
  from: Side,
  st: ContextKeys,
  message: Uint8Array,
  subject: string,
): SecretResult {
  const what = 'mechListMIC';
  const read = readMicToken(mic);
  if (!read.ok)
    return { what, ok: false, text: `not verified: the MIC token does not decode (${read.error})` };
  const token = read.value;
  const fromAcceptor = (token.flags & CFX_FLAG.sentByAcceptor) !== 0;
  if (fromAcceptor !== (from === 'acceptor'))
    return {
      what,
      ok: false,
      text: `SentByAcceptor is ${fromAcceptor ? 'set' : 'clear'} in a MIC from the ${from}: a reflected token (RFC 4121 §4.2.2)`,
    };
  const wantsAcceptorKey = (token.flags & CFX_FLAG.acceptorSubkey) !== 0;
  const key = wantsAcceptorKey ? st.acceptorSubkey : (st.initiatorSubkey ?? st.session);
  if (!key)
    return {
      what,
      ok: false,
      text: "not verified: the AcceptorSubkey flag names the acceptor's subkey, but no AP-REP subkey was learnt",
    };
  const usage = from === 'initiator' ? KEY_USAGE.initiatorSign : KEY_USAGE.acceptorSign;
  const header = encodeMicToken({ ...token, checksum: undefined });
  const which = `${key.source} (${key.field ?? 'key given'}, ${etypeName(key.etype)}), key usage ${usage}`;
  let expected: Uint8Array;
  try {
    expected = checksum(key.key, usage, concatBytes(message, header), key.etype);
  } catch (e) {
    return { what, ok: false, text: `not verified: ${e instanceof Error ? e.message : String(e)}` };
  }
  const ok = equalBytes(expected, token.checksum ?? new Uint8Array());
  return {
    what,
    ok,
    text: ok
      ? `verified with ${which}: the ${from}'s RFC 4121 MIC token covers ${subject}`
      : `does not verify with ${which}: the checksum differs, so ${subject} was changed on the way or the MIC was made with another key`,
    derived: [
      derivedOf(
        'MIC key',
        key,
        `${key.field ?? 'key given'}; checksum over the message ‖ token header, RFC 4121 §4.2.6.1`,
      ),
    ],
  };
}

function verifyRc4Mic(
  inner: Uint8Array,
  st: ContextKeys,
  message: Uint8Array,
  subject: string,
): SecretResult {
  const what = 'mechListMIC';
  const read = readRfc1964Token('0101', inner.subarray(2));
  if (!read.ok)
    return {
      what,
      ok: false,
      text: `not verified: the RFC 1964 MIC token does not decode (${read.error})`,
    };
  if (read.value.sgnAlg !== SGN_ALG_HMAC_MD5)
    return {
      what,
      ok: false,
      text: `not verified: SGN_ALG 0x${read.value.sgnAlg.toString(16).padStart(4, '0')} is not HMAC-MD5 (11 00), the only RFC 1964 algorithm checked here`,
    };
  const key = st.initiatorSubkey ?? st.session;
  if (!key || key.etype !== 23)
    return {
      what,
      ok: false,
      text: 'not verified: an RFC 4757 MIC needs an rc4-hmac context key, and this context has none',
    };
  // Token.Header: TOK_ID, SGN_ALG and Filler, the 8 bytes before SND_SEQ (RFC 4757 §7.2).
  const header = inner.subarray(0, 8);
  const expected = rc4Checksum(key.key, RC4_SIGN_USAGE, concatBytes(header, message)).subarray(
    0,
    8,
  );
  const ok = equalBytes(expected, read.value.checksum);
  const which = `${key.source} (${key.field ?? 'key given'}, rc4-hmac)`;
  return {
    what,
    ok,
    text: ok
      ? `verified with ${which}: the RFC 4757 MIC (HMAC-MD5, usage 15) covers ${subject}`
      : `does not verify with ${which}: SGN_CKSUM differs, so ${subject} was changed on the way or the MIC was made with another key`,
  };
}
