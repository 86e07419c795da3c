/**
 * From a captured frame to its TCP or UDP segment: link layers (LINKTYPE_ values of
 * draft-ietf-opsawg-pcaplinktype), IPv4 (RFC 791) and IPv6 (RFC 8200), TCP (RFC 9293) and UDP
 * (RFC 768). Returns a reason string when the frame carries nothing we read.
 */

export interface Segment {
  proto: 'tcp' | 'udp';
  src: string;
  dst: string;
  sport: number;
  dport: number;
  /** TCP only. */
  seq: number;
  flags: number;
  payload: Uint8Array;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_ACK = 0x10;

/** A frame that is not TCP/UDP over IP is skipped silently (`null`); a reason is a real problem. */
export type Decoded = Segment | null | { skip: string };

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;

export function decodeFrame(linkType: number, data: Uint8Array): Decoded {
  const dv = new DataView(data.buffer, data.byteOffset, data.length);
  switch (linkType) {
    case 1: {
      // LINKTYPE_ETHERNET: 14-byte header, 802.1Q / 802.1ad tags of 4 bytes each
      let pos = 12;
      for (let tags = 0; tags < 4; tags++) {
        if (pos + 2 > data.length) return { skip: 'Ethernet frame shorter than its header' };
        const type = dv.getUint16(pos);
        if (type !== 0x8100 && type !== 0x88a8 && type !== 0x9100)
          return byEtherType(type, data, pos + 2);
        pos += 4;
      }
      return { skip: 'more than 4 VLAN tags' };
    }
    case 113: // LINKTYPE_LINUX_SLL: 16 bytes, protocol type at 14
      if (data.length < 16) return { skip: 'Linux cooked (SLL) header truncated' };
      return byEtherType(dv.getUint16(14), data, 16);
    case 276: // LINKTYPE_LINUX_SLL2: 20 bytes, protocol type at 0
      if (data.length < 20) return { skip: 'Linux cooked v2 (SLL2) header truncated' };
      return byEtherType(dv.getUint16(0), data, 20);
    case 0: // LINKTYPE_NULL: 4-byte address family in the capturing host's byte order
    case 108: {
      // LINKTYPE_LOOP: the same, always big-endian
      if (data.length < 4) return { skip: 'loopback header truncated' };
      const le = dv.getUint32(0, true);
      const f = linkType === 0 && le < 0x10000 ? le : dv.getUint32(0);
      if (f === 2) return ipv4(data.subarray(4));
      if (f === 10 || f === 24 || f === 28 || f === 30) return ipv6(data.subarray(4));
      return null;
    }
    case 101: // LINKTYPE_RAW
    case 12: // DLT_RAW as some systems write it
    case 14:
      return rawIp(data);
    case 228: // LINKTYPE_IPV4
      return ipv4(data);
    case 229: // LINKTYPE_IPV6
      return ipv6(data);
    default:
      return {
        skip: `link type ${linkType} is not read (Ethernet, Linux cooked v1/v2, loopback and raw IP are)`,
      };
  }
}

function byEtherType(type: number, data: Uint8Array, pos: number): Decoded {
  if (type === ETH_IPV4) return ipv4(data.subarray(pos));
  if (type === ETH_IPV6) return ipv6(data.subarray(pos));
  return null;
}

function rawIp(data: Uint8Array): Decoded {
  if (data.length === 0) return { skip: 'empty raw IP packet' };
  const version = data[0] >> 4;
  if (version === 4) return ipv4(data);
  if (version === 6) return ipv6(data);
  return { skip: `raw IP packet of version ${version}` };
}

function ipv4(p: Uint8Array): Decoded {
  if (p.length < 20) return { skip: 'IPv4 header truncated' };
  const dv = new DataView(p.buffer, p.byteOffset, p.length);
  const ihl = (p[0] & 0x0f) * 4;
  if (p[0] >> 4 !== 4 || ihl < 20) return { skip: 'bad IPv4 header' };
  const total = dv.getUint16(2);
  // Total length 0 is seen with TCP segmentation offload: use what was captured.
  const end = total === 0 ? p.length : Math.min(total, p.length);
  if (end < ihl) return { skip: 'IPv4 header truncated' };
  const frag = dv.getUint16(6);
  if ((frag & 0x2000) !== 0 || (frag & 0x1fff) !== 0) {
    return { skip: 'IPv4 fragment: fragments are not reassembled' };
  }
  const src = `${p[12]}.${p[13]}.${p[14]}.${p[15]}`;
  const dst = `${p[16]}.${p[17]}.${p[18]}.${p[19]}`;
  return transport(p[9], src, dst, p.subarray(ihl, end));
}

function ipv6(p: Uint8Array): Decoded {
  if (p.length < 40) return { skip: 'IPv6 header truncated' };
  const dv = new DataView(p.buffer, p.byteOffset, p.length);
  if (p[0] >> 4 !== 6) return { skip: 'bad IPv6 header' };
  const payloadLength = dv.getUint16(4);
  const end = payloadLength === 0 ? p.length : Math.min(40 + payloadLength, p.length);
  let next = p[6];
  let pos = 40;
  // Extension headers (RFC 8200 §4): hop-by-hop 0, routing 43, destination options 60,
  // mobility 135 (8-octet units after the first 8), AH 51 (4-octet units + 2); a bounded walk.
  for (let n = 0; n < 16; n++) {
    if (next === 0 || next === 43 || next === 60 || next === 135 || next === 51) {
      if (pos + 2 > end) return { skip: 'IPv6 extension header truncated' };
      const len = next === 51 ? (p[pos + 1] + 2) * 4 : (p[pos + 1] + 1) * 8;
      next = p[pos];
      pos += len;
      continue;
    }
    if (next === 44) return { skip: 'IPv6 fragment: fragments are not reassembled' };
    if (pos > end) return { skip: 'IPv6 extension header truncated' };
    return transport(
      next,
      address6(p.subarray(8, 24)),
      address6(p.subarray(24, 40)),
      p.subarray(pos, end),
    );
  }
  return { skip: 'too many IPv6 extension headers' };
}

function transport(proto: number, src: string, dst: string, p: Uint8Array): Decoded {
  const dv = new DataView(p.buffer, p.byteOffset, p.length);
  if (proto === 6) {
    if (p.length < 20) return { skip: 'TCP header truncated' };
    const offset = (p[12] >> 4) * 4;
    if (offset < 20 || offset > p.length) return { skip: 'bad TCP header length' };
    return {
      proto: 'tcp',
      src,
      dst,
      sport: dv.getUint16(0),
      dport: dv.getUint16(2),
      seq: dv.getUint32(4),
      flags: p[13],
      payload: p.subarray(offset),
    };
  }
  if (proto === 17) {
    if (p.length < 8) return { skip: 'UDP header truncated' };
    const length = dv.getUint16(4);
    const end = length >= 8 ? Math.min(length, p.length) : p.length;
    return {
      proto: 'udp',
      src,
      dst,
      sport: dv.getUint16(0),
      dport: dv.getUint16(2),
      seq: 0,
      flags: 0,
      payload: p.subarray(8, end),
    };
  }
  return null;
}

/** RFC 5952 text: lowercase, leading zeros dropped, the longest run of zero groups as `::`. */
export function address6(b: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((b[i] << 8) | b[i + 1]);
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const text = groups.map((g) => g.toString(16));
  if (bestStart < 0) return text.join(':');
  return `${text.slice(0, bestStart).join(':')}::${text.slice(bestStart + bestLen).join(':')}`;
}
