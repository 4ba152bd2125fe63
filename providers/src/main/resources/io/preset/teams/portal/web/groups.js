// Groups and roles: what each pushed group grants; a change is previewed (who gains and loses which role,
// whose Okta grant is revoked) before it is saved.
import {el, clear, alert, button, table, row, heading} from './ui.js';

function roleLabel(team, value) {
  if (value === null || value === undefined) return 'none';
  const option = team.workspaceRoles.find(r => r.value === value);
  return option ? option.label : value;
}

function describe(team, change) {
  if (change.workspace === null || change.workspace === undefined) {
    return `Team role: ${change.from || 'none'} → ${change.to || 'none'}`;
  }
  const from = change.from ? roleLabel(team, change.from) : 'No Access';
  const to = change.to ? roleLabel(team, change.to) : 'No Access';
  return `${change.workspace}: ${from} → ${to}`;
}

export async function groupsPage(panel, api, team) {
  const groups = await api('GET', 'groups');
  const message = el('div', {id: 'groups-message'});
  const previewArea = el('div', {id: 'groups-preview', 'aria-live': 'polite'});

  const rows = groups.map(group => {
    const teamRole = el('select', {class: 'pf-v5-c-form-control', 'aria-label': `Team role of ${group.displayName}`,
      'data-testid': `team-role-${group.displayName}`},
      el('option', {value: '', selected: !group.teamRole}, 'none'),
      team.teamRoles.map(r => el('option', {value: r, selected: group.teamRole === r}, r)));
    const workspaceSelects = team.workspaces.map(workspace => el('label', {class: 'portal-workspace'},
      el('span', {}, workspace.title || workspace.name),
      el('select', {class: 'pf-v5-c-form-control', 'data-workspace': workspace.name,
        'aria-label': `Role of ${group.displayName} in workspace ${workspace.name}`,
        'data-testid': `ws-role-${group.displayName}-${workspace.name}`},
        team.workspaceRoles.map(r => el('option', {value: r.value,
          selected: (group.workspaceRoles[workspace.name] || 'PresetNoAccess') === r.value}, r.label)))));
    const body = () => {
      const workspaceRoles = {};
      for (const label of workspaceSelects) {
        const select = label.querySelector('select');
        if (select.value !== 'PresetNoAccess') workspaceRoles[select.dataset.workspace] = select.value;
      }
      return teamRole.value ? {teamRole: teamRole.value, workspaceRoles} : {workspaceRoles};
    };
    const review = button('Review changes', {'data-testid': `review-${group.displayName}`, onclick: async () => {
      clear(message);
      const path = `groups/${encodeURIComponent(group.id)}/roles`;
      const chosen = body();
      try {
        const preview = await api('POST', `${path}/preview`, chosen);
        showPreview(group, chosen, preview, path);
      } catch (error) {
        clear(message).append(alert('danger', 'The change cannot be saved', error.message));
      }
    }}, 'secondary');
    return row([group.displayName, String(group.members), teamRole, el('div', {class: 'portal-workspaces'}, workspaceSelects),
      review], {'data-testid': `group-row-${group.displayName}`});
  });

  function showPreview(group, chosen, preview, path) {
    const items = preview.changes.map(member => el('li', {'data-testid': `preview-${member.userName || member.userId}`},
      el('strong', {}, member.userName || member.userId), ': ',
      member.changes.map(c => describe(team, c)).join('; '),
      member.oktaGrantRevoked ? el('span', {class: 'pf-v5-c-label pf-m-red portal-label'},
        'Okta grant revoked: Okta must be authenticated again by another Admin') : null));
    const save = button('Save', {'data-testid': 'preview-save', onclick: async () => {
      save.disabled = true;
      try {
        await api('PUT', path, chosen);
        await groupsPage(panel, api, team);
        panel.querySelector('#groups-message').append(alert('success', `Saved the roles of ${group.displayName}`,
          `${preview.changes.length} member(s) changed.`));
      } catch (error) {
        clear(message).append(alert('danger', 'Not saved', error.message));
        save.disabled = false;
      }
    }});
    const cancel = button('Cancel', {'data-testid': 'preview-cancel', onclick: () => clear(previewArea)}, 'link');
    clear(previewArea).append(el('section', {class: 'pf-v5-c-card portal-preview', 'aria-label': 'Preview'},
      el('div', {class: 'pf-v5-c-card__title'}, el('h3', {class: 'pf-v5-c-title pf-m-lg'},
        `Preview: ${group.displayName} (${preview.groupMembers} member(s))`)),
      el('div', {class: 'pf-v5-c-card__body'}, items.length ? el('ul', {'data-testid': 'preview-list'}, items)
        : el('p', {'data-testid': 'preview-none'}, 'Nobody\'s roles change.')),
      el('div', {class: 'pf-v5-c-card__footer'}, save, ' ', cancel)));
    save.focus();
  }

  clear(panel).append(heading('Groups and roles'),
    el('p', {}, 'Groups that Okta or Entra pushed to this team. What a group grants goes to each of its members; ',
      'a member\'s role is the highest of all their grants. Review a change before saving it.'),
    message,
    rows.length ? table('Pushed groups', ['Group', 'Members', 'Team role', 'Workspace roles', ''], rows, 'groups-table')
      : el('p', {}, 'No pushed groups yet: enable Push Groups in Okta, or assign groups in Entra.'),
    previewArea);
}
