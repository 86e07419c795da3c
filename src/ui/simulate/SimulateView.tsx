import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { findScenario } from '../../protocol/scenarios';
import { configPatch } from '../../store/config-diff';
import { formatLink } from '../../store/link';
import { simulationPlayback, usePlayback } from '../../store/playback';
import { afterFirstPaint, markSettled } from '../../store/schedule';
import { useSettingsStore } from '../../store/settings';
import { scenarioDefaults, useSimulationStore } from '../../store/simulation';
import { LinkNotice } from '../common/LinkNotice';
import { Icon } from '../common/Icon';
import { loadMermaid } from '../diagram/mermaid-render';
import { SequenceDiagram } from '../diagram/SequenceDiagram';
import { outcomeNote, simulatedMessages } from '../diagram/simulated-source';
import { messageLabelParts } from '../../codec/describe';
import { EmbedSnippet } from '../embed/EmbedSnippet';
import { PlaybackControls } from '../playback/PlaybackControls';
import { PresenterControls } from '../playback/PresenterControls';
import { usePlaybackKeys } from '../playback/usePlaybackKeys';
import { configChanges } from './config-changes';
import { ConfigPanel } from './ConfigPanel';
import { Narrative } from './Narrative';
import { Outcome } from './Outcome';
import { ConfigChanges, ScenarioDescription } from './ScenarioDescription';
import { ScenarioPicker } from './ScenarioPicker';
import { StateMachines } from './StateMachines';
import { StepInspector } from './StepInspector';
import { useStepViews } from './useStepViews';
import './presenter.css';

/**
 * The drawn diagram's own size, as CSS variables on the stage (presenter.css): the diagram is
 * sized from it in CSS pixels times the text size, never fitted to the viewport alone, so that
 * the browser's zoom and the text-size control grow its labels as they grow the text.
 */
function measureDiagram(stage: HTMLElement | null): void {
  const box = stage?.querySelector<SVGSVGElement>('.sequence-canvas svg')?.viewBox.baseVal;
  if (!stage || !box || !box.width || !box.height) return;
  stage.style.setProperty('--diagram-w', String(Math.ceil(box.width)));
  stage.style.setProperty('--diagram-h', String(Math.ceil(box.height)));
}

