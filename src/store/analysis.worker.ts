/// <reference lib="webworker" />
import { analyseExchange, analysePaste, exchangeSummary, exchangesFromCapture } from '../analysis';
import { NO_SECRETS, type ObservedExchange } from '../analysis/types';
import { decodeInput, decodeToken, type DecodedTokenBytes } from '../codec';
import { fromBase64, fromHex } from '../bytes';
import { encodeLatin1 } from '../bytes/text';
import { CaptureReader } from '../codec/capture';
import { captureKind } from '../codec/input/recognise';
import type {
  AnalysisReply,
  AnalysisRequest,
  CaptureProgress,
  ExchangeRow,
  PasteDecoding,
} from './analysis-runner';

/**
 * Everything the Decode view reads, decoded and analysed off the page's thread: pastes (token
 * tabs and the exchange's analysis), capture files streamed a chunk at a time with progress and
 * cancelling, and one capture exchange at a time analysed with the secrets given. The observed
 * exchanges of the open capture stay here; the page holds only their list.
 */

/** Read from the file at a time: a chunk is pushed, then messages (a cancel) get their turn. */
const CHUNK = 1 << 20;
/** Progress is posted at most this often. */
const PROGRESS_MS = 100;
/** Exchanges analysed between two looks at the message queue. */
const BATCH = 100;
/**
 * Pastes of up to this many tokens are sent decoded whole, and analysed as one exchange; a longer
 * list (a log of many exchanges) is sent as heads, each token's tree sent when it is shown.
 */
const FULL_TOKENS = 200;

/** The open capture: its request's id and its observed exchanges. */
let open: { id: number; exchanges: ObservedExchange[] } | null = null;
const cancelled = new Set<number>();

const post = (reply: AnalysisReply) => self.postMessage(reply);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** Lets queued messages (a cancel, a paste) run before the next piece of work. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The capture file a paste holds, for "Open as capture": the bytes themselves, the bytes pasted as
 * characters (one per byte), or their base64 or hex.
 */
function captureBytes(input: string | Uint8Array): Uint8Array | undefined {
  if (input instanceof Uint8Array) return captureKind(input) === null ? undefined : input;
  const candidates = [
    () => encodeLatin1(input),
    () => (/^[\s0-9a-fA-F]+$/.test(input) ? fromHex(input) : new Uint8Array(0)),
    () => fromBase64(input),
  ];
  for (const candidate of candidates) {
    try {
      const bytes = candidate();
      if (captureKind(bytes) !== null) return bytes;
    } catch {
      // Not this form (a character above U+00FF has no one-byte form): the next one.
    }
  }
  return undefined;
}

/** The last long paste's decoded tokens (its request id), sent to the page one at a time. */
let longPaste: { id: number; tokens: DecodedTokenBytes[] } | null = null;

function paste(req: Extract<AnalysisRequest, { kind: 'paste' }>): PasteDecoding {
  const decoded = decodeInput(req.input, req.format);
  longPaste = null;
  if (decoded.recognised?.kind === 'capture') {
    const capture = captureBytes(req.input);
    return { ...decoded, exchange: null, ...(capture ? { capture } : {}) };
  }
  if (decoded.tokens.length > FULL_TOKENS) {
    longPaste = { id: req.id, tokens: decoded.tokens };
    return {
      ...decoded,
      tokens: decoded.tokens.map((t) => ({
        direction: t.direction,
        source: t.source,
        name: t.root.name,
        length: t.length,
        errors: t.errors.length,
      })),
      exchange: null,
      analysisError: `${decoded.tokens.length.toLocaleString('en')} tokens are more than one exchange holds (up to ${FULL_TOKENS} are analysed as one); each token is decoded`,
    };
  }
  try {
    const { exchange } = analysePaste(req.input, req.format, req.secrets);
    return { ...decoded, exchange };
  } catch (e) {
    return { ...decoded, exchange: null, analysisError: message(e) };
  }
}

