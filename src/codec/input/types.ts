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
  bytes: Uint8Array;
}

/** `offset` is a character offset in the text, or a byte offset for binary input. */
export interface InputError {
  offset: number;
  message: string;
}

export interface ExtractResult {
  tokens: ExtractedToken[];
  errors: InputError[];
}
