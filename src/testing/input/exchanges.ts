/**
 * Test-only pastes built around a real exchange's tokens (fixtures/vectors/real, generated with
 * MIT krb5 1.20.1 / gss-ntlmssp 1.2.0 in a lab realm): the forms a user has at hand — a curl -v
 * log, a browser's HAR export (HAR 1.2), bare header lines, a list of tokens.
 */
import { toBase64 } from '../../bytes';
import { realTokens, type RealToken } from '../fixtures';

export const FALLBACK_SCENARIO = 'fallback-01-krb5-to-ntlm-no-keytab';

/** The fallback from Kerberos to NTLM: six context tokens, initiator first. */
export function fallbackTokens(): RealToken[] {
  return realTokens(FALLBACK_SCENARIO).filter((t) => !t.perMessage);
}

export const b64 = (t: RealToken): string => toBase64(t.bytes);

/** The status each acceptor token's response had: 401 until the last, 200 with it. */
export function statusOf(tokens: RealToken[], index: number): number {
  return index === tokens.length - 1 ? 200 : 401;
}

/**
 * `curl -v --negotiate -u : http://web.example.test/` as curl 7.88 prints it: the first 401
 * with a bare `WWW-Authenticate: Negotiate`, then one request per initiator token.
 */
export function curlVerboseLog(tokens: RealToken[]): string {
  const out = [
    '*   Trying 127.0.0.1:80...',
    '* Connected to web.example.test (127.0.0.1) port 80 (#0)',
    '> GET / HTTP/1.1',
    '> Host: web.example.test',
    '> User-Agent: curl/7.88.1',
    '> Accept: */*',
    '>',
    '< HTTP/1.1 401 Unauthorized',
    '< WWW-Authenticate: Negotiate',
    '< Content-Length: 0',
    '<',
    '* Connection #0 to host web.example.test left intact',
  ];
  tokens.forEach((t, i) => {
    if (t.direction === 'initiator') {
      out.push(
        '> GET / HTTP/1.1',
        '> Host: web.example.test',
        `> Authorization: Negotiate ${b64(t)}`,
      );
      out.push('> User-Agent: curl/7.88.1', '> Accept: */*', '>');
    } else {
      const status = statusOf(tokens, i);
      out.push(`< HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Unauthorized'}`);
      out.push('< Server: Apache/2.4.57 (Debian)', `< WWW-Authenticate: Negotiate ${b64(t)}`);
      out.push('< Content-Length: 0', '<');
    }
  });
  out.push('* Connection #0 to host web.example.test left intact', '');
  return out.join('\n');
}

interface HarHeader {
  name: string;
  value: string;
}

/** A HAR 1.2 log (Chrome's "Export HAR (with sensitive data)"): one entry per leg pair. */
export function harExport(tokens: RealToken[]): string {
  const entries: unknown[] = [];
  const entry = (request: HarHeader[], status: number, response: HarHeader[]) =>
    entries.push({
      startedDateTime: `2024-05-01T10:00:0${entries.length}.000Z`,
      time: 3.2,
      request: {
        method: 'GET',
        url: 'http://web.example.test/',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Host', value: 'web.example.test' }, ...request],
        queryString: [],
        cookies: [],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status,
        statusText: status === 200 ? 'OK' : 'Unauthorized',
        httpVersion: 'HTTP/1.1',
        headers: [{ name: 'Content-Length', value: '0' }, ...response],
        cookies: [],
        content: { size: 0, mimeType: 'text/plain' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 0,
      },
      cache: {},
      timings: { send: 0, wait: 3, receive: 0.2 },
    });
  entry([], 401, [{ name: 'WWW-Authenticate', value: 'Negotiate' }]);
  for (let i = 0; i < tokens.length; i += 2) {
    const reply = tokens[i + 1];
    entry(
      [{ name: 'Authorization', value: `Negotiate ${b64(tokens[i])}` }],
      reply === undefined ? 401 : statusOf(tokens, i + 1),
      reply === undefined ? [] : [{ name: 'WWW-Authenticate', value: `Negotiate ${b64(reply)}` }],
    );
  }
  const log = {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [],
      entries,
    },
  };
  return JSON.stringify(log, null, 2);
}

/** Bare header lines, no request or status lines: direction from each header's name. */
export function headerLines(tokens: RealToken[]): string {
  return tokens
    .map(
      (t) =>
        `${t.direction === 'initiator' ? 'Authorization' : 'WWW-Authenticate'}: Negotiate ${b64(t)}`,
    )
    .join('\n');
}
