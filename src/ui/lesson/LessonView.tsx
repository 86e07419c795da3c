import { startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { findScenario } from '../../protocol/scenarios';
import { useAnalysisStore } from '../../store/analysis';
import { exchangePlayback, simulationPlayback, usePlayback } from '../../store/playback';
import { useSimulationStore } from '../../store/simulation';
import { useViewStore, type LessonSource } from '../../store/view';
import { Rules } from '../simulate/Rules';
import { LessonArticle, lessonStepId } from './LessonArticle';
import { analysedLesson, simulatedLesson, type Lesson } from './model';
import { OpenAllContext, usePrinting } from './printing';
import './lesson.css';

function useLesson(source: LessonSource): Lesson | null {
  const run = useSimulationStore((s) => s.run);
  const scenarioId = useSimulationStore((s) => s.runScenarioId);
  const exchange = useAnalysisStore((s) => s.exchange);
  return useMemo(() => {
    if (source === 'decode') return exchange ? analysedLesson(exchange) : null;
    if (!run) return null;
    return simulatedLesson(run, findScenario(scenarioId)?.title ?? scenarioId);
  }, [source, run, scenarioId, exchange]);
}

function SourcePicker({ source }: { source: LessonSource }) {
  const hasExchange = useAnalysisStore((s) => s.exchange !== null);
  const setSource = useViewStore((s) => s.setLessonSource);
  const options: { id: LessonSource; label: string; disabled: boolean }[] = [
    { id: 'simulate', label: 'The simulated run', disabled: false },
    { id: 'decode', label: 'The analysed exchange (Decode)', disabled: !hasExchange },
  ];
  return (
    <fieldset className="lesson-source">
      <legend>Lesson of</legend>
      {options.map((o) => (
        <label key={o.id} className={o.disabled ? 'disabled' : undefined}>
          <input
            type="radio"
            name="lesson-source"
            value={o.id}
            checked={source === o.id}
            disabled={o.disabled}
            onChange={() => setSource(o.id)}
          />{' '}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The whole run laid out, one article per step (Illustrated TLS's way): where it sits, what
 * happened and why, its bytes annotated field by field, what it derived. "Open all" and print
 * open every step's details.
 */
export function LessonView() {
  const source = useViewStore((s) => s.lessonSource);
  const lesson = useLesson(source);
  const pending = useSimulationStore((s) => s.pending);
  const error = useSimulationStore((s) => s.error);
  const playback = source === 'decode' ? exchangePlayback : simulationPlayback;
  const index = usePlayback(playback, (s) => s.index);
  const printing = usePrinting();
  const [openAll, setOpenAll] = useState({ open: false, version: 0 });
  const context = useMemo(() => ({ ...openAll, printing }), [openAll, printing]);
  // Opening every step renders every token's bytes: as a transition, React yields to the page
  // between articles instead of holding the main thread for the whole run.
  const toggleAll = (open: boolean) =>
    startTransition(() => setOpenAll((o) => ({ open, version: o.version + 1 })));

  // A link to a step (or a step chosen elsewhere) brings its article into view.
  const scrolled = useRef<string | null>(null);
  useEffect(() => {
    if (!lesson || index <= 0 || index >= lesson.steps.length) return;
    const key = `${lesson.title}/${index}`;
    if (scrolled.current === key) return;
    scrolled.current = key;
    const article = document.getElementById(lessonStepId(index));
    article?.scrollIntoView({ block: 'start' });
    article?.focus({ preventScroll: true });
  }, [lesson, index]);

  // A step's anchor followed within the page (#lesson-step-N) makes that step the current one.
  useEffect(() => {
    // The URL the link named (the address may already have been rewritten to the full link).
    const onHash = (e: HashChangeEvent) => {
      const match = /^#lesson-step-(\d+)$/.exec(new URL(e.newURL).hash);
      if (match) playback.getState().goTo(Number(match[1]) - 1);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [playback]);

  return (
    <div className="lesson">
      <div className="lesson-toolbar">
        <SourcePicker source={source} />
        <div className="lesson-actions">
          <button type="button" className="tool-button" onClick={() => toggleAll(true)}>
            Open all
          </button>
          <button type="button" className="tool-button" onClick={() => toggleAll(false)}>
            Close all
          </button>
          <button type="button" className="tool-button" onClick={() => window.print()}>
            Print
          </button>
        </div>
      </div>
      {!lesson ? (
        <p className="lesson-empty" role="status">
          {source === 'decode'
            ? 'Paste or open an exchange in the Decode view: its analysis is laid out here.'
            : error
              ? `The simulator could not run: ${error}`
              : pending
                ? 'Running the simulation…'
                : 'No run yet.'}
        </p>
      ) : (
        <OpenAllContext.Provider value={context}>
          <h2 className="lesson-title">{lesson.title}</h2>
          <nav className="lesson-toc" aria-label="Steps">
            <ol>
              {lesson.steps.map((step) => (
                <li key={step.index} className={`from-${step.from}`}>
                  <a href={`#${lessonStepId(step.index)}`}>
                    {step.from === 'initiator' ? '→' : '←'} {step.title}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          {lesson.steps.map((step) => (
            <LessonArticle
              key={`${lesson.title}-${step.index}`}
              step={step}
              count={lesson.steps.length}
              current={step.index === index}
            />
          ))}
          <section
            className={`lesson-outcome lesson-outcome-${lesson.outcome.result}`}
            aria-label="How it ended"
          >
            <h3>{lesson.outcome.title}</h3>
            <p>{lesson.outcome.reason}</p>
            {lesson.outcome.rules.length > 0 && <Rules rules={lesson.outcome.rules} />}
          </section>
        </OpenAllContext.Provider>
      )}
    </div>
  );
}
