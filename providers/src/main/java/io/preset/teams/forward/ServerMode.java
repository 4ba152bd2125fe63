package io.preset.teams.forward;

import org.keycloak.common.util.Environment;

/**
 * Whether this JVM serves requests, or runs one of Keycloak's one-shot commands ({@code kc.sh export},
 * {@code kc.sh import}, {@code kc.sh build}), which start the providers too and then shut down: background
 * work there would only race the shutdown (and, in an export, could change rows being exported).
 */
final class ServerMode {

    /** Set by Quarkus while it re-augments the server ({@code kc.sh build}, or the build step of an auto-build). */
    static final String REBUILD_PROPERTY = "quarkus.launch.rebuild";

    private ServerMode() {
    }

    static boolean isServer() {
        return reasonNotToStart() == null;
    }

    /** Why background work must not start here, or null when this is a server. */
    static String reasonNotToStart() {
        // kc.sh export / import run with Keycloak's "nonserver" profile. The export/import action is no sign: a server
        // started with --import-realm sets it too while it imports, and must forward afterwards
        if (Environment.isNonServerMode()) {
            return "Keycloak runs a command, not a server (profile " + Environment.NON_SERVER_MODE + ")";
        }
        if (Boolean.getBoolean(REBUILD_PROPERTY)) {
            return "Keycloak is being built";
        }
        return null;
    }
}
