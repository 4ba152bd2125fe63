package io.preset.teams.forward;

import org.keycloak.common.util.Environment;
import org.keycloak.exportimport.ExportImportConfig;

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
        // kc.sh export / import run with Keycloak's "nonserver" profile ...
        if (Environment.isNonServerMode()) {
            return "Keycloak runs a command, not a server (profile " + Environment.NON_SERVER_MODE + ")";
        }
        // ... and set the export/import action (also when started the legacy way, with system properties)
        String action = ExportImportConfig.getAction();
        if (action != null) {
            return "Keycloak runs " + action;
        }
        if (Boolean.getBoolean(REBUILD_PROPERTY)) {
            return "Keycloak is being built";
        }
        return null;
    }
}
