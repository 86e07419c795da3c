/**
 * From what a user has to observed exchanges: a paste (one or many tokens, headers, a curl -v log,
 * a HAR export) is one exchange in order; a capture gives one exchange per connection, each with
 * the KDC traffic that precedes it.
 */
import type { CaptureExchange, CaptureResult, Endpoint, KdcMessage } from '../codec/capture';
import { extractTokens, type InputFormat, type NonToken } from '../codec/input';
import type { Issue } from '../codec/tree';
import type { ObservedExchange, ObservedToken } from './types';

const endpoint = (e: Endpoint) =>
  e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;

/** A paste: every token found, in order, as one exchange. */
export function exchangeFromPaste(
  input: string | Uint8Array,
  format: InputFormat | 'auto' = 'auto',
): { exchange: ObservedExchange | null; errors: Issue[]; recognised?: NonToken } {
  const extracted = extractTokens(input, format);
  const errors = extracted.errors.map((e) => ({ offset: e.offset, message: e.message }));
  if (extracted.tokens.length === 0)
    return {
      exchange: null,
      errors,
      ...(extracted.recognised ? { recognised: extracted.recognised } : {}),
    };
  const tokens: ObservedToken[] = extracted.tokens.map((t) => ({
    bytes: t.bytes,
    from: t.direction,
    offset: t.offset,
    ...(t.status === undefined ? {} : { status: t.status }),
    ...(t.scheme === undefined ? {} : { scheme: t.scheme }),
    ...(t.header === undefined ? {} : { carrier: `${t.header}: ${t.scheme ?? ''}`.trim() }),
  }));
  const http = extracted.tokens.some((t) => t.format === 'http');
  return {
    exchange: {
      source: 'paste',
      transport: http ? 'http' : 'paste',
      client: null,
      server: null,
      tokens,
      kdc: [],
      gaps: 0,
    },
    errors,
  };
}

/** One capture connection as an observed exchange, with the KDC messages sent before it ended. */
export function exchangeFromCapture(
  exchange: CaptureExchange,
  kdc: readonly KdcMessage[],
): ObservedExchange {
  const client = endpoint(exchange.client);
  const server = endpoint(exchange.server);
  const last = exchange.steps.at(-1)?.time ?? Infinity;
  const clientAddress = exchange.client.address;
  return {
    source: `capture frame ${exchange.firstFrame}, ${client} → ${server}`,
    transport: exchange.protocol,
    client,
    server,
    tokens: exchange.steps.map((s) => ({
      bytes: s.token,
      from: s.from,
      carrier: s.carrier,
      frame: s.frame,
      time: s.time,
      ...(s.scheme === undefined ? {} : { scheme: s.scheme }),
      ...(s.status === undefined ? {} : { status: s.status }),
      ...(s.statusText === undefined ? {} : { statusText: s.statusText }),
    })),
    // The client's own KDC traffic up to the end of the exchange: why it had (or lacked) a ticket.
    kdc: kdc.filter((m) => m.time <= last && m.client.address === clientAddress),
    gaps: exchange.gaps.reduce((n, g) => n + g.bytes, 0),
  };
}

export function exchangesFromCapture(result: CaptureResult): ObservedExchange[] {
  return result.exchanges.map((e) => exchangeFromCapture(e, result.kdc));
}
