// An explicit theme choice (the Theme menu, src/store/settings.ts) applies before the first paint;
// the system's theme needs no script (styles.css). A file, not inline: the CSP allows no inline
// script.
try {
  const theme = localStorage.getItem('spnego-lab.theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage disabled: the system's theme applies.
}
