package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.List;
import java.util.Map;

import static io.preset.teams.scim.protocol.ScimFields.containsIgnoreCase;
import static io.preset.teams.scim.protocol.ScimFields.field;
import static io.preset.teams.scim.protocol.ScimFields.objectField;
import static io.preset.teams.scim.protocol.ScimFields.putField;
import static io.preset.teams.scim.protocol.ScimFields.removeField;

/**
 * Applies checked {@link PatchChange}s to one copy of a resource. The only checks here are those that need
 * the resource's state: the resource's own id, and (at the end) a required attribute that was set and is no
 * longer; the multi-valued ones are {@link MultiValuePatch}'s.
 */
final class PatchApplier {

    private final ScimResourceType type;
    private final ObjectNode before;
    private final ObjectNode doc;
    private final String id;

    PatchApplier(ScimResourceType type, ObjectNode resource) {
        this.type = type;
        this.before = resource;
        this.doc = resource.deepCopy();
        JsonNode idNode = resource.get("id");
        this.id = idNode != null && idNode.isTextual() ? idNode.textValue() : null;
    }

    void apply(List<PatchChange> changes) {
        changes.forEach(this::apply);
    }

    /** The new state, once every change is applied. */
    ObjectNode result() {
        checkRequired();
        syncExtensions();
        return doc;
    }

    private void apply(PatchChange change) {
        switch (change.action()) {
            case SAME_ID -> {
                if (id == null || !id.equals(change.value().textValue())) {
                    throw PatchValidator.readOnlyId();
                }
            }
            case REMOVE -> remove(change.target(), change.value());
            case ADD, REPLACE -> set(change.target(), change.value(), change.action() == PatchChange.Action.REPLACE);
        }
    }

    private void set(PatchPath target, JsonNode value, boolean replace) {
        ScimAttribute attribute = target.resolved().attribute();
        ScimAttribute sub = target.resolved().sub();
        ObjectNode container = container(target, true);
        switch (target.shape()) {
            case SIMPLE -> putField(container, attribute.name(), value);
            case COMPLEX -> {
                ObjectNode existing = objectField(container, attribute.name());
                ObjectNode merged = existing == null ? ScimJson.object() : existing.deepCopy();
                for (Map.Entry<String, JsonNode> field : value.properties()) {
                    if (field.getValue().isNull()) {
                        removeField(merged, field.getKey());
                    } else {
                        putField(merged, field.getKey(), field.getValue());
                    }
                }
                dropStaleReadOnly(attribute, existing, merged);
                if (merged.isEmpty()) {
                    removeField(container, attribute.name());
                } else {
                    putField(container, attribute.name(), merged);
                }
            }
            case COMPLEX_SUB -> {
                ObjectNode existing = objectField(container, attribute.name());
                ObjectNode object = existing == null ? ScimJson.object() : existing.deepCopy();
                putField(object, sub.name(), value);
                dropStaleReadOnly(attribute, existing, object);
                putField(container, attribute.name(), object);
            }
            case MULTI, MULTI_SUB, FILTER, FILTER_SUB -> MultiValuePatch.set(container, target, value, replace);
            default -> throw new IllegalStateException("Unexpected shape " + target.shape());
        }
    }

    private void remove(PatchPath target, JsonNode selectors) {
        if (target.shape() == PatchPath.Shape.EXTENSION) {
            removeField(doc, target.wholeExtension().id());
            return;
        }
        ScimAttribute attribute = target.resolved().attribute();
        ObjectNode container = container(target, false);
        if (container == null) {
            return; // nothing of the extension is set
        }
        switch (target.shape()) {
            case SIMPLE, COMPLEX -> removeField(container, attribute.name());
            case COMPLEX_SUB -> {
                ObjectNode object = objectField(container, attribute.name());
                if (object != null) {
                    removeField(object, target.resolved().sub().name());
                    if (object.isEmpty()) {
                        removeField(container, attribute.name());
                    }
                }
            }
            case MULTI, MULTI_SUB, FILTER, FILTER_SUB -> MultiValuePatch.remove(container, target, selectors);
            default -> throw new IllegalStateException("Unexpected shape " + target.shape());
        }
    }

    /** The object holding the attribute: the resource, or the extension's object. */
    private ObjectNode container(PatchPath target, boolean create) {
        ScimResourceType.Resolved resolved = target.resolved();
        if (!resolved.extension()) {
            return doc;
        }
        String urn = type.schema(resolved.schema()).map(ResourceSchema::id).orElse(resolved.schema());
        ObjectNode existing = objectField(doc, urn);
        if (existing != null) {
            putField(doc, urn, existing); // the canonical key, should the client's copy differ in case
            return existing;
        }
        if (!create) {
            return null;
        }
        ObjectNode created = ScimJson.object();
        putField(doc, urn, created);
        return created;
    }

    /**
     * A complex value's readOnly sub-attributes are computed by the server from the others (the
     * enterprise manager's displayName from its value): once the others change, they are stale
     * and are dropped, for the server to compute again.
     */
    private static void dropStaleReadOnly(ScimAttribute attribute, ObjectNode before, ObjectNode after) {
        if (before != null && writable(attribute, before).equals(writable(attribute, after))) {
            return;
        }
        for (ScimAttribute sub : attribute.subAttributes()) {
            if (sub.isReadOnly()) {
                removeField(after, sub.name());
            }
        }
    }

    private static ObjectNode writable(ScimAttribute attribute, ObjectNode value) {
        ObjectNode out = value.deepCopy();
        for (ScimAttribute sub : attribute.subAttributes()) {
            if (sub.isReadOnly()) {
                removeField(out, sub.name());
            }
        }
        return out;
    }

    /** A required attribute (userName, a group's displayName) that was set may not be unassigned. */
    private void checkRequired() {
        for (ScimAttribute attribute : type.core().attributes()) {
            if (!attribute.required()) {
                continue;
            }
            JsonNode was = field(before, attribute.name());
            JsonNode now = field(doc, attribute.name());
            if (was != null && !was.isNull() && (now == null || now.isNull())) {
                throw ScimException.invalidValue("Attribute '" + attribute.name() + "' is required and cannot be removed");
            }
        }
    }

    /** Drops empty extension objects and keeps {@code schemas} in step with the extensions present. */
    private void syncExtensions() {
        for (ResourceSchema extension : type.extensions()) {
            JsonNode value = field(doc, extension.id());
            boolean present = value != null && value.isObject() && !value.isEmpty();
            if (value != null && value.isObject() && value.isEmpty()) {
                removeField(doc, extension.id());
            }
            JsonNode schemas = doc.get("schemas");
            if (schemas == null || !schemas.isArray()) {
                continue;
            }
            ArrayNode array = (ArrayNode) schemas;
            boolean listed = containsIgnoreCase(array, extension.id());
            if (present && !listed) {
                array.add(TextNode.valueOf(extension.id()));
            } else if (!present && listed) {
                for (int i = array.size() - 1; i >= 0; i--) {
                    if (array.get(i).isTextual() && array.get(i).textValue().equalsIgnoreCase(extension.id())) {
                        array.remove(i);
                    }
                }
            }
        }
    }
}
