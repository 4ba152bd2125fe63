package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.patch.PatchChange.Action;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.AttributeValues;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.preset.teams.scim.protocol.ScimFields.containsIgnoreCase;
import static io.preset.teams.scim.protocol.ScimFields.field;

/**
 * Every check of a PatchOp request that needs only the request and the schema: the envelope, each
 * operation's op, path and value, the targets' mutability and the values' types. The checks that need the
 * resource's current state (a filter that matches nothing, two values made primary, a required attribute
 * unassigned) are {@link PatchApplier}'s.
 */
final class PatchValidator {

    private final ScimResourceType type;

    PatchValidator(ScimResourceType type) {
        this.type = type;
    }

    /** The operations of a PatchOp body, each with its op, path and value checked (values are typed by {@link #changes}). */
    List<PatchOp> parse(ObjectNode body) {
        if (body == null) {
            throw ScimException.invalidSyntax("A PatchOp request body is required");
        }
        JsonNode schemas = field(body, "schemas");
        if (schemas == null || !schemas.isArray() || !containsIgnoreCase(schemas, ScimJson.PATCH_OP)) {
            throw ScimException.invalidSyntax("The request's 'schemas' must contain " + ScimJson.PATCH_OP);
        }
        JsonNode operations = field(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimException.invalidSyntax("'Operations' must be a non-empty array");
        }
        if (operations.size() > PatchEngine.MAX_OPERATIONS) {
            throw ScimException.invalidValue("Too many operations: " + operations.size() + ", at most "
                    + PatchEngine.MAX_OPERATIONS + " per request");
        }
        List<PatchOp> out = new ArrayList<>(operations.size());
        for (JsonNode operation : operations) {
            String where = where(out.size());
            PatchOp op = operation(operation, where);
            check(op, where); // reports a bad path before anything is applied
            out.add(op);
        }
        return out;
    }

    static String where(int index) {
        return "Operation " + (index + 1);
    }