/** Pick a scenario, play it, watch both state machines, read why, inspect every token. */
export function SimulateView() {
  const scenarioId = useSimulationStore((s) => s.scenarioId);
  const config = useSimulationStore((s) => s.config);
  const error = useSimulationStore((s) => s.error);
  const pending = useSimulationStore((s) => s.pending);
  const run = useSimulationStore((s) => s.run);
  const runScenarioId = useSimulationStore((s) => s.runScenarioId);
  const presenter = useSettingsStore((s) => s.presenter);
  const hideFuture = useSettingsStore((s) => s.hideFuture);
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
  const configButton = useRef<HTMLButtonElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  // The first diagram is what a visitor waits for: the states, the narrative and the inspector
  // (hundreds of nodes) join once it is drawn instead of sharing the main thread with mermaid.
  const [diagramDrawn, setDiagramDrawn] = useState(false);
  // The story on the diagram: statuses, discarded token, MIC badges, the attacker, the outcome.
  const messages = useMemo(
    () =>
      run
        ? simulatedMessages(
            views.map((v) => ({
              step: v.step,
              label: v.label,
              ...(v.delivered ? { deliveredLabel: messageLabelParts(v.delivered.root) } : {}),
            })),
            run,
          )
        : [],
    [views, run],
  );
  const outcome = useMemo(() => (run ? outcomeNote(run.outcome) : undefined), [run]);
  const scenario = findScenario(scenarioId);
  const base = useMemo(() => scenarioDefaults(scenarioId), [scenarioId]);
  const changes = useMemo(() => configChanges(base, config), [base, config]);
  usePlaybackKeys(simulationPlayback, { pageKeys: true });
  // Leaving the view stops the run playing on unseen.
  useEffect(() => () => simulationPlayback.getState().pause(), []);
  // This view always draws a diagram: fetch mermaid while the first run is being computed, once
  // the view has painted (an effect can run before the first paint).
  useEffect(() => afterFirstPaint(() => void loadMermaid().catch(() => undefined)), []);
  // What the visitor came for is on screen: background work (precaching) may start.
  useEffect(() => {
    if (diagramDrawn || error || (run && views.length === 0)) markSettled();
  }, [diagramDrawn, error, run, views.length]);
  const onDrawn = useCallback(() => {
    setDiagramDrawn(true);
    measureDiagram(stage.current);
  }, []);
  // Presenter mode hides the Configure button: the drawer goes with it.
  const showConfig = configOpen && !presenter;
  const closeConfig = useCallback(() => {
    setConfigOpen(false);
    configButton.current?.focus();
  }, []);
  // An embedded frame shows this scenario, configuration and step.
  const embedHash = formatLink({
    view: 'simulate',
    scenario: scenarioId,
    config: configPatch(base, config),
    step: index,
  });
  const last = run !== null && views.length > 0 && index === views.length - 1;
  const machines = diagramDrawn && run && (
    <StateMachines views={views} index={index} final={final} config={run.config} />
  );

  return (
    <section
      className={`simulate-view${presenter ? ' presenter' : ''}${hideFuture ? ' hide-future' : ''}`}
      aria-label="Simulator"
      aria-busy={pending}
    >
      <div className="toolbar">
        {presenter ? (
          <h2 className="presenter-title">{scenario?.title ?? scenarioId}</h2>
        ) : (
          <ScenarioPicker />
        )}
        <PlaybackControls store={simulationPlayback} />
        {!presenter && (
          <>
            <button
              ref={configButton}
              type="button"
              className="tool-button"
              aria-expanded={showConfig}
              aria-controls="config-panel"
              onClick={() => (showConfig ? closeConfig() : setConfigOpen(true))}
            >
              <Icon name="settings" /> Configure
            </button>
            <EmbedSnippet hash={embedHash} title={`SPNEGO Lab: ${scenario?.title ?? scenarioId}`} />
          </>
        )}
        <PresenterControls />
      </div>
      <LinkNotice shownInstead="what the rest of the link asks for, with the scenario’s own settings where it asks for something unknown" />
      {scenario && !presenter && (
        <ScenarioDescription
          key={scenario.id}
          text={scenario.description}
          changes={showConfig ? [] : changes}
          run={pending ? null : run}
        />
      )}
      {showConfig && (
        <ConfigPanel
          key={scenarioId}
          id="config-panel"
          onClose={closeConfig}
          summary={<ConfigChanges changes={changes} run={pending ? null : run} />}
        />
      )}
      {error && (
        <p className="error" role="alert">
          This configuration cannot run: {error}
        </p>
      )}
      {!run && pending && <p className="hint computing">Computing the exchange…</p>}
      {run && views.length === 0 && (
        <section className="narrative" aria-label="Narrative">
          <h2 className="narrative-title">No message was sent</h2>
          <Outcome run={run} />
        </section>
      )}
      {run && views.length > 0 && (
        <>
          <div className="stage" ref={stage}>
            <SequenceDiagram
              messages={messages}
              current={index}
              onSelect={simulationPlayback.getState().goTo}
              title={findScenario(runScenarioId)?.title ?? 'SPNEGO exchange'}
              fileName={`spnego-${runScenarioId}`}
              onDrawn={onDrawn}
              exportable={!presenter}
              outcome={outcome}
            />
            {diagramDrawn && (
              <div className="stage-side">
                {!presenter && machines}
                <Narrative views={views} index={index} scrolls={presenter} />
                {last && <Outcome run={run} />}
              </div>
            )}
          </div>
          {presenter && machines}
          {diagramDrawn && !presenter && (
            <StepInspector view={views[inspected]} index={inspected} />
          )}
        </>
      )}
    </section>
  );
}
