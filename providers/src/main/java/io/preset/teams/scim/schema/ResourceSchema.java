package io.preset.teams.scim.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A SCIM schema: its URN, name and attributes. */
public record ResourceSchema(String id, String name, String description, List<ScimAttribute> attributes) {

    public Optional<ScimAttribute> attribute(String attributeName) {
        if (attributeName == null) {
            return Optional.empty();
        }
        String lower = attributeName.toLowerCase(Locale.ROOT);
        return attributes.stream().filter(a -> a.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
