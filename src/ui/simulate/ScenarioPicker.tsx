import { SCENARIOS } from '../../protocol/scenarios';
import { isModified } from '../../store/config-diff';
import { scenarioDefaults, useSimulationStore } from '../../store/simulation';

/** The scenario list (combobox "Scenario") and whether the configuration departs from it. */
export function ScenarioPicker() {
  const scenarioId = useSimulationStore((s) => s.scenarioId);
  const config = useSimulationStore((s) => s.config);
  const selectScenario = useSimulationStore((s) => s.selectScenario);
  const modified = isModified(scenarioDefaults(scenarioId), config);

  return (
    <div className="scenario-picker">
      <label htmlFor="scenario">Scenario</label>
      <select
        id="scenario"
        value={scenarioId}
        onChange={(e) => void selectScenario(e.target.value)}
      >
        {SCENARIOS.map((s) => (
          <option key={s.id} value={s.id}>
            {s.title}
          </option>
        ))}
      </select>
      {modified && <span className="badge modified">modified</span>}
    </div>
  );
}
