import type { CaptureStep, KdcMessage } from './types';
import type { SegmentMeta } from './stream';

/** What a protocol parser reports to its connection. */
export interface ParserOutput {
  step(step: CaptureStep): void;
  /** The status of the last leg from the initiator, once its answer is known. */
  answer(status: number, statusText: string | undefined): void;
  kdc(message: Omit<KdcMessage, 'transport' | 'client' | 'server'>): void;
  issue(meta: SegmentMeta, message: string): void;
}

/** Reads the two directions of one TCP connection, each in order. */
export interface ProtocolParser {
  data(fromClient: boolean, bytes: Uint8Array, meta: SegmentMeta): void;
  gap(fromClient: boolean, missing: number, meta: SegmentMeta): void;
}

/** Messages larger than this are not kept (no authentication message comes near it). */
export const MAX_MESSAGE = 16 * 1024 * 1024;
