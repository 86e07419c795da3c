import { useRef, useState, type KeyboardEvent } from 'react';
import { useAnalysisStore } from '../../store/analysis';
import type { ExchangeRow } from '../../store/analysis-runner';

/** Rows drawn at a time: a capture may hold thousands of exchanges. */
const PAGE = 100;

const PROTOCOL: Record<string, string> = { http: 'HTTP', smb2: 'SMB2', ldap: 'LDAP' };
const MECH: Record<string, string> = { kerberos: 'Kerberos', ntlm: 'NTLM', negoex: 'NEGOEX' };

function Outcome({ row }: { row: ExchangeRow }) {
  return (
    <span className={`exchange-outcome exchange-outcome-${row.result}`} title={row.reason}>
      {row.result}
    </span>
  );
}

/**
 * The capture's exchanges, one row each (client, server, protocol, mechanism, outcome), as a grid
 * whose rows are chosen by click, Enter or Space and moved through with the arrow keys. Its
 * parent keys it by the capture, so a new capture starts at its first page.
 */
export function ExchangeList() {
  const rows = useAnalysisStore((s) => s.exchanges);
  const selected = useAnalysisStore((s) => s.selected);
  const select = useAnalysisStore((s) => s.select);
  const [page, setPage] = useState(0);
  const [focus, setFocus] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);

  if (rows.length < 2) return null;

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    const nextPage = Math.floor(next / PAGE);
    setFocus(next);
    if (nextPage !== page) setPage(nextPage);
    requestAnimationFrame(() =>
      body.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(),
    );
  };

  const onKey = (e: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: index + PAGE,
      PageUp: index - PAGE,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(index);
    }
  };

  const current = selected ?? focus;
  // One row of the page takes Tab (a roving tab stop): the chosen or focused one, else the first.
  const onPage = current >= page * PAGE && current < page * PAGE + PAGE;
  const tabStop = onPage ? current : shown[0]?.index;
  return (
    <div className="exchange-list">
      {selected === null && (
        <p className="hint">
          Choose an exchange (click, or arrow keys and Enter) to see its tokens.
        </p>
      )}
      <div className="exchange-list-scroll">
        <table role="grid" aria-label="Exchanges in the capture" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">#</th>
              <th scope="col">Client</th>
              <th scope="col">Server</th>
              <th scope="col">Protocol</th>
              <th scope="col">Mechanism</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody ref={body}>
            {shown.map((row) => (
              <tr
                key={row.index}
                data-index={row.index}
                aria-rowindex={row.index + 2}
                aria-selected={row.index === selected}
                tabIndex={row.index === tabStop ? 0 : -1}
                className={row.index === selected ? 'selected' : ''}
                onClick={() => {
                  setFocus(row.index);
                  select(row.index);
                }}
                onKeyDown={(e) => onKey(e, row.index)}
              >
                <td>{row.index + 1}</td>
                <td className="mono">{row.client ?? '—'}</td>
                <td className="mono">{row.server ?? '—'}</td>
                <td>{PROTOCOL[row.transport] ?? row.transport}</td>
                <td>{row.mech ? (MECH[row.mech] ?? row.mech) : '—'}</td>
                <td>
                  <Outcome row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="exchange-pages" aria-label="Pages of exchanges">
          <button
            type="button"
            className="tool-button"
            disabled={page === 0}
            onClick={() => setPage(page - 1)}
          >
            Previous {PAGE}
          </button>
          <span className="hint">
            {(page * PAGE + 1).toLocaleString('en')}–
            {Math.min(rows.length, page * PAGE + PAGE).toLocaleString('en')} of{' '}
            {rows.length.toLocaleString('en')}
          </span>
          <button
            type="button"
            className="tool-button"
            disabled={page === pages - 1}
            onClick={() => setPage(page + 1)}
          >
            Next {PAGE}
          </button>
        </nav>
      )}
    </div>
  );
}
