// Members: a paged, searchable list with each member's effective roles and where they come from.
import {el, clear, alert, button, confirmButton, table, row, heading, time} from './ui.js';

const PAGE = 20;

// where the effective role comes from: the sources that grant it (lower grants of other sources are not shown)
function sources(effective) {
  return effective.sources.filter(s => s.role === effective.role)
    .map(s => s.kind === 'group' ? `group ${s.groupName}` : 'direct').join(', ');
}

function roleText(team, effective, isTeamRole) {
  if (!effective) return isTeamRole ? 'none' : 'No Access';
  const option = team.workspaceRoles.find(r => r.value === effective.role);
  const name = isTeamRole || !option ? effective.role : option.label;
  return `${name} (${sources(effective)})`;
}

export async function membersPage(panel, api, team, state = {search: '', first: 0}) {
  const query = `members?first=${state.first}&max=${PAGE}` + (state.search ? `&search=${encodeURIComponent(state.search)}` : '');
  const page = await api('GET', query);
  const search = el('input', {class: 'pf-v5-c-form-control', type: 'search', id: 'member-search', value: state.search,
    'aria-label': 'Search members by user name', placeholder: 'Search by user name', 'data-testid': 'member-search'});
  const form = el('form', {class: 'pf-v5-c-toolbar portal-toolbar', role: 'search', onsubmit: async event => {
    event.preventDefault();
    await membersPage(panel, api, team, {search: search.value.trim(), first: 0});
  }}, search, button('Search', {type: 'submit', 'data-testid': 'member-search-go'}, 'secondary'));
  const rows = page.members.map(member => row([
    member.userName || member.userId,
    member.pending ? 'invited' : member.active ? 'active' : 'inactive',
    roleText(team, member.teamRole, true),
    el('ul', {class: 'portal-plain'}, team.workspaces.map(w => el('li', {},
      `${w.title || w.name}: ${roleText(team, member.workspaceRoles[w.name], false)}`))),
  ], {'data-testid': `member-row-${member.userName || member.userId}`}));
  const last = Math.min(page.first + page.members.length, page.total);
  const pager = el('nav', {class: 'portal-pager', 'aria-label': 'Member pages'},
    el('span', {'data-testid': 'member-count'}, page.total ? `${page.first + 1}–${last} of ${page.total}` : '0 members'),
    button('Previous', {disabled: page.first === 0, onclick: () =>
      membersPage(panel, api, team, {search: state.search, first: Math.max(0, page.first - PAGE)})}, 'link'),
    button('Next', {disabled: last >= page.total, onclick: () =>
      membersPage(panel, api, team, {search: state.search, first: page.first + PAGE})}, 'link'));
  clear(panel).append(heading('Members'), form,
    rows.length ? table('Members of the team', ['User name', 'Status', 'Team role', 'Workspace roles'], rows, 'members-table')
      : alert('info', state.search ? `No member matches "${state.search}"` : 'No members yet'),
    pager, await invitations(panel, api, team));
}

// accounts the team does not own wait for their holder to accept; an Admin may withdraw the invitation
async function invitations(panel, api, team) {
  const page = await api('GET', `invitations?max=100`);
  const message = el('div', {id: 'invitations-message'});
  const rows = page.invitations.map(invitation => row([invitation.userName, time(invitation.invitedAt),
    confirmButton('Revoke', 'Confirm: revoke the invitation', {'data-testid': `revoke-${invitation.userName}`}, async () => {
      try {
        await api('DELETE', `invitations/${encodeURIComponent(invitation.userId)}`);
        await membersPage(panel, api, team);
        panel.querySelector('#invitations-message').append(alert('success', `Revoked the invitation of ${invitation.userName}`));
      } catch (error) {
        clear(message).append(alert('danger', 'Not revoked', error.message));
      }
    }, 'link')], {'data-testid': `invitation-row-${invitation.userName}`}));
  return el('section', {'aria-labelledby': 'invitations-title'},
    el('h2', {class: 'pf-v5-c-title pf-m-xl portal-heading', id: 'invitations-title'}, 'Pending invitations'),
    el('p', {}, 'People whose account another team or an operator owns join when they sign in and accept.'),
    message,
    rows.length ? table('Pending invitations', ['User name', 'Invited', ''], rows, 'invitations-table')
      : el('p', {'data-testid': 'invitations-none'}, 'No pending invitations.'),
    page.total > rows.length ? el('p', {}, `Showing ${rows.length} of ${page.total}.`) : null);
}
