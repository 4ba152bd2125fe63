package io.preset.teams.portal;

import io.preset.teams.auth.CallerRefused;
import io.preset.teams.common.Persistence;
import io.preset.teams.common.DomainException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;

import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs a portal API call: every answer is JSON and never cached; a refusal is {@code {"error": message}} with
 * the domain's message (the admin API's words) and rolls the transaction back so that nothing of it is kept.
 */
final class PortalResponses {

    private PortalResponses() {
    }

    static Response run(KeycloakSession session, Supplier<Object> action) {
        try {
            Object body = action.get();
            // flush here so that a constraint lost to a concurrent request is a 409, not a 500 at commit
            Persistence.flush(session);
            return body instanceof Response response ? response : json(Response.ok(body)).build();
        } catch (CallerRefused e) {
            session.getTransactionManager().setRollbackOnly();
            Response.ResponseBuilder refused = json(Response.status(e.status()).entity(error(e.getMessage())));
            if (e.status() == 401) {
                refused.header("WWW-Authenticate", "Bearer realm=\"" + session.getContext().getRealm().getName() + "\"");
            }
            return refused.build();
        } catch (DomainException e) {
            session.getTransactionManager().setRollbackOnly();
            return json(Response.status(status(e.kind())).entity(error(e.getMessage()))).build();
        } catch (RuntimeException e) {
            if (!Persistence.isConstraintViolation(e)) {
                throw e;
            }
            session.getTransactionManager().setRollbackOnly();
            return json(Response.status(409).entity(error("A concurrent request wrote the same unique value; retry"))).build();
        }
    }

    static Response.ResponseBuilder json(Response.ResponseBuilder builder) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return builder.type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).header("Pragma", "no-cache")
                .header("X-Content-Type-Options", "nosniff");
    }

    private static Map<String, String> error(String message) {
        return Map.of("error", message);
    }

    private static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID, MUTABILITY -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case FORBIDDEN -> 403;
        };
    }
}
