package io.preset.teams.scim.schema;

import io.preset.teams.scim.protocol.ScimJson;

import java.util.List;

import static io.preset.teams.scim.schema.AttributeType.COMPLEX;
import static io.preset.teams.scim.schema.AttributeType.REFERENCE;
import static io.preset.teams.scim.schema.AttributeType.STRING;

/** The core Group schema: a pushed group of one team. */
public final class GroupSchemas {

    private GroupSchemas() {
    }

    public static final ResourceSchema CORE = new ResourceSchema(ScimJson.CORE_GROUP, "Group", "Group", List.of(
            ScimAttribute.of("displayName", STRING).required().unique("server")
                    .description("The group's name, unique within the team").build(),
            ScimAttribute.of("members", COMPLEX).multiValued().description("Members of the group (users of this team)").sub(
                    ScimAttribute.of("value", STRING).immutable().description("The member's user id").build(),
                    ScimAttribute.of("$ref", REFERENCE).immutable().references("User").description("The member's URI").build(),
                    ScimAttribute.of("display", STRING).description("The member's name").build(),
                    ScimAttribute.of("type", STRING).immutable().canonical("User").description("User").build()).build()));
}
