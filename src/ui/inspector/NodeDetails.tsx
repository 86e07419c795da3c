import type { Node } from '../../codec/tree';
import { useInspectorStore } from '../../store/inspector';
import { SpecLinks } from '../spec/SpecLinks';
import { explain, explanationText } from '../../codec/explain';
import { parentOf } from './tree-index';
import { toHex } from '../../bytes';

/** Bytes shown inline before "…": enough to recognise a value, short enough to read. */
const PREVIEW_BYTES = 48;

/** What the selected field is: its name, value, meaning, where it sits and where it is defined. */
export function NodeDetails({ root, bytes }: { root: Node; bytes: Uint8Array }) {
  const node = useInspectorStore((s) => s.selected);
  if (!node)
    return (
      <p className="hint node-details-empty">
        Select a field in the tree, or click a byte, to see what it means.
      </p>
    );
  const explanation = explain(node, parentOf(root, node));
  // One spec reference per field: the decoder's own, else the explanation's.
  const spec = node.spec ?? explanation?.spec;
  const end = Math.min(node.offset + node.length, bytes.length);
  const preview = toHex(bytes, node.offset, Math.min(end, node.offset + PREVIEW_BYTES));
  return (
    <section className="node-details" aria-label="Selected field">
      <h3 className="node-details-name">
        {node.name}
        {node.type && <span className="node-details-type">{node.type}</span>}
      </h3>
      {explanation && (
        <p className="node-doc">
          {explanationText(explanation)} {spec && <SpecLinks spec={spec} />}
        </p>
      )}
      <dl>
        {node.value !== undefined && node.value !== null && (
          <>
            <dt>Value</dt>
            <dd className="mono">{String(node.value)}</dd>
          </>
        )}
        {node.label && (
          <>
            <dt>Meaning</dt>
            <dd>{node.label}</dd>
          </>
        )}
        {node.decrypted ? (
          // The node's own bytes are in the plaintext, not on the wire: say where both are.
          <>
            <dt>Decrypted</dt>
            <dd className="decrypted-where">
              decrypted from the ciphertext at bytes {node.offset}–{end - 1} (0x
              {node.offset.toString(16)}–0x{(end - 1).toString(16)}); in the plaintext at offset{' '}
              {node.decrypted.offset} (0x{node.decrypted.offset.toString(16)}),{' '}
              {node.decrypted.length} bytes
            </dd>
          </>
        ) : (
          <>
            <dt>Bytes</dt>
            <dd>
              offset {node.offset} (0x{node.offset.toString(16)}), {node.length} bytes
              {node.headerLength ? `, of which ${node.headerLength} tag and length` : ''}
              <span className="mono byte-preview">
                {preview.replace(/(..)/g, '$1 ').trim()}
                {end - node.offset > PREVIEW_BYTES ? ' …' : ''}
              </span>
            </dd>
          </>
        )}
        {spec && !explanation && (
          <>
            <dt>Defined in</dt>
            <dd>
              <SpecLinks spec={spec} />
            </dd>
          </>
        )}
        {node.error && (
          <>
            <dt>Error</dt>
            <dd className="error">{node.error}</dd>
          </>
        )}
        {node.warnings?.map((w, i) => (
          <dd key={i} className="warning">
            {w}
          </dd>
        ))}
      </dl>
    </section>
  );
}
