import { readDer } from '../asn1/read';
import { AS_REP, AS_REQ, TGS_REP, TGS_REQ } from '../kerberos/kdc';
import { KRB_ERROR } from '../kerberos/error';
import { MSG_TYPES } from '../../data/kerberos';
import type { KdcMessage } from './types';
import type { ParserOutput, ProtocolParser } from './parser';
import { MAX_MESSAGE } from './parser';
import { ByteQueue, type SegmentMeta } from './stream';
import { readU32BE } from '../../bytes';

/**
 * Kerberos to and from a KDC (RFC 4120 §7.2.1 UDP, §7.2.2 TCP with its 4-byte record mark):
 * AS-REQ/AS-REP/TGS-REQ/TGS-REP/KRB-ERROR with what they say in the clear, read with the codec's
 * schemas.
 */

type Principal = { 'name-type': number; 'name-string': string[] } | undefined;

function principal(p: Principal): string | undefined {
  return p === undefined ? undefined : p['name-string'].join('/');
}

/** The message's clear fields; undefined when the bytes are not a KDC message. */
export function readKdcMessage(
  bytes: Uint8Array,
): Pick<KdcMessage, 'msgType' | 'name' | 'errorCode' | 'realm' | 'sname' | 'cname'> | undefined {
  if (bytes.length < 2) return undefined;
  const msgType = bytes[0] & 0x1f;
  const name = MSG_TYPES[msgType] ?? `msg-type ${msgType}`;
  switch (bytes[0]) {
    case 0x6a:
    case 0x6c: {
      const r = readDer(bytes[0] === 0x6a ? AS_REQ : TGS_REQ, bytes);
      if (!r.ok) return { msgType, name };
      const body = r.value['req-body'];
      return {
        msgType,
        name,
        realm: body.realm,
        sname: principal(body.sname),
        cname: principal(body.cname),
      };
    }
    case 0x6b:
    case 0x6d: {
      const r = readDer(bytes[0] === 0x6b ? AS_REP : TGS_REP, bytes);
      if (!r.ok) return { msgType, name };
      const v = r.value;
      return {
        msgType,
        name,
        realm: v.crealm,
        cname: principal(v.cname),
        sname: principal(v.ticket.sname),
      };
    }
    case 0x7e: {
      const r = readDer(KRB_ERROR, bytes);
      if (!r.ok) return { msgType, name };
      const v = r.value;
      return {
        msgType,
        name,
        errorCode: v['error-code'],
        realm: v.realm,
        sname: principal(v.sname),
        cname: principal(v.cname),
      };
    }
    default:
      return undefined;
  }
}

export function kdcMessage(
  bytes: Uint8Array,
  fromClient: boolean,
  meta: SegmentMeta,
): Omit<KdcMessage, 'transport' | 'client' | 'server'> | undefined {
  const m = readKdcMessage(bytes);
  if (m === undefined) return undefined;
  return {
    ...m,
    from: fromClient ? 'client' : 'kdc',
    frame: meta.frame,
    time: meta.time,
    bytes: bytes.slice(),
  };
}

/** Kerberos over TCP: each message behind a 4-byte big-endian length (top bit reserved). */
export class KdcTcpParser implements ProtocolParser {
  private readonly queues = [new ByteQueue(), new ByteQueue()];
  private readonly stopped = [false, false];

  constructor(private readonly out: ParserOutput) {}

  data(fromClient: boolean, bytes: Uint8Array, meta: SegmentMeta): void {
    const side = fromClient ? 0 : 1;
    if (this.stopped[side]) return;
    const q = this.queues[side];
    q.push(bytes);
    while (q.skip === 0 && q.length >= 4) {
      const v = q.view();
      const mark = readU32BE(v, 0);
      if (mark & 0x80000000 || mark > MAX_MESSAGE) {
        this.stopped[side] = true;
        q.clear();
        this.out.issue(
          meta,
          `Kerberos over TCP at frame ${meta.frame}: record mark 0x${mark.toString(16)} is not a message length; the rest of that direction is not read`,
        );
        return;
      }
      if (q.length < 4 + mark) return;
      const message = kdcMessage(v.subarray(4, 4 + mark), fromClient, meta);
      if (message) this.out.kdc(message);
      else
        this.out.issue(
          meta,
          `Kerberos over TCP at frame ${meta.frame}: a ${mark}-byte record that is not a KDC message`,
        );
      q.consume(4 + mark);
    }
  }

  gap(fromClient: boolean, missing: number, meta: SegmentMeta): void {
    const side = fromClient ? 0 : 1;
    if (this.stopped[side]) return;
    this.stopped[side] = true;
    this.queues[side].clear();
    this.out.issue(
      meta,
      `${missing} bytes of the ${fromClient ? 'client' : 'KDC'}'s Kerberos stream were not captured before frame ${meta.frame}; the rest of that direction is not read`,
    );
  }
}
