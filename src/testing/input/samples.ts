// Test data. Tokens generated with MIT krb5 1.20.1 / gss-ntlmssp 1.2.0 / Samba 4.17.12 in a lab
// realm (SPNEGO Lab's shared vector corpus), copied here so the tests do not read /work/shared.

/** Samba's SMB2 NegTokenInit2 [MS-KRB5, KRB5, NTLMSSP], 120 bytes: 60 76 06 06 2b 06 01 05 05 02... */
export const SAMBA_INIT_B64 =
  'YHYGBisGAQUFAqBsMGqgPDA6BgorBgEEAYI3AgIeBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKoZIhvcSAQICAwYKKwYBBAGCNwICCqMqMCigJhskbm90X2RlZmluZWRfaW5fUkZDNDE3OEBwbGVhc2VfaWdub3Jl';

export const SAMBA_INIT_HEX =
  '607606062b0601050502a06c306aa03c303a060a2b06010401823702021e06092a864882f71201020206092a864886f712010202060a2a864886f71201020203060a2b06010401823702020aa32a3028a0261b246e6f745f646566696e65645f696e5f5246433431373840706c656173655f69676e6f7265';

/** MIT's 9-byte SPNEGO reject token. */
export const REJECT_HEX = 'a1073005a0030a0102';
export const REJECT_B64 = 'oQcwBaADCgEC';

/** SPNEGO-wrapped NTLMv2 exchange (spnego-ntlm-01-ntlmv2), base64 as sent in HTTP. */
export const SPNEGO_NTLM = {
  negotiate:
    'YEgGBisGAQUFAqA+MDygDjAMBgorBgEEAYI3AgIKoioEKE5UTE1TU1AAAQAAADeCCOIAAAAAAAAAAAAAAAAAAAAABgIAAAAAAA8=',
  challenge:
    'oYGmMIGjoAMKAQGhDAYKKwYBBAGCNwICCqKBjQSBik5UTE1TU1AAAgAAAA4ADgA4AAAANYKJ4laxhxlz2cLNAAAAAAAAAABEAEQARgAAAAYCAAAAAAAPRQBYAEEATQBQAEwARQABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIAFRSS/V/fd0BAAAAAA==',
  authenticate:
    'oYIBRzCCAUOgAwoBAaKCASYEggEiTlRMTVNTUAADAAAAAAAAAFgAAACUAJQAWAAAAA4ADgDsAAAACgAKAPoAAAAOAA4ABAEAABAAEAASAQAANYKJ4gYCAAAAAAAPyrSrTFmrWzjp/r6e/tvljvDf7UcGrFONftc1L5KikMUBAQAAAAAAAFRSS/V/fd0Br+LWCt0iIUUAAAAAAQAOAFMARQBSAFYARQBSADEAAgAOAEUAWABBAE0AUABMAEUAAwAEAHYAbQAGAAQAAgAAAAcACABUUkv1f33dAQkAHABIAFQAVABQAC8AbABvAGMAYQBsAGgAbwBzAHQAAAAAAAAAAABFAFgAQQBNAFAATABFAGEAbABpAGMAZQBDAEwASQBFAE4AVAAxAMQvbsmpzOFuHx6MEB195WajEgQQAQAAAC7gri+HPRyiAAAAAA==',
  completed: 'oRswGaADCgEAoxIEEAEAAADEDklExGq3XQAAAAA=',
};

/** Raw NTLMv2 messages (raw-ntlm-01-ntlmv2), as sent with the HTTP NTLM scheme. */
export const RAW_NTLM = {
  negotiate: 'TlRMTVNTUAABAAAAN4II4gAAAAAAAAAAAAAAAAAAAAAGAgAAAAAADw==',
  challenge:
    'TlRMTVNTUAACAAAADgAOADgAAAA1goniiELtLJ5kxtIAAAAAAAAAAEQARABGAAAABgIAAAAAAA9FAFgAQQBNAFAATABFAAEADgBTAEUAUgBWAEUAUgAxAAIADgBFAFgAQQBNAFAATABFAAMABAB2AG0ABgAEAAAAAAAHAAgACF4c+3993QEAAAAA',
  authenticate:
    'TlRMTVNTUAADAAAAAAAAAEgAAACUAJQASAAAAA4ADgDcAAAACgAKAOoAAAAOAA4A9AAAABAAEAACAQAANYKJ4gYCAAAAAAAPP+b85p/mP4QgFFgWgHWhmwEBAAAAAAAACF4c+3993QGw7KGq8VS7iwAAAAABAA4AUwBFAFIAVgBFAFIAMQACAA4ARQBYAEEATQBQAEwARQADAAQAdgBtAAYABAAAAAAABwAIAAheHPt/fd0BCQAcAEgAVABUAFAALwBsAG8AYwBhAGwAaABvAHMAdAAAAAAAAAAAAEUAWABBAE0AUABMAEUAYQBsAGkAYwBlAEMATABJAEUATgBUADEAR2ibO9hYU/zWHWMdVoE4wQ==',
};

