// Sizes each SPNEGO Lab frame on this page to its content. An embedded frame posts
// { type: 'spnego-lab:height', height } to its parent on load and whenever its content's height
// changes (README, "Embedding"). A page embedding frames of another site compares event.origin
// with that site's origin instead.
addEventListener('message', (event) => {
  if (event.origin !== location.origin) return;
  const { data } = event;
  if (!data || data.type !== 'spnego-lab:height' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe')) {
    if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(data.height)}px`;
  }
});
