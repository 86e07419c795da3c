import type { IssueList, Packet } from './types';
import { concatBytes } from '../../bytes';

/**
 * pcap and pcapng record reader, fed chunk by chunk (draft-ietf-opsawg-pcap §4–§5,
 * draft-ietf-opsawg-pcapng §4). Only an incomplete record is ever kept between chunks; a record
 * spanning chunks is assembled once, when its last byte arrives.
 */

const PCAP_MAGIC_US = 0xa1b2c3d4;
const PCAP_MAGIC_NS = 0xa1b23c4d;
const PCAPNG_SHB = 0x0a0d0d0a;
const PCAPNG_BOM = 0x1a2b3c4d;
/** No real packet record is this large; beyond it the file is garbage. */
const MAX_RECORD = 256 * 1024 * 1024;

interface Interface {
  linkType: number;
  /** Units of the timestamp per second. */
  unitsPerSecond: number;
}

export class CaptureFileReader {
  format: 'pcap' | 'pcapng' | 'unknown' = 'unknown';
  /** Bytes of the file consumed so far (whole records). */
  position = 0;
  packets = 0;
  /** Set when the file cannot be read further; the reader then ignores what follows. */
  failed = false;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private need = 0;
  private little = true;
  private pcapLinkType = 0;
  private pcapSnapLen = 0;
  private pcapUnits = 1e6;
  private interfaces: Interface[] = [];
  /** File offset of the first byte of the data being read. */
  private fileBase = 0;

