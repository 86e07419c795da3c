/** Small inline icons (no icon font: nothing is fetched from elsewhere). */
const PATHS = {
  first: 'M6 5h2v14H6zM20 5v14L9 12z',
  previous: 'M7 5h2v14H7zM19 5v14L10 12z',
  play: 'M7 4v16l13-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  next: 'M15 5h2v14h-2zM5 5v14l9-7z',
  last: 'M16 5h2v14h-2zM4 5v14l11-7z',
  copy: 'M8 3h11v13h-2V5H8zM5 7h10v14H5z',
  download: 'M11 3h2v9l3-3 1.4 1.4L12 15.8 6.6 10.4 8 9l3 3zM4 18h16v2H4z',
  link: 'M10.6 13.4a1 1 0 0 1 0-1.4l3-3a1 1 0 1 1 1.4 1.4l-3 3a1 1 0 0 1-1.4 0zM8 17a3 3 0 0 1-2.1-5.1l2-2 1.4 1.4-2 2A1 1 0 0 0 8.7 15l2-2 1.4 1.4-2 2A3 3 0 0 1 8 17zm5.7-3.3-1.4-1.4 2-2A1 1 0 0 0 12.9 9l-2 2-1.4-1.4 2-2a3 3 0 0 1 4.2 4.2z',
  settings:
    'M19.4 13a7.5 7.5 0 0 0 0-2l2.1-1.6-2-3.5-2.5 1a7 7 0 0 0-1.7-1L15 3h-4l-.4 2.9a7 7 0 0 0-1.7 1l-2.5-1-2 3.5L6.6 11a7.5 7.5 0 0 0 0 2l-2.1 1.6 2 3.5 2.5-1a7 7 0 0 0 1.7 1L11 21h4l.4-2.9a7 7 0 0 0 1.7-1l2.5 1 2-3.5zM13 15.5a3.5 3.5 0 1 1 0-7 3.5 3.5 0 0 1 0 7z',
  lock: 'M7 10V8a5 5 0 0 1 10 0v2h1v11H6V10zm2 0h6V8a3 3 0 0 0-6 0z',
  embed: 'M8.6 6.6 3.2 12l5.4 5.4 1.4-1.4-4-4 4-4zm6.8 0L14 8l4 4-4 4 1.4 1.4 5.4-5.4z',
  external: 'M14 3h7v7h-2V6.4l-7.3 7.3-1.4-1.4L17.6 5H14zM5 5h6v2H7v10h10v-4h2v6H5z',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
      <path d={PATHS[name]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
