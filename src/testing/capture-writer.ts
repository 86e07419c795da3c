/**
 * Test-only writer of captures for the capture reader's tests: TCP conversations (segmented,
 * reordered, retransmitted), UDP datagrams, over IPv4 or IPv6, behind Ethernet (optionally
 * 802.1Q-tagged), Linux cooked v1/v2, BSD loopback or raw IP, in pcap (either byte order,
 * micro- or nanoseconds) or pcapng (either byte order; enhanced, simple or obsolete packet
 * blocks, with an unknown block in between). Layouts: draft-ietf-opsawg-pcap,
 * draft-ietf-opsawg-pcapng, RFC 791, RFC 8200, RFC 9293, RFC 768.
 */
import { concatBytes } from '../bytes';

export type Link = 'ethernet' | 'vlan' | 'sll' | 'sll2' | 'null-le' | 'null-be' | 'raw';
export const LINK_TYPES: Record<Link, number> = {
  ethernet: 1,
  vlan: 1,
  sll: 113,
  sll2: 276,
  'null-le': 0,
  'null-be': 0,
  raw: 101,
};

export interface Host {
  address: number[]; // 4 bytes (IPv4) or 16 bytes (IPv6)
  port: number;
}

export interface WirePacket {
  time: number;
  /** The IP packet. */
  ip: Uint8Array;
}

export function v4(last: number): number[] {
  return [10, 0, 0, last];
}
export function v6(last: number): number[] {
  return [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last];
}

export function ipPacket(
  src: number[],
  dst: number[],
  proto: number,
  payload: Uint8Array,
): Uint8Array {
  if (src.length === 16) {
    const h = new Uint8Array(40);
    h[0] = 0x60;
    h[4] = payload.length >> 8;
    h[5] = payload.length & 255;
    h[6] = 60; // a destination-options extension header first, then the transport
    h[7] = 64;
    h.set(src, 8);
    h.set(dst, 24);
    const ext = new Uint8Array(8);
    ext[0] = proto;
    h[4] = (payload.length + 8) >> 8;
    h[5] = (payload.length + 8) & 255;
    return concatBytes(h, ext, payload);
  }
  // IPv4 with a 4-byte options field (a NOP-padded end of options list).
  const h = new Uint8Array(24);
  h[0] = 0x46;
  const total = 24 + payload.length;
  h[2] = total >> 8;
  h[3] = total & 255;
  h[6] = 0x40; // don't fragment
  h[8] = 64;
  h[9] = proto;
  h.set(src, 12);
  h.set(dst, 16);
  h.set([1, 1, 1, 0], 20);
  return concatBytes(h, payload);
}

export function tcpSegment(
  from: Host,
  to: Host,
  seq: number,
  flags: number,
  payload: Uint8Array,
): Uint8Array {
  const t = new Uint8Array(20 + payload.length);
  const dv = new DataView(t.buffer);
  dv.setUint16(0, from.port);
  dv.setUint16(2, to.port);
  dv.setUint32(4, seq >>> 0);
  t[12] = 5 << 4;
  t[13] = flags;
  dv.setUint16(14, 65535);
  t.set(payload, 20);
  return ipPacket(from.address, to.address, 6, t);
}

export function udpDatagram(from: Host, to: Host, payload: Uint8Array): Uint8Array {
  const u = new Uint8Array(8 + payload.length);
  const dv = new DataView(u.buffer);
  dv.setUint16(0, from.port);
  dv.setUint16(2, to.port);
  dv.setUint16(4, u.length);
  u.set(payload, 8);
  return ipPacket(from.address, to.address, 17, u);
}

export const SYN = 0x02;
export const ACK = 0x10;
export const FIN = 0x01;
export const PSH = 0x08;

export interface Conversation {
  client: Host;
  server: Host;
  /** Messages in the order they are sent. */
  messages: { fromClient: boolean; bytes: Uint8Array }[];
  /** Largest segment payload (default: one segment per message). */
  segmentSize?: number;
  /** Initial sequence numbers (default near 2^32 so they wrap). */
  isn?: [number, number];
  handshake?: boolean;
  close?: boolean;
}

/** The segments of one TCP conversation, each an IP packet, in sending order. */
export function conversation(c: Conversation): Uint8Array[] {
  const [ci, si] = c.isn ?? [0xfffffff0, 0x7ffffff0];
  const seq = [ci, si];
  const out: Uint8Array[] = [];
  const send = (fromClient: boolean, flags: number, payload: Uint8Array) => {
    const side = fromClient ? 0 : 1;
    out.push(
      tcpSegment(
        fromClient ? c.client : c.server,
        fromClient ? c.server : c.client,
        seq[side],
        flags,
        payload,
      ),
    );
    seq[side] = (seq[side] + payload.length + (flags & (SYN | FIN) ? 1 : 0)) >>> 0;
  };
  if (c.handshake !== false) {
    send(true, SYN, new Uint8Array(0));
    send(false, SYN | ACK, new Uint8Array(0));
    send(true, ACK, new Uint8Array(0));
  } else {
    seq[0] = (seq[0] + 1) >>> 0;
    seq[1] = (seq[1] + 1) >>> 0;
  }
  for (const m of c.messages) {
    const size = c.segmentSize ?? Math.max(1, m.bytes.length);
    for (let i = 0; i < m.bytes.length; i += size) {
      send(m.fromClient, PSH | ACK, m.bytes.subarray(i, i + size));
    }
  }
  if (c.close !== false) {
    send(true, FIN | ACK, new Uint8Array(0));
    send(false, FIN | ACK, new Uint8Array(0));
  }
  return out;
}