// Real tool output for SAMBA_INIT (xxd 2022-01-14, util-linux hexdump, tshark 4.0.17).
export const SAMBA_INIT_XXD = `00000000: 6076 0606 2b06 0105 0502 a06c 306a a03c  \`v..+......l0j.<
00000010: 303a 060a 2b06 0104 0182 3702 021e 0609  0:..+.....7.....
00000020: 2a86 4882 f712 0102 0206 092a 8648 86f7  *.H........*.H..
00000030: 1201 0202 060a 2a86 4886 f712 0102 0203  ......*.H.......
00000040: 060a 2b06 0104 0182 3702 020a a32a 3028  ..+.....7....*0(
00000050: a026 1b24 6e6f 745f 6465 6669 6e65 645f  .&.$not_defined_
00000060: 696e 5f52 4643 3431 3738 4070 6c65 6173  in_RFC4178@pleas
00000070: 655f 6967 6e6f 7265                      e_ignore
`;

export const SAMBA_INIT_HEXDUMP_C = `00000000  60 76 06 06 2b 06 01 05  05 02 a0 6c 30 6a a0 3c  |\`v..+......l0j.<|
00000010  30 3a 06 0a 2b 06 01 04  01 82 37 02 02 1e 06 09  |0:..+.....7.....|
00000020  2a 86 48 82 f7 12 01 02  02 06 09 2a 86 48 86 f7  |*.H........*.H..|
00000030  12 01 02 02 06 0a 2a 86  48 86 f7 12 01 02 02 03  |......*.H.......|
00000040  06 0a 2b 06 01 04 01 82  37 02 02 0a a3 2a 30 28  |..+.....7....*0(|
00000050  a0 26 1b 24 6e 6f 74 5f  64 65 66 69 6e 65 64 5f  |.&.$not_defined_|
00000060  69 6e 5f 52 46 43 34 31  37 38 40 70 6c 65 61 73  |in_RFC4178@pleas|
00000070  65 5f 69 67 6e 6f 72 65                           |e_ignore|
00000078
`;

export const SAMBA_INIT_TSHARK_X = `0000  60 76 06 06 2b 06 01 05 05 02 a0 6c 30 6a a0 3c   \`v..+......l0j.<
0010  30 3a 06 0a 2b 06 01 04 01 82 37 02 02 1e 06 09   0:..+.....7.....
0020  2a 86 48 82 f7 12 01 02 02 06 09 2a 86 48 86 f7   *.H........*.H..
0030  12 01 02 02 06 0a 2a 86 48 86 f7 12 01 02 02 03   ......*.H.......
0040  06 0a 2b 06 01 04 01 82 37 02 02 0a a3 2a 30 28   ..+.....7....*0(
0050  a0 26 1b 24 6e 6f 74 5f 64 65 66 69 6e 65 64 5f   .&.$not_defined_
0060  69 6e 5f 52 46 43 34 31 37 38 40 70 6c 65 61 73   in_RFC4178@pleas
0070  65 5f 69 67 6e 6f 72 65                           e_ignore

`;

