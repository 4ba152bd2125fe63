package io.preset.teams.scim.request;

import jakarta.ws.rs.core.Response;

import java.util.function.Function;

/**
 * Runs a SCIM resource's action inside one authenticated, authorized request of one team (the endpoint does it:
 * authentication, limits, the transaction, errors as SCIM Error JSON, the provisioning log). The collections see only
 * this, so they do not depend on the endpoint that mounts them.
 */
public interface ScimRunner {

    Response run(Function<ScimRequest, Response> action);

    /** The same for a list request, which also holds a slot of the team's list-request limit. */
    Response runList(Function<ScimRequest, Response> action);
}
