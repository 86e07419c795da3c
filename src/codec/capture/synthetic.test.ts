import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../bytes';
import { FIXTURES, realTokens } from '../../testing/fixtures';
import {
  captureFile,
  conversation,
  httpMessage,
  udpDatagram,
  v4,
  v6,
  type FileOptions,
  type Host,
  type Link,
} from '../../testing/capture-writer';
import { CaptureReader, readCapture, type CaptureResult } from '.';

// The NTLM fallback: six tokens, both directions, over three HTTP round trips.
const TOKENS = realTokens('fallback-01-krb5-to-ntlm-no-keytab').filter((t) => !t.perMessage);
const b64 = (b: Uint8Array) => toBase64(b);
const expected = TOKENS.map((t) => [t.direction, b64(t.bytes)]);

function httpExchange(
  client: Host,
  server: Host,
  extra: Partial<Parameters<typeof conversation>[0]> = {},
) {
  const messages = [
    { fromClient: true, bytes: httpMessage(true, null) },
    { fromClient: false, bytes: httpMessage(false, 'WWW-Authenticate: Negotiate', { body: 'no' }) },
    ...TOKENS.map((t, i) => ({
      fromClient: t.direction === 'initiator',
      bytes: httpMessage(
        t.direction === 'initiator',
        `${t.direction === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: Negotiate ${b64(t.bytes)}`,
        // The body of a 401 may mention a header: it is skipped, never read as one.
        {
          status: i === TOKENS.length - 1 ? 200 : 401,
          body: 'Authorization: Negotiate TlRMTVNTUAAB\r\n\r\n',
          chunked: i === 1,
        },
      ),
    })),
  ];
  return conversation({ client, server, messages, ...extra });
}

function realCapture(scenario: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, 'real', scenario, 'capture.pcapng')));
}

const CLIENT: Host = { address: v4(1), port: 50000 };
const SERVER: Host = { address: v4(2), port: 80 };

function steps(r: CaptureResult) {
  return r.exchanges.flatMap((e) => e.steps.map((s) => [s.from, b64(s.token)]));
}

describe('file formats and link layers', () => {
  const links: Link[] = ['ethernet', 'vlan', 'sll', 'sll2', 'null-le', 'null-be', 'raw'];
  const files: FileOptions[] = [
    { format: 'pcap' },
    { format: 'pcap', bigEndian: true, nanoseconds: true },
    { format: 'pcapng' },
    { format: 'pcapng', bigEndian: true, nanoseconds: true },
    { format: 'pcapng', block: 'spb' },
    { format: 'pcapng', block: 'pb' },
  ];
  for (const ip of ['IPv4', 'IPv6'] as const) {
    for (const link of links) {
      for (const file of files) {
        it(`${ip} over ${link} in ${JSON.stringify(file)}`, () => {
          const client = { address: ip === 'IPv4' ? v4(1) : v6(1), port: 50000 };
          const server = { address: ip === 'IPv4' ? v4(2) : v6(2), port: 8080 };
          const r = readCapture(captureFile(httpExchange(client, server), { ...file, link }));
          expect(r.issues).toEqual([]);
          expect(r.complete).toBe(true);
          expect(steps(r)).toEqual(expected);
          const e = r.exchanges[0];
          expect(e.protocol).toBe('http');
          expect(e.client).toEqual({
            address: ip === 'IPv4' ? '10.0.0.1' : '2001:db8::1',
            port: 50000,
          });
          expect(e.server.port).toBe(8080);
          if (file.block !== 'spb') expect(e.steps[0].time).toBeCloseTo(1_795_600_000 + 0.006, 2);
        });
      }
    }
  }
});

