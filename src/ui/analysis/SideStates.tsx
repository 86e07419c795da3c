import type { AnalysedStep, Side } from '../../analysis/types';
import { statePath } from '../simulate/holdings-format';
import { SIDE_NAMES } from './format';

/**
 * Each side's state after the current step, in the simulator's state names, and the states it
 * went through to get there (the observing state machines' view of the exchange).
 */
export function SideStates({ steps, index }: { steps: AnalysedStep[]; index: number }) {
  const upTo = steps.slice(0, index + 1);
  const side = (which: Side) => {
    const name = SIDE_NAMES[which];
    const states = upTo.map((s) => (which === 'initiator' ? s.initiatorState : s.acceptorState));
    const path = statePath(states);
    const state = states.at(-1) ?? '';
    return (
      <section className={`machine side-${which}`} aria-label={`${name} state`}>
        <h3 className="machine-title">
          {name} <span className="machine-role">{which}</span>
        </h3>
        <p className="machine-state">
          <span className={`state-pill state-${state.toLowerCase()}`}>{state || '—'}</span>
        </p>
        {path.length > 1 && (
          <ol className="state-path" aria-label={`${name} states so far`}>
            {path.map((s, i) => (
              <li key={`${s}-${i}`} aria-current={i === path.length - 1 ? 'step' : undefined}>
                {s}
              </li>
            ))}
          </ol>
        )}
      </section>
    );
  };
  return (
    <div className="machines analysis-machines">
      {side('initiator')}
      {side('acceptor')}
    </div>
  );
}
