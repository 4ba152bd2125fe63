package io.preset.teams.scim;

import io.preset.teams.scim.protocol.ScimException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
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

    /**
     * What to answer for an exception our code did not expect: a JAX-RS exception with a 4xx status (thrown
     * by a Keycloak API) keeps its status; anything else is {@link #internal}.
     */
    public static ScimException unexpected(RuntimeException e, String what) {
        if (e instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
            LOG.debugf(e, "%s refused by Keycloak", what);
            return refused(w.getResponse().getStatus());
        }
        return internal(e, what);
    }

    /** A 4xx with a generic detail, for refusals whose own message was not written for a SCIM client. */
    public static ScimException refused(int status) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        return new ScimException(status, null, "The request was refused: " + (type == null ? "HTTP " + status : type.getReasonPhrase()));
    }

    /** Logs {@code e} at ERROR under a new correlation id and returns the error to answer. */
    public static ScimException internal(Throwable e, String what) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "%s failed; correlation id %s", what, id);
        return ScimException.internal(id);
    }
}