describe('TCP reassembly', () => {
  it('statuses: each leg carries its response status, a request its answer', () => {
    const r = readCapture(captureFile(httpExchange(CLIENT, SERVER)));
    expect(r.exchanges[0].steps.map((s) => s.status)).toEqual([401, 401, 401, 401, 200, 200]);
  });

  it('segments of 7 bytes, with sequence numbers wrapping past 2^32', () => {
    const r = readCapture(captureFile(httpExchange(CLIENT, SERVER, { segmentSize: 7 })));
    expect(r.issues).toEqual([]);
    expect(steps(r)).toEqual(expected);
  });

  it('out of order, duplicated and overlapping segments', () => {
    const packets = httpExchange(CLIENT, SERVER, { segmentSize: 50 });
    // Within each run of segments in one direction, reverse every window of 5 (the other side
    // cannot answer before it has all of a request); retransmit every third segment.
    const head = packets.slice(0, 3);
    const data = packets.slice(3, -2);
    const runs: Uint8Array[][] = [];
    for (const p of data) {
      const last = runs.at(-1);
      if (last && last[0][12 + 3] === p[12 + 3]) last.push(p);
      else runs.push([p]);
    }
    const shuffled: Uint8Array[] = [];
    for (const run of runs) {
      for (let i = 0; i < run.length; i += 5) shuffled.push(...run.slice(i, i + 5).reverse());
    }
    const withDuplicates = shuffled.flatMap((p, i) => (i % 3 === 0 ? [p, p] : [p]));
    const r = readCapture(captureFile([...head, ...withDuplicates, ...packets.slice(-2)]));
    expect(r.issues).toEqual([]);
    expect(steps(r)).toEqual(expected);
  });

  it('a request in 1-byte segments captured in reverse order', () => {
    const packets = httpExchange(CLIENT, SERVER, { segmentSize: 1 });
    const fromClient = (p: Uint8Array) => p[15] === 1 && p.length > 24 + 20;
    // The first request carrying a token: its segments, from the first to the server's answer.
    const start = packets.findIndex((p, i) => i > 5 && fromClient(p));
    let end = start;
    while (fromClient(packets[end])) end++;
    const reordered = [
      ...packets.slice(0, start),
      ...packets.slice(start, end).reverse(),
      ...packets.slice(end),
    ];
    const r = readCapture(captureFile(reordered));
    expect(r.issues).toEqual([]);
    expect(steps(r)).toEqual(expected);
  });

  it('overlapping retransmission of a larger segment', () => {
    const small = httpExchange(CLIENT, SERVER, { segmentSize: 40 });
    const big = httpExchange(CLIENT, SERVER, { segmentSize: 100 });
    // The first segments of both: the same bytes cut differently.
    const r = readCapture(captureFile([...small.slice(0, 8), ...big.slice(3)]));
    expect(r.issues).toEqual([]);
    expect(steps(r)).toEqual(expected);
  });

  it('a lost segment is a gap: reported, and the tokens before it are kept', () => {
    const packets = httpExchange(CLIENT, SERVER, { segmentSize: 100 });
    // Drop the second segment of the first request carrying a token (from the client, whose
    // IPv4 source address ends in 1; the IPv4 header is 24 bytes with its options).
    const fromClient = (p: Uint8Array) => p[15] === 1 && p.length > 24 + 20;
    const firstTokenSegment = packets.findIndex((p, i) => i > 5 && fromClient(p));
    const lost = packets.findIndex((p, i) => i > firstTokenSegment && fromClient(p));
    const r = readCapture(captureFile(packets.filter((_, i) => i !== lost)));
    expect(r.exchanges[0].gaps.length).toBe(1);
    expect(r.exchanges[0].gaps[0].bytes).toBeGreaterThan(0);
    expect(r.issues.some((i) => /were not captured/.test(i.message))).toBe(true);
    const got = steps(r);
    expect(got.length).toBeLessThan(expected.length);
    expect(got.length).toBeGreaterThan(0);
    for (const s of got) expect(expected).toContainEqual(s);
  });

  it('without a handshake (capture started mid-connection): server found by its port', () => {
    const r = readCapture(captureFile(httpExchange(CLIENT, SERVER, { handshake: false })));
    expect(steps(r)).toEqual(expected);
    expect(r.exchanges[0].server).toEqual({ address: '10.0.0.2', port: 80 });
  });

  it('several connections interleaved, and a port reused for a new connection', () => {
    const a = httpExchange(CLIENT, SERVER, { segmentSize: 300 });
    const b = httpExchange({ address: v4(3), port: 40000 }, SERVER, { segmentSize: 300 });
    const c = httpExchange(CLIENT, SERVER, { isn: [5, 9] }); // same 4-tuple as a, after it closed
    const mixed: Uint8Array[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      mixed.push(...[a[i], b[i]].filter((p) => p));
    const r = readCapture(captureFile([...mixed, ...c]));
    expect(r.issues).toEqual([]);
    expect(r.exchanges.map((e) => e.client.address)).toEqual(['10.0.0.1', '10.0.0.3', '10.0.0.1']);
    for (const e of r.exchanges)
      expect(e.steps.map((s) => [s.from, b64(s.token)])).toEqual(expected);
  });
});

describe('HTTP', () => {
  it('proxy headers (407), the NTLM and Kerberos schemes, keep-alive and a HEAD', () => {
    const ntlm = realTokens('raw-ntlm-01-ntlmv2').filter((t) => !t.perMessage);
    const messages = [
      { fromClient: true, bytes: new TextEncoder().encode('HEAD / HTTP/1.1\r\nHost: x\r\n\r\n') },
      // A HEAD's response has no body even with a Content-Length.
      {
        fromClient: false,
        bytes: new TextEncoder().encode('HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n'),
      },
      ...ntlm.map((t, i) => ({
        fromClient: t.direction === 'initiator',
        bytes: httpMessage(
          t.direction === 'initiator',
          `${t.direction === 'initiator' ? 'Proxy-Authorization' : 'Proxy-Authenticate'}: NTLM ${b64(t.bytes)}`,
          { status: i === ntlm.length - 1 ? 200 : 407 },
        ),
      })),
      { fromClient: true, bytes: httpMessage(true, 'Authorization: Kerberos YIIBAA==') },
    ];
    const r = readCapture(
      captureFile(
        conversation({
          client: CLIENT,
          server: { address: v4(2), port: 3128 },
          messages,
          segmentSize: 33,
        }),
      ),
    );
    expect(r.issues).toEqual([]);
    const s = r.exchanges[0].steps;
    expect(s.map((x) => [x.from, b64(x.token)])).toEqual([
      ...ntlm.map((t) => [t.direction, b64(t.bytes)]),
      ['initiator', 'YIIBAA=='],
    ]);
    expect(s[0].carrier).toBe('Proxy-Authorization: NTLM');
    expect(s[1].status).toBe(407);
    expect(s.at(-1)?.scheme).toBe('Kerberos');
  });
});

describe('LDAP and Kerberos', () => {
  const krb = realTokens('spnego-krb5-01-std-flags').filter((t) => !t.perMessage);
  const der = (tag: number, ...content: Uint8Array[]) => {
    const body = new Uint8Array(content.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of content) {
      body.set(c, at);
      at += c.length;
    }
    const n = body.length;
    const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 255];
    return new Uint8Array([tag, ...len, ...body]);
  };
  const str = (tag: number, s: string) => der(tag, new TextEncoder().encode(s));
  const int = (tag: number, v: number) => new Uint8Array([tag, 1, v]);

  it('a GSS-SPNEGO bind: BindRequest credentials and BindResponse serverSaslCreds with resultCode', () => {
    const bind = der(
      0x30,
      int(2, 1),
      der(0x60, int(2, 3), str(4, ''), der(0xa3, str(4, 'GSS-SPNEGO'), der(4, krb[0].bytes))),
    );
    const resp = der(
      0x30,
      int(2, 1),
      der(0x61, int(0x0a, 0), str(4, ''), str(4, ''), der(0x87, krb[1].bytes)),
    );
    const packets = conversation({
      client: CLIENT,
      server: { address: v4(2), port: 389 },
      messages: [
        { fromClient: true, bytes: bind },
        { fromClient: false, bytes: resp },
      ],
      segmentSize: 100,
    });
    const r = readCapture(captureFile(packets, { link: 'sll2' }));
    expect(r.issues).toEqual([]);
    const e = r.exchanges[0];
    expect(e.protocol).toBe('ldap');
    expect(e.steps.map((s) => [s.from, b64(s.token), s.scheme, s.status])).toEqual([
      ['initiator', b64(krb[0].bytes), 'GSS-SPNEGO', 0],
      ['acceptor', b64(krb[1].bytes), 'GSS-SPNEGO', 0],
    ]);
    expect(e.steps[1].statusText).toBe('success');
  });

  it('KDC messages over UDP and TCP keep msg-type, realm, sname and error-code', () => {
    const smb = readCapture(realCapture('smb-02-kerberos-password'));
    expect(smb.kdc.map((k) => [k.transport, k.from, k.msgType, k.sname])).toEqual([
      ['tcp', 'client', 10, 'krbtgt/SAMBA.TEST'],
      ['tcp', 'kdc', 11, 'krbtgt/SAMBA.TEST'],
      ['tcp', 'client', 12, 'cifs/dc1.samba.test'],
      ['tcp', 'kdc', 13, 'cifs/dc1.samba.test'],
      ['tcp', 'client', 12, 'krbtgt/SAMBA.TEST'],
      ['tcp', 'kdc', 13, 'krbtgt/SAMBA.TEST'],
    ]);
    const kdc: Host = { address: v6(88), port: 88 };
    const client: Host = { address: v6(1), port: 40001 };
    const asReq = smb.kdc[0].bytes;
    const reject = realTokens('reject-04-krb5-clock-skew').find((t) => t.direction === 'acceptor')!;
    // The KRB-ERROR inside the SPNEGO reject: its [APPLICATION 30] element, found by its tag.
    const at = reject.bytes.indexOf(0x7e);
    const krbError = reject.bytes.subarray(at);
    const r = readCapture(
      captureFile([udpDatagram(client, kdc, asReq), udpDatagram(kdc, client, krbError)], {
        link: 'raw',
      }),
    );
    expect(r.issues).toEqual([]);
    expect(r.kdc.map((k) => [k.transport, k.from, k.name, k.realm, k.errorCode])).toEqual([
      ['udp', 'client', 'KRB_AS_REQ', 'SAMBA.TEST', undefined],
      ['udp', 'kdc', 'KRB_ERROR', 'EXAMPLE.TEST', 37],
    ]);
  });
});

