import { concatBytes, toBase64 } from '../bytes';
/**
 * Writes a classic pcap of HTTP over TCP/IPv4/Ethernet carrying Negotiate tokens in
 * `Authorization` / `WWW-Authenticate` headers, so tshark can dissect our tokens (tests, bench).
 * Test and bench only (Node).
 */

export interface HttpToken {
  from: 'initiator' | 'acceptor';
  token: Uint8Array;
  scheme?: string;
}

const CLIENT = [127, 0, 0, 1];
const SERVER = [127, 0, 0, 2];

export function negotiatePcap(tokens: HttpToken[], { perConnection = Infinity } = {}): Uint8Array {
  const frames: Uint8Array[] = [];
  let clientSeq = 1000;
  let serverSeq = 5000;
  let port = 40000;
  let time = 1_795_600_000;
  tokens.forEach((t, i) => {
    if (i % perConnection === 0) {
      port++;
      clientSeq = 1000;
      serverSeq = 5000;
    }
    const header = `${t.from === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: ${t.scheme ?? 'Negotiate'} ${toBase64(t.token)}`;
    const http =
      t.from === 'initiator'
        ? `GET /private HTTP/1.1\r\nHost: server.example.test\r\n${header}\r\n\r\n`
        : `HTTP/1.1 401 Unauthorized\r\n${header}\r\nContent-Length: 0\r\n\r\n`;
    const payload = new TextEncoder().encode(http);
    const fromClient = t.from === 'initiator';
    frames.push(
      frame(
        time++,
        fromClient ? CLIENT : SERVER,
        fromClient ? SERVER : CLIENT,
        fromClient ? port : 80,
        fromClient ? 80 : port,
        fromClient ? clientSeq : serverSeq,
        fromClient ? serverSeq : clientSeq,
        payload,
      ),
    );
    if (fromClient) clientSeq += payload.length;
    else serverSeq += payload.length;
  });
  const header = new Uint8Array(24);
  const dv = new DataView(header.buffer);
  dv.setUint32(0, 0xa1b2c3d4, true);
  dv.setUint16(4, 2, true);
  dv.setUint16(6, 4, true);
  dv.setUint32(16, 262144, true);
  dv.setUint32(20, 1, true); // Ethernet
  return concatBytes(header, ...frames);
}

function frame(
  time: number,
  src: number[],
  dst: number[],
  sport: number,
  dport: number,
  seq: number,
  ack: number,
  payload: Uint8Array,
): Uint8Array {
  const tcp = new Uint8Array(20 + payload.length);
  const t = new DataView(tcp.buffer);
  t.setUint16(0, sport);
  t.setUint16(2, dport);
  t.setUint32(4, seq);
  t.setUint32(8, ack);
  tcp[12] = 5 << 4;
  tcp[13] = 0x18; // PSH, ACK
  t.setUint16(14, 65535);
  tcp.set(payload, 20);
  const ip = new Uint8Array(20);
  const v = new DataView(ip.buffer);
  ip[0] = 0x45;
  v.setUint16(2, 20 + tcp.length);
  ip[8] = 64;
  ip[9] = 6;
  ip.set(src, 12);
  ip.set(dst, 16);
  v.setUint16(10, checksum(ip));
  const pseudo = concatBytes(
    new Uint8Array([...src, ...dst, 0, 6, tcp.length >> 8, tcp.length & 255]),
    tcp,
  );
  t.setUint16(16, checksum(pseudo));
  const eth = new Uint8Array([0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00]);
  const packet = concatBytes(eth, ip, tcp);
  const rec = new Uint8Array(16);
  const r = new DataView(rec.buffer);
  r.setUint32(0, time, true);
  r.setUint32(8, packet.length, true);
  r.setUint32(12, packet.length, true);
  return concatBytes(rec, packet);
}

function checksum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
