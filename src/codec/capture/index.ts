import { concatBytes } from '../../bytes';
import { decodeFrame, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, type Segment } from './link';
import { CaptureFileReader } from './file';
import { HttpParser, looksLikeHttp } from './http';
import { SmbParser } from './smb';
import { LdapParser } from './ldap';
import { KdcTcpParser, kdcMessage } from './kdc';
import type { ParserOutput, ProtocolParser } from './parser';
import { HalfStream, type SegmentMeta } from './stream';
import {
  IssueList,
  type CaptureExchange,
  type CaptureProtocol,
  type CaptureResult,
  type CaptureStep,
  type Endpoint,
  type KdcMessage,
  type Packet,
} from './types';

export type * from './types';

/**
 * Reads a pcap or pcapng capture into the authentication exchanges it holds: one per TCP
 * connection that carried HTTP, SMB2 or LDAP authentication tokens, plus the Kerberos KDC
 * messages seen on port 88. Feed it chunks (`push`) in file order, then `finish()`; memory holds
 * only the unfinished record, each open connection's unread bytes, and what is kept.
 * Never throws: what cannot be read becomes an issue with its file offset.
 */
export class CaptureReader {
  private readonly issues = new IssueList();
  private readonly file: CaptureFileReader;
  private readonly open = new Map<string, Connection>();
  private readonly done: CaptureExchange[] = [];
  private readonly kdc: KdcMessage[] = [];
  private readonly skipped = new Set<string>();

  constructor() {
    this.file = new CaptureFileReader((p) => this.packet(p), this.issues);
  }

  /** Bytes of the file read so far (for progress). */
  get bytesRead(): number {
    return this.file.position;
  }

  /** Packets read so far (for progress). */
  get packets(): number {
    return this.file.packets;
  }

  /** Connections closed so far that carried authentication (for progress). */
  get exchangesFound(): number {
    return this.done.length;
  }

  push(chunk: Uint8Array): void {
    try {
      this.file.push(chunk);
    } catch (e) {
      this.internal(e);
    }
  }

  finish(): CaptureResult {
    try {
      this.file.finish();
      for (const c of this.open.values()) this.close(c);
      this.open.clear();
    } catch (e) {
      this.internal(e);
    }
    const exchanges = this.done.slice().sort((a, b) => a.firstFrame - b.firstFrame);
    return {
      format: this.file.format,
      packets: this.file.packets,
      exchanges,
      kdc: this.kdc.slice(),
      issues: this.issues.toArray(),
      complete: !this.file.failed,
    };
  }

