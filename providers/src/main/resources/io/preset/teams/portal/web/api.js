// Calls the portal's JSON API with the access token in the Authorization header (never in a URL, never stored).

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function createApi(keycloak, base) {
  return async function call(method, path, body) {
    try {
      await keycloak.updateToken(30);
    } catch (e) {
      keycloak.login(); // the session ended: sign in again
      throw new ApiError(401, 'Your session ended; signing in again');
    }
    const headers = {Authorization: `Bearer ${keycloak.token}`, Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(base + path, {method, headers, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const message = json && (json.error || json.errorMessage) ? (json.error || json.errorMessage)
        : `The server answered ${response.status}`;
      throw new ApiError(response.status, message);
    }
    return json;
  };
}
