// Connect Okta (and Entra): the exact values to paste, with copy buttons.
import {el, clear, alert, button, field, heading, time} from './ui.js';

async function oktaStatus(api) {
  const status = el('div', {id: 'okta-status', 'data-testid': 'okta-status'});
  const {connections, lastSuccessfulCall} = await api('GET', 'okta');
  const lastCall = el('p', {'data-testid': 'okta-last-call'}, lastSuccessfulCall
    ? `Okta's last successful call: ${time(lastSuccessfulCall)}.` : 'No successful call from Okta yet.');
  if (!connections.length) {
    status.append(alert('info', 'Okta is not connected through OAuth',
      'After the steps below, an Admin of this team clicks Authenticate with Preset in Okta.'), lastCall);
    return status;
  }
  const disconnect = button('Disconnect Okta', {'data-testid': 'okta-disconnect', onclick: async () => {
    if (disconnect.dataset.confirm !== 'yes') {
      disconnect.dataset.confirm = 'yes';
      disconnect.textContent = 'Confirm: revoke Okta\'s access';
      return;
    }
    try {
      const {revoked} = await api('POST', 'okta/disconnect');
      clear(status).append(alert('success', 'Okta is disconnected',
        `Revoked the grants of ${revoked.map(c => c.userName).join(', ')}. Okta's calls are refused until an Admin `
        + 'authenticates again (also for their other teams).'));
    } catch (error) {
      status.append(alert('danger', 'Not disconnected', error.message));
    }
  }}, 'danger');
  status.append(alert('success', 'Okta is connected',
    el('ul', {}, connections.map(c => el('li', {}, `through ${c.userName || 'an Admin'}`,
      c.since ? `, since ${time(c.since)}` : ''))), lastCall, disconnect));
  return status;
}

export async function connectPage(panel, api, team) {
  const status = await oktaStatus(api);
  clear(panel).append(
    status,
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
