import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { findScenario } from '../../protocol/scenarios';
import { configPatch } from '../../store/config-diff';
import { shareable, useDecodeStore } from '../../store/decode';
import { formatLink } from '../../store/link';
import { exchangePlayback, simulationPlayback, usePlayback } from '../../store/playback';
import { markSettled } from '../../store/schedule';
import { scenarioDefaults, useSimulationStore } from '../../store/simulation';
import { useViewStore } from '../../store/view';
import { Icon } from '../common/Icon';
import { DecodedResult } from '../decode/DecodedResult';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import { PlaybackControls } from '../playback/PlaybackControls';
import { usePlaybackKeys } from '../playback/usePlaybackKeys';
import { Narrative } from '../simulate/Narrative';
import { Outcome } from '../simulate/Outcome';
import { StepInspector } from '../simulate/StepInspector';
import { useStepViews } from '../simulate/useStepViews';
import { reportHeight } from './frame-height';
import { DEFAULT_EMBED_OPTIONS, type EmbedOptions } from './options';
import './embed.css';

/** Opens the whole app at what the frame shows, in a new tab (the frame stays as it is). */
function OpenInApp({ hash }: { hash: string }) {
  return (
    <a className="embed-open" href={`./${hash}`} target="_blank" rel="noopener">
      <Icon name="external" /> Open in SPNEGO Lab
    </a>
  );
}

/**
 * A scenario: its title, the playback controls, the diagram and the current token; with the
 * `narrative` option, the step's narrative and, at the last step, the outcome.
 */
function EmbeddedSimulation({ options }: { options: EmbedOptions }) {
  const scenarioId = useSimulationStore((s) => s.scenarioId);
  const config = useSimulationStore((s) => s.config);
  const error = useSimulationStore((s) => s.error);
  const pending = useSimulationStore((s) => s.pending);
  const run = useSimulationStore((s) => s.run);
  const runScenarioId = useSimulationStore((s) => s.runScenarioId);
  const index = usePlayback(simulationPlayback, (s) => s.index);
  const inspected = useDeferredValue(index, -1);
  const views = useStepViews();
  const [drawn, setDrawn] = useState(false);
  const messages = useMemo(
    () => views.map((v) => ({ from: v.step.from, label: v.label })),
    [views],
  );
  const title = findScenario(scenarioId)?.title ?? 'SPNEGO exchange';
  // The diagram is titled with the run it draws (the heading follows the pick at once).
  const runTitle = findScenario(runScenarioId)?.title ?? 'SPNEGO exchange';
  usePlaybackKeys(simulationPlayback);
  useEffect(() => {
    if (drawn || error || (run && views.length === 0)) markSettled();
  }, [drawn, error, run, views.length]);
  const hash = formatLink({
    view: 'simulate',
    scenario: scenarioId,
    config: configPatch(scenarioDefaults(scenarioId), config),
    step: index,
  });

  return (
    <section className="embed-view" aria-label="Simulator" aria-busy={pending}>
      <div className="embed-bar">
        <h1 className="embed-title">{title}</h1>
        <PlaybackControls store={simulationPlayback} />
        <OpenInApp hash={hash} />
      </div>
      {error && (
        <p className="error" role="alert">
          This configuration cannot run: {error}
        </p>
      )}
      {!run && pending && <p className="hint computing">Computing the exchange…</p>}
      {run && views.length === 0 && <Outcome run={run} />}
      {run && views.length > 0 && (
        <>
          <SequenceDiagram
            messages={messages}
            current={index}
            onSelect={simulationPlayback.getState().goTo}
            title={runTitle}
            fileName={`spnego-${runScenarioId}`}
            onDrawn={() => setDrawn(true)}
            exportable={false}
          />
          {drawn && options.narrative && (
            <div className="embed-story">
              <Narrative views={views} index={index} scrolls={options.compact} />
              {index === views.length - 1 && <Outcome run={run} />}
            </div>
          )}
          {/* As in the app: the inspector joins once the first diagram is drawn. */}
          {drawn && options.inspector && (
            <StepInspector view={views[inspected]} index={inspected} />
          )}
        </>
      )}
    </section>
  );
}

/** A shared paste (a frame of a pasted token exists only once its owner pressed "Share link"). */
function EmbeddedPaste() {
  const shared = useDecodeStore((s) => s.shared);
  const input = useDecodeStore((s) => s.input);
  const format = useDecodeStore((s) => s.format);
  const step = usePlayback(exchangePlayback, (s) => s.index);
  usePlaybackKeys(exchangePlayback);
  useEffect(() => markSettled(), []);
  if (!shared) {
    return (
      <p className="hint" role="status">
        This frame’s address carries no token to show.
      </p>
    );
  }
  const hash = formatLink({
    view: 'decode',
    ...shareable({ input, format }),
    step: step || undefined,
  });
  return (
    <section className="embed-view" aria-label="Decoded tokens">
      <div className="embed-bar">
        <h1 className="embed-title">Decoded tokens</h1>
        <OpenInApp hash={hash} />
      </div>
      <DecodedResult embedded />
    </section>
  );
}

/**
 * embed.html: one view without the app's header and tabs, sized to its frame, telling its parent
 * page how tall it is.
 */
export function EmbedApp({ options = DEFAULT_EMBED_OPTIONS }: { options?: EmbedOptions }) {
  const view = useViewStore((s) => s.view);
  const content = useRef<HTMLElement>(null);
  useEffect(() => reportHeight(content.current!), []);

  return (
    <main className={`embed${options.compact ? ' embed-compact' : ''}`} ref={content}>
      {view === 'decode' ? <EmbeddedPaste /> : <EmbeddedSimulation options={options} />}
    </main>
  );
}
