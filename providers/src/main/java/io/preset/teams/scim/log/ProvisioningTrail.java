package io.preset.teams.scim.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.auth.ScimCaller;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.team.TeamEntity;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one SCIM request leaves in its team's provisioning log, collected while it runs: the endpoint fills in who
 * called and what we answered, the resources what was sent and what changed. Written by {@link ProvisioningLog}.
 */
public final class ProvisioningTrail {

    private static final Pattern SCIM_PATH = Pattern.compile("/?realms/([^/]+)/teams/([^/]+)/scim/v2(/.*)?", Pattern.DOTALL);

    final long startedAt = System.currentTimeMillis();
    final long startedNanos = System.nanoTime();
    final String realmName;
    final String slug;
    final String method;
    final String path;
    final String filter;
    final String userAgent;
    final String resourceType;
    String resourceId;
    String resourceName;

    String clientKind = "none";
    String clientId;
    String clientName;
    TeamEntity team;
    boolean authorized;

    String scimType;
    String detail;
    String note;
    JsonNode changes;

    private ProvisioningTrail(String realmName, String slug, String method, String relativePath, String filter, String userAgent) {
        this.realmName = realmName;
        this.slug = slug;
        this.method = method == null ? "?" : Redaction.text(method.toUpperCase(Locale.ROOT), 8);
        String rel = relativePath == null || relativePath.isEmpty() ? "/" : relativePath;
        this.path = Redaction.text(rel, 512);
        this.filter = Redaction.text(filter, 512);
        this.userAgent = Redaction.text(userAgent, 255);
        String[] segments = rel.substring(1).split("/", 3);
        this.resourceType = switch (segments[0]) {
            case "Users", "Groups" -> segments[0];
            case "ServiceProviderConfig", "ResourceTypes", "Schemas" -> "discovery";
            default -> "other";
        };
        if (("Users".equals(resourceType) || "Groups".equals(resourceType)) && segments.length > 1 && !segments[1].isEmpty()) {
            this.resourceId = Redaction.text(segments[1], 64);
        }
    }

    /**
     * A request on {@code realms/{realm}/teams/{slug}/scim/v2/...} ({@code path} as JAX-RS gives it, decoded); null
     * for any other path.
     */
    public static ProvisioningTrail of(String method, String path, String filter, String userAgent) {
        Matcher m = path == null ? null : SCIM_PATH.matcher(path);
        if (m == null || !m.matches()) {
            return null;
        }
        return new ProvisioningTrail(m.group(1), m.group(2), method, m.group(3), filter, userAgent);
    }

    /** A request run by the SCIM endpoint of team {@code slug}: never null (the path is kept as is if unexpected). */
    public static ProvisioningTrail forEndpoint(String realmName, String slug, String method, String path, String filter,
                                                String userAgent) {
        ProvisioningTrail trail = of(method, path, filter, userAgent);
        return trail != null ? trail : new ProvisioningTrail(realmName, slug, method, "/" + path, filter, userAgent);
    }

    /** The credential was valid; for a token of another team only that is kept, not its name. */
    public void caller(ScimCaller caller) {
        if (caller.isScimToken()) {
            clientKind = "scim-token";
            clientId = caller.scimTokenId();
            clientName = Redaction.text(caller.scimTokenName(), 255);
        } else {
            clientKind = "oauth";
            clientId = caller.user().getId();
            clientName = Redaction.text(caller.user().getUsername(), 255);
        }
    }

    public void team(TeamEntity team) {
        this.team = team;
    }

    /** The caller may provision the team: from here on, refusals are the team's own and always logged. */
    public void authorized() {
        authorized = true;
    }

    /** A caller refused by {@code authorize} holding another team's token: its name is that team's business. */
    public void foreignCaller() {
        if ("scim-token".equals(clientKind)) {
            clientId = null;
            clientName = "(a SCIM token of another team)";
        }
    }

    public void refused(ScimException e) {
        scimType = e.scimType();
        detail = Redaction.text(e.getMessage(), 512);
    }

    /** What a POST or PUT sent (attribute names and redacted values); returns {@code body}. */
    public ObjectNode sent(ObjectNode body) {
        if ("PATCH".equals(method)) {
            ObjectNode ops = JsonNodeFactory.instance.objectNode();
            ops.set("operations", Redaction.operations(body));
            changes = ops;
        } else {
            changes = Redaction.sent(body);
        }
        if (resourceName == null && body != null) {
            JsonNode name = body.get("Users".equals(resourceType) ? "userName" : "displayName");
            if (name != null && name.isTextual()) {
                resourceName = Redaction.text(name.textValue().toLowerCase(Locale.ROOT), 255);
            }
        }
        return body;
    }

    /** The resource the request created, read or changed. */
    public void result(ObjectNode resource) {
        if (resource == null) {
            return;
        }
        if (resource.path("id").isTextual()) {
            resourceId = Redaction.text(resource.get("id").textValue(), 64);
        }
        JsonNode name = resource.get("Users".equals(resourceType) ? "userName" : "displayName");
        if (name != null && name.isTextual()) {
            resourceName = Redaction.text(name.textValue().toLowerCase(Locale.ROOT), 255);
        }
    }

    /** What a PATCH changed: replaces what was sent by the attributes that differ, if any (else what was sent stays). */
    public void changed(ObjectNode before, ObjectNode after) {
        ObjectNode diff = Redaction.diff(before, after);
        if (!diff.isEmpty()) {
            changes = diff;
        }
    }

    /** Users who joined or left a group in this request (their SCIM ids). */
    public void members(List<String> joined, List<String> left) {
        if (joined.isEmpty() && left.isEmpty()) {
            return;
        }
        ObjectNode out = changes instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        ObjectNode members = out.putObject("membersChanged");
        members.set("joined", ids(joined));
        members.set("left", ids(left));
        changes = out;
    }

    /** The created membership is a pending invitation (answered as a plain 201, see docs/scim.md). */
    public void invitationPending() {
        note = ErrorKinds.INVITATION_PENDING;
    }

    private static JsonNode ids(List<String> ids) {
        var out = JsonNodeFactory.instance.arrayNode();
        for (String id : ids) {
            if (out.size() == Redaction.MAX_ITEMS * 5) {
                out.add("... " + (ids.size() - out.size()) + " more");
                break;
            }
            out.add(Redaction.text(id, 64));
        }
        return out;
    }
}
