import { decodeElement } from '../asn1/decode';
import { leaf, need } from '../binary';
import { warn, type DecodeContext } from '../context';
import { OID } from '../../data/oids';
import { CONTEXT_TOK_ID, TOK_IDS } from '../../data/kerberos';
import type { Node } from '../tree';
import { CONTEXT_MESSAGE_TAG } from './context-token';
import { decodeIakerbHeader } from './iakerb';
import { decodeRfc1964Token } from './legacy';
import { decodeKerberosMessage, KERBEROS_MESSAGE_TAGS } from './messages';
import { TGT_REP, TGT_REQ } from './u2u';
import { toHex } from '../../bytes';

/**
 * What follows thisMech in a GSS InitialContextToken for a Kerberos mechanism (krb5, MS-krb5, old
 * krb5, user-to-user) or IAKERB: the TOK_ID, then the message it announces (RFC 4121 §4.1,
 * RFC 1964 §1.2, RFC 4757, draft-ietf-kitten-iakerb). Nodes are appended to `parent`. Throws a
 * positioned DecodeError when the bytes are bad; the caller's node, or the innermost one built
 * here, records it.
 */
export function decodeKerberosFramedBody(
  ctx: DecodeContext,
  parent: Node,
  start: number,
  end: number,
  thisMech: string,
): void {
  const b = ctx.bytes;
  need(b, start, 2, end, 'TOK_ID');
  const id = toHex(b, start, start + 2);
  const info = TOK_IDS[id];
  const tok = leaf(b, parent, 'TOK_ID', start, 2, {
    type: 'bytes',
    label: info?.name ?? 'unknown TOK_ID',
    spec: info?.spec ?? 'RFC 4121 §4.1',
  });
  const pos = start + 2;
  if (!info) {
    // An acceptor answers an unknown TOK_ID with KRB_AP_ERR_MSG_TYPE (RFC 4121 §4.1).
    warn(ctx, tok, start, `unknown TOK_ID ${id}`);
    rest(ctx, parent, pos, end);
    return;
  }
  checkMech(ctx, tok, id, thisMech);
  switch (id) {
    case CONTEXT_TOK_ID['AP-REQ']:
    case CONTEXT_TOK_ID['AP-REP']:
    case CONTEXT_TOK_ID['KRB-ERROR']: {
      const message = decodeKerberosMessage(ctx, parent, pos, end);
      if (b[pos] !== CONTEXT_MESSAGE_TAG[id]) {
        warn(
          ctx,
          message,
          pos,
          `TOK_ID ${id} announces ${info.name} but the message is ${message.name}`,
        );
      }
      trailing(ctx, parent, message, end);
      return;
    }
    case '0400':
    case '0401': {
      // The TGT messages are bare SEQUENCEs; anything else is decoded as whatever it is.
      const schema = id === '0400' ? TGT_REQ : TGT_REP;
      const message =
        b[pos] === 0x30
          ? decodeElement(ctx, parent, schema, pos, end)
          : decodeKerberosMessage(ctx, parent, pos, end);
      trailing(ctx, parent, message, end);
      return;
    }
    case '0101':
    case '0102':
    case '0201':
      decodeRfc1964Token(ctx, parent, pos, end, id);
      return;
    case '0501': {
      const header = decodeIakerbHeader(ctx, parent, pos, end);
      const message = decodeKerberosMessage(ctx, parent, header.offset + header.length, end);
      trailing(ctx, parent, message, end);
      return;
    }
    default:
      // 04 04, 05 04, 04 05: RFC 4121 tokens carry no framing (RFC 4121 §4.2.6).
      warn(ctx, tok, start, `${info.name} tokens are never GSS-framed (RFC 4121 §4.2.6)`);
      rest(ctx, parent, pos, end);
  }
}

/** IAKERB proxy messages only under the IAKERB OID; TGT messages only under user-to-user. */
function checkMech(ctx: DecodeContext, tok: Node, id: string, thisMech: string): void {
  if (id === '0501' && thisMech !== OID.iakerb) {
    warn(ctx, tok, tok.offset, `IAKERB TOK_ID under ${thisMech}, not the IAKERB OID ${OID.iakerb}`);
  }
  if ((id === '0400' || id === '0401') && thisMech !== OID.krb5U2U) {
    warn(ctx, tok, tok.offset, `user-to-user TOK_ID under ${thisMech}, not ${OID.krb5U2U}`);
  }
}

/** After an unknown TOK_ID: a Kerberos message if one starts there, else raw bytes. */
function rest(ctx: DecodeContext, parent: Node, pos: number, end: number): void {
  if (pos >= end) return;
  if (KERBEROS_MESSAGE_TAGS[ctx.bytes[pos]] !== undefined) {
    trailing(ctx, parent, decodeKerberosMessage(ctx, parent, pos, end), end);
  } else {
    leaf(ctx.bytes, parent, 'innerToken', pos, end - pos, { type: 'bytes', spec: 'RFC 2743 §3.1' });
  }
}

function trailing(ctx: DecodeContext, parent: Node, message: Node, end: number): void {
  const after = message.offset + message.length;
  if (after >= end) return;
  const extra = leaf(ctx.bytes, parent, 'trailing bytes', after, end - after, {
    type: 'bytes',
    spec: 'RFC 2743 §3.1',
  });
  warn(ctx, extra, after, `${end - after} bytes after the ${message.name} inside the GSS token`);
}
