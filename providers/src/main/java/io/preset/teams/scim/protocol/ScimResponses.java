package io.preset.teams.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;

/** SCIM responses: always {@code application/scim+json}, errors as RFC 7644 Error JSON. */
public final class ScimResponses {

    private ScimResponses() {
    }

    public static Response ok(JsonNode body) {
        return status(200, body).build();
    }

    public static Response.ResponseBuilder status(int status, JsonNode body) {
        return Response.status(status).type(ScimJson.SCIM_MEDIA_TYPE + ";charset=utf-8").entity(ScimJson.write(body));
    }

    public static Response error(ScimException e) {
        ObjectNode body = ScimJson.object();
        body.putArray("schemas").add(ScimJson.ERROR);
        body.put("status", Integer.toString(e.status()));
        if (e.scimType() != null) {
            body.put("scimType", e.scimType());
        }
        body.put("detail", e.getMessage());
        Response.ResponseBuilder builder = status(e.status(), body);
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"scim\"");
        }
        if (e.retryAfter() > 0) {
            builder.header("Retry-After", Long.toString(e.retryAfter()));
        }
        return builder.build();
    }
}