  constructor(
    private readonly onPacket: (packet: Packet) => void,
    private readonly issues: IssueList,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.failed || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered < this.need) return;
    let data = this.chunks.length === 1 ? this.chunks[0] : concatBytes(...this.chunks);
    this.chunks = [];
    this.buffered = 0;
    let pos = 0;
    this.fileBase = this.position;
    while (!this.failed) {
      const used = this.record(data, pos);
      if (used === 0) break;
      pos += used;
      this.position += used;
    }
    if (!this.failed && pos < data.length) {
      data = data.subarray(pos);
      this.chunks = [data];
      this.buffered = data.length;
    }
  }

  /** The end of the file: anything left over is a truncated record. */
  finish(): void {
    if (this.failed) return;
    if (this.format === 'unknown' && this.position === 0 && this.buffered === 0) {
      this.fail(0, 'the file is empty: not a pcap or pcapng capture');
    } else if (this.buffered > 0) {
      this.fail(
        this.position,
        `the capture is truncated: the record at offset ${this.position} needs ${Math.max(this.need, this.buffered + 1)} bytes but only ${this.buffered} remain`,
      );
    }
  }

  private fail(offset: number, message: string): void {
    this.failed = true;
    this.chunks = [];
    this.buffered = 0;
    this.issues.add(offset, message);
  }

  /** Reads one record at `pos`: the bytes used, or 0 when more data is needed. */
  private record(data: Uint8Array, pos: number): number {
    const left = data.length - pos;
    if (this.format === 'unknown') return this.fileHeader(data, pos, left);
    if (this.format === 'pcap') return this.pcapRecord(data, pos, left);
    return this.pcapngBlock(data, pos, left);
  }

  private want(n: number, left: number): boolean {
    this.need = n;
    return left >= n;
  }

  private fileHeader(data: Uint8Array, pos: number, left: number): number {
    if (!this.want(4, left)) return 0;
    const dv = view(data, pos, left);
    const le = dv.getUint32(0, true);
    const be = dv.getUint32(0, false);
    if (le === PCAPNG_SHB) {
      this.format = 'pcapng';
      return this.pcapngBlock(data, pos, left);
    }
    const magic = [PCAP_MAGIC_US, PCAP_MAGIC_NS];
    if (magic.includes(le) || magic.includes(be)) {
      if (!this.want(24, left)) return 0;
      this.little = magic.includes(le);
      this.pcapUnits = (this.little ? le : be) === PCAP_MAGIC_NS ? 1e9 : 1e6;
      // LinkType: the low 16 bits; the top bits may carry the FCS length (draft-ietf-opsawg-pcap §4).
      this.pcapLinkType = dv.getUint32(20, this.little) & 0xffff;
      this.pcapSnapLen = dv.getUint32(16, this.little);
      this.format = 'pcap';
      return 24;
    }
    this.fail(
      this.at(pos),
      `not a pcap or pcapng capture: it starts with ${hex4(data, pos)} (pcap starts d4 c3 b2 a1 or a1 b2 c3 d4, pcapng 0a 0d 0d 0a)`,
    );
    return 0;
  }

  private pcapRecord(data: Uint8Array, pos: number, left: number): number {
    if (!this.want(16, left)) return 0;
    const dv = view(data, pos, left);
    const sec = dv.getUint32(0, this.little);
    const frac = dv.getUint32(4, this.little);
    const incl = dv.getUint32(8, this.little);
    // A record longer than the file's snapshot length is garbage (draft-ietf-opsawg-pcap §5:
    // CapLen never exceeds SnapLen); said at once rather than after waiting for that many bytes.
    if (incl > Math.min(MAX_RECORD, Math.max(this.pcapSnapLen, 262144))) {
      this.fail(
        this.at(pos),
        `packet record at offset ${this.at(pos)} claims ${incl} captured bytes, more than the file's snapshot length ${this.pcapSnapLen}: not a packet (garbage or a wrong length)`,
      );
      return 0;
    }
    if (!this.want(16 + incl, left)) return 0;
    this.emit(
      pos,
      sec + frac / this.pcapUnits,
      this.pcapLinkType,
      data.subarray(pos + 16, pos + 16 + incl),
    );
    this.need = 0;
    return 16 + incl;
  }

  private pcapngBlock(data: Uint8Array, pos: number, left: number): number {
    if (!this.want(12, left)) return 0;
    let dv = view(data, pos, left);
    const rawType = dv.getUint32(0, true);
    if (rawType === PCAPNG_SHB) {
      const bom = dv.getUint32(8, true);
      if (bom === PCAPNG_BOM) this.little = true;
      else if (dv.getUint32(8, false) === PCAPNG_BOM) this.little = false;
      else {
        this.fail(
          this.at(pos + 8),
          `section header block at offset ${this.at(pos)} has no byte-order magic 1a2b3c4d`,
        );
        return 0;
      }
      this.interfaces = [];
    }
    const type = dv.getUint32(0, this.little);
    const length = dv.getUint32(4, this.little);
    if (length < 12 || length % 4 !== 0 || length > MAX_RECORD) {
      this.fail(
        this.at(pos + 4),
        `block at offset ${this.at(pos)} has an impossible length ${length} (truncated or garbage)`,
      );
      return 0;
    }
    if (!this.want(length, left)) return 0;
    dv = view(data, pos, length);
    if (dv.getUint32(length - 4, this.little) !== length) {
      this.fail(
        this.at(pos + length - 4),
        `block at offset ${this.at(pos)}: its trailing length differs from its leading length ${length}`,
      );
      return 0;
    }
    this.need = 0;
    const body = length - 12;
    switch (type) {
      case 1: // Interface Description Block
        if (body >= 8) this.interfaces.push(this.idb(data, pos, dv, length));
        break;
      case 6: // Enhanced Packet Block
      case 2: {
        // Packet Block (obsolete): interface id is 16 bits, then drops count
        if (body < 20) break;
        const iface = type === 6 ? dv.getUint32(8, this.little) : dv.getUint16(8, this.little);
        const high = dv.getUint32(12, this.little);
        const low = dv.getUint32(16, this.little);
        const captured = dv.getUint32(20, this.little);
        if (captured > body - 20) {
          this.issues.add(
            this.at(pos),
            `packet block at offset ${this.at(pos)} claims ${captured} bytes but holds ${body - 20}`,
          );
          break;
        }
        this.packetIn(
          pos,
          iface,
          high * 4294967296 + low,
          data.subarray(pos + 28, pos + 28 + captured),
        );
        break;
      }
      case 3: {
        // Simple Packet Block: interface 0, no timestamp
        if (body < 4) break;
        const original = dv.getUint32(8, this.little);
        const captured = Math.min(original, body - 4);
        this.packetIn(pos, 0, undefined, data.subarray(pos + 12, pos + 12 + captured));
        break;
      }
      default: // SHB handled above; name resolution, statistics, custom… blocks are skipped
        break;
    }
    return length;
  }

  private idb(data: Uint8Array, pos: number, dv: DataView, length: number): Interface {
    const iface: Interface = { linkType: dv.getUint16(8, this.little), unitsPerSecond: 1e6 };
    // Options: code, length, value padded to 32 bits; if_tsresol is code 9.
    for (let o = 16; o + 4 <= length - 4;) {
      const code = dv.getUint16(o, this.little);
      const len = dv.getUint16(o + 2, this.little);
      if (code === 0 || o + 4 + len > length - 4) break;
      if (code === 9 && len >= 1) {
        const r = data[pos + o + 4];
        const exp = r & 0x7f;
        iface.unitsPerSecond = r & 0x80 ? 2 ** exp : 10 ** exp;
      }
      o += 4 + ((len + 3) & ~3);
    }
    return iface;
  }

  private packetIn(pos: number, ifaceId: number, ts: number | undefined, bytes: Uint8Array): void {
    const iface = this.interfaces[ifaceId];
    if (iface === undefined) {
      this.issues.add(
        this.at(pos),
        `packet block at offset ${this.at(pos)} names interface ${ifaceId}, which no interface block described`,
      );
      return;
    }
    this.emit(pos, ts === undefined ? 0 : ts / iface.unitsPerSecond, iface.linkType, bytes);
  }

  private emit(pos: number, time: number, linkType: number, data: Uint8Array): void {
    this.packets++;
    this.onPacket({ frame: this.packets, offset: this.at(pos), time, linkType, data });
  }

  /** File offset of index `pos` of the data being read. */
  private at(pos: number): number {
    return this.fileBase + pos;
  }
}

function view(data: Uint8Array, pos: number, length: number): DataView {
  return new DataView(data.buffer, data.byteOffset + pos, length);
}

function hex4(data: Uint8Array, pos: number): string {
  return Array.from(data.subarray(pos, pos + 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
}
