import type { DecodedTokenBytes, InputFormat, Issue, NonToken } from '../codec';
import type { CaptureIssue } from '../codec/capture';
import type { AnalysedExchange, OutcomeResult, Secrets } from '../analysis/types';

/** What the exchange list shows of one exchange of a capture (analysed without secrets). */
export interface ExchangeRow {
  index: number;
  source: string;
  /** `http`, `smb2`, `ldap`. */
  transport: string;
  client: string | null;
  server: string | null;
  mech: string | null;
  result: OutcomeResult;
  reason: string;
  steps: number;
}

/**
 * What the tabs show of a token of a long paste, whose decoded trees stay in the worker (sent
 * one at a time, `token` requests): thousands of trees would take the page seconds to receive.
 */
export interface TokenHead {
  direction: DecodedTokenBytes['direction'];
  source: string;
  /** The root node's name (`InitialContextToken`, `NegTokenResp`, `NTLM CHALLENGE`…). */
  name: string;
  length: number;
  errors: number;
}

export type ShownToken = DecodedTokenBytes | TokenHead;

export const isDecoded = (t: ShownToken | undefined): t is DecodedTokenBytes =>
  t !== undefined && 'root' in t;

/** A paste decoded token by token (the tabs and the inspector), and analysed as one exchange. */
export interface PasteDecoding {
  /** Every token decoded; for a long paste (analysis.worker.ts's FULL_TOKENS), their heads only. */
  tokens: ShownToken[];
  errors: Issue[];
  recognised?: NonToken;
  exchange: AnalysedExchange | null;
  /** The analysis itself failed (the tokens are still shown). */
  analysisError?: string;
  /** The paste is a capture file (as bytes, characters, base64 or hex): its bytes, to open as one. */
  capture?: Uint8Array;
}

export interface CaptureProgress {
  phase: 'reading' | 'analysing';
  /** Bytes of the file read so far, of `total`. */
  bytes: number;
  total: number;
  packets: number;
  /** Exchanges found so far (reading), or analysed so far (analysing). */
  exchanges: number;
  /** While analysing: how many there are to analyse. */
  of?: number;
}

export interface CaptureListing {
  format: 'pcap' | 'pcapng' | 'unknown';
  packets: number;
  complete: boolean;
  issues: CaptureIssue[];
  exchanges: ExchangeRow[];
}

/** One exchange of the capture analysed with the secrets given, its tokens ready to inspect. */
export interface ExchangeDetail {
  exchange: AnalysedExchange;
  tokens: DecodedTokenBytes[];
}

export type AnalysisRequest =
  | {
      kind: 'paste';
      id: number;
      input: string | Uint8Array;
      format: InputFormat | 'auto';
      secrets: Secrets;
    }
  | { kind: 'capture'; id: number; file: Blob }
  | { kind: 'cancel'; id: number }
  | { kind: 'exchange'; id: number; capture: number; index: number; secrets: Secrets }
  | { kind: 'token'; id: number; paste: number; index: number };

export type AnalysisReply =
  | { kind: 'paste'; id: number; result: PasteDecoding }
  | { kind: 'progress'; id: number; progress: CaptureProgress }
  | { kind: 'capture'; id: number; listing: CaptureListing }
  | { kind: 'cancelled'; id: number; bytes: number }
  | { kind: 'exchange'; id: number; detail: ExchangeDetail }
  | { kind: 'token'; id: number; index: number; token: DecodedTokenBytes }
  | { kind: 'error'; id: number; message: string };

const createWorker = () =>
  new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });

type Listener = (reply: AnalysisReply) => void;

let worker: Worker | null = null;
let nextId = 0;
const listeners = new Map<number, Listener>();

function start(): Worker {
  const w = createWorker();
  w.onmessage = (e: MessageEvent<AnalysisReply>) => listeners.get(e.data.id)?.(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    const message = e.message || 'the analysis worker failed';
    // Every request still waiting hears of it; the next request starts a fresh worker.
    for (const [id, listener] of listeners) listener({ kind: 'error', id, message });
    listeners.clear();
    worker = null;
  };
  return w;
}

/** Starts the worker ahead of the first paste: fetching and compiling it takes the longest. */
export function prestartAnalysis(): void {
  worker ??= start();
}

/** The reply kinds after which a request is over. */
const FINAL = new Set<AnalysisReply['kind']>([
  'paste',
  'capture',
  'cancelled',
  'exchange',
  'error',
]);

/**
 * Sends one request to the analysis worker; `listen` hears every reply to it (progress, then one
 * final reply). Returns the request's id (to cancel a capture).
 */
export function request(
  make: (id: number) => Exclude<AnalysisRequest, { kind: 'cancel' }>,
  listen: Listener,
): number {
  worker ??= start();
  const id = ++nextId;
  listeners.set(id, (reply) => {
    if (FINAL.has(reply.kind)) listeners.delete(id);
    listen(reply);
  });
  worker.postMessage(make(id));
  return id;
}

/** Asks the worker to stop reading a capture (it stops between two chunks and keeps nothing). */
export function cancelRequest(id: number): void {
  worker?.postMessage({ kind: 'cancel', id } satisfies AnalysisRequest);
}

/** Promise form of `request` for requests with one reply. */
export function ask(
  make: (id: number) => Exclude<AnalysisRequest, { kind: 'cancel' | 'capture' }>,
): Promise<AnalysisReply> {
  return new Promise((resolve) => request(make, resolve));
}
