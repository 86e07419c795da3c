import { describe, expect, it } from 'vitest';
import { bytesOfBase64, hexOf } from '../../testing/input/bytes';
import { detectFormat, extractTokens, type ExtractedToken } from './index';
import {
  CURL_VERBOSE_EXCHANGE,
  DEVTOOLS_COPY_AS_CURL,
  DEVTOOLS_COPY_AS_POWERSHELL,
  DEVTOOLS_HTTP2_REQUEST_HEADERS,
  DEVTOOLS_REQUEST_HEADERS,
  DEVTOOLS_RESPONSE_HEADERS,
  RAW_NTLM,
  REJECT_B64,
  REJECT_HEX,
  SAMBA_INIT_B64,
  SAMBA_INIT_HEX,
  SPNEGO_NTLM,
  WIRESHARK_DETAILS,
  WIRESHARK_DETAILS_TRUNCATED,
} from '../../testing/input/samples';

const hexOfB64 = (b64: string) => hexOf(bytesOfBase64(b64));

/** The fields a reader of the token list cares about, minus the bytes (compared as hex). */
function summary(token: ExtractedToken) {
  return {
    format: token.format,
    direction: token.direction,
    scheme: token.scheme,
    header: token.header,
    line: token.line,
    source: token.source,
    hex: hexOf(token.bytes),
  };
}

function extractClean(text: string) {
  const result = extractTokens(text);
  expect(result.errors).toEqual([]);
  return result.tokens.map(summary);
}

describe('HTTP exchanges', () => {
  it('reads a curl -v transcript: tokens in order, each with its direction', () => {
    expect(detectFormat(CURL_VERBOSE_EXCHANGE)).toBe('http');
    expect(extractClean(CURL_VERBOSE_EXCHANGE)).toEqual([
      {
        format: 'http',
        direction: 'initiator',
        scheme: 'Negotiate',
        header: 'Authorization',
        line: 22,
        source: 'Authorization: Negotiate (line 22)',
        hex: hexOfB64(SPNEGO_NTLM.negotiate),
      },
      {
        format: 'http',
        direction: 'acceptor',
        scheme: 'Negotiate',
        header: 'WWW-Authenticate',
        line: 28,
        source: 'WWW-Authenticate: Negotiate (line 28)',
        hex: hexOfB64(SPNEGO_NTLM.challenge),
      },
      {
        format: 'http',
        direction: 'initiator',
        scheme: 'Negotiate',
        header: 'Authorization',
        line: 37,
        source: 'Authorization: Negotiate (line 37)',
        hex: hexOfB64(SPNEGO_NTLM.authenticate),
      },
      {
        format: 'http',
        direction: 'acceptor',
        scheme: 'Negotiate',
        header: 'WWW-Authenticate',
        line: 43,
        source: 'WWW-Authenticate: Negotiate (line 43)',
        hex: hexOfB64(SPNEGO_NTLM.completed),
      },
    ]);
  });

  it('checks the line numbers point at the header lines', () => {
    const lines = CURL_VERBOSE_EXCHANGE.split('\n');
    expect(lines[22 - 1]).toMatch(/^> Authorization: Negotiate /);
    expect(lines[43 - 1]).toMatch(/^< WWW-Authenticate: Negotiate /);
  });

  it('reads DevTools request and response header copies (CRLF too)', () => {
    const [request] = extractClean(DEVTOOLS_REQUEST_HEADERS);
    expect(request).toMatchObject({ direction: 'initiator', header: 'Authorization', line: 5 });
    expect(request.hex).toBe(hexOfB64(SPNEGO_NTLM.negotiate));
    const [response] = extractClean(DEVTOOLS_RESPONSE_HEADERS);
    expect(response).toMatchObject({ direction: 'acceptor', header: 'WWW-Authenticate', line: 6 });
    expect(response.hex).toBe(hexOfB64(SPNEGO_NTLM.challenge));
  });

  it('reads HTTP/2 lower-case headers and keeps the name as written', () => {
    const tokens = extractClean(DEVTOOLS_HTTP2_REQUEST_HEADERS);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      header: 'authorization',
      direction: 'initiator',
      scheme: 'Negotiate',
      source: 'authorization: Negotiate (line 7)',
      hex: hexOfB64(SPNEGO_NTLM.authenticate),
    });
  });

  it('reads DevTools "Copy as cURL" and "Copy as PowerShell"', () => {
    for (const text of [DEVTOOLS_COPY_AS_CURL, DEVTOOLS_COPY_AS_POWERSHELL]) {
      expect(detectFormat(text)).toBe('http');
      const tokens = extractClean(text);
      expect(tokens).toHaveLength(1);
      expect(tokens[0]).toMatchObject({ header: 'authorization', direction: 'initiator' });
      expect(tokens[0].hex).toBe(hexOfB64(SPNEGO_NTLM.negotiate));
    }
  });

  it('reads a JSON or dictionary literal holding the header', () => {
    const json = `{"headers": {"Accept": "*/*", "Authorization": "Negotiate ${REJECT_B64}"}}`;
    expect(extractClean(json)).toMatchObject([{ header: 'Authorization', hex: REJECT_HEX }]);
    const python = `headers = {'WWW-Authenticate': 'Negotiate ${REJECT_B64}'}`;
    expect(extractClean(python)).toMatchObject([{ direction: 'acceptor', hex: REJECT_HEX }]);
  });

  it("reads Wireshark's packet details, which end header lines with a literal \\r\\n", () => {
    expect(extractClean(WIRESHARK_DETAILS)).toMatchObject([
      { header: 'Authorization', line: 8, hex: hexOfB64(SPNEGO_NTLM.negotiate) },
    ]);
  });

  it('refuses a header that Wireshark marked [truncated]', () => {
    const result = extractTokens(WIRESHARK_DETAILS_TRUNCATED);
    expect(result.tokens).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain("shortened by Wireshark ('[truncated]')");
    expect(result.errors[0].offset).toBe(WIRESHARK_DETAILS_TRUNCATED.indexOf('WWW-Authenticate'));
  });
});

