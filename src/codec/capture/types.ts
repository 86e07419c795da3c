/** What the capture reader gives: the authentication exchanges a pcap/pcapng file holds. */

export interface Endpoint {
  /** Dotted IPv4 or RFC 5952-style IPv6 text. */
  address: string;
  port: number;
}

export type CaptureProtocol = 'http' | 'smb2' | 'ldap';

export interface CaptureStep {
  from: 'initiator' | 'acceptor';
  /** The token's exact bytes. */
  token: Uint8Array;
  /** Where it was carried: `Authorization: Negotiate`, `SMB2 SESSION_SETUP response`, … */
  carrier: string;
  /** HTTP scheme (`Negotiate`, `NTLM`, `Kerberos`) or SASL mechanism (`GSS-SPNEGO`, `GSSAPI`). */
  scheme?: string;
  /**
   * The leg's status: an HTTP response's status code (on a request, the code of the response that
   * answered it), an SMB2 NT status, an LDAP resultCode.
   */
  status?: number;
  statusText?: string;
  /** 1-based number of the packet that completed the message, its time (seconds since 1970). */
  frame: number;
  time: number;
}

export interface CaptureExchange {
  protocol: CaptureProtocol;
  client: Endpoint;
  server: Endpoint;
  /** First packet of the connection seen. */
  firstFrame: number;
  steps: CaptureStep[];
  /** Missing bytes in either direction (segments never captured). */
  gaps: CaptureGap[];
}

export interface CaptureGap {
  from: 'client' | 'server';
  frame: number;
  bytes: number;
}

/** A Kerberos message to or from a KDC (port 88), kept as context for the exchanges. */
export interface KdcMessage {
  transport: 'tcp' | 'udp';
  client: Endpoint;
  server: Endpoint;
  from: 'client' | 'kdc';
  frame: number;
  time: number;
  /** RFC 4120 msg-type: 10 AS-REQ, 11 AS-REP, 12 TGS-REQ, 13 TGS-REP, 30 KRB-ERROR. */
  msgType: number;
  name: string;
  /** KRB-ERROR's error-code (RFC 4120 §7.5.9). */
  errorCode?: number;
  /** The request's realm, the reply's crealm, the error's realm. */
  realm?: string;
  /** The request's sname, the reply's ticket sname, the error's sname (`krbtgt/REALM`, `HTTP/host`). */
  sname?: string;
  cname?: string;
  bytes: Uint8Array;
}

export interface CaptureIssue {
  /** Byte offset in the capture file (of the packet record, or of the bad header). */
  offset: number;
  frame?: number;
  message: string;
}

export interface CaptureResult {
  format: 'pcap' | 'pcapng' | 'unknown';
  packets: number;
  exchanges: CaptureExchange[];
  kdc: KdcMessage[];
  issues: CaptureIssue[];
  /** False when the file could not be read to its end (truncated or garbage): see `issues`. */
  complete: boolean;
}

/** One captured packet as the file gives it. */
export interface Packet {
  frame: number;
  /** Offset of the packet's record in the file. */
  offset: number;
  time: number;
  linkType: number;
  data: Uint8Array;
}

/** Sink for issues, keeping the first few and counting the rest. */
export class IssueList {
  private readonly kept: CaptureIssue[] = [];
  private dropped = 0;
  constructor(private readonly max = 100) {}
  add(offset: number, message: string, frame?: number): void {
    if (this.kept.length >= this.max) {
      this.dropped++;
      return;
    }
    this.kept.push(frame === undefined ? { offset, message } : { offset, frame, message });
  }
  toArray(): CaptureIssue[] {
    if (this.dropped === 0) return this.kept.slice();
    const last = this.kept[this.kept.length - 1];
    return [
      ...this.kept,
      { offset: last.offset, message: `${this.dropped} more issues not shown` },
    ];
  }
}
