// SCIM tokens for Entra and for Okta's header mode: create with an expiry (the secret is shown once), list, revoke.
import {el, clear, alert, copyable, button, time, table, row, heading} from './ui.js';

const EXPIRIES = [['30', '30 days'], ['90', '90 days'], ['180', '180 days'], ['365', '1 year'], ['', 'Never']];

export async function tokensPage(panel, api, team) {
  const tokens = await api('GET', 'scim-tokens');
  const message = el('div', {id: 'tokens-message'});
  const name = el('input', {class: 'pf-v5-c-form-control', id: 'token-name', type: 'text', required: true,
    maxlength: 255, 'data-testid': 'token-name', placeholder: 'e.g. Entra production'});
  const expiry = el('select', {class: 'pf-v5-c-form-control', id: 'token-expiry', 'data-testid': 'token-expiry'},
    EXPIRIES.map(([value, label]) => el('option', {value, selected: value === '90'}, label)));
  const create = button('Create token', {'data-testid': 'token-create', type: 'submit'});
  const form = el('form', {class: 'pf-v5-c-form pf-m-horizontal', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    create.disabled = true;
    try {
      const body = {name: name.value};
      if (expiry.value) body.expiresInDays = Number(expiry.value);
      const minted = await api('POST', 'scim-tokens', body);
      await tokensPage(panel, api, team);
      panel.querySelector('#tokens-message').append(alert('success', `Token "${minted.name}" created`,
        el('p', {}, 'Copy it now: it is shown only this once. Paste it into Entra (Secret Token) or Okta (API token).'),
        copyable('New SCIM token', minted.token, 'token-secret')));
    } catch (error) {
      clear(message).append(alert('danger', 'The token was not created', error.message));
      create.disabled = false;
    }
  }},
    el('div', {class: 'pf-v5-c-form__group'},
      el('label', {class: 'pf-v5-c-form__label', for: 'token-name'}, el('span', {class: 'pf-v5-c-form__label-text'}, 'Name')),
      name),
    el('div', {class: 'pf-v5-c-form__group'},
      el('label', {class: 'pf-v5-c-form__label', for: 'token-expiry'}, el('span', {class: 'pf-v5-c-form__label-text'}, 'Expires')),
      expiry),
    el('div', {class: 'pf-v5-c-form__actions'}, create));

  const rows = tokens.map(token => {
    const revoke = token.status === 'active' ? button('Revoke', {'data-testid': `revoke-${token.id}`, onclick: async () => {
      if (revoke.dataset.confirm !== 'yes') {
        revoke.dataset.confirm = 'yes';
        revoke.textContent = `Confirm: revoke "${token.name}"`;
        return;
      }
      try {
        await api('DELETE', `scim-tokens/${encodeURIComponent(token.id)}`);
        await tokensPage(panel, api, team);
        panel.querySelector('#tokens-message').append(alert('success', `Token "${token.name}" revoked`,
          'Requests with it are refused from now on.'));
      } catch (error) {
        clear(message).append(alert('danger', 'The token was not revoked', error.message));
      }
    }}, 'danger') : null;
    return row([token.name, token.status, `${time(token.createdAt)} by ${token.createdBy || '—'}`,
      time(token.expiresAt), time(token.lastUsedAt), revoke], {'data-testid': `token-row-${token.id}`});
  });
  clear(panel).append(heading('SCIM tokens'),
    el('p', {}, 'For Microsoft Entra ID and for Okta\'s header authentication. The SCIM base URL is ',
      el('code', {}, team.scimBaseUrl), '.'),
    message, form,
    rows.length ? table('SCIM tokens of the team', ['Name', 'Status', 'Created', 'Expires', 'Last used', ''], rows, 'tokens-table')
      : el('p', {}, 'No tokens yet.'));
}