describe('bad input', () => {
  const whole = captureFile(httpExchange(CLIENT, SERVER));

  it('a truncated capture: an issue at the cut record, and what came before', () => {
    for (const cut of [whole.length - 1, Math.floor(whole.length * 0.7), 30]) {
      const r = readCapture(whole.subarray(0, cut));
      expect(r.complete).toBe(false);
      const issue = r.issues.find((i) => /truncated/.test(i.message));
      expect(issue).toBeDefined();
      expect(issue!.offset).toBeLessThan(cut);
      for (const s of steps(r)) expect(expected).toContainEqual(s);
    }
  });

  it('not a capture at all: one clear issue at offset 0', () => {
    const r = readCapture(new TextEncoder().encode('Authorization: Negotiate YII='));
    expect(r.format).toBe('unknown');
    expect(r.complete).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].offset).toBe(0);
    expect(r.issues[0].message).toMatch(/not a pcap or pcapng capture/);
    expect(readCapture(new Uint8Array(0)).issues[0].message).toMatch(/empty/);
  });

  it('a garbage block length stops reading with its offset', () => {
    const bad = whole.slice();
    const second = new DataView(bad.buffer).getUint32(4, true); // the SHB's length: the IDB follows
    bad[second + 4] = 0x03; // the IDB's length is no longer a multiple of 4
    const r = readCapture(bad);
    expect(r.complete).toBe(false);
    expect(r.issues[0].offset).toBe(second + 4);
  });
});

