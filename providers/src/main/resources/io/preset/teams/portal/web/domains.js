// Domains: claim the company's email domains, publish the TXT record, verify it now, see the status.
import {el, clear, alert, copyable, button, confirmButton, table, row, heading} from './ui.js';

export async function domainsPage(panel, api, team) {
  const domains = await api('GET', 'domains');
  const message = el('div', {id: 'domains-message'});
  const input = el('input', {class: 'pf-v5-c-form-control', id: 'domain-name', type: 'text', required: true,
    'data-testid': 'domain-name', placeholder: 'e.g. acme.com'});
  const claim = button('Claim domain', {type: 'submit', 'data-testid': 'domain-claim'});
  const form = el('form', {class: 'pf-v5-c-form pf-m-horizontal', novalidate: true, onsubmit: async event => {
    event.preventDefault();
    try {
      const claimed = await api('POST', 'domains', {domain: input.value.trim()});
      await domainsPage(panel, api, team);
      panel.querySelector('#domains-message').append(alert('success', `Claimed ${claimed.domain}`,
        'Publish its TXT record below, then click Verify now.'));
    } catch (error) {
      clear(message).append(alert('danger', 'The domain was not claimed', error.message));
    }
  }},
    el('div', {class: 'pf-v5-c-form__group'},
      el('label', {class: 'pf-v5-c-form__label', for: 'domain-name'}, el('span', {class: 'pf-v5-c-form__label-text'}, 'Domain')),
      input),
    el('div', {class: 'pf-v5-c-form__actions'}, claim));

  const rows = domains.map(domain => {
    const status = domain.verified ? `Verified (${domain.verifiedBy})`
      : domain.lastCheckError ? `Not verified: ${domain.lastCheckError}` : 'Not verified yet';
    const verify = domain.verified ? null : button('Verify now', {'data-testid': `verify-${domain.domain}`, onclick: async () => {
      try {
        const checked = await api('POST', `domains/${encodeURIComponent(domain.domain)}/verify`);
        await domainsPage(panel, api, team);
        panel.querySelector('#domains-message').append(checked.verified
          ? alert('success', `${checked.domain} is verified`, 'Sign-ins with this domain now go to your identity provider.')
          : alert('warning', `${checked.domain} is not verified yet`, checked.lastCheckError || ''));
      } catch (error) {
        clear(message).append(alert('danger', 'The check did not run', error.message));
      }
    }}, 'secondary');
    const remove = confirmButton('Remove', domain.verified ? 'Confirm: stop routing its sign-ins' : 'Confirm: remove',
      {'data-testid': `remove-${domain.domain}`}, async () => {
        try {
          await api('DELETE', `domains/${encodeURIComponent(domain.domain)}`);
          await domainsPage(panel, api, team);
          panel.querySelector('#domains-message').append(alert('success', `Removed ${domain.domain}`,
            'Its users are no longer sent to your identity provider, and it creates no accounts.'));
        } catch (error) {
          clear(message).append(alert('danger', 'The domain was not removed', error.message));
        }
      }, 'link');
    return row([domain.domain,
      el('span', {'data-testid': `domain-status-${domain.domain}`}, status),
      domain.verified ? '—' : copyable(`TXT record of ${domain.domain}`, domain.dnsRecord.value, `txt-${domain.domain}`),
      el('span', {}, verify, remove)], {'data-testid': `domain-row-${domain.domain}`});
  });
  clear(panel).append(heading('Domains'),
    el('p', {}, 'Claim your company\'s email domains and prove them with a DNS TXT record on the domain itself. ',
      'A verified domain sends its users\' sign-ins to your identity provider; public mail domains cannot be claimed.'),
    message, form,
    rows.length ? table('Email domains of the team', ['Domain', 'Status', 'TXT record to publish', ''], rows, 'domains-table')
      : el('p', {}, 'No domains claimed yet.'));
}
