// The team portal: sign-in through keycloak-js (authorization code + PKCE S256, tokens in memory only), then
// the team's pages, or the chooser when no team is in the URL.
import Keycloak from './keycloak.js';
import {createApi, ApiError} from './api.js';
import {el, clear, alert} from './ui.js';
import {connectPage} from './connect.js';
import {tokensPage} from './tokens.js';
import {groupsPage} from './groups.js';
import {membersPage} from './members.js';
import {domainsPage} from './domains.js';
import {ssoPage, ssoTest, ssoTestOnLoad} from './sso.js';
import {logPage} from './log.js';

const root = document.getElementById('portal');
const config = root.dataset;
const status = document.getElementById('portal-status');
const content = document.getElementById('portal-content');
const teamsBase = `${config.keycloak}/realms/${encodeURIComponent(config.realm)}/teams/`;

const keycloak = new Keycloak({url: config.keycloak, realm: config.realm, clientId: config.client});

function fail(error) {
  status.textContent = '';
  clear(content).append(alert('danger', error instanceof ApiError && error.status === 403
    ? 'No access to this team' : 'Something went wrong', error.message));
}

const PAGES = [
  {id: 'connect', title: 'Connect Okta', render: connectPage},
  {id: 'tokens', title: 'SCIM tokens', render: tokensPage},
  {id: 'groups', title: 'Groups and roles', render: groupsPage},
  {id: 'sso', title: 'Single sign-on', render: ssoPage},
  {id: 'domains', title: 'Domains', render: domainsPage},
  {id: 'members', title: 'Members', render: (panel, api, team) => membersPage(panel, api, team)},
  {id: 'log', title: 'Provisioning log', render: (panel, api, team) => logPage(panel, api, team)},
];

function teamPortal(api, team) {
  document.getElementById('portal-team').textContent = `${team.title} (${team.slug})`;
  const panel = el('div', {id: 'portal-panel', role: 'tabpanel', tabindex: '0'});
  const tabs = PAGES.map(page => el('li', {class: 'pf-v5-c-tabs__item', 'data-page': page.id},
    el('button', {class: 'pf-v5-c-tabs__link', role: 'tab', type: 'button', id: `tab-${page.id}`,
      'aria-controls': 'portal-panel', 'data-testid': `tab-${page.id}`, onclick: () => show(page)},
      el('span', {class: 'pf-v5-c-tabs__item-text'}, page.title))));
  const list = el('ul', {class: 'pf-v5-c-tabs__list', role: 'tablist', 'aria-label': 'Team portal pages'}, tabs);
  // arrow keys move between tabs, as screen-reader users expect of a tab list
  list.addEventListener('keydown', event => {
    const buttons = [...list.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement);
    if (at < 0 || (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft')) return;
    const next = buttons[(at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
    next.focus();
    next.click();
  });
  async function show(page) {
    for (const tab of tabs) {
      const current = tab.dataset.page === page.id;
      tab.classList.toggle('pf-m-current', current);
      tab.querySelector('button').setAttribute('aria-selected', String(current));
      tab.querySelector('button').tabIndex = current ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `tab-${page.id}`);
    clear(panel).append(el('p', {}, 'Loading…'));
    try {
      await page.render(panel, api, team);
    } catch (error) {
      clear(panel).append(alert('danger', 'Could not load the page', error.message));
    }
  }
  clear(content).append(el('h1', {class: 'pf-v5-c-title pf-m-2xl'}, team.title),
    el('div', {class: 'pf-v5-c-tabs'}, list), panel);
  show(PAGES[0]);
}

const CHOOSER_PAGE = 50;

async function chooser(state = {search: '', first: 0}) {
  const api = createApi(keycloak, `${teamsBase}portal/api/`);
  const query = new URLSearchParams({first: String(state.first), max: String(CHOOSER_PAGE)});
  if (state.search) query.set('search', state.search);
  const answer = await api('GET', `teams?${query}`);
  status.textContent = '';
  const items = answer.teams.map(team => el('li', {},
    el('a', {href: `${teamsBase}${encodeURIComponent(team.slug)}/portal/`, 'data-testid': `team-${team.slug}`},
      `${team.title} (${team.slug})`)));
  const search = el('input', {class: 'pf-v5-c-form-control', type: 'search', value: state.search,
    'aria-label': 'Search teams by slug or title', placeholder: 'Search teams', 'data-testid': 'team-search'});
  const form = el('form', {class: 'portal-toolbar', role: 'search', onsubmit: async event => {
    event.preventDefault();
    await chooser({search: search.value.trim(), first: 0});
  }}, search, el('button', {class: 'pf-v5-c-button pf-m-secondary', type: 'submit', 'data-testid': 'team-search-go'}, 'Search'));
  const last = Math.min(answer.first + answer.teams.length, answer.total);
  const pager = answer.total > CHOOSER_PAGE ? el('nav', {class: 'portal-pager', 'aria-label': 'Team pages'},
    el('span', {'data-testid': 'team-count'}, `${answer.first + 1}–${last} of ${answer.total}`),
    el('button', {class: 'pf-v5-c-button pf-m-link', type: 'button', disabled: answer.first === 0,
      onclick: () => chooser({search: state.search, first: Math.max(0, answer.first - CHOOSER_PAGE)})}, 'Previous'),
    el('button', {class: 'pf-v5-c-button pf-m-link', type: 'button', disabled: last >= answer.total,
      onclick: () => chooser({search: state.search, first: answer.first + CHOOSER_PAGE})}, 'Next')) : null;
  clear(content).append(el('h1', {class: 'pf-v5-c-title pf-m-2xl'}, 'Your teams'),
    answer.total > CHOOSER_PAGE || state.search ? form : null,
    items.length ? el('ul', {class: 'portal-teams'}, items)
      : alert('info', state.search ? `No team matches "${state.search}"` : 'You administer no team',
        state.search ? '' : 'Only the Admins of a team can use its portal.'),
    pager);
}

async function main() {
  const testing = config.slug && new URLSearchParams(window.location.search).has('sso-test');
  const authenticated = await keycloak.init({onLoad: testing ? ssoTestOnLoad() : 'login-required', pkceMethod: 'S256',
    checkLoginIframe: false, responseMode: 'fragment'});
  if (testing) {
    await ssoTest(keycloak, status, content, config, createApi(keycloak, `${teamsBase}portal/api/`));
    return;
  }
  if (!authenticated) return;
  document.getElementById('portal-user').textContent = keycloak.tokenParsed.preferred_username || '';
  const signout = document.getElementById('portal-signout');
  signout.hidden = false;
  signout.addEventListener('click', () => keycloak.logout({redirectUri: window.location.href.split('#')[0]}));
  if (!config.slug) {
    await chooser();
    return;
  }
  const api = createApi(keycloak, `${teamsBase}${encodeURIComponent(config.slug)}/portal/api/`);
  const team = await api('GET', 'team');
  status.textContent = '';
  teamPortal(api, team);
}

main().catch(fail);
