package io.preset.teams.scim.schema;

import io.preset.teams.scim.protocol.ScimException;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A SCIM resource type with its core schema and extensions, able to resolve attribute paths
 * (with or without schema URN, any letter case) to their definitions.
 */
public record ScimResourceType(String name, String endpoint, String description, ResourceSchema core,
                               List<ResourceSchema> extensions) {

    public static final ScimResourceType USER = new ScimResourceType("User", "/Users", "User Account",
            UserSchemas.CORE, List.of(UserSchemas.ENTERPRISE));
    public static final ScimResourceType GROUP = new ScimResourceType("Group", "/Groups", "Group",
            GroupSchemas.CORE, List.of());

    /** Common attributes (RFC 7643 section 3.1), resolvable in every resource type. */
    public static final ScimAttribute ID = ScimAttribute.of("id", AttributeType.STRING).caseExact().readOnly()
            .returnedAlways().unique("server").build();
    public static final ScimAttribute EXTERNAL_ID = ScimAttribute.of("externalId", AttributeType.STRING).caseExact().build();
    public static final ScimAttribute META = ScimAttribute.of("meta", AttributeType.COMPLEX).readOnly().sub(
            ScimAttribute.of("resourceType", AttributeType.STRING).caseExact().readOnly().build(),
            ScimAttribute.of("created", AttributeType.DATE_TIME).readOnly().build(),
            ScimAttribute.of("lastModified", AttributeType.DATE_TIME).readOnly().build(),
            ScimAttribute.of("location", AttributeType.REFERENCE).caseExact().readOnly().build(),
            ScimAttribute.of("version", AttributeType.STRING).caseExact().readOnly().build()).build();

    /**
     * An attribute path resolved against the schemas: {@code schema} is the URN it lives in
     * (null for common attributes), {@code extension} is true for an extension schema's attribute,
     * {@code sub} is set for a sub-attribute.
     */
    public record Resolved(String schema, boolean extension, ScimAttribute attribute, ScimAttribute sub) {

        /** Canonical dotted name without URN, e.g. {@code name.givenName}. */
        public String dotted() {
            return sub == null ? attribute.name() : attribute.name() + "." + sub.name();
        }

        /** The definition that holds the value: the sub-attribute when there is one. */
        public ScimAttribute leaf() {
            return sub != null ? sub : attribute;
        }
    }

    public List<ResourceSchema> schemas() {
        return Stream.concat(Stream.of(core), extensions.stream()).toList();
    }

    public Optional<ResourceSchema> schema(String urn) {
        return schemas().stream().filter(s -> s.id().equalsIgnoreCase(urn)).findFirst();
    }

    /**
     * Resolves {@code [urn:]attr[.sub]}; a URN given as prefix selects the schema. Unknown names are
     * reported by the caller's choice of {@link ScimException}.
     */
    public Optional<Resolved> resolve(String schemaUrn, String attribute, String subAttribute) {
        ResourceSchema schema;
        ScimAttribute attr;
        if (schemaUrn != null && !schemaUrn.isEmpty()) {
            Optional<ResourceSchema> found = schema(schemaUrn);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            schema = found.get();
            attr = schema.attribute(attribute).orElse(null);
            if (attr == null && schema == core) {
                attr = common(attribute);
            }
        } else {
            attr = common(attribute);
            schema = null;
            if (attr == null) {
                attr = core.attribute(attribute).orElse(null);
                schema = core;
            }
        }
        if (attr == null) {
            return Optional.empty();
        }
        ScimAttribute sub = null;
        if (subAttribute != null) {
            sub = attr.sub(subAttribute).orElse(null);
            if (sub == null) {
                return Optional.empty();
            }
        }
        boolean common = attr == ID || attr == EXTERNAL_ID || attr == META;
        return Optional.of(new Resolved(common ? null : schema.id(), !common && schema != core, attr, sub));
    }

    private static ScimAttribute common(String attribute) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "id" -> ID;
            case "externalid" -> EXTERNAL_ID;
            case "meta" -> META;
            default -> null;
        };
    }
}
