// Small DOM helpers for the portal's pages. Text is always set as text (never parsed as HTML).

/** el('button', {class: 'x', onclick: fn}, 'text', child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (value === true) {
      node.setAttribute(key, '');
    } else {
      node.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** A PatternFly inline alert; kind is success, danger, info or warning. */
export function alert(kind, title, ...body) {
  return el('div', {class: `pf-v5-c-alert pf-m-inline pf-m-${kind}`, role: kind === 'danger' ? 'alert' : 'status',
    'data-testid': `alert-${kind}`},
    el('p', {class: 'pf-v5-c-alert__title'}, title),
    body.length ? el('div', {class: 'pf-v5-c-alert__description'}, ...body) : null);
}

/** A read-only value with a copy button; the value stays selectable for copying by hand. */
export function copyable(label, value, testid) {
  const input = el('input', {class: 'pf-v5-c-form-control portal-copy-value', readonly: true, value,
    'aria-label': label, 'data-testid': testid, size: Math.min(Math.max(value.length, 20), 90)});
  const done = el('span', {class: 'portal-copied', 'aria-live': 'polite'});
  const button = el('button', {class: 'pf-v5-c-button pf-m-control', type: 'button', 'aria-label': `Copy ${label}`,
    'data-testid': `${testid}-copy`, onclick: async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(value);
      } catch (e) {
        document.execCommand('copy'); // older browsers, or no clipboard permission
      }
      done.textContent = 'Copied';
      setTimeout(() => { done.textContent = ''; }, 3000);
    }}, 'Copy');
  return el('div', {class: 'pf-v5-c-input-group'}, el('div', {class: 'pf-v5-c-input-group__item pf-m-fill'}, input),
    el('div', {class: 'pf-v5-c-input-group__item'}, button), done);
}

/** A labelled form row holding a copyable value and its help text. */
export function field(label, help, value, testid) {
  return el('div', {class: 'pf-v5-c-form__group'},
    el('div', {class: 'pf-v5-c-form__group-label'}, el('span', {class: 'pf-v5-c-form__label-text'}, label)),
    el('div', {class: 'pf-v5-c-form__group-control'}, copyable(label, value, testid),
      help ? el('p', {class: 'pf-v5-c-form__helper-text'}, help) : null));
}

/** A button that asks for a second click (its text becomes {@code confirmText}) before it runs {@code action}. */
export function confirmButton(text, confirmText, attrs, action, kind = 'danger') {
  const b = button(text, {...attrs, onclick: async () => {
    if (b.dataset.confirm !== 'yes') {
      b.dataset.confirm = 'yes';
      b.textContent = confirmText;
      return;
    }
    await action();
  }}, kind);
  return b;
}

export function button(text, attrs = {}, kind = 'primary') {
  return el('button', {class: `pf-v5-c-button pf-m-${kind}`, type: 'button', ...attrs}, text);
}

export function time(ms) {
  if (ms === null || ms === undefined) return '—';
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function table(caption, headers, rows, testid) {
  return el('table', {class: 'pf-v5-c-table pf-m-compact pf-m-grid-md', role: 'grid', 'data-testid': testid},
    el('caption', {class: 'pf-v5-screen-reader'}, caption),
    el('thead', {class: 'pf-v5-c-table__thead'}, el('tr', {class: 'pf-v5-c-table__tr'},
      headers.map(h => el('th', {class: 'pf-v5-c-table__th', scope: 'col'}, h)))),
    el('tbody', {class: 'pf-v5-c-table__tbody'}, rows));
}

export function row(cells, attrs = {}) {
  return el('tr', {class: 'pf-v5-c-table__tr', ...attrs}, cells.map(c => el('td', {class: 'pf-v5-c-table__td'}, c)));
}

export function heading(text) {
  return el('h2', {class: 'pf-v5-c-title pf-m-xl portal-heading'}, text);
}
