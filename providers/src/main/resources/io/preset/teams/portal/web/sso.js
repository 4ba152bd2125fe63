// Single sign-on: the values to type into Okta's or Entra's SAML app, the IdP's metadata (a URL that is refreshed,
// or an uploaded file), its certificates and their rollover, a test sign-in, disable and remove.
import {el, clear, alert, button, confirmButton, field, heading, time, table, row} from './ui.js';

/** SHA-256 fingerprint of a base64 DER certificate, as Okta and Entra show it (AA:BB:…). */
async function fingerprint(base64) {
  try {
    const der = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
    return [...digest].map(b => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  } catch (e) {
    return `${base64.slice(0, 24)}…`;
  }
}

function spValues(sp, configured) {
  return el('div', {class: 'pf-v5-c-form'},
    field('Single sign-on URL (Okta) / Reply URL (Entra)', 'Also Okta\'s Recipient and Destination URL.', sp.acsUrl, 'sso-acs-url'),
    field('Audience URI (Okta) / Identifier (Entra)', 'Our SP entity id.', sp.spEntityId, 'sso-entity-id'),
    configured ? field('Our SP metadata', 'For IdPs that import it.', configured.spMetadataUrl, 'sso-sp-metadata') : null,
    el('p', {}, 'Name ID format: EmailAddress, the same value Okta or Entra sends as the SCIM userName. ',
      'Sign the assertion (RSA-SHA256). Attribute statements: email, firstName, lastName.'));
}

function metadataForm(api, rerender, message) {
  const url = el('input', {class: 'pf-v5-c-form-control', id: 'sso-metadata-url', type: 'url',
    'data-testid': 'sso-metadata-url', placeholder: 'https://acme.okta.com/app/exk…/sso/saml/metadata'});
  const file = el('input', {class: 'pf-v5-c-form-control', id: 'sso-metadata-file', type: 'file',
    accept: '.xml,application/xml,text/xml,application/samlmetadata+xml', 'data-testid': 'sso-metadata-file'});
  const save = async body => {
    try {
      const saved = await api('PUT', 'sso', body);
      await rerender();
      document.getElementById('sso-message').append(alert('success', 'Single sign-on is saved',
        `Identity provider ${saved.idpEntityId}. Verify a domain (Domains page) to send its users there, `
        + 'then use Test sign-in.'));
    } catch (error) {
      clear(message).append(alert('danger', 'The settings were not saved', error.message));
    }
  };
  const byUrl = el('form', {class: 'pf-v5-c-form', novalidate: true, 'data-testid': 'sso-url-form', onsubmit: async event => {
    event.preventDefault();
    await save({metadataUrl: url.value.trim()});
  }},
    el('div', {class: 'pf-v5-c-form__group'},
      el('label', {class: 'pf-v5-c-form__label', for: 'sso-metadata-url'},
        el('span', {class: 'pf-v5-c-form__label-text'}, 'Metadata URL (recommended: fetched again regularly, so new certificates are picked up)')),
      url,
      el('p', {class: 'pf-v5-c-form__helper-text'}, 'Okta: Sign On → SAML 2.0 → Metadata URL. Entra: App Federation Metadata Url.')),
    el('div', {class: 'pf-v5-c-form__actions'}, button('Save from URL', {type: 'submit', 'data-testid': 'sso-save-url'})));
  const byFile = el('form', {class: 'pf-v5-c-form', novalidate: true, 'data-testid': 'sso-file-form', onsubmit: async event => {
    event.preventDefault();
    if (!file.files.length) {
      clear(message).append(alert('danger', 'Choose the metadata XML file first'));
      return;
    }
    await save({metadata: await file.files[0].text()});
  }},
    el('div', {class: 'pf-v5-c-form__group'},
      el('label', {class: 'pf-v5-c-form__label', for: 'sso-metadata-file'},
        el('span', {class: 'pf-v5-c-form__label-text'}, 'Or the metadata XML file (Entra: Federation Metadata XML)')),
      file),
    el('div', {class: 'pf-v5-c-form__actions'}, button('Upload metadata', {type: 'submit', 'data-testid': 'sso-save-file'}, 'secondary')));
  return [byUrl, byFile];
}

function oidcForm(api, rerender, message, redirectUri, oidc) {
  const input = (id, label, attrs = {}) => el('div', {class: 'pf-v5-c-form__group'},
    el('label', {class: 'pf-v5-c-form__label', for: id}, el('span', {class: 'pf-v5-c-form__label-text'}, label)),
    el('input', {class: 'pf-v5-c-form-control', id, 'data-testid': id, ...attrs}));
  const method = el('select', {class: 'pf-v5-c-form-control', id: 'oidc-auth-method', 'data-testid': 'oidc-auth-method'},
    el('option', {value: 'client_secret_basic', selected: !oidc || oidc.clientAuthMethod === 'client_secret_basic'}, 'Client secret in the Authorization header (basic)'),
    el('option', {value: 'client_secret_post', selected: oidc && oidc.clientAuthMethod === 'client_secret_post'}, 'Client secret in the request body (post)'));
  return el('form', {class: 'pf-v5-c-form', novalidate: true, 'data-testid': 'oidc-form', onsubmit: async event => {
    event.preventDefault();
    const body = {issuer: document.getElementById('oidc-issuer').value.trim(),
      clientId: document.getElementById('oidc-client-id').value.trim(), clientAuthMethod: method.value};
    const secret = document.getElementById('oidc-client-secret').value;
    if (secret) body.clientSecret = secret;
    try {
      await api('PUT', 'sso/oidc', body);
      await rerender();
      document.getElementById('sso-message').append(alert('success', 'Single sign-on through OIDC is saved',
        'Verify a domain (Domains page) to send its users there, then use Test sign-in.'));
    } catch (error) {
      clear(message).append(alert('danger', 'The OIDC app was not saved', error.message));
    }
  }},
    field('Sign-in redirect URI (Okta) / Redirect URI (Entra, platform Web)', 'Register it in the OIDC app.', redirectUri, 'oidc-redirect-uri'),
    input('oidc-issuer', 'Issuer (Okta: https://<org>.okta.com; Entra: https://login.microsoftonline.com/<tenant id>/v2.0)',
      {type: 'url', value: oidc ? oidc.issuer : ''}),
    input('oidc-client-id', 'Client ID (Entra: Application (client) ID)', {type: 'text', value: oidc ? oidc.clientId : ''}),
    input('oidc-client-secret', oidc ? 'Client secret (leave empty to keep the stored one)' : 'Client secret',
      {type: 'password', autocomplete: 'off'}),
    el('div', {class: 'pf-v5-c-form__group'},
      el('label', {class: 'pf-v5-c-form__label', for: 'oidc-auth-method'}, el('span', {class: 'pf-v5-c-form__label-text'}, 'Client authentication')),
      method),
    el('div', {class: 'pf-v5-c-form__actions'}, button('Save OIDC app', {type: 'submit', 'data-testid': 'oidc-save'},
      oidc ? 'primary' : 'secondary')));
}

async function certificates(saml) {
  const rows = [];
  for (const cert of saml.signingCertificates) {
    rows.push(row([await fingerprint(cert), 'current']));
  }
  for (const cert of saml.previousCertificates ? saml.previousCertificates.certificates : []) {
    rows.push(row([await fingerprint(cert), `previous, accepted until ${time(saml.previousCertificates.acceptedUntil)}`]));
  }
  return table('Signing certificates accepted', ['SHA-256 fingerprint', 'State'], rows, 'sso-certificates');
}

export async function ssoPage(panel, api, team) {
  const state = await api('GET', 'sso');
  const message = el('div', {id: 'sso-message'});
  const rerender = () => ssoPage(panel, api, team);
  const act = (label, call) => async () => {
    try {
      await call();
      await rerender();
    } catch (error) {
      clear(message).append(alert('danger', label, error.message));
    }
  };
  const saml = state.saml || null;
  const oidc = state.oidc || null;
  const testUrl = `${window.location.origin}${window.location.pathname}?sso-test=1`;
  const parts = [heading('Single sign-on'), message];
  if (oidc) {
    parts.push(el('div', {'data-testid': 'sso-status'}, oidc.enabled
      ? alert('success', 'Single sign-on is on (OIDC)', `Issuer ${oidc.issuer}, client ${oidc.clientId}.`)
      : alert('warning', 'Single sign-on is off', 'Its settings are kept; users of your domains get the password form.')),
      el('div', {class: 'portal-toolbar'},
        el('a', {class: 'pf-v5-c-button pf-m-primary', href: testUrl, target: '_blank', rel: 'noopener',
          'data-testid': 'sso-test'}, 'Test sign-in'),
        button(oidc.enabled ? 'Turn off' : 'Turn on', {'data-testid': 'sso-toggle',
          onclick: act('Not changed', () => api('PUT', 'sso/enabled', {enabled: !oidc.enabled}))}, 'secondary'),
        confirmButton('Remove', 'Confirm: remove single sign-on', {'data-testid': 'sso-remove'},
          act('Not removed', () => api('DELETE', 'sso')))),
      heading('Change the OIDC app'), oidcForm(api, rerender, message, state.sp.acsUrl, oidc));
    clear(panel).append(...parts);
    return;
  }
  if (saml) {
    const status = saml.enabled
      ? alert('success', 'Single sign-on is on', `Identity provider ${saml.idpEntityId}, sign-in at ${saml.singleSignOnServiceUrl}.`)
      : alert('warning', 'Single sign-on is off', 'Its settings are kept; users of your domains get the password form.');
    const meta = saml.metadata;
    parts.push(el('div', {'data-testid': 'sso-status'}, status),
      meta ? el('p', {'data-testid': 'sso-metadata-state'}, `Settings from ${meta.url}, fetched again every `
        + `${Math.round(meta.refreshSeconds / 3600)} h; last changed ${time(meta.updatedAt)}.`,
        meta.lastError ? alert('warning', `The last refresh failed (${time(meta.lastErrorAt)}); the settings were kept`, meta.lastError) : null)
        : el('p', {}, 'Settings from uploaded metadata: upload it again when the IdP\'s certificate changes.'),
      await certificates(saml),
      el('div', {class: 'portal-toolbar'},
        el('a', {class: 'pf-v5-c-button pf-m-primary', href: testUrl, target: '_blank', rel: 'noopener',
          'data-testid': 'sso-test'}, 'Test sign-in'),
        meta ? button('Refresh now', {'data-testid': 'sso-refresh', onclick: act('Not refreshed', () => api('POST', 'sso/refresh'))}, 'secondary') : null,
        saml.previousCertificates ? confirmButton('Stop accepting previous certificates', 'Confirm: only the current ones',
          {'data-testid': 'sso-drop-previous'}, act('Not changed', () => api('DELETE', 'sso/previous-certificates')), 'secondary') : null,
        button(saml.enabled ? 'Turn off' : 'Turn on', {'data-testid': 'sso-toggle',
          onclick: act('Not changed', () => api('PUT', 'sso/enabled', {enabled: !saml.enabled}))}, 'secondary'),
        confirmButton('Remove', 'Confirm: remove single sign-on', {'data-testid': 'sso-remove'},
          act('Not removed', () => api('DELETE', 'sso')))),
      el('p', {}, 'Test sign-in opens a new tab that signs in through your identity provider as the person you are there. '
        + 'Keycloak keeps one person per browser, so it offers to sign you out here first; a private window keeps your session.'));
  } else {
    parts.push(alert('info', 'Single sign-on is not set up',
      'Create a SAML 2.0 app in Okta or an Enterprise application in Entra with the values below, then give us its metadata.'));
  }
  parts.push(heading(saml ? 'Values for your SAML app' : '1. Values for your SAML app'), spValues(state.sp, saml),
    el('div', {class: 'pf-v5-c-form'}, field('Okta dashboard tile: URL of a Bookmark App',
      'Hide the SAML app\'s own tile in Okta and add a Bookmark App with this URL: it signs in through single sign-on and opens Preset.',
      state.tileUrl, 'sso-tile-url')),
    heading(saml ? 'Replace the identity provider\'s metadata' : '2. Your identity provider\'s metadata'),
    ...metadataForm(api, rerender, message));
  if (!saml) {
    parts.push(heading('Or: an OIDC app instead of SAML'),
      el('p', {}, 'Okta: Applications → Create App Integration → OIDC, Web Application. Entra: App registrations → New registration, ',
        'add the optional claim email to the ID token.'),
      oidcForm(api, rerender, message, state.sp.acsUrl, null));
  }
  clear(panel).append(...parts);
}

/**
 * How the portal starts in the test tab: look for an existing session first (?sso-test=1), then nothing to look
 * for (after signing out, or back from the IdP).
 */
export function ssoTestOnLoad() {
  return new URLSearchParams(window.location.search).get('sso-test') === '1' ? 'check-sso' : undefined;
}

/**
 * The tab a "Test sign-in" opens: sign in through the team's IdP, then say whether it went through it. Keycloak
 * keeps one person per browser session, so a session already there (the Admin's own) is signed out first, on request.
 */
export async function ssoTest(keycloak, status, content, config, chooserApi) {
  const step = new URLSearchParams(window.location.search).get('sso-test');
  const here = `${window.location.origin}${window.location.pathname}`;
  const title = el('h1', {class: 'pf-v5-c-title pf-m-2xl'}, 'Test sign-in');
  status.textContent = '';
  if (step === 'done' && keycloak.authenticated) {
    const me = await chooserApi('GET', 'teams');
    const through = me.identityProvider === `team-${config.slug}`;
    clear(content).append(title, el('div', {'data-testid': 'sso-test-result'}, through
      ? alert('success', 'Single sign-on works', `You signed in through the team's identity provider as ${me.username}.`)
      : alert('warning', 'This sign-in did not go through the team\'s identity provider',
        `You are signed in as ${me.username}${me.identityProvider ? ` through ${me.identityProvider}` : ' with a password'}. `
        + 'Is single sign-on turned on?')));
    return;
  }
  if (keycloak.authenticated) {
    const who = keycloak.tokenParsed.preferred_username || 'someone';
    clear(content).append(title, alert('info', `This browser is signed in as ${who}`,
      'A test sign-in replaces that session. Sign out here, or open this page in a private window.'),
    button('Sign out and test', {'data-testid': 'sso-test-signout',
      onclick: () => keycloak.logout({redirectUri: `${here}?sso-test=go`})}));
    return;
  }
  await keycloak.login({idpHint: `team-${config.slug}`, redirectUri: `${here}?sso-test=done`});
}
