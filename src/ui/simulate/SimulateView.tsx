import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { findScenario } from '../../protocol/scenarios';
import { configPatch } from '../../store/config-diff';
import { formatLink } from '../../store/link';
import { simulationPlayback, usePlayback } from '../../store/playback';
import { afterFirstPaint, markSettled } from '../../store/schedule';
import { scenarioDefaults, useSimulationStore } from '../../store/simulation';
import { Icon } from '../common/Icon';
import { loadMermaid } from '../diagram/mermaid-render';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import { EmbedSnippet } from '../embed/EmbedSnippet';
import { PlaybackControls } from '../playback/PlaybackControls';
import { usePlaybackKeys } from '../playback/usePlaybackKeys';
import { ConfigPanel } from './ConfigPanel';
import { Narrative } from './Narrative';
import { Outcome } from './Outcome';
import { ScenarioDescription } from './ScenarioDescription';
import { ScenarioPicker } from './ScenarioPicker';
import { StateMachines } from './StateMachines';
import { StepInspector } from './StepInspector';
import { useStepViews } from './useStepViews';

/** Pick a scenario, play it, watch both state machines, read why, inspect every token. */
export function SimulateView() {
  const scenarioId = useSimulationStore((s) => s.scenarioId);
  const config = useSimulationStore((s) => s.config);
  const error = useSimulationStore((s) => s.error);
  const pending = useSimulationStore((s) => s.pending);
  const run = useSimulationStore((s) => s.run);
  const runScenarioId = useSimulationStore((s) => s.runScenarioId);
  const final = useMemo(
    () =>
      run && {
        ...run.final,
        states: { initiator: run.outcome.initiator, acceptor: run.outcome.acceptor },
      },
    [run],
  );
  const index = usePlayback(simulationPlayback, (s) => s.index);
  // The inspector (below the fold, hundreds of nodes) renders in a transition after the diagram,
  // states and narrative: a step never waits for it, and the first paint does not either.
  const inspected = useDeferredValue(index, -1);
  const views = useStepViews();
  const [configOpen, setConfigOpen] = useState(false);
  // The first diagram is what a visitor waits for: the states, the narrative and the inspector
  // (hundreds of nodes) join once it is drawn instead of sharing the main thread with mermaid.
  const [diagramDrawn, setDiagramDrawn] = useState(false);
  const messages = useMemo(
    () => views.map((v) => ({ from: v.step.from, label: v.label })),
    [views],
  );
  const scenario = findScenario(scenarioId);
  usePlaybackKeys(simulationPlayback);
  // Leaving the view stops the run playing on unseen.
  useEffect(() => () => simulationPlayback.getState().pause(), []);
  // This view always draws a diagram: fetch mermaid while the first run is being computed, once
  // the view has painted (an effect can run before the first paint).
  useEffect(() => afterFirstPaint(() => void loadMermaid().catch(() => undefined)), []);
  // What the visitor came for is on screen: background work (precaching) may start.
  useEffect(() => {
    if (diagramDrawn || error || (run && views.length === 0)) markSettled();
  }, [diagramDrawn, error, run, views.length]);
  // An embedded frame shows this scenario, configuration and step.
  const embedHash = formatLink({
    view: 'simulate',
    scenario: scenarioId,
    config: configPatch(scenarioDefaults(scenarioId), config),
    step: index,
  });

  return (
    <section className="simulate-view" aria-label="Simulator" aria-busy={pending}>
      <div className="toolbar">
        <ScenarioPicker />
        <PlaybackControls store={simulationPlayback} />
        <button
          type="button"
          className="tool-button"
          aria-expanded={configOpen}
          aria-controls="config-panel"
          onClick={() => setConfigOpen(!configOpen)}
        >
          <Icon name="settings" /> Configure
        </button>
        <EmbedSnippet hash={embedHash} title={`SPNEGO Lab: ${scenario?.title ?? scenarioId}`} />
      </div>
      {scenario && <ScenarioDescription key={scenario.id} text={scenario.description} />}
      {configOpen && <ConfigPanel id="config-panel" />}
      {error && (
        <p className="error" role="alert">
          This configuration cannot run: {error}
        </p>
      )}
      {!run && pending && <p className="hint computing">Computing the exchange…</p>}
      {run && views.length === 0 && (
        <section className="narrative" aria-label="What happened">
          <h2 className="narrative-title">No message was sent</h2>
          <Outcome run={run} />
        </section>
      )}
      {run && views.length > 0 && (
        <>
          <div className="stage">
            <SequenceDiagram
              messages={messages}
              current={index}
              onSelect={simulationPlayback.getState().goTo}
              title={findScenario(runScenarioId)?.title ?? 'SPNEGO exchange'}
              fileName={`spnego-${runScenarioId}`}
              onDrawn={() => setDiagramDrawn(true)}
            />
            {diagramDrawn && (
              <div className="stage-side">
                <StateMachines views={views} index={index} final={final} config={run.config} />
                <Narrative views={views} index={index} />
              </div>
            )}
          </div>
          {diagramDrawn && <StepInspector view={views[inspected]} index={inspected} />}
        </>
      )}
    </section>
  );
}
