import { create } from 'zustand';
import type { AnalysedExchange } from '../analysis/types';
import type { DecodedTokenBytes } from '../codec';
import { captureKind } from '../codec/input/recognise';
import {
  cancelRequest,
  request,
  type CaptureListing,
  type CaptureProgress,
  type ExchangeRow,
} from './analysis-runner';
import { exchangePlayback } from './playback';
import { currentSecrets, useSecretsStore } from './secrets';

/** A capture file being read, or read: what the page shows of it. */
export interface OpenCapture {
  /** The worker request reading it. */
  id: number;
  name: string;
  size: number;
  state: 'reading' | 'listed' | 'cancelled' | 'failed';
  progress: CaptureProgress | null;
  listing: CaptureListing | null;
  /** Bytes read when cancelled. */
  cancelledAt?: number;
  error?: string;
}

/**
 * The analysis side of the Decode view: the capture being read (progress, cancel), its exchange
 * list, the exchange chosen (analysed with the secrets in the worker) or the paste's analysed
 * exchange. Every decode and analysis runs in the worker (analysis.worker.ts); replies to
 * requests that are no longer current are ignored.
 */
export interface AnalysisState {
  /** What the view shows: the paste's tokens, or the capture's list and chosen exchange. */
  source: 'paste' | 'capture';
  capture: OpenCapture | null;
  exchanges: ExchangeRow[];
  selected: number | null;
  /** The chosen capture exchange, or the paste's, analysed (with the secrets given). */
  exchange: AnalysedExchange | null;
  /** The paste's, kept while a capture is shown (closing the capture shows it again). */
  pasteExchange: AnalysedExchange | null;
  /** The chosen capture exchange's tokens, decoded, for the tabs and the inspector. */
  tokens: DecodedTokenBytes[] | null;
  /** The chosen exchange is being analysed. */
  analysing: boolean;
  exchangeError: string | null;
  /** Opens a capture file: read in the worker a chunk at a time. */
  openCapture(file: Blob, name: string): void;
  cancelCapture(): void;
  /** Forgets the capture (the view shows the paste again). */
  closeCapture(): void;
  select(index: number): void;
  /** Analyses the chosen exchange again (the secrets changed). */
  reanalyse(): void;
  /** The paste's analysed exchange (set by the decode store when the worker replies). */
  setPasteExchange(exchange: AnalysedExchange | null): void;
}

/** The latest request for the chosen exchange: an older reply is stale. */
let exchangeRequest = 0;

export const useAnalysisStore = create<AnalysisState>((set, get) => {
  const askExchange = (index: number) => {
    const capture = get().capture;
    if (!capture || capture.state !== 'listed') return;
    set({ selected: index, analysing: true, exchangeError: null });
    const secrets = currentSecrets(useSecretsStore.getState());
    const id = request(
      (id) => ({ kind: 'exchange', id, capture: capture.id, index, secrets }),
      (reply) => {
        if (id !== exchangeRequest) return;
        if (reply.kind === 'exchange') {
          const { exchange, tokens } = reply.detail;
          // A different exchange starts at its first message; the same one keeps its step.
          const same = get().exchange?.source === exchange.source;
          set({ exchange, tokens, analysing: false });
          exchangePlayback.getState().setCount(tokens.length);
          if (!same) exchangePlayback.getState().first();
          performance.mark('capture-exchange');
        } else if (reply.kind === 'error') {
          set({ analysing: false, exchangeError: reply.message });
        }
      },
    );
    exchangeRequest = id;
  };

  return {
    source: 'paste',
    capture: null,
    exchanges: [],
    selected: null,
    exchange: null,
    pasteExchange: null,
    tokens: null,
    analysing: false,
    exchangeError: null,

    openCapture: (file, name) => {
      const previous = get().capture;
      if (previous?.state === 'reading') cancelRequest(previous.id);
      exchangeRequest = 0;
      performance.mark('capture-open');
      const id = request(
        (id) => ({ kind: 'capture', id, file }),
        (reply) => {
          const current = get().capture;
          if (current?.id !== id) return;
          switch (reply.kind) {
            case 'progress':
              set({ capture: { ...current, progress: reply.progress } });
              return;
            case 'capture': {
              const { listing } = reply;
              performance.mark('capture-listed');
              set({
                capture: { ...current, state: 'listed', listing },
                exchanges: listing.exchanges,
              });
              // One exchange: nothing to choose.
              if (listing.exchanges.length === 1) askExchange(0);
              return;
            }
            case 'cancelled':
              set({ capture: { ...current, state: 'cancelled', cancelledAt: reply.bytes } });
              return;
            case 'error':
              set({ capture: { ...current, state: 'failed', error: reply.message } });
              return;
          }
        },
      );
      set({
        source: 'capture',
        capture: { id, name, size: file.size, state: 'reading', progress: null, listing: null },
        exchanges: [],
        selected: null,
        exchange: null,
        tokens: null,
        analysing: false,
        exchangeError: null,
      });
      exchangePlayback.getState().setCount(0);
    },

    cancelCapture: () => {
      const capture = get().capture;
      if (capture?.state === 'reading') cancelRequest(capture.id);
    },

    closeCapture: () => {
      const capture = get().capture;
      if (capture?.state === 'reading') cancelRequest(capture.id);
      exchangeRequest = 0;
      set({
        source: 'paste',
        capture: null,
        exchanges: [],
        selected: null,
        exchange: get().pasteExchange,
        tokens: null,
        analysing: false,
        exchangeError: null,
      });
    },

    select: (index) => {
      if (index === get().selected && get().exchange) return;
      askExchange(index);
    },

    reanalyse: () => {
      const { source, selected } = get();
      if (source === 'capture' && selected !== null) askExchange(selected);
    },

    setPasteExchange: (exchange) =>
      set(
        get().source === 'paste'
          ? { exchange, pasteExchange: exchange }
          : { pasteExchange: exchange },
      ),
  };
});

/** Whether the file starts like a pcap or pcapng (then it opens as a capture, not a paste). */
export async function isCaptureFile(file: Blob): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return captureKind(head) !== null;
}

// New secrets re-run the chosen capture exchange's analysis (the paste's: see decode.ts).
useSecretsStore.subscribe(() => useAnalysisStore.getState().reanalyse());
