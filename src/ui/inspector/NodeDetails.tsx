import { useInspectorStore } from '../../store/inspector';

/** What the selected field is: its name, value, meaning, where it sits and where it is defined. */
export function NodeDetails() {
  const node = useInspectorStore((s) => s.selected);
  if (!node) return <p className="hint">Select a field in the tree, or click a byte.</p>;
  return (
    <dl className="node-details" aria-label="Selected field">
      <dt>Field</dt>
      <dd>{node.name}</dd>
      {node.type && (
        <>
          <dt>Type</dt>
          <dd>{node.type}</dd>
        </>
      )}
      <dt>Bytes</dt>
      <dd>
        offset {node.offset}, {node.length} bytes
        {node.headerLength ? ` (header ${node.headerLength})` : ''}
      </dd>
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
      {node.spec && (
        <>
          <dt>Defined in</dt>
          <dd>{node.spec}</dd>
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
  );
}
