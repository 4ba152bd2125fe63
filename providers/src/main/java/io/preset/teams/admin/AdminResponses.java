package io.preset.teams.admin;

import io.preset.teams.common.Persistence;
import io.preset.teams.common.DomainException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.idm.ErrorRepresentation;

import java.util.function.Supplier;

/**
 * Runs an admin endpoint and turns a refused request into Keycloak's usual error JSON, rolling the
 * transaction back so that nothing of it is kept.
 */
final class AdminResponses {

    private AdminResponses() {
    }

    static Response run(KeycloakSession session, Supplier<Response> action) {
        try {
            Response response = action.get();
            // flush here so that a constraint lost to a concurrent request is a 409, not a 500 at commit
            Persistence.flush(session);
            return response;
        } catch (DomainException e) {
            session.getTransactionManager().setRollbackOnly();
            return error(status(e.kind()), e.getMessage());
        } catch (RuntimeException e) {
            if (!Persistence.isConstraintViolation(e)) {
                throw e;
            }
            session.getTransactionManager().setRollbackOnly();
            return error(Response.Status.CONFLICT, "A concurrent request wrote the same unique value; retry");
        }
    }

    static Response error(Response.Status status, String message) {
        ErrorRepresentation error = new ErrorRepresentation();
        error.setErrorMessage(message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }

    private static Response.Status status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID, MUTABILITY -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
        };
    }
}