function row(exchange: ObservedExchange, index: number): ExchangeRow {
  try {
    return { index, ...exchangeSummary(analyseExchange(exchange, NO_SECRETS)) };
  } catch (e) {
    return {
      index,
      source: exchange.source,
      transport: exchange.transport,
      client: exchange.client,
      server: exchange.server,
      mech: null,
      result: 'incomplete',
      reason: `The analysis failed: ${message(e)}`,
      steps: exchange.tokens.length,
    };
  }
}

async function capture(id: number, file: Blob): Promise<void> {
  open = null;
  const total = file.size;
  const reader = new CaptureReader();
  let last = 0;
  const progress = (p: Omit<CaptureProgress, 'total'>, force = false) => {
    const now = performance.now();
    if (!force && now - last < PROGRESS_MS) return;
    last = now;
    post({ kind: 'progress', id, progress: { ...p, total } });
  };
  const stop = () => {
    cancelled.delete(id);
    post({ kind: 'cancelled', id, bytes: reader.bytesRead });
  };
  progress({ phase: 'reading', bytes: 0, packets: 0, exchanges: 0 }, true);
  for (let at = 0; at < total; at += CHUNK) {
    const chunk = new Uint8Array(await file.slice(at, Math.min(total, at + CHUNK)).arrayBuffer());
    if (cancelled.has(id)) return stop();
    reader.push(chunk);
    progress({
      phase: 'reading',
      bytes: reader.bytesRead,
      packets: reader.packets,
      exchanges: reader.exchangesFound,
    });
  }
  const result = reader.finish();
  const observed = exchangesFromCapture(result);
  const rows: ExchangeRow[] = [];
  for (let i = 0; i < observed.length; i++) {
    if (i % BATCH === 0) {
      progress({
        phase: 'analysing',
        bytes: total,
        packets: result.packets,
        exchanges: i,
        of: observed.length,
      });
      await yieldToMessages();
      if (cancelled.has(id)) return stop();
    }
    rows.push(row(observed[i], i));
  }
  if (cancelled.has(id)) return stop();
  open = { id, exchanges: observed };
  post({
    kind: 'capture',
    id,
    listing: {
      format: result.format,
      packets: result.packets,
      complete: result.complete,
      issues: result.issues,
      exchanges: rows,
    },
  });
}

/** One exchange of the open capture, analysed with the secrets, its tokens ready to inspect. */
function exchange(req: Extract<AnalysisRequest, { kind: 'exchange' }>): AnalysisReply {
  const observed = open?.id === req.capture ? open.exchanges[req.index] : undefined;
  if (!observed) return { kind: 'error', id: req.id, message: 'That capture is no longer open.' };
  const analysed = analyseExchange(observed, req.secrets);
  const tokens: DecodedTokenBytes[] = analysed.steps.map((step) => {
    // The analysis' tree carries the decrypted parts; the decoder's own pass gives its issues.
    const { errors, warnings } = decodeToken(step.token);
    return {
      format: 'binary',
      direction: step.from,
      source: [step.carrier, step.frame === undefined ? '' : `frame ${step.frame}`]
        .filter(Boolean)
        .join(', '),
      offset: 0,
      ...(step.status === undefined ? {} : { status: step.status }),
      length: step.token.length,
      root: step.root,
      errors,
      warnings,
      bytes: step.token,
    };
  });
  return { kind: 'exchange', id: req.id, detail: { exchange: analysed, tokens } };
}

self.onmessage = (e: MessageEvent<AnalysisRequest>) => {
  const req = e.data;
  try {
    switch (req.kind) {
      case 'cancel':
        cancelled.add(req.id);
        return;
      case 'paste':
        post({ kind: 'paste', id: req.id, result: paste(req) });
        return;
      case 'exchange':
        post(exchange(req));
        return;
      case 'token': {
        const token = longPaste?.id === req.paste ? longPaste.tokens[req.index] : undefined;
        post(
          token
            ? { kind: 'token', id: req.id, index: req.index, token }
            : { kind: 'error', id: req.id, message: 'That paste has been replaced.' },
        );
        return;
      }
      case 'capture':
        capture(req.id, req.file).catch((err: unknown) =>
          post({ kind: 'error', id: req.id, message: message(err) }),
        );
        return;
    }
  } catch (err) {
    post({ kind: 'error', id: req.id, message: message(err) });
  }
};
