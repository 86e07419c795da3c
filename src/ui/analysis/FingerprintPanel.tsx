import type { Fingerprint, Side } from '../../analysis/types';
import { SIDE_NAMES } from './format';

/** Which implementation each side looks like, and the evidence for it, side by side. */
export function FingerprintPanel({ fingerprint }: { fingerprint: Fingerprint }) {
  const side = (which: Side) => {
    const evidence = fingerprint.evidence.filter((e) => e.side === which);
    const looks = fingerprint[which];
    const known = looks && looks !== 'unknown';
    return (
      <div className={`analysis-fingerprint-side side-${which}`}>
        <h3>
          {SIDE_NAMES[which]} <span className="machine-role">{which}</span>
        </h3>
        <p className="analysis-looks">
          {known ? (
            <>
              looks like <strong>{looks}</strong>
            </>
          ) : (
            'no implementation recognised'
          )}
        </p>
        {evidence.length > 0 && (
          <ul className="analysis-evidence" aria-label={`Evidence about the ${which}`}>
            {evidence.map((e, i) => (
              <li key={i}>{e.text}</li>
            ))}
          </ul>
        )}
      </div>
    );
  };
  return (
    <section className="analysis-fingerprint" aria-label="Fingerprint">
      <h2>Who is talking</h2>
      <div className="analysis-fingerprint-sides">
        {side('initiator')}
        {side('acceptor')}
      </div>
    </section>
  );
}
