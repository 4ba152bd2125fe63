package io.preset.teams.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.List;

/**
 * ServiceProviderConfig, ResourceTypes and Schemas (RFC 7643 sections 5 to 7), generated from the
 * same schema model that validates requests, so they describe exactly what the server does.
 */
public final class Discovery {

    public static final int MAX_RESULTS = 1000;
    private static final String SPC = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    private static final String RT = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    private static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    private static final List<ScimResourceType> TYPES = List.of(ScimResourceType.USER, ScimResourceType.GROUP);

    private final String baseUri;

    public Discovery(String baseUri) {
        this.baseUri = baseUri;
    }

    public ObjectNode serviceProviderConfig() {
        ObjectNode spc = ScimJson.object();
        spc.putArray("schemas").add(SPC);
        spc.put("documentationUri", "https://github.com/preset-io/keycloak-teams#scim");
        spc.putObject("patch").put("supported", true);
        spc.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        spc.putObject("filter").put("supported", true).put("maxResults", MAX_RESULTS);
        spc.putObject("changePassword").put("supported", false);
        spc.putObject("sort").put("supported", true);
        spc.putObject("etag").put("supported", true);
        ArrayNode schemes = spc.putArray("authenticationSchemes");
        schemes.addObject().put("type", "oauthbearertoken").put("name", "OAuth Bearer Token")
                .put("description", "An access token of the okta-scim client (authorization code flow) whose user is,"
                        + " at the moment of the call, an Admin of the team; as 'Bearer <token>' or the bare token")
                .put("primary", true);
        schemes.addObject().put("type", "oauthbearertoken").put("name", "SCIM token")
                .put("description", "A per-team SCIM token (pst_...) minted through the admin API;"
                        + " as 'Bearer <token>' or the bare token (Okta's Header mode)")
                .put("primary", false);
        ObjectNode meta = spc.putObject("meta");
        meta.put("resourceType", "ServiceProviderConfig").put("location", baseUri + "/ServiceProviderConfig");
        return spc;
    }

    public ObjectNode resourceTypes() {
        ObjectNode list = listOf(TYPES.size());
        ArrayNode resources = list.putArray("Resources");
        TYPES.forEach(type -> resources.add(resourceType(type)));
        return list;
    }

    public ObjectNode resourceType(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst().map(this::resourceType)
                .orElseThrow(() -> ScimException.notFound("Resource type '" + name + "' not found"));
    }

    public ObjectNode schemas() {
        List<ResourceSchema> all = TYPES.stream().flatMap(t -> t.schemas().stream()).toList();
        ObjectNode list = listOf(all.size());
        ArrayNode resources = list.putArray("Resources");
        all.forEach(schema -> resources.add(schema(schema)));
        return list;
    }

    public ObjectNode schema(String urn) {
        return TYPES.stream().flatMap(t -> t.schemas().stream()).filter(s -> s.id().equals(urn)).findFirst()
                .map(this::schema)
                .orElseThrow(() -> ScimException.notFound("Schema '" + urn + "' not found"));
    }

    private ObjectNode resourceType(ScimResourceType type) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(RT);
        node.put("id", type.name()).put("name", type.name()).put("endpoint", type.endpoint())
                .put("description", type.description()).put("schema", type.core().id());
        ArrayNode extensions = node.putArray("schemaExtensions");
        type.extensions().forEach(ext -> extensions.addObject().put("schema", ext.id()).put("required", false));
        node.putObject("meta").put("resourceType", "ResourceType").put("location", baseUri + "/ResourceTypes/" + type.name());
        return node;
    }

    private ObjectNode schema(ResourceSchema schema) {
        ObjectNode node = ScimJson.object();
        node.putArray("schemas").add(SCHEMA);
        node.put("id", schema.id()).put("name", schema.name()).put("description", schema.description());
        ArrayNode attributes = node.putArray("attributes");
        schema.attributes().forEach(a -> attributes.add(attribute(a)));
        node.putObject("meta").put("resourceType", "Schema").put("location", baseUri + "/Schemas/" + schema.id());
        return node;
    }

    private static ObjectNode attribute(ScimAttribute attribute) {
        ObjectNode node = ScimJson.object();
        node.put("name", attribute.name()).put("type", attribute.type().scimName())
                .put("multiValued", attribute.multiValued()).put("description", attribute.description())
                .put("required", attribute.required()).put("caseExact", attribute.caseExact())
                .put("mutability", attribute.mutability()).put("returned", attribute.returned())
                .put("uniqueness", attribute.uniqueness());
        if (!attribute.canonicalValues().isEmpty()) {
            ArrayNode values = node.putArray("canonicalValues");
            attribute.canonicalValues().forEach(values::add);
        }
        if (!attribute.referenceTypes().isEmpty()) {
            ArrayNode values = node.putArray("referenceTypes");
            attribute.referenceTypes().forEach(values::add);
        }
        if (!attribute.subAttributes().isEmpty()) {
            ArrayNode subs = node.putArray("subAttributes");
            attribute.subAttributes().forEach(s -> subs.add(attribute(s)));
        }
        return node;
    }

    private static ObjectNode listOf(int total) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimJson.LIST_RESPONSE);
        list.put("totalResults", total).put("startIndex", 1).put("itemsPerPage", total);
        return list;
    }
}
