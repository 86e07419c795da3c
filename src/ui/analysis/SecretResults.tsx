import { useState } from 'react';
import type { DerivedValue, SecretResult } from '../../analysis/types';
import { walk, type Node } from '../../codec/tree';
import { useInspectorStore } from '../../store/inspector';
import { copyText } from '../common/clipboard';
import { parentOf } from '../inspector/tree-index';
import { Icon } from '../common/Icon';

/** The part as placed in the token's tree (under its ciphertext), if it was. */
function grafted(root: Node, name: string, offset: number): Node | null {
  let found: Node | null = null;
  walk(root, (node, _depth, parent) => {
    if (node.decrypted && !parent?.decrypted && node.name === name && node.offset === offset)
      found ??= node;
  });
  return found;
}

/** Selects the decrypted part in the inspector's tree (opening the way to it) and shows it. */
function showInInspector(root: Node, node: Node) {
  const path: Node[] = [];
  for (let p = parentOf(root, node); p; p = parentOf(root, p)) path.unshift(p);
  useInspectorStore.getState().select(node, [...path, node]);
  document
    .querySelector('.analysis .inspector')
    ?.scrollIntoView({ block: 'start', behavior: 'auto' });
}

/** Values derived from the secrets, each with how it was computed and a copy button. */
function DerivedTable({ values, what }: { values: DerivedValue[]; what: string }) {
  const [status, setStatus] = useState('');
  const copy = async (value: DerivedValue) =>
    setStatus(
      (await copyText(value.value)) ? `Copied ${value.name}.` : `Could not copy ${value.name}.`,
    );
  return (
    <div className="analysis-derived">
      {/* Focusable: a keyboard can scroll the table sideways on a narrow screen. */}
      <div
        className="analysis-table-scroll"
        tabIndex={0}
        role="region"
        aria-label={`Values derived for the ${what}`}
      >
        <table>
          <caption className="visually-hidden">Values derived for the {what}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Value</th>
              <th scope="col">How</th>
            </tr>
          </thead>
          <tbody>
            {values.map((v, i) => (
              <tr key={`${v.name}-${i}`}>
                <th scope="row">{v.name}</th>
                <td className="analysis-derived-value">
                  <code>{v.value}</code>
                  <button
                    type="button"
                    className="mini-button"
                    aria-label={`Copy ${v.name}`}
                    title={`Copy ${v.name}`}
                    onClick={() => void copy(v)}
                  >
                    <Icon name="copy" />
                  </button>
                </td>
                <td>{v.how}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <span className="copy-status" role="status">
        {status}
      </span>
    </div>
  );
}

/** What the secrets opened or verified at this step: ✓ or ✗, why, and what was derived. */
export function SecretResults({ results, root }: { results: SecretResult[]; root: Node }) {
  if (results.length === 0) return null;
  return (
    <section className="analysis-secrets" aria-label="What the secrets opened">
      <h3>With the secrets given</h3>
      <ul className="analysis-checks">
        {results.map((r, i) => {
          const part = r.root && r.cipher ? grafted(root, r.root.name, r.cipher.offset) : null;
          return (
            <li key={`${r.what}-${i}`} className={`analysis-check ${r.ok ? 'ok' : 'bad'}`}>
              <span className="analysis-mark" aria-hidden="true">
                {r.ok ? '✓' : '✗'}
              </span>
              <span className="visually-hidden">
                {r.ok ? 'Opened or verified: ' : 'Not opened: '}
              </span>
              <span>
                <strong>{r.what}</strong> {r.text}
                {part && r.cipher && (
                  <span className="analysis-hint">
                    {' '}
                    Its fields are in the inspector, under the ciphertext at bytes {r.cipher.offset}
                    –{r.cipher.offset + r.cipher.length - 1}.{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => showInInspector(root, part)}
                    >
                      Show the {r.what}
                    </button>
                  </span>
                )}
              </span>
              {r.derived && r.derived.length > 0 && (
                <DerivedTable values={r.derived} what={r.what} />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
