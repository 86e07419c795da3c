/**
 * Input-form detection and normalisation: turns whatever a user pasted or dropped (base64, hex,
 * HTTP headers, a hex dump, raw bytes) into token bytes, with errors instead of exceptions.
 * See detectFormat for the auto-detection rules.
 */
export { detectFormat } from './detect';
export { extractTokens } from './extract';
export type { Direction, ExtractedToken, ExtractResult, InputError, InputFormat } from './types';
