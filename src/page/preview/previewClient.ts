/**
 * The live preview's client, served with every preview page: reloads when the issue was rebuilt, keeping the
 * reader where they were, and shows build errors over the last good pages.
 */
// Pages on a grey desk, as a reader of proofs expects them.
const style = document.createElement('style');
// On screen only: printed from the editor's browser, the preview gives the PDF's pages, one a sheet.
style.textContent = '@media screen { body { background: #d8d8d8; } .pagedjs_page { background: #fff; margin: 12px auto; box-shadow: 0 1px 6px #888; } }';
document.head.appendChild(style);
const scrollKey = 'paiban-preview-scroll';
const saved = sessionStorage.getItem(scrollKey);
if (saved) {
  sessionStorage.removeItem(scrollKey);
  window.addEventListener('load', () => window.scrollTo(0, Number(saved)));
}
const events = new EventSource('/events');
events.addEventListener('reload', () => {
  sessionStorage.setItem(scrollKey, String(window.scrollY));
  location.reload();
});
events.addEventListener('failure', (event) => {
  let banner = document.getElementById('paiban-preview-error');
  if (!banner) {
    banner = document.createElement('pre');
    banner.id = 'paiban-preview-error';
    Object.assign(banner.style, {
      position: 'fixed',
      top: '0',
      left: '0',
      right: '0',
      margin: '0',
      padding: '1em',
      zIndex: '1000',
      background: '#fff0f0',
      color: '#900',
      borderBottom: '2px solid #900',
      whiteSpace: 'pre-wrap',
      font: '14px monospace',
    });
    document.body.appendChild(banner);
  }
  banner.textContent = `build-issue: ${(event as MessageEvent).data}`;
});