describe('streaming', () => {
  it('fed in chunks of any size, the result is the same', () => {
    const file = captureFile(httpExchange(CLIENT, SERVER, { segmentSize: 64 }), { format: 'pcap' });
    const once = readCapture(file);
    for (const size of [1, 3, 17, 1000]) {
      const reader = new CaptureReader();
      for (let i = 0; i < file.length; i += size) reader.push(file.subarray(i, i + size));
      expect(reader.bytesRead).toBe(file.length);
      expect(reader.finish()).toEqual(once);
    }
  });
});

describe('notes on what is skipped', () => {
  it('an IPv4 fragment and an unknown link type are each noted once, with their offsets', () => {
    const packets = httpExchange(CLIENT, SERVER);
    const fragment = packets[5].slice();
    fragment[6] |= 0x20; // more fragments
    const withFragments = [...packets.slice(0, 5), fragment, fragment, ...packets.slice(5)];
    const r = readCapture(captureFile(withFragments, { format: 'pcap' }));
    const notes = r.issues.filter((i) => /fragment/.test(i.message));
    expect(notes).toHaveLength(1);
    expect(notes[0].frame).toBe(6);
    // The sixth record: after the 24-byte file header and five records (16-byte header, Ethernet).
    expect(notes[0].offset).toBe(
      24 + packets.slice(0, 5).reduce((n, p) => n + 16 + 14 + p.length, 0),
    );
    const file = captureFile(packets, { format: 'pcap' });
    new DataView(file.buffer).setUint32(20, 147, true); // LINKTYPE_USER0
    const other = readCapture(file);
    expect(other.issues).toEqual([
      {
        offset: 24,
        frame: 1,
        message: expect.stringMatching(/link type 147 is not read/),
      },
    ]);
  });

  it('a pcap record longer than the snapshot length is garbage, said at once', () => {
    const file = captureFile(httpExchange(CLIENT, SERVER), { format: 'pcap' });
    new DataView(file.buffer).setUint32(24 + 8, 0x00ffffff, true);
    const reader = new CaptureReader();
    reader.push(file);
    const r = reader.finish();
    expect(r.packets).toBe(0);
    expect(r.issues[0]).toEqual({
      offset: 24,
      message: expect.stringMatching(/snapshot length 262144/),
    });
  });
});

