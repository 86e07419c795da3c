import type { ReactNode } from 'react';
import { useDisclosure } from './printing';

/**
 * A `<details>` whose content is rendered only once open (a long run's bytes cost nothing while
 * folded), following "open all" and print.
 */
export function Disclosure({
  summary,
  className,
  children,
}: {
  summary: ReactNode;
  className?: string;
  children: () => ReactNode;
}) {
  const [open, setOpen] = useDisclosure();
  return (
    <details
      className={className}
      open={open}
      onToggle={(e) => {
        const now = e.currentTarget.open;
        if (now !== open) setOpen(now);
      }}
    >
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}
