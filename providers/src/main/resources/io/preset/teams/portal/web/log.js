// Provisioning log: what Okta or Entra asked of this team and what it was answered, newest first.
import {el, clear, alert, button, table, row, heading, time} from './ui.js';

const PAGE = 20;
const STATUSES = [['', 'All requests'], ['error', 'Errors only'], ['ok', 'Successes only'], ['4xx', '4xx'], ['5xx', '5xx']];

function request(entry) {
  return el('span', {}, el('code', {}, `${entry.method} ${entry.path}`),
    entry.filter ? el('div', {class: 'portal-muted'}, `filter ${entry.filter}`) : null);
}

function outcome(entry) {
  const parts = [String(entry.status)];
  if (entry.scimType) parts.push(entry.scimType);
  const text = el('span', {}, parts.join(' '));
  if (!entry.detail) return text;
  // errorKind names the section of the operator's troubleshooting guide (docs/troubleshooting.md) for this error
  return el('span', {}, text, el('div', {class: 'portal-muted'}, entry.detail),
    entry.errorKind ? el('div', {class: 'portal-muted'}, `(${entry.errorKind})`) : null);
}

export async function logPage(panel, api, team, state = {status: '', user: '', first: 0}) {
  const query = new URLSearchParams({first: String(state.first), max: String(PAGE)});
  if (state.status) query.set('status', state.status);
  if (state.user) query.set('user', state.user);
  const entries = await api('GET', `log?${query}`);
  const status = el('select', {class: 'pf-v5-c-form-control', id: 'log-status', 'aria-label': 'Which requests',
    'data-testid': 'log-status'}, STATUSES.map(([value, label]) =>
    el('option', {value, selected: value === state.status}, label)));
  const user = el('input', {class: 'pf-v5-c-form-control', type: 'search', id: 'log-user', value: state.user,
    'aria-label': 'User name or id', placeholder: 'User name or id', 'data-testid': 'log-user'});
  const form = el('form', {class: 'portal-toolbar', role: 'search', onsubmit: async event => {
    event.preventDefault();
    await logPage(panel, api, team, {status: status.value, user: user.value.trim(), first: 0});
  }}, status, user, button('Show', {type: 'submit', 'data-testid': 'log-go'}, 'secondary'));
  const rows = entries.map(entry => row([time(entry.timeMs),
    entry.clientKind === 'oauth' ? `Okta (${entry.clientName || entry.clientId || 'OAuth'})`
      : entry.clientKind === 'scim-token' ? `token ${entry.clientName || ''}`
        : entry.clientKind === 'sso' ? 'Sign-in through single sign-on' : entry.clientKind,
    request(entry), entry.resourceName || entry.resourceId || '', outcome(entry)],
  {'data-testid': `log-row-${entry.id}`}));
  const pager = el('nav', {class: 'portal-pager', 'aria-label': 'Log pages'},
    button('Newer', {disabled: state.first === 0, onclick: () =>
      logPage(panel, api, team, {...state, first: Math.max(0, state.first - PAGE)})}, 'link'),
    button('Older', {disabled: entries.length < PAGE, onclick: () =>
      logPage(panel, api, team, {...state, first: state.first + PAGE})}, 'link'));
  clear(panel).append(heading('Provisioning log'),
    el('p', {}, 'Every SCIM request to this team, newest first, with the answer it got, and every sign-in through your ',
      'single sign-on that failed, with the reason. Passwords and secrets are never kept.'),
    form,
    rows.length ? table('Provisioning log', ['Time', 'Client', 'Request', 'User or group', 'Answer'], rows, 'log-table')
      : alert('info', 'No request matches'),
    pager);
}