describe('LDAP Sicily and SASL GSSAPI', () => {
  const der = (tag: number, body: Uint8Array) => {
    const n = body.length;
    const len = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 255];
    return new Uint8Array([tag, ...len, ...body]);
  };
  const cat = (...parts: Uint8Array[]) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const text = (tag: number, s: string) => der(tag, new TextEncoder().encode(s));
  const msg = (id: number, op: Uint8Array) => der(0x30, cat(new Uint8Array([2, 1, id]), op));
  const ntlm = realTokens('raw-ntlm-01-ntlmv2').filter((t) => !t.perMessage);

  it('Sicily NTLM: sicilyNegotiate, the CHALLENGE in the response, sicilyResponse', () => {
    const version = new Uint8Array([2, 1, 3]);
    const messages = [
      {
        fromClient: true,
        bytes: msg(1, der(0x60, cat(version, text(4, 'NTLM'), der(0x8a, ntlm[0].bytes)))),
      },
      {
        fromClient: false,
        bytes: msg(
          1,
          der(0x61, cat(new Uint8Array([0x0a, 1, 0]), der(4, ntlm[1].bytes), text(4, ''))),
        ),
      },
      {
        fromClient: true,
        bytes: msg(2, der(0x60, cat(version, text(4, ''), der(0x8b, ntlm[2].bytes)))),
      },
      {
        fromClient: false,
        bytes: msg(2, der(0x61, cat(new Uint8Array([0x0a, 1, 49]), text(4, ''), text(4, 'bad')))),
      },
    ];
    const packets = conversation({
      client: CLIENT,
      server: { address: v4(2), port: 389 },
      messages,
      segmentSize: 90,
    });
    const r = readCapture(captureFile(packets));
    expect(r.issues).toEqual([]);
    expect(r.exchanges[0].steps.map((s) => [s.from, b64(s.token), s.status, s.statusText])).toEqual(
      [
        ['initiator', b64(ntlm[0].bytes), 0, 'success'],
        ['acceptor', b64(ntlm[1].bytes), 0, 'success'],
        ['initiator', b64(ntlm[2].bytes), 49, 'invalidCredentials'],
      ],
    );
  });

  it('SASL GSSAPI: a raw Kerberos token, scheme GSSAPI; the SASL-wrapped traffic after it is left alone', () => {
    const krb = realTokens('raw-krb5-01-mutual').filter((t) => !t.perMessage);
    const messages = [
      {
        fromClient: true,
        bytes: msg(
          1,
          der(
            0x60,
            cat(
              new Uint8Array([2, 1, 3]),
              text(4, ''),
              der(0xa3, cat(text(4, 'GSSAPI'), der(4, krb[0].bytes))),
            ),
          ),
        ),
      },
      {
        fromClient: false,
        bytes: msg(
          1,
          der(
            0x61,
            cat(new Uint8Array([0x0a, 1, 14]), text(4, ''), text(4, ''), der(0x87, krb[1].bytes)),
          ),
        ),
      },
      { fromClient: true, bytes: new Uint8Array([0, 0, 0, 4, 1, 2, 3, 4]) }, // a SASL buffer
    ];
    const r = readCapture(
      captureFile(
        conversation({ client: CLIENT, server: { address: v4(2), port: 389 }, messages }),
      ),
    );
    expect(r.issues).toEqual([]);
    expect(r.exchanges[0].steps.map((s) => [s.from, b64(s.token), s.scheme, s.status])).toEqual([
      ['initiator', b64(krb[0].bytes), 'GSSAPI', 14],
      ['acceptor', b64(krb[1].bytes), 'GSSAPI', 14],
    ]);
  });
});
