/**
 * Input-form detection and normalisation: turns whatever a user pasted or dropped (base64, hex,
 * HTTP headers, curl -v logs, HAR exports, lists of tokens, a hex dump, raw bytes) into token bytes, with errors instead of exceptions.
 * See detectFormat for the auto-detection rules.
 */
export { detectFormat } from './detect';
export { extractTokens } from './extract';
export { NON_TOKEN_MESSAGES } from './recognise';
export type {
  Direction,
  ExtractedToken,
  ExtractResult,
  InputError,
  InputFormat,
  NonToken,
  NonTokenKind,
} from './types';
