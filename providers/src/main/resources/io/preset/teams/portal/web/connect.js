// Connect Okta (and Entra): the exact values to paste, with copy buttons.
import {el, clear, copyable, heading} from './ui.js';

function field(label, help, value, testid) {
  return el('div', {class: 'pf-v5-c-form__group'},
    el('div', {class: 'pf-v5-c-form__group-label'}, el('span', {class: 'pf-v5-c-form__label-text'}, label)),
    el('div', {class: 'pf-v5-c-form__group-control'}, copyable(label, value, testid),
      help ? el('p', {class: 'pf-v5-c-form__helper-text'}, help) : null));
}

export async function connectPage(panel, api, team) {
  clear(panel).append(
    heading('Okta: the Preset app'),
    el('p', {}, 'In Okta, open Applications → Preset → Provisioning and enter these values; then click ',
      el('strong', {}, 'Authenticate with Preset'), ' and sign in as an Admin of this team.'),
    el('div', {class: 'pf-v5-c-form'},
      field('SCIM connector base URL', 'Okta fills in the team from the Team Slug setting.', team.oktaBaseUrl, 'okta-base-url'),
      field('Team Slug', 'The Preset app\'s "Team Slug" setting.', team.slug, 'team-slug')),
    el('p', {}, 'Enable: Push New Users, Push Profile Updates, Push Groups (and Deactivate Users).'),
    heading('Entra, or Okta with an API token (header mode)'),
    el('div', {class: 'pf-v5-c-form'},
      field('SCIM base URL (Entra: Tenant URL)', 'Use it with a SCIM token from the SCIM tokens page.',
        team.scimBaseUrl, 'scim-base-url')));
}
