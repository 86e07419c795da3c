/**
 * What still differs between a real exchange and its simulation, message by message: each
 * side's tokens read with the same typed readers (shape.ts) and compared field by field.
 */
import { fromBase64 } from '../../bytes';
import type { Simulation } from '../../protocol';
import type { AnalysedExchange } from '../types';
import { SHAPE_FIELDS, wireShape, type WireShape } from './shape';

export interface Difference {
  /** 1-based message number. */
  step: number;
  /** A WireShape field, or `message` with `absent` when one side has no such message. */
  field: string;
  real: string | number | boolean | null;
  simulated: string | number | boolean | null;
}

export function realShapes(real: AnalysedExchange): WireShape[] {
  return real.steps.map((s) => wireShape(s.from, s.token));
}

export function simulatedShapes(sim: Simulation): WireShape[] {
  return sim.steps.map((s) => wireShape(s.from, fromBase64(s.token)));
}

const summary = (s: WireShape) =>
  `${s.direction} ${s.message}${s.krbMsgType ? ` ${s.krbMsgType}` : ''}${s.ntlmType ? ` NTLM ${s.ntlmType}` : ''}`;

export function compareRuns(real: AnalysedExchange, sim: Simulation): Difference[] {
  const a = realShapes(real);
  const b = simulatedShapes(sim);
  const out: Difference[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const r = a[i];
    const s = b[i];
    if (!r || !s) {
      out.push({
        step: i + 1,
        field: 'message',
        real: r ? summary(r) : 'absent',
        simulated: s ? summary(s) : 'absent',
      });
      continue;
    }
    for (const field of SHAPE_FIELDS)
      if (r[field] !== s[field])
        out.push({ step: i + 1, field, real: r[field], simulated: s[field] });
  }
  return out;
}
