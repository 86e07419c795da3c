import type { Node } from '../../codec/tree';
import { useInspectorStore } from '../../store/inspector';
import { SpecLinks } from '../spec/SpecLinks';
import { fieldDoc } from './field-docs';
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
  const doc = fieldDoc(node, parentOf(root, node));
  const end = Math.min(node.offset + node.length, bytes.length);
  const preview = toHex(bytes, node.offset, Math.min(end, node.offset + PREVIEW_BYTES));
  return (
    <section className="node-details" aria-label="Selected field">
      <h3 className="node-details-name">
        {node.name}
        {node.type && <span className="node-details-type">{node.type}</span>}
      </h3>
      {doc && (
        <p className="node-doc">
          {doc.text} <SpecLinks spec={doc.spec} />
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
        <dt>Bytes</dt>
        <dd>
          offset {node.offset} (0x{node.offset.toString(16)}), {node.length} bytes
          {node.headerLength ? `, of which ${node.headerLength} tag and length` : ''}
          <span className="mono byte-preview">
            {preview.replace(/(..)/g, '$1 ').trim()}
            {end - node.offset > PREVIEW_BYTES ? ' …' : ''}
          </span>
        </dd>
        {node.spec && (!doc || doc.spec !== node.spec) && (
          <>
            <dt>Defined in</dt>
            <dd>
              <SpecLinks spec={node.spec} />
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