describe('HTTP header forms', () => {
  it('treats a bare challenge as an offer: no token and no error', () => {
    for (const text of ['WWW-Authenticate: Negotiate', 'WWW-Authenticate: Negotiate, NTLM\r\n']) {
      expect(detectFormat(text)).toBe('http');
      expect(extractTokens(text)).toEqual({ tokens: [], errors: [] });
    }
  });

  it('takes the token-bearing challenges from a comma-separated list', () => {
    const text = `WWW-Authenticate: Basic realm="Intranet, HQ", Negotiate ${REJECT_B64}, NTLM`;
    expect(extractClean(text)).toMatchObject([{ scheme: 'Negotiate', hex: REJECT_HEX }]);
    const two = `WWW-Authenticate: Negotiate ${REJECT_B64}, NTLM ${RAW_NTLM.challenge}`;
    expect(extractClean(two).map((t) => [t.scheme, t.hex])).toEqual([
      ['Negotiate', REJECT_HEX],
      ['NTLM', hexOfB64(RAW_NTLM.challenge)],
    ]);
  });

  it('reads the NTLM scheme with raw NTLM messages', () => {
    const text = [
      'GET /intranet HTTP/1.1',
      `Authorization: NTLM ${RAW_NTLM.negotiate}`,
      '',
      'HTTP/1.1 401 Unauthorized',
      `WWW-Authenticate: NTLM ${RAW_NTLM.challenge}`,
      '',
      'GET /intranet HTTP/1.1',
      `Authorization: NTLM ${RAW_NTLM.authenticate}`,
    ].join('\n');
    const tokens = extractClean(text);
    expect(tokens.map((t) => [t.scheme, t.direction, t.hex.slice(0, 24)])).toEqual([
      ['NTLM', 'initiator', '4e544c4d5353500001000000'],
      ['NTLM', 'acceptor', '4e544c4d5353500002000000'],
      ['NTLM', 'initiator', '4e544c4d5353500003000000'],
    ]);
  });

  it('maps proxy headers to directions and accepts the Kerberos scheme', () => {
    const text = [
      `Proxy-Authorization: Kerberos ${SAMBA_INIT_B64}`,
      `Proxy-Authenticate: Negotiate ${REJECT_B64}`,
    ].join('\n');
    expect(extractClean(text).map((t) => [t.header, t.scheme, t.direction])).toEqual([
      ['Proxy-Authorization', 'Kerberos', 'initiator'],
      ['Proxy-Authenticate', 'Negotiate', 'acceptor'],
    ]);
  });

  it('ignores case in header and scheme names, and leading whitespace', () => {
    const tokens = extractClean(`   WWW-AUTHENTICATE :  negotiate   ${REJECT_B64}   `);
    expect(tokens).toMatchObject([
      { header: 'WWW-AUTHENTICATE', scheme: 'Negotiate', direction: 'acceptor', hex: REJECT_HEX },
    ]);
  });

  it('accepts a bare "Negotiate <base64>" line without a header name', () => {
    expect(detectFormat(`Negotiate ${SAMBA_INIT_B64}`)).toBe('http');
    expect(extractClean(`Negotiate ${SAMBA_INIT_B64}\n`)).toEqual([
      {
        format: 'http',
        direction: null,
        scheme: 'Negotiate',
        header: undefined,
        line: 1,
        source: 'Negotiate (line 1)',
        hex: SAMBA_INIT_HEX,
      },
    ]);
  });

  it('does not take prose starting with a scheme name for a header', () => {
    expect(detectFormat('NTLM authentication failed for EXAMPLE\\alice')).not.toBe('http');
  });

  it('joins a token wrapped over several lines', () => {
    const wrapped = SAMBA_INIT_B64.match(/.{1,40}/g)?.join('\n') ?? '';
    const text = `Authorization: Negotiate ${wrapped}\nHost: intranet.example.test`;
    expect(extractClean(text)).toMatchObject([{ line: 1, hex: SAMBA_INIT_HEX }]);
    const afterScheme = `Authorization: Negotiate\n${wrapped}\n`;
    expect(extractClean(afterScheme)).toMatchObject([{ line: 1, hex: SAMBA_INIT_HEX }]);
  });

  it('reads a header name and its value on separate lines (DevTools headers pane)', () => {
    const text = `authorization:\nNegotiate ${REJECT_B64}\nhost:\nintranet.example.test`;
    expect(extractClean(text)).toMatchObject([
      { header: 'authorization', direction: 'initiator', line: 1, hex: REJECT_HEX },
    ]);
  });

  it('accepts URL-safe and unpadded tokens', () => {
    const urlSafe = SPNEGO_NTLM.authenticate.replace(/\+/g, '-').replace(/\//g, '_');
    const unpadded = urlSafe.replace(/=+$/, '');
    expect(extractClean(`Authorization: Negotiate ${unpadded}`)[0].hex).toBe(
      hexOfB64(SPNEGO_NTLM.authenticate),
    );
  });

  it('ignores curl informational lines that repeat the header', () => {
    const text = [
      `* [HTTP/2] [1] [authorization: Negotiate ${REJECT_B64}]`,
      `> authorization: Negotiate ${REJECT_B64}`,
    ].join('\n');
    expect(extractClean(text)).toHaveLength(1);
  });

  it('accepts the Nego2 scheme named in the transports spec', () => {
    expect(extractClean(`WWW-Authenticate: Nego2 ${REJECT_B64}`)).toMatchObject([
      { scheme: 'Nego2', hex: REJECT_HEX },
    ]);
  });
});

describe('HTTP errors', () => {
  it('points at a bad character inside a token and keeps the other tokens', () => {
    const broken = SPNEGO_NTLM.challenge.slice(0, 20) + '*' + SPNEGO_NTLM.challenge.slice(21);
    const text = `Authorization: Negotiate ${SPNEGO_NTLM.negotiate}\nWWW-Authenticate: Negotiate ${broken}\n`;
    const result = extractTokens(text);
    expect(result.tokens.map((t) => t.direction)).toEqual(['initiator']);
    const offset = text.indexOf('*');
    expect(result.errors).toEqual([
      { offset, message: `invalid base64 character '*' at offset ${offset}` },
    ]);
  });

  it('says so when the headers use other schemes only', () => {
    const result = extractTokens('Authorization: Basic YWxpY2U6c2VjcmV0');
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain('none uses the Negotiate, NTLM or Kerberos scheme');
  });

  it('says so when http is forced on text without headers', () => {
    const result = extractTokens(SAMBA_INIT_B64, 'http');
    expect(result.tokens).toEqual([]);
    expect(result.errors[0].message).toContain('no Authorization / WWW-Authenticate header');
  });
});
