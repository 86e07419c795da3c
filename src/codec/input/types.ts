export type InputFormat = 'base64' | 'hex' | 'http' | 'hexdump' | 'binary';

/** Who sent the token, when the pasted text says so (HTTP header name); otherwise null. */
export type Direction = 'initiator' | 'acceptor' | null;

export interface ExtractedToken {
  /** The form this token was found in. */
  format: InputFormat;
  /** Authorization / Proxy-Authorization = initiator, WWW-/Proxy-Authenticate = acceptor. */
  direction: Direction;
  /** Short human description of where the token came from. */
  source: string;
  /** 'Negotiate' | 'NTLM' | 'Kerberos' | 'Nego2', for http. */
  scheme?: string;
  /** The header name as written, for http. */
  header?: string;
  /** 1-based line number in the pasted text (http header line, or first line of a hex dump). */
  line?: number;
  /**
   * Where the token's text starts in the paste: a character offset (a byte offset for binary
   * input), so errors about it can point into the paste.
   */
  offset: number;
  /**
   * The HTTP status of the response that carried it (`< HTTP/1.1 401` in curl -v, a HAR entry's
   * `response.status`): set on acceptor tokens when the input says it.
   */
  status?: number;
  bytes: Uint8Array;
}

/** `offset` is a character offset in the text, or a byte offset for binary input. */
export interface InputError {
  offset: number;
  message: string;
}

/** What a paste that holds no token is, named in one sentence (see recognise.ts). */
export type NonTokenKind = 'capture' | 'certificate' | 'pem' | 'jwt' | 'html' | 'text';

export interface NonToken {
  kind: NonTokenKind;
  /** One sentence for the user; also the input error's message. */
  message: string;
}

export interface ExtractResult {
  tokens: ExtractedToken[];
  errors: InputError[];
  /** Set when the input is recognisably something else than a token (then `tokens` is empty). */
  recognised?: NonToken;
}