export const SAMBA_INIT_XXD_I = `unsigned char tok_bin[] = {
  0x60, 0x76, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02, 0xa0, 0x6c,
  0x30, 0x6a, 0xa0, 0x3c, 0x30, 0x3a, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04,
  0x01, 0x82, 0x37, 0x02, 0x02, 0x1e, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x82,
  0xf7, 0x12, 0x01, 0x02, 0x02, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
  0x12, 0x01, 0x02, 0x02, 0x06, 0x0a, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12,
  0x01, 0x02, 0x02, 0x03, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,
  0x37, 0x02, 0x02, 0x0a, 0xa3, 0x2a, 0x30, 0x28, 0xa0, 0x26, 0x1b, 0x24,
  0x6e, 0x6f, 0x74, 0x5f, 0x64, 0x65, 0x66, 0x69, 0x6e, 0x65, 0x64, 0x5f,
  0x69, 0x6e, 0x5f, 0x52, 0x46, 0x43, 0x34, 0x31, 0x37, 0x38, 0x40, 0x70,
  0x6c, 0x65, 0x61, 0x73, 0x65, 0x5f, 0x69, 0x67, 0x6e, 0x6f, 0x72, 0x65
};
unsigned int tok_bin_len = 120;
`;

/** Python's repr() of the bytes: printable bytes stay literal, others become escapes. */
export const SAMBA_INIT_PYTHON_REPR =
  "b'`v\\x06\\x06+\\x06\\x01\\x05\\x05\\x02\\xa0l0j\\xa0<0:\\x06\\n+\\x06\\x01\\x04\\x01\\x827\\x02\\x02\\x1e\\x06\\t*\\x86H\\x82\\xf7\\x12\\x01\\x02\\x02\\x06\\t*\\x86H\\x86\\xf7\\x12\\x01\\x02\\x02\\x06\\n*\\x86H\\x86\\xf7\\x12\\x01\\x02\\x02\\x03\\x06\\n+\\x06\\x01\\x04\\x01\\x827\\x02\\x02\\n\\xa3*0(\\xa0&\\x1b$not_defined_in_RFC4178@please_ignore'";

export const SAMBA_INIT_XXD_PLAIN = `607606062b0601050502a06c306aa03c303a060a2b06010401823702021e
06092a864882f71201020206092a864886f712010202060a2a864886f712
01020203060a2b06010401823702020aa32a3028a0261b246e6f745f6465
66696e65645f696e5f5246433431373840706c656173655f69676e6f7265
`;

/** hexdump -C of 64 zero bytes then 'xyz': the repeated lines are squeezed into '*'. */
export const ZEROS_XYZ_HEXDUMP_C = `00000000  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|
*
00000040  78 79 7a                                          |xyz|
00000043
`;

export const ZEROS_XYZ_XXD_AUTOSKIP = `00000000: 0000 0000 0000 0000 0000 0000 0000 0000  ................
*
00000040: 7879 7a                                  xyz
`;

/** The bytes 'deadbeefcafebabeface': every ASCII-column character is a hex digit. */
export const HEX_LOOKING_ASCII_XXD = `00000000: 6465 6164 6265 6566 6361 6665 6261 6265  deadbeefcafebabe
00000010: 6661 6365                                face
`;

export const HEX_LOOKING_ASCII_HEXDUMP_C = `00000000  64 65 61 64 62 65 65 66  63 61 66 65 62 61 62 65  |deadbeefcafebabe|
00000010  66 61 63 65                                       |face|
00000014
`;

// Written out by hand from the tools' formats (tcpdump print-ascii.c; Wireshark data_printer.cpp).
export const SAMBA_INIT_TCPDUMP_X = `09:41:07.318244 IP 127.0.0.1.445 > 127.0.0.1.51234: Flags [P.], seq 1:121, ack 1, win 512, length 120
\t0x0000:  6076 0606 2b06 0105 0502 a06c 306a a03c  \`v..+......l0j.<
\t0x0010:  303a 060a 2b06 0104 0182 3702 021e 0609  0:..+.....7.....
\t0x0020:  2a86 4882 f712 0102 0206 092a 8648 86f7  *.H........*.H..
\t0x0030:  1201 0202 060a 2a86 4886 f712 0102 0203  ......*.H.......
\t0x0040:  060a 2b06 0104 0182 3702 020a a32a 3028  ..+.....7....*0(
\t0x0050:  a026 1b24 6e6f 745f 6465 6669 6e65 645f  .&.$not_defined_
\t0x0060:  696e 5f52 4643 3431 3738 4070 6c65 6173  in_RFC4178@pleas
\t0x0070:  655f 6967 6e6f 7265                      e_ignore
`;