/** Wraps an IP packet in a link-layer header. */
export function linkFrame(link: Link, ip: Uint8Array): Uint8Array {
  const v6 = ip[0] >> 4 === 6;
  const type = v6 ? [0x86, 0xdd] : [0x08, 0x00];
  switch (link) {
    case 'ethernet':
      return concatBytes(new Uint8Array([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, ...type]), ip);
    case 'vlan':
      return concatBytes(
        new Uint8Array([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x81, 0x00, 0x00, 0x2a, ...type]),
        ip,
      );
    case 'sll':
      return concatBytes(new Uint8Array([0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 1, 0, 0, ...type]), ip);
    case 'sll2':
      return concatBytes(
        new Uint8Array([...type, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 0, 0, 0, 0, 0, 1, 0, 0]),
        ip,
      );
    case 'null-le':
      return concatBytes(new Uint8Array([v6 ? 30 : 2, 0, 0, 0]), ip);
    case 'null-be':
      return concatBytes(new Uint8Array([0, 0, 0, v6 ? 30 : 2]), ip);
    case 'raw':
      return ip;
  }
}

export interface FileOptions {
  format?: 'pcap' | 'pcapng';
  bigEndian?: boolean;
  /** pcap: nanosecond timestamps; pcapng: if_tsresol 9. */
  nanoseconds?: boolean;
  /** pcapng packet block kind. */
  block?: 'epb' | 'spb' | 'pb';
  link?: Link;
}

/** A capture file of the given IP packets, one per frame, a millisecond apart. */
export function captureFile(packets: Uint8Array[], o: FileOptions = {}): Uint8Array {
  const link = o.link ?? 'ethernet';
  const le = !o.bigEndian;
  const frames = packets.map((p) => linkFrame(link, p));
  const t0 = 1_795_600_000;
  if ((o.format ?? 'pcapng') === 'pcap') {
    const parts: Uint8Array[] = [];
    const h = new DataView(new ArrayBuffer(24));
    h.setUint32(0, o.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4, le);
    h.setUint16(4, 2, le);
    h.setUint16(6, 4, le);
    h.setUint32(16, 262144, le);
    h.setUint32(20, LINK_TYPES[link], le);
    parts.push(new Uint8Array(h.buffer));
    frames.forEach((f, i) => {
      const r = new DataView(new ArrayBuffer(16));
      r.setUint32(0, t0, le);
      r.setUint32(4, i * (o.nanoseconds ? 1_000_000 : 1000), le);
      r.setUint32(8, f.length, le);
      r.setUint32(12, f.length, le);
      parts.push(new Uint8Array(r.buffer), f);
    });
    return concatBytes(...parts);
  }
  const block = (type: number, body: Uint8Array) => {
    const padded = (body.length + 3) & ~3;
    const b = new Uint8Array(12 + padded);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, type, le);
    dv.setUint32(4, b.length, le);
    b.set(body, 8);
    dv.setUint32(b.length - 4, b.length, le);
    return b;
  };
  const shb = new DataView(new ArrayBuffer(16));
  shb.setUint32(0, 0x1a2b3c4d, le);
  shb.setUint16(4, 1, le);
  shb.setInt32(8, -1, le);
  shb.setInt32(12, -1, le);
  const idb = new DataView(new ArrayBuffer(o.nanoseconds ? 20 : 12));
  idb.setUint16(0, LINK_TYPES[link], le);
  idb.setUint32(4, 262144, le);
  if (o.nanoseconds) {
    idb.setUint16(8, 9, le); // if_tsresol
    idb.setUint16(10, 1, le);
    idb.setUint8(12, 9);
    // then opt_endofopt (4 zero bytes)
  }
  const parts = [
    block(0x0a0d0d0a, new Uint8Array(shb.buffer)),
    block(1, new Uint8Array(idb.buffer)),
    block(0x0bad, new Uint8Array([1, 2, 3, 4, 5])), // a block type no reader knows: skipped
  ];
  const units = o.nanoseconds ? 1e9 : 1e6;
  frames.forEach((f, i) => {
    const ts = (t0 + i / 1000) * units;
    const high = Math.floor(ts / 4294967296);
    const low = ts % 4294967296;
    if (o.block === 'spb') {
      const b = new Uint8Array(4 + f.length);
      new DataView(b.buffer).setUint32(0, f.length, le);
      b.set(f, 4);
      parts.push(block(3, b));
      return;
    }
    const b = new Uint8Array(20 + f.length);
    const dv = new DataView(b.buffer);
    if (o.block === 'pb') dv.setUint16(0, 0, le);
    else dv.setUint32(0, 0, le);
    dv.setUint32(4, high, le);
    dv.setUint32(8, low, le);
    dv.setUint32(12, f.length, le);
    dv.setUint32(16, f.length, le);
    b.set(f, 20);
    parts.push(block(o.block === 'pb' ? 2 : 6, b));
  });
  return concatBytes(...parts);
}

/** HTTP/1.1 messages of a Negotiate exchange, as the bytes each side sends. */
export function httpMessage(
  fromClient: boolean,
  header: string | null,
  { status = 401, body = '', path = '/private', chunked = false } = {},
): Uint8Array {
  const h = header === null ? '' : `${header}\r\n`;
  if (fromClient) {
    return new TextEncoder().encode(
      `GET ${path} HTTP/1.1\r\nHost: server.example.test\r\n${h}\r\n`,
    );
  }
  const reason =
    status === 200 ? 'OK' : status === 407 ? 'Proxy Authentication Required' : 'Unauthorized';
  const framing = chunked
    ? `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`
    : `Content-Length: ${body.length}\r\n\r\n${body}`;
  return new TextEncoder().encode(`HTTP/1.1 ${status} ${reason}\r\n${h}${framing}`);
}
