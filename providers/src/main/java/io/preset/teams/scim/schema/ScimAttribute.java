package io.preset.teams.scim.schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One attribute definition of a SCIM schema (RFC 7643 section 7). Names match case-insensitively.
 */
public record ScimAttribute(String name, AttributeType type, boolean multiValued, boolean caseExact,
                            String mutability, String returned, String uniqueness, boolean required,
                            String description, List<String> canonicalValues, List<String> referenceTypes,
                            List<ScimAttribute> subAttributes) {

    public static Builder of(String name, AttributeType type) {
        return new Builder(name, type);
    }

    public boolean isComplex() {
        return type == AttributeType.COMPLEX;
    }

    public boolean isReadOnly() {
        return "readOnly".equals(mutability);
    }

    public Optional<ScimAttribute> sub(String subName) {
        if (subName == null) {
            return Optional.empty();
        }
        String lower = subName.toLowerCase(Locale.ROOT);
        return subAttributes.stream().filter(a -> a.name.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    public static final class Builder {
        private final String name;
        private final AttributeType type;
        private boolean multiValued;
        private boolean caseExact;
        private String mutability = "readWrite";
        private String returned = "default";
        private String uniqueness = "none";
        private boolean required;
        private String description = "";
        private List<String> canonicalValues = List.of();
        private List<String> referenceTypes = List.of();
        private List<ScimAttribute> subAttributes = List.of();

        private Builder(String name, AttributeType type) {
            this.name = name;
            this.type = type;
        }

        public Builder multiValued() { this.multiValued = true; return this; }
        public Builder caseExact() { this.caseExact = true; return this; }
        public Builder readOnly() { this.mutability = "readOnly"; return this; }
        public Builder immutable() { this.mutability = "immutable"; return this; }
        public Builder writeOnly() { this.mutability = "writeOnly"; this.returned = "never"; return this; }
        public Builder returnedAlways() { this.returned = "always"; return this; }
        public Builder unique(String uniqueness) { this.uniqueness = uniqueness; return this; }
        public Builder required() { this.required = true; return this; }
        public Builder description(String description) { this.description = description; return this; }
        public Builder canonical(String... values) { this.canonicalValues = List.of(values); return this; }
        public Builder references(String... types) { this.referenceTypes = List.of(types); return this; }
        public Builder sub(ScimAttribute... subs) { this.subAttributes = List.of(subs); return this; }

        public ScimAttribute build() {
            return new ScimAttribute(name, type, multiValued, caseExact, mutability, returned, uniqueness, required,
                    description, canonicalValues, referenceTypes, subAttributes);
        }
    }
}