export const SAMBA_INIT_WIRESHARK = `0000   60 76 06 06 2b 06 01 05 05 02 a0 6c 30 6a a0 3c   \`v..+......l0j.<
0010   30 3a 06 0a 2b 06 01 04 01 82 37 02 02 1e 06 09   0:..+.....7.....
0020   2a 86 48 82 f7 12 01 02 02 06 09 2a 86 48 86 f7   *.H........*.H..
0030   12 01 02 02 06 0a 2a 86 48 86 f7 12 01 02 02 03   ......*.H.......
0040   06 0a 2b 06 01 04 01 82 37 02 02 0a a3 2a 30 28   ..+.....7....*0(
0050   a0 26 1b 24 6e 6f 74 5f 64 65 66 69 6e 65 64 5f   .&.$not_defined_
0060   69 6e 5f 52 46 43 34 31 37 38 40 70 6c 65 61 73   in_RFC4178@pleas
0070   65 5f 69 67 6e 6f 72 65                           e_ignore
`;

/** Wireshark "Copy → …as Escaped String": 16 bytes per literal, joined by ` \` continuations. */
export const SAMBA_INIT_WIRESHARK_ESCAPED = String.raw`"\x60\x76\x06\x06\x2b\x06\x01\x05\x05\x02\xa0\x6c\x30\x6a\xa0\x3c" \
"\x30\x3a\x06\x0a\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x1e\x06\x09" \
"\x2a\x86\x48\x82\xf7\x12\x01\x02\x02\x06\x09\x2a\x86\x48\x86\xf7" \
"\x12\x01\x02\x02\x06\x0a\x2a\x86\x48\x86\xf7\x12\x01\x02\x02\x03" \
"\x06\x0a\x2b\x06\x01\x04\x01\x82\x37\x02\x02\x0a\xa3\x2a\x30\x28" \
"\xa0\x26\x1b\x24\x6e\x6f\x74\x5f\x64\x65\x66\x69\x6e\x65\x64\x5f" \
"\x69\x6e\x5f\x52\x46\x43\x34\x31\x37\x38\x40\x70\x6c\x65\x61\x73" \
"\x65\x5f\x69\x67\x6e\x6f\x72\x65"
`;

/**
 * `curl -v --negotiate` against the corpus replay server: a bare challenge, then two request
 * tokens and two response tokens.
 */
export const CURL_VERBOSE_EXCHANGE = `*   Trying 127.0.0.1:8080...
* Connected to localhost (127.0.0.1) port 8080 (#0)
> GET /corpus/spnego-ntlm-01-ntlmv2 HTTP/1.1
> Host: localhost:8080
> User-Agent: curl/7.88.1
> Accept: */*
>
< HTTP/1.1 401 Unauthorized
< Server: spnego-corpus-replay
< WWW-Authenticate: Negotiate
< Content-Type: text/plain
< Content-Length: 13
<
* Ignoring the response-body
{ [13 bytes data]
* Connection #0 to host localhost left intact
* Issue another request to this URL: 'http://localhost:8080/corpus/spnego-ntlm-01-ntlmv2'
* Re-using existing connection #0 with host localhost
* Server auth using Negotiate with user ''
> GET /corpus/spnego-ntlm-01-ntlmv2 HTTP/1.1
> Host: localhost:8080
> Authorization: Negotiate ${SPNEGO_NTLM.negotiate}
> User-Agent: curl/7.88.1
> Accept: */*
>
< HTTP/1.1 401 Unauthorized
< Server: spnego-corpus-replay
< WWW-Authenticate: Negotiate ${SPNEGO_NTLM.challenge}
< Content-Type: text/plain
< Content-Length: 13
<
* Ignoring the response-body
{ [13 bytes data]
* Connection #0 to host localhost left intact
> GET /corpus/spnego-ntlm-01-ntlmv2 HTTP/1.1
> Host: localhost:8080
> Authorization: Negotiate ${SPNEGO_NTLM.authenticate}
> User-Agent: curl/7.88.1
> Accept: */*
>
< HTTP/1.1 200 OK
< Server: spnego-corpus-replay
< WWW-Authenticate: Negotiate ${SPNEGO_NTLM.completed}
< Content-Type: text/plain
< Content-Length: 3
<
{ [3 bytes data]
ok
* Connection #0 to host localhost left intact
`;