  private internal(e: unknown): void {
    this.file.failed = true;
    this.issues.add(
      this.file.position,
      `internal error reading the capture: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  private packet(p: Packet): void {
    const s = decodeFrame(p.linkType, p.data);
    if (s === null) return;
    const meta: SegmentMeta = { frame: p.frame, time: p.time, offset: p.offset };
    if ('skip' in s) {
      // Each kind of unreadable frame is reported once, at its first occurrence.
      if (!this.skipped.has(s.skip)) {
        this.skipped.add(s.skip);
        this.issues.add(p.offset, `frame ${p.frame}: ${s.skip} (such frames are skipped)`, p.frame);
      }
      return;
    }
    if (s.proto === 'udp') this.udp(s, meta);
    else this.tcp(s, meta);
  }

  private udp(s: Segment, meta: SegmentMeta): void {
    if (s.sport !== 88 && s.dport !== 88) return;
    const fromClient = s.dport === 88;
    const m = kdcMessage(s.payload, fromClient, meta);
    if (m === undefined) return;
    const client = fromClient
      ? { address: s.src, port: s.sport }
      : { address: s.dst, port: s.dport };
    const server = fromClient
      ? { address: s.dst, port: s.dport }
      : { address: s.src, port: s.sport };
    this.kdc.push({ transport: 'udp', client, server, ...m });
  }

  private tcp(s: Segment, meta: SegmentMeta): void {
    const a = `${s.src}|${s.sport}`;
    const b = `${s.dst}|${s.dport}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    let c = this.open.get(key);
    const synOnly = (s.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;
    if (c !== undefined && synOnly && c.sawData) {
      // A new connection on the same addresses and ports.
      this.close(c);
      this.open.delete(key);
      c = undefined;
    }
    if (c === undefined) {
      if (s.flags & TCP_RST && s.payload.length === 0) return;
      c = this.connection(s, meta, synOnly);
      this.open.set(key, c);
    }
    const fromClient = s.src === c.client.address && s.sport === c.client.port;
    const side = fromClient ? 0 : 1;
    if (s.flags & TCP_SYN) c.streams[side].syn(s.seq);
    if (s.payload.length > 0) c.sawData = true;
    // A connection found to carry nothing we read is not reassembled further.
    if (s.payload.length > 0 && c.parser !== null) {
      c.streams[side].segment(s.seq, s.payload, meta);
    }
    if (s.flags & TCP_FIN) c.fin[side] = true;
    if (s.flags & TCP_RST || (c.fin[0] && c.fin[1])) {
      this.close(c);
      this.open.delete(key);
    }
  }

  private connection(s: Segment, meta: SegmentMeta, synOnly: boolean): Connection {
    const src = { address: s.src, port: s.sport };
    const dst = { address: s.dst, port: s.dport };
    const synAck = (s.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK);
    let srcIsClient: boolean;
    if (synOnly) srcIsClient = true;
    else if (synAck) srcIsClient = false;
    else if (WELL_KNOWN.has(s.dport) !== WELL_KNOWN.has(s.sport))
      srcIsClient = WELL_KNOWN.has(s.dport);
    else srcIsClient = s.sport > s.dport;
    const c: Connection = {
      client: srcIsClient ? src : dst,
      server: srcIsClient ? dst : src,
      firstFrame: meta.frame,
      protocol: undefined,
      parser: undefined,
      sawData: false,
      sniff: [EMPTY, EMPTY],
      fin: [false, false],
      steps: [],
      awaiting: [],
      gaps: [],
      streams: [undefined, undefined] as unknown as [HalfStream, HalfStream],
    };
    const sink = (fromClient: boolean) => ({
      data: (bytes: Uint8Array, m: SegmentMeta) => {
        if (c.parser === undefined) {
          // Decided on the first bytes in sequence order (not the first segment captured),
          // once there are enough of them to recognise a protocol by its content.
          const seen = concatBytes(c.sniff[fromClient ? 0 : 1], bytes);
          c.sniff[fromClient ? 0 : 1] = seen;
          const parser = this.detect(c, fromClient, seen);
          if (parser === undefined) return;
          c.parser = parser;
          const [client, server] = c.sniff;
          c.sniff = [EMPTY, EMPTY];
          if (client.length > 0) parser?.data(true, client, m);
          if (server.length > 0) parser?.data(false, server, m);
          return;
        }
        c.parser?.data(fromClient, bytes, m);
      },
      gap: (missing: number, m: SegmentMeta) => {
        c.gaps.push({ from: fromClient ? 'client' : 'server', frame: m.frame, bytes: missing });
        c.parser?.gap(fromClient, missing, m);
      },
    });
    c.streams = [new HalfStream(sink(true)), new HalfStream(sink(false))];
    return c;
  }

  /** Which protocol the connection speaks: by the server's port, else by its first bytes. */
  /** undefined: too few bytes yet to tell. */
  private detect(
    c: Connection,
    fromClient: boolean,
    first: Uint8Array,
  ): ProtocolParser | null | undefined {
    const port = c.server.port;
    const out = this.output(c);
    if (!KNOWN_PORTS.has(port) && first.length < SNIFF) return undefined;
    const smbStart =
      first.length >= 8 &&
      first[0] === 0 &&
      (first[4] === 0xfe || first[4] === 0xff) &&
      first[5] === 0x53 &&
      first[6] === 0x4d &&
      first[7] === 0x42;
    if (port === 445 || port === 139 || smbStart) return this.use(c, 'smb2', new SmbParser(out));
    if (port === 389 || port === 3268) return this.use(c, 'ldap', new LdapParser(out));
    if (port === 88) return new KdcTcpParser(out);
    if (looksLikeHttp(first) && (fromClient || first[0] === 0x48))
      return this.use(c, 'http', new HttpParser(out));
    return null;
  }

  private use(c: Connection, protocol: CaptureProtocol, parser: ProtocolParser): ProtocolParser {
    c.protocol = protocol;
    return parser;
  }

  private output(c: Connection): ParserOutput {
    return {
      step: (step: CaptureStep) => {
        c.steps.push(step);
        if (step.from === 'initiator' && step.status === undefined) c.awaiting.push(step);
      },
      answer: (status, statusText) => {
        for (const s of c.awaiting) {
          s.status = status;
          if (statusText !== undefined) s.statusText = statusText;
        }
        c.awaiting = [];
      },
      kdc: (m) => this.kdc.push({ transport: 'tcp', client: c.client, server: c.server, ...m }),
      issue: (meta, message) => this.issues.add(meta.offset, message, meta.frame),
    };
  }

  private close(c: Connection): void {
    c.streams[0].flush();
    c.streams[1].flush();
    if (c.protocol !== undefined && c.steps.length > 0) {
      this.done.push({
        protocol: c.protocol,
        client: c.client,
        server: c.server,
        firstFrame: c.firstFrame,
        steps: c.steps,
        gaps: c.gaps,
      });
    }
  }
}

/** Bytes needed to recognise HTTP or SMB by content. */
const SNIFF = 16;
const KNOWN_PORTS = new Set([88, 139, 389, 445, 3268]);
const EMPTY = new Uint8Array(0);

const WELL_KNOWN = new Set([
  80, 88, 139, 389, 443, 445, 636, 3128, 3268, 8000, 8008, 8080, 8088, 8443,
]);

interface Connection {
  client: Endpoint;
  server: Endpoint;
  firstFrame: number;
  protocol: CaptureProtocol | undefined;
  /** undefined until the first data decides; null when it is nothing we read. */
  parser: ProtocolParser | null | undefined;
  sawData: boolean;
  /** Each side's first bytes while the protocol is not known yet. */
  sniff: [Uint8Array, Uint8Array];
  fin: [boolean, boolean];
  steps: CaptureStep[];
  /** Initiator steps whose answer's status is not known yet. */
  awaiting: CaptureStep[];
  gaps: CaptureExchange['gaps'];
  streams: [HalfStream, HalfStream];
}

/** Reads a whole capture held in memory (see `CaptureReader` to feed it in chunks). */
export function readCapture(bytes: Uint8Array): CaptureResult {
  const reader = new CaptureReader();
  reader.push(bytes);
  return reader.finish();
}
