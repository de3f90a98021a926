/**
 * The desk's own script in the page (bundled by esbuild into lib/desk/client/desk.js; htmx does the forms):
 * live build progress and article preview refreshes from the server's events, drag and drop onto upload forms, and
 * the editor's jump to a line.
 * No eval, no inline script: the page's Content-Security-Policy allows scripts from the desk only.
 */

/** A build's progress in every [data-build-events] element: stage lines and the page counter; the page reloads when it ends. */
function watchBuild(element: HTMLElement): void {
  const source = new EventSource(element.dataset.buildEvents!);
  const stage = element.querySelector<HTMLElement>('[data-stage]');
  const page = element.querySelector<HTMLElement>('[data-page]');
  const log = element.querySelector<HTMLElement>('[data-log]');
  let running = element.dataset.running === 'true';
  const show = (text: string) => {
    if (stage) stage.textContent = text;
    if (log) {
      const line = document.createElement('li');
      line.textContent = text;
      log.append(line);
    }
  };
  source.addEventListener('start', () => {
    running = true;
    element.classList.add('running');
    show('开始…');
  });
  source.addEventListener('stage', (event) => show(JSON.parse((event as MessageEvent).data).message));
  source.addEventListener('warning', (event) => show(`提醒：${JSON.parse((event as MessageEvent).data).message}`));
  source.addEventListener('page', (event) => {
    if (page) page.textContent = `第 ${JSON.parse((event as MessageEvent).data).page} 页`;
  });
  for (const end of ['done', 'failed']) {
    source.addEventListener(end, () => {
      source.close();
      if (running) window.location.reload();
    });
  }
}

/**
 * The article preview in every [data-preview-events] element: its frame is loaded again when the server has laid
 * the pages out anew (after a save), and the status line says what is happening.
 */
function watchPreview(element: HTMLElement): void {
  const source = new EventSource(element.dataset.previewEvents!);
  const status = element.querySelector<HTMLElement>('[data-preview-status]');
  const frame = element.querySelector<HTMLIFrameElement>('iframe');
  const say = (text: string) => {
    if (status) status.textContent = text;
  };
  const address = frame?.getAttribute('src');
  const reload = () => {
    if (frame && address) frame.src = `${address}?at=${Date.now()}`;
  };
  source.addEventListener('hello', (event) => {
    if (JSON.parse((event as MessageEvent).data).refreshing) say('正在排版预览…');
  });
  source.addEventListener('preview-start', () => say('正在重排…'));
  source.addEventListener('preview', (event) => {
    const { at, pageCount, seconds, paginated } = JSON.parse((event as MessageEvent).data);
    say(`${new Date(at).toLocaleTimeString('zh-CN')} 重排（全期${pageCount}页，重排了${paginated[0]}/${paginated[1]}篇，${seconds.toFixed(1)} 秒）`);
    reload();
  });
  source.addEventListener('preview-failed', (event) => {
    say(`预览失败（下面是上次的版面）：${JSON.parse((event as MessageEvent).data).message}`);
    reload();
  });
}

/**
 * Every form that changes something carries the session's CSRF token (from the page's meta tag; none on a desk
 * without accounts): as a hidden field, or in the address of a multipart form, whose fields the server reads only
 * in the handler, after the token has been checked.
 */
function carryCsrfToken(form: HTMLElement): void {
  const token = document.querySelector<HTMLMetaElement>('meta[name=csrf-token]')?.content;
  if (!token || !(form instanceof HTMLFormElement) || form.method !== 'post' || form.elements.namedItem('_csrf')) return;
  if (form.enctype === 'multipart/form-data') {
    const action = new URL(form.action, window.location.href);
    action.searchParams.set('_csrf', token);
    form.action = action.pathname + action.search;
    return;
  }
  const field = document.createElement('input');
  Object.assign(field, { type: 'hidden', name: '_csrf', value: token });
  form.prepend(field);
}

/** Files dropped on a [data-dropzone] form go into its file input, as if picked. */
function acceptDrops(form: HTMLElement): void {
  const input = form.querySelector<HTMLInputElement>('input[type=file]');
  const list = form.querySelector<HTMLElement>('[data-chosen]');
  if (!input) return;
  const showChosen = () => {
    if (list) list.textContent = Array.from(input.files ?? [], (file) => file.name).join('、');
  };
  input.addEventListener('change', showChosen);
  form.addEventListener('dragover', (event) => {
    event.preventDefault();
    form.classList.add('dragging');
  });
  form.addEventListener('dragleave', () => form.classList.remove('dragging'));
  form.addEventListener('drop', (event) => {
    event.preventDefault();
    form.classList.remove('dragging');
    if (event.dataTransfer?.files.length) {
      input.files = event.dataTransfer.files;
      showChosen();
    }
  });
}

/** A finding's [data-line] link selects that line of the editor's textarea. */
function jumpToLine(link: HTMLElement): void {
  link.addEventListener('click', (event) => {
    const textarea = document.querySelector<HTMLTextAreaElement>('textarea[name=text]');
    if (!textarea) return;
    event.preventDefault();
    const line = Number(link.dataset.line);
    const lines = textarea.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
    textarea.focus();
    textarea.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    const lineHeight = Number.parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (line - 5) * lineHeight);
  });
}

/** A request htmx made was refused: the error page's message is shown in the page's [data-flash] region. */
function showRefusal(event: Event): void {
  const { xhr } = (event as CustomEvent<{ xhr: XMLHttpRequest }>).detail;
  const page = new DOMParser().parseFromString(xhr.responseText, 'text/html');
  const message = page.querySelector('.error:not([data-flash])')?.textContent?.trim() || `出错了（${xhr.status}）`;
  const flash = document.querySelector<HTMLElement>('[data-flash]');
  if (flash) {
    flash.textContent = message;
    flash.hidden = false;
  }
}

const enhanced = new WeakSet<Element>();

function enhance(root: ParentNode): void {
  const each = (selector: string, action: (element: HTMLElement) => void) => {
    for (const element of root.querySelectorAll<HTMLElement>(selector)) {
      if (enhanced.has(element)) continue;
      enhanced.add(element);
      action(element);
    }
  };
  each('form', carryCsrfToken);
  each('[data-build-events]', watchBuild);
  each('[data-preview-events]', watchPreview);
  each('[data-dropzone]', acceptDrops);
  each('[data-line]', jumpToLine);
}

document.addEventListener('DOMContentLoaded', () => enhance(document));
// Rows and panels htmx swapped in are enhanced too.
document.addEventListener('htmx:load', (event) => {
  if (event.target instanceof HTMLElement) enhance(event.target);
});
document.addEventListener('htmx:responseError', showRefusal);