/** Chrome DevTools "Copy request headers" (HTTP/1.1). */
export const DEVTOOLS_REQUEST_HEADERS = `GET /corpus/spnego-ntlm-01-ntlmv2/1 HTTP/1.1
Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8
Accept-Encoding: gzip, deflate, br
Accept-Language: en-GB,en;q=0.9
Authorization: Negotiate ${SPNEGO_NTLM.negotiate}
Cache-Control: max-age=0
Connection: keep-alive
Host: intranet.example.test
Upgrade-Insecure-Requests: 1
User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36`;

/** Chrome DevTools "Copy response headers" (HTTP/1.1), CRLF line ends. */
export const DEVTOOLS_RESPONSE_HEADERS = [
  'HTTP/1.1 401 Unauthorized',
  'Content-Length: 341',
  'Content-Type: text/html; charset=us-ascii',
  'Date: Tue, 04 Jun 2024 09:41:07 GMT',
  'Server: Microsoft-HTTPAPI/2.0',
  `WWW-Authenticate: Negotiate ${SPNEGO_NTLM.challenge}`,
  '',
].join('\r\n');

/** DevTools request headers over HTTP/2: lower-case names and pseudo-headers. */
export const DEVTOOLS_HTTP2_REQUEST_HEADERS = `:authority: intranet.example.test
:method: GET
:path: /
:scheme: https
accept: */*
accept-encoding: gzip, deflate, br, zstd
authorization: Negotiate ${SPNEGO_NTLM.authenticate}
priority: u=0, i
user-agent: Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0`;

/** DevTools "Copy as cURL (bash)". */
export const DEVTOOLS_COPY_AS_CURL = `curl 'https://intranet.example.test/' \\
  -H 'accept: */*' \\
  -H 'authorization: Negotiate ${SPNEGO_NTLM.negotiate}' \\
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'`;

/** DevTools "Copy as PowerShell". */
export const DEVTOOLS_COPY_AS_POWERSHELL = `$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
Invoke-WebRequest -UseBasicParsing -Uri "https://intranet.example.test/" \`
-WebSession $session \`
-Headers @{
"accept"="*/*"
  "authorization"="Negotiate ${SPNEGO_NTLM.negotiate}"
}`;

/** Wireshark packet details copied as text (tshark -V): header lines end in a literal \r\n. */
export const WIRESHARK_DETAILS = `Hypertext Transfer Protocol
    GET /corpus/spnego-ntlm-01-ntlmv2/1 HTTP/1.1\\r\\n
        Request Method: GET
        Request URI: /corpus/spnego-ntlm-01-ntlmv2/1
        Request Version: HTTP/1.1
    Host: localhost:8080\\r\\n
    User-Agent: spnego-corpus-replay\\r\\n
    Authorization: Negotiate ${SPNEGO_NTLM.negotiate}\\r\\n
        GSS-API Generic Security Service Application Program Interface
            OID: 1.3.6.1.5.5.2 (SPNEGO - Simple Protected Negotiation)
            Simple Protected Negotiation
                negTokenInit
                    mechTypes: 1 item
                        MechType: 1.3.6.1.4.1.311.2.2.10 (NTLMSSP - Microsoft NTLM Security Support Provider)
                    NTLM Secure Service Provider
                        NTLMSSP identifier: NTLMSSP
                        NTLM Message Type: NTLMSSP_NEGOTIATE (0x00000001)
                        Negotiate Flags: 0xe2088237, Negotiate 56, Negotiate Key Exchange, Negotiate 128
    \\r\\n`;

/** tshark -V shortens long lines: this token is incomplete. */
export const WIRESHARK_DETAILS_TRUNCATED = `Hypertext Transfer Protocol
    HTTP/1.1 401 Unauthorized\\r\\n
    Server: spnego-corpus-replay\\r\\n
     [truncated]WWW-Authenticate: Negotiate ${SPNEGO_NTLM.challenge.slice(0, 120)}
        GSS-API Generic Security Service Application Program Interface`;
