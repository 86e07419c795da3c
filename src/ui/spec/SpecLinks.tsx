import { specUrl, splitSpecs } from './spec-url';

/** Spec references, each a link when it has a public address (opens in a new tab). */
export function SpecLinks({ spec }: { spec: string }) {
  return (
    <span className="spec-links">
      {splitSpecs(spec).map((ref, i) => {
        const url = specUrl(ref);
        return (
          <span key={ref + i}>
            {i > 0 && '; '}
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {ref}
              </a>
            ) : (
              ref
            )}
          </span>
        );
      })}
    </span>
  );
}
