package io.preset.teams.scim;

import io.preset.teams.scim.protocol.ScimException;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Failures of ours on a SCIM path. The client gets a SCIM Error 500 whose detail names a fresh correlation
 * id and nothing else (an exception's text may hold SQL, values or secrets); the log gets the id with the
 * stack trace, so that an operator can find one from the other.
 */
public final class ScimFailures {

    private static final Logger LOG = Logger.getLogger(ScimFailures.class);

    private ScimFailures() {
    }

    /** Logs {@code e} at ERROR under a new correlation id and returns the error to answer. */
    public static ScimException internal(Throwable e, String what) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "%s failed; correlation id %s", what, id);
        return ScimException.internal(id);
    }
}