    /** The JSON of one operation as a PatchOp: only the JSON types of its fields are checked here. */
    private static PatchOp operation(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax(where + " must be an object");
        }
        JsonNode opNode = field((ObjectNode) node, "op");
        if (opNode == null || !opNode.isTextual()) {
            throw noOp(where);
        }
        PatchOp.Kind kind = switch (opNode.textValue().trim().toLowerCase(Locale.ROOT)) {
            case "add" -> PatchOp.Kind.ADD;
            case "replace" -> PatchOp.Kind.REPLACE;
            case "remove" -> PatchOp.Kind.REMOVE;
            default -> throw ScimException.invalidSyntax(where + ": unknown op '" + PatchPath.shown(opNode.textValue())
                    + "', expected add, replace or remove");
        };
        JsonNode pathNode = field((ObjectNode) node, "path");
        String path = null;
        if (pathNode != null && !pathNode.isNull()) {
            if (!pathNode.isTextual()) {
                throw ScimException.invalidPath(where + ": 'path' must be a string");
            }
            if (!pathNode.textValue().isBlank()) {
                path = pathNode.textValue();
            }
        }
        return new PatchOp(kind, path, field((ObjectNode) node, "value"));
    }

    private static ScimException noOp(String where) {
        return ScimException.invalidSyntax(where + ": 'op' must be one of add, replace, remove");
    }

    /** The rules of one operation as a whole; returns its resolved path, or null when it has none. */
    private PatchPath check(PatchOp op, String where) {
        if (op == null || op.op() == null) {
            throw noOp(where);
        }
        String path = path(op);
        JsonNode value = value(op);
        if (op.op() == PatchOp.Kind.REMOVE) {
            if (path == null) {
                throw ScimException.noTarget(where + ": a remove operation needs a path");
            }
        } else {
            if (value == null) {
                throw ScimException.invalidValue(where + ": an " + op.op().name().toLowerCase(Locale.ROOT)
                        + " operation needs a value");
            }
            if (path == null && !value.isObject()) {
                throw ScimException.invalidValue(where + ": without a path, 'value' must be an object of attributes");
            }
            if (op.op() == PatchOp.Kind.ADD && value.isNull()) {
                throw ScimException.invalidValue(where + ": an add operation needs a non-null value");
            }
        }
        return path == null ? null : PatchPath.parse(type, path);
    }

    private static String path(PatchOp op) {
        return op.path() == null || op.path().isBlank() ? null : op.path();
    }

    private static JsonNode value(PatchOp op) {
        return op.value() == null || op.value().isMissingNode() ? null : op.value();
    }

    /**
     * The checked changes of one operation, its values converted ({@link AttributeValues}). Operations come from
     * {@link #parse} or are built by callers (the rest of a group operation without its members), so every
     * operation is checked here, by the same code as in {@link #parse}.
     */
    List<PatchChange> changes(PatchOp op, String where) {
        PatchPath target = check(op, where);
        List<PatchChange> out = new ArrayList<>();
        boolean replace = op.op() == PatchOp.Kind.REPLACE;
        if (op.op() == PatchOp.Kind.REMOVE) {
            removal(target, value(op), out);
        } else if (target == null) {
            pathless((ObjectNode) op.value(), replace, null, out);
        } else if (op.value().isNull()) {
            removal(target, null, out); // replace with null: the attribute becomes unassigned
        } else {
            set(target, op.value(), replace, out);
        }
        return out;
    }

    /**
     * A path-less add/replace, or the object given for a schema URN: each key is a path, relative to
     * {@code schemaUrn} when set. A key whose value is null is unassigned by replace, ignored by add.
     */
    private void pathless(ObjectNode value, boolean replace, String schemaUrn, List<PatchChange> out) {
        boolean core = schemaUrn == null || schemaUrn.equalsIgnoreCase(type.core().id());
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String key = entry.getKey().trim();
            JsonNode v = entry.getValue();
            if (core && key.equalsIgnoreCase("schemas")) {
                continue;
            }
            if (core && key.equalsIgnoreCase("id")) {
                if (v == null || !v.isTextual()) {
                    throw readOnlyId();
                }
                out.add(new PatchChange(Action.SAME_ID, null, v));
                continue;
            }
            if (schemaUrn == null) {
                Optional<ResourceSchema> schema = type.schema(key);
                if (schema.isPresent()) {
                    schemaObject(schema.get(), v, replace, out);
                    continue;
                }
            }
            String pathText = schemaUrn == null || key.regionMatches(true, 0, "urn:", 0, 4) ? key : schemaUrn + ":" + key;
            PatchPath target = PatchPath.parse(type, pathText);
            if (v == null || v.isNull()) {
                if (replace) {
                    removal(target, null, out);
                } else {
                    checkMutable(target);
                }
                continue;
            }
            set(target, v, replace, out);
        }
    }

    static ScimException readOnlyId() {
        return ScimException.mutability("Attribute 'id' is readOnly");
    }

    /** {@code "urn:..:enterprise:2.0:User": {...}} in a path-less value. */
    private void schemaObject(ResourceSchema schema, JsonNode v, boolean replace, List<PatchChange> out) {
        boolean extension = !schema.id().equalsIgnoreCase(type.core().id());
        if (v == null || v.isNull()) {
            if (replace && extension) {
                out.add(new PatchChange(Action.REMOVE, PatchPath.parse(type, schema.id()), null));
            } else if (replace) {
                throw notAnObject(schema);
            }
            return;
        }
        if (!v.isObject()) {
            throw notAnObject(schema);
        }
        pathless((ObjectNode) v, replace, schema.id(), out);
    }

    private static ScimException notAnObject(ResourceSchema schema) {
        return ScimException.invalidValue("'" + schema.id() + "' must be an object");
    }

    /** add or replace of a non-null value at a path: the value converted for the target's shape. */
    private void set(PatchPath target, JsonNode value, boolean replace, List<PatchChange> out) {
        checkMutable(target);
        if (target.shape() == PatchPath.Shape.EXTENSION) {
            if (!value.isObject()) {
                throw notAnObject(target.wholeExtension());
            }
            pathless((ObjectNode) value, replace, target.wholeExtension().id(), out);
            return;
        }
        ScimAttribute attribute = target.resolved().attribute();
        ScimAttribute sub = target.resolved().sub();
        String name = target.resolved().dotted();
        JsonNode converted = switch (target.shape()) {
            case SIMPLE -> AttributeValues.simple(attribute, value, name);
            case COMPLEX -> AttributeValues.singularComplex(attribute, value, name);
            case COMPLEX_SUB, MULTI_SUB, FILTER_SUB -> AttributeValues.simple(sub, value, name);
            case MULTI -> {
                ArrayNode values = ScimJson.MAPPER.createArrayNode();
                for (ObjectNode v : AttributeValues.multiValued(attribute, value, name)) {
                    AttributeValues.checkElement(attribute, v);
                    values.add(v);
                }
                yield values;
            }
            case FILTER -> {
                ObjectNode given = AttributeValues.element(attribute, value, name);
                if (given == null) {
                    throw ScimException.invalidValue("The value for '" + PatchPath.shown(target.text()) + "' is empty");
                }
                yield given;
            }
            default -> throw new IllegalStateException("Unexpected shape " + target.shape());
        };
        if (converted == null) {
            out.add(new PatchChange(Action.REMOVE, target, null)); // Entra's "" for manager: no manager
        } else {
            out.add(new PatchChange(replace ? Action.REPLACE : Action.ADD, target, converted));
        }
    }

    /** remove at a path; {@code value} optionally selects values of a multi-valued attribute. */
    private void removal(PatchPath target, JsonNode value, List<PatchChange> out) {
        checkMutable(target);
        JsonNode selectors = null;
        if (target.shape() == PatchPath.Shape.MULTI && value != null && !value.isNull()) {
            ArrayNode array = ScimJson.MAPPER.createArrayNode();
            AttributeValues.multiValued(target.resolved().attribute(), value, target.resolved().dotted()).forEach(array::add);
            selectors = array;
        }
        out.add(new PatchChange(Action.REMOVE, target, selectors));
    }

    /** readOnly targets (id, meta, groups, manager.displayName) are mutability errors. */
    private static void checkMutable(PatchPath target) {
        if (target.shape() == PatchPath.Shape.EXTENSION) {
            return;
        }
        ScimResourceType.Resolved resolved = target.resolved();
        if (resolved.attribute().isReadOnly() || (resolved.sub() != null && resolved.sub().isReadOnly())) {
            throw ScimException.mutability("Attribute '" + resolved.dotted() + "' is readOnly");
        }
    }
}
