package io.preset.teams.forward;

/**
 * One call to the Preset Manager API, relative to the configured base URL.
 *
 * @param method HTTP method
 * @param path   path below the base URL, already percent-encoded
 * @param body   JSON body, or null
 */
public record RemoteCall(String method, String path, String body) {
}
