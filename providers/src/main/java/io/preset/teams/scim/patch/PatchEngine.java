package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.filters.Filter;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.preset.teams.scim.protocol.ScimFields.arrayField;
import static io.preset.teams.scim.protocol.ScimFields.containsIgnoreCase;
import static io.preset.teams.scim.protocol.ScimFields.field;
import static io.preset.teams.scim.protocol.ScimFields.objectField;
import static io.preset.teams.scim.protocol.ScimFields.putField;
import static io.preset.teams.scim.protocol.ScimFields.removeField;

/**
 * SCIM PATCH (RFC 7644 section 3.5.2) on the JSON form of a resource, with the quirks of Okta and
 * Microsoft Entra ID accepted (see {@code docs/okta-entra.md}). Pure logic: it reads and writes JSON,
 * never storage. Every problem with the client's input is a {@link ScimException}.
 *
 * <p>Semantics, by target:
 * <ul>
 *   <li>no path (add/replace): {@code value} is an object whose keys are applied as if each were a
 *       path: plain names, dotted names ({@code name.givenName}), URN-qualified names
 *       ({@code urn:..:enterprise:2.0:User:department}), a schema URN with an object of that
 *       schema's attributes, even value-filter paths. {@code schemas} is ignored; {@code id} is
 *       ignored when it equals the resource's id (Okta's group rename), otherwise it is a
 *       mutability error. A key whose value is JSON null is unassigned by replace, ignored by add.</li>
 *   <li>singular simple attribute: add and replace set the value; remove unassigns it; replace
 *       with JSON null unassigns it too.</li>
 *   <li>singular complex attribute ({@code name}, {@code manager}): add and replace merge the given
 *       sub-attributes into the existing value (RFC 7644: "sub-attributes that are not specified
 *       in the value parameter are left unchanged"; null ones are unassigned). Entra's plain-string
 *       {@code manager} is read as {@code {"value": ..}}, an empty string as "no manager". When the
 *       writable sub-attributes change, readOnly ones (manager.displayName) are dropped as stale.</li>
 *   <li>multi-valued attribute: add appends values, skipping values already present (for
 *       {@code members}, whose immutable {@code value} is the identity: the same value; otherwise
 *       an existing value with all the given sub-attributes equal); replace sets the whole list
 *       ({@code []} empties it); remove without value unassigns the attribute, remove with a value
 *       (Entra's {@code {"op":"Remove","path":"members","value":[{"value":"id"}]}}) removes just
 *       the values that match, exactly by {@code value} when given, and is a no-op for the others.</li>
 *   <li>{@code attr.sub} of a multi-valued attribute: add/replace set the sub-attribute on every
 *       value (creating one value when there is none), remove removes it from every value.</li>
 *   <li>value filter ({@code emails[type eq "work"]}, optionally {@code .sub}): replace replaces the
 *       matching values wholly (or sets their sub-attribute), add merges into them, remove removes
 *       them (or their sub-attribute). No match: remove is a no-op (Okta removes non-members);
 *       add, and replace with a {@code .sub}, create the value the filter describes when it is
 *       {@code a eq v} or an {@code and} of those (Entra's {@code emails[type eq "work"].value} for
 *       a user without a work email); otherwise noTarget.</li>
 * </ul>
 * Setting {@code primary} true on one value sets it false on the others (RFC 7643 section 2.4);
 * one operation making two values primary is invalidValue. Values are type-checked against the
 * schema and converted to canonical JSON (see {@link PatchValues}); attribute names in the output
 * are the schema's canonical names. readOnly targets (id, meta, groups, manager.displayName) are
 * mutability errors; readOnly sub-attributes inside a given value are ignored. immutable is not
 * enforced (a group's members are replaced as a whole by Okta's "push now"). Unassigning a required
 * attribute (userName, a group's displayName) that was set is invalidValue.
 *
 * <p>The result of {@link #apply} is the complete new state of the resource, to be handled like a
 * PUT body: an attribute that is absent is unassigned. A multi-valued attribute whose values were
 * all removed one by one is left as {@code []}. An extension object left empty is dropped, and the
 * resource's {@code schemas} (when present) lists exactly the extensions present. {@code password}
 * (writeOnly) is written like any other attribute: the caller decides what to do with it.
 */
public final class PatchEngine {

    /** The most operations one request may carry (Okta sends up to 1000 member changes). */
    public static final int MAX_OPERATIONS = 1000;

    private final ScimResourceType type;

    public PatchEngine(ScimResourceType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Parses a PatchOp request body (already parsed to ObjectNode via ScimJson.parseObject), validates it, returns the operations. */
    public List<PatchOp> parse(ObjectNode body) {
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
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.invalidValue("Too many operations: " + operations.size() + ", at most "
                    + MAX_OPERATIONS + " per request");
        }
        List<PatchOp> out = new ArrayList<>(operations.size());
        int index = 0;
        for (JsonNode operation : operations) {
            out.add(parseOperation(operation, index++));
        }
        return out;
    }

    private PatchOp parseOperation(JsonNode node, int index) {
        String where = "Operation " + (index + 1);
        if (node == null || !node.isObject()) {
            throw ScimException.invalidSyntax(where + " must be an object");
        }
        ObjectNode operation = (ObjectNode) node;
        JsonNode opNode = field(operation, "op");
        if (opNode == null || !opNode.isTextual()) {
            throw ScimException.invalidSyntax(where + ": 'op' must be one of add, replace, remove");
        }
        PatchOp.Kind kind = switch (opNode.textValue().trim().toLowerCase(Locale.ROOT)) {
            case "add" -> PatchOp.Kind.ADD;
            case "replace" -> PatchOp.Kind.REPLACE;
            case "remove" -> PatchOp.Kind.REMOVE;
            default -> throw ScimException.invalidSyntax(where + ": unknown op '" + PatchPath.shown(opNode.textValue())
                    + "', expected add, replace or remove");
        };
        JsonNode pathNode = field(operation, "path");
        String path = null;
        if (pathNode != null && !pathNode.isNull()) {
            if (!pathNode.isTextual()) {
                throw ScimException.invalidPath(where + ": 'path' must be a string");
            }
            if (!pathNode.textValue().isBlank()) {
                path = pathNode.textValue();
            }
        }
        JsonNode value = field(operation, "value");
        if (kind == PatchOp.Kind.REMOVE) {
            if (path == null) {
                throw ScimException.noTarget(where + ": a remove operation needs a path");
            }
        } else {
            if (value == null) {
                throw ScimException.invalidValue(where + ": an " + kind.name().toLowerCase(Locale.ROOT)
                        + " operation needs a value");
            }
            if (path == null && !value.isObject()) {
                throw ScimException.invalidValue(where + ": without a path, 'value' must be an object of attributes");
            }
            if (kind == PatchOp.Kind.ADD && value.isNull()) {
                throw ScimException.invalidValue(where + ": an add operation needs a non-null value");
            }
        }
        if (path != null) {
            PatchPath.parse(type, path); // reports a bad path before anything is applied
        }
        return new PatchOp(kind, path, value);
    }

    /** Applies the operations to a COPY of the resource JSON and returns the new JSON. Does not mutate input. */
    public ObjectNode apply(ObjectNode resource, List<PatchOp> ops) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(ops, "ops");
        JsonNode idNode = resource.get("id");
        Run run = new Run(resource.deepCopy(), idNode != null && idNode.isTextual() ? idNode.textValue() : null);
        for (PatchOp op : ops) {
            if (op == null || op.op() == null) {
                throw ScimException.invalidSyntax("An operation without 'op'");
            }
            run.apply(op);
        }
        checkRequired(resource, run.doc);
        syncExtensions(run.doc);
        return run.doc;
    }

    /** One application of a list of operations to one copy of a resource. */
    private final class Run {

        private final ObjectNode doc;
        private final String id;

        Run(ObjectNode doc, String id) {
            this.doc = doc;
            this.id = id;
        }

        void apply(PatchOp op) {
            String path = op.path() == null || op.path().isBlank() ? null : op.path();
            JsonNode value = op.value();
            if (op.op() == PatchOp.Kind.REMOVE) {
                if (path == null) {
                    throw ScimException.noTarget("A remove operation needs a path");
                }
                remove(PatchPath.parse(type, path), value);
                return;
            }
            boolean replace = op.op() == PatchOp.Kind.REPLACE;
            if (value == null || value.isMissingNode()) {
                throw ScimException.invalidValue("An " + op.op().name().toLowerCase(Locale.ROOT) + " operation needs a value");
            }
            if (path == null) {
                if (!value.isObject()) {
                    throw ScimException.invalidValue("Without a path, 'value' must be an object of attributes");
                }
                pathless((ObjectNode) value, replace, null);
                return;
            }
            PatchPath target = PatchPath.parse(type, path);
            if (value.isNull()) {
                if (!replace) {
                    throw ScimException.invalidValue("An add operation needs a non-null value");
                }
                remove(target, null); // replace with null: the attribute becomes unassigned
                return;
            }
            set(target, value, replace);
        }

        /**
         * A path-less add/replace, or the object given for a schema URN: each key is a path,
         * relative to {@code schemaUrn} when set.
         */
        private void pathless(ObjectNode value, boolean replace, String schemaUrn) {
            boolean core = schemaUrn == null || schemaUrn.equalsIgnoreCase(type.core().id());
            for (Map.Entry<String, JsonNode> entry : value.properties()) {
                String key = entry.getKey().trim();
                JsonNode v = entry.getValue();
                if (core && key.equalsIgnoreCase("schemas")) {
                    continue;
                }
                if (core && key.equalsIgnoreCase("id")) {
                    // Okta's group rename carries the group's own id: harmless when unchanged
                    if (id != null && v != null && v.isTextual() && v.textValue().equals(id)) {
                        continue;
                    }
                    throw ScimException.mutability("Attribute 'id' is readOnly");
                }
                if (schemaUrn == null) {
                    Optional<ResourceSchema> schema = type.schema(key);
                    if (schema.isPresent()) {
                        schemaObject(schema.get(), v, replace);
                        continue;
                    }
                }
                String pathText = schemaUrn == null || key.regionMatches(true, 0, "urn:", 0, 4)
                        ? key : schemaUrn + ":" + key;
                PatchPath target = PatchPath.parse(type, pathText);
                if (v == null || v.isNull()) {
                    if (replace) {
                        remove(target, null);
                    } else {
                        checkMutable(target);
                    }
                    continue;
                }
                set(target, v, replace);
            }
        }

        /** {@code "urn:..:enterprise:2.0:User": {...}} in a path-less value. */
        private void schemaObject(ResourceSchema schema, JsonNode v, boolean replace) {
            boolean extension = !schema.id().equalsIgnoreCase(type.core().id());
            if (v == null || v.isNull()) {
                if (replace && extension) {
                    removeField(doc, schema.id());
                } else if (replace) {
                    throw ScimException.invalidValue("'" + schema.id() + "' must be an object");
                }
                return;
            }
            if (!v.isObject()) {
                throw ScimException.invalidValue("'" + schema.id() + "' must be an object");
            }
            pathless((ObjectNode) v, replace, schema.id());
        }

        /** add (replace false) or replace (true) of a non-null value at a path. */
        private void set(PatchPath target, JsonNode value, boolean replace) {
            checkMutable(target);
            if (target.shape() == PatchPath.Shape.EXTENSION) {
                if (!value.isObject()) {
                    throw ScimException.invalidValue("'" + target.wholeExtension().id() + "' must be an object");
                }
                pathless((ObjectNode) value, replace, target.wholeExtension().id());
                return;
            }
            ScimAttribute attribute = target.resolved().attribute();
            ScimAttribute sub = target.resolved().sub();
            String name = target.resolved().dotted();
            switch (target.shape()) {
                case SIMPLE -> putField(container(target, true), attribute.name(),
                        PatchValues.simple(attribute, value, name));
                case COMPLEX -> {
                    ObjectNode given = PatchValues.singularComplex(attribute, value, name);
                    ObjectNode container = container(target, true);
                    if (given == null) {
                        removeField(container, attribute.name());
                        return;
                    }
                    ObjectNode existing = objectField(container, attribute.name());
                    ObjectNode merged = existing == null ? ScimJson.object() : existing.deepCopy();
                    for (Map.Entry<String, JsonNode> field : given.properties()) {
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
                    JsonNode v = PatchValues.simple(sub, value, name);
                    ObjectNode container = container(target, true);
                    ObjectNode existing = objectField(container, attribute.name());
                    ObjectNode object = existing == null ? ScimJson.object() : existing.deepCopy();
                    putField(object, sub.name(), v);
                    dropStaleReadOnly(attribute, existing, object);
                    putField(container, attribute.name(), object);
                }
                case MULTI -> {
                    List<ObjectNode> values = PatchValues.multiValued(attribute, value, name);
                    values.forEach(v -> checkElement(attribute, v));
                    ObjectNode container = container(target, true);
                    ArrayNode array = replace ? null : arrayField(container, attribute.name());
                    array = array == null ? ScimJson.MAPPER.createArrayNode() : array;
                    List<ObjectNode> touched = new ArrayList<>();
                    for (ObjectNode v : values) {
                        if (!isPresent(attribute, array, v)) {
                            array.add(v);
                            touched.add(v);
                        }
                    }
                    putField(container, attribute.name(), array);
                    normalizePrimary(attribute, array, touched);
                }
                case MULTI_SUB -> {
                    JsonNode v = PatchValues.simple(sub, value, name);
                    ObjectNode container = container(target, true);
                    ArrayNode array = arrayField(container, attribute.name());
                    array = array == null ? ScimJson.MAPPER.createArrayNode() : array;
                    List<ObjectNode> touched = new ArrayList<>();
                    for (JsonNode element : array) {
                        if (element.isObject()) {
                            ((ObjectNode) element).set(sub.name(), v);
                            touched.add((ObjectNode) element);
                        }
                    }
                    if (touched.isEmpty()) {
                        ObjectNode created = ScimJson.object();
                        created.set(sub.name(), v);
                        checkElement(attribute, created);
                        array.add(created);
                        touched.add(created);
                    }
                    putField(container, attribute.name(), array);
                    normalizePrimary(attribute, array, touched);
                }
                case FILTER -> {
                    ObjectNode given = PatchValues.element(attribute, value, name);
                    if (given == null) {
                        throw ScimException.invalidValue("The value for '" + PatchPath.shown(target.text()) + "' is empty");
                    }
                    ObjectNode container = container(target, true);
                    ArrayNode array = arrayField(container, attribute.name());
                    array = array == null ? ScimJson.MAPPER.createArrayNode() : array;
                    List<ObjectNode> matches = ValueFilterMatcher.matches(attribute, array, target.filter());
                    Set<JsonNode> matched = identities(matches);
                    List<ObjectNode> touched = new ArrayList<>();
                    if (!matches.isEmpty()) {
                        for (int i = 0; i < array.size(); i++) {
                            JsonNode element = array.get(i);
                            if (!matched.contains(element)) {
                                continue;
                            }
                            ObjectNode updated;
                            if (replace) {
                                updated = given.deepCopy();
                                array.set(i, updated);
                            } else {
                                updated = (ObjectNode) element;
                                updated.setAll(given.deepCopy());
                            }
                            checkElement(attribute, updated);
                            touched.add(updated);
                        }
                    } else {
                        Map<String, JsonNode> equalities = target.equalities();
                        if (replace || equalities == null) {
                            throw ScimException.noTarget("No value of '" + attribute.name() + "' matches '"
                                    + PatchPath.shown(target.text()) + "'");
                        }
                        ObjectNode created = fromEqualities(attribute, equalities, name);
                        created.setAll(given);
                        checkElement(attribute, created);
                        array.add(created);
                        touched.add(created);
                    }
                    putField(container, attribute.name(), array);
                    normalizePrimary(attribute, array, touched);
                }
                case FILTER_SUB -> {
                    JsonNode v = PatchValues.simple(sub, value, name);
                    ObjectNode container = container(target, true);
                    ArrayNode array = arrayField(container, attribute.name());
                    array = array == null ? ScimJson.MAPPER.createArrayNode() : array;
                    List<ObjectNode> matches = ValueFilterMatcher.matches(attribute, array, target.filter());
                    List<ObjectNode> touched = new ArrayList<>();
                    for (ObjectNode match : matches) {
                        match.set(sub.name(), v);
                        touched.add(match);
                    }
                    if (matches.isEmpty()) {
                        // Entra sends {"op":"Replace","path":"emails[type eq \"work\"].value",..} for
                        // users without a work email yet: create {"type":"work","value":..}.
                        Map<String, JsonNode> equalities = target.equalities();
                        if (equalities == null) {
                            throw ScimException.noTarget("No value of '" + attribute.name() + "' matches '"
                                    + PatchPath.shown(target.text()) + "'");
                        }
                        ObjectNode created = fromEqualities(attribute, equalities, name);
                        created.set(sub.name(), v);
                        checkElement(attribute, created);
                        array.add(created);
                        touched.add(created);
                    }
                    putField(container, attribute.name(), array);
                    normalizePrimary(attribute, array, touched);
                }
                default -> throw new IllegalStateException("Unexpected shape " + target.shape());
            }
        }

        /** remove at a path; {@code value} optionally selects values of a multi-valued attribute. */
        private void remove(PatchPath target, JsonNode value) {
            checkMutable(target);
            if (target.shape() == PatchPath.Shape.EXTENSION) {
                removeField(doc, target.wholeExtension().id());
                return;
            }
            ScimAttribute attribute = target.resolved().attribute();
            ScimAttribute sub = target.resolved().sub();
            ObjectNode container = container(target, false);
            if (container == null) {
                return; // nothing of the extension is set
            }
            switch (target.shape()) {
                case SIMPLE, COMPLEX -> removeField(container, attribute.name());
                case COMPLEX_SUB -> {
                    ObjectNode object = objectField(container, attribute.name());
                    if (object != null) {
                        removeField(object, sub.name());
                        if (object.isEmpty()) {
                            removeField(container, attribute.name());
                        }
                    }
                }
                case MULTI -> {
                    if (value == null || value.isNull() || value.isMissingNode()) {
                        removeField(container, attribute.name());
                        return;
                    }
                    // Entra: {"op":"Remove","path":"members","value":[{"value":"<id>"}]} removes those values only
                    // A selector with a value matches by that value (exactly: member ids), one
                    // without matches values that have all its sub-attributes.
                    Set<JsonNode> byValue = new HashSet<>();
                    List<ObjectNode> bySubAttributes = new ArrayList<>();
                    for (ObjectNode selector : PatchValues.multiValued(attribute, value, target.resolved().dotted())) {
                        if (selector.has("value")) {
                            byValue.add(selector.get("value"));
                        } else {
                            bySubAttributes.add(selector);
                        }
                    }
                    ArrayNode array = arrayField(container, attribute.name());
                    if (array == null) {
                        return;
                    }
                    ArrayNode kept = ScimJson.MAPPER.createArrayNode();
                    for (JsonNode element : array) {
                        boolean selected = element.isObject() && (byValue.contains(element.get("value"))
                                || bySubAttributes.stream().anyMatch(s -> isSubset(s, (ObjectNode) element)));
                        if (!selected) {
                            kept.add(element);
                        }
                    }
                    putField(container, attribute.name(), kept);
                }
                case MULTI_SUB -> {
                    ArrayNode array = arrayField(container, attribute.name());
                    if (array != null) {
                        for (JsonNode element : array) {
                            if (element.isObject()) {
                                removeField((ObjectNode) element, sub.name());
                            }
                        }
                        putField(container, attribute.name(), array);
                    }
                }
                case FILTER, FILTER_SUB -> {
                    // RFC 7644 would answer noTarget when nothing matches; Okta removes members that
                    // are not (or no longer) members and expects success, so no match is a no-op.
                    ArrayNode array = arrayField(container, attribute.name());
                    if (array == null) {
                        return;
                    }
                    Set<JsonNode> matched = identities(ValueFilterMatcher.matches(attribute, array, target.filter()));
                    ArrayNode kept = ScimJson.MAPPER.createArrayNode();
                    for (JsonNode element : array) {
                        if (!matched.contains(element)) {
                            kept.add(element);
                        } else if (sub != null) {
                            removeField((ObjectNode) element, sub.name());
                            kept.add(element);
                        }
                    }
                    putField(container, attribute.name(), kept);
                }
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

    private static void checkMutable(PatchPath target) {
        if (target.shape() == PatchPath.Shape.EXTENSION) {
            return;
        }
        ScimResourceType.Resolved resolved = target.resolved();
        if (resolved.attribute().isReadOnly() || (resolved.sub() != null && resolved.sub().isReadOnly())) {
            throw ScimException.mutability("Attribute '" + resolved.dotted() + "' is readOnly");
        }
    }

    /**
     * Whether {@code value} is already among {@code array}'s values: for attributes whose
     * {@code value} identifies the value ({@code members}: an immutable id), the same
     * {@code value}; otherwise an existing value that has every sub-attribute given, equal.
     */
    private static boolean isPresent(ScimAttribute attribute, ArrayNode array, ObjectNode value) {
        boolean byValue = valueIsIdentity(attribute);
        for (JsonNode element : array) {
            if (!element.isObject()) {
                continue;
            }
            if (byValue ? Objects.equals(element.get("value"), value.get("value")) : isSubset(value, (ObjectNode) element)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSubset(ObjectNode part, ObjectNode whole) {
        for (Map.Entry<String, JsonNode> field : part.properties()) {
            if (!field.getValue().equals(whole.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** An immutable {@code value} sub-attribute (a group member's user id) identifies a value. */
    private static boolean valueIsIdentity(ScimAttribute attribute) {
        return attribute.sub("value").map(s -> "immutable".equals(s.mutability())).orElse(false);
    }

    private static void checkElement(ScimAttribute attribute, ObjectNode element) {
        if (valueIsIdentity(attribute)) {
            JsonNode value = element.get("value");
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw ScimException.invalidValue("Each value of '" + attribute.name() + "' needs a 'value'");
            }
        }
    }

    /** The value an {@code eq}-only filter describes, e.g. {@code {"type":"work"}}. */
    private static ObjectNode fromEqualities(ScimAttribute attribute, Map<String, JsonNode> equalities, String where) {
        ObjectNode created = ScimJson.object();
        for (Map.Entry<String, JsonNode> equality : equalities.entrySet()) {
            ScimAttribute sub = attribute.sub(equality.getKey()).orElseThrow();
            if (sub.isReadOnly()) {
                continue;
            }
            JsonNode v = PatchValues.simple(sub, equality.getValue(), attribute.name() + "." + sub.name());
            if (v != null) {
                created.set(sub.name(), v);
            }
        }
        return created;
    }

    /**
     * Only one value may be primary (RFC 7643 section 2.4): when this operation made one value
     * primary, the others stop being primary; more than one is an error.
     */
    private static void normalizePrimary(ScimAttribute attribute, ArrayNode array, List<ObjectNode> touched) {
        Optional<ScimAttribute> primarySub = attribute.sub("primary");
        if (primarySub.isEmpty()) {
            return;
        }
        String primary = primarySub.get().name();
        List<ObjectNode> madePrimary = touched.stream().filter(t -> PatchValues.isTrue(t.get(primary))).toList();
        if (madePrimary.size() > 1) {
            throw ScimException.invalidValue("At most one value of '" + attribute.name() + "' may be primary");
        }
        if (madePrimary.size() == 1) {
            ObjectNode chosen = madePrimary.get(0);
            for (JsonNode element : array) {
                if (element != chosen && element.isObject() && PatchValues.isTrue(element.get(primary))) {
                    ((ObjectNode) element).set(primary, BooleanNode.FALSE);
                }
            }
        }
    }

    /** The values themselves, by identity: equal values at two places are two values. */
    private static Set<JsonNode> identities(List<ObjectNode> values) {
        Set<JsonNode> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(values);
        return set;
    }

    /** A required attribute (userName, a group's displayName) that was set may not be unassigned. */
    private void checkRequired(ObjectNode before, ObjectNode after) {
        for (ScimAttribute attribute : type.core().attributes()) {
            if (!attribute.required()) {
                continue;
            }
            JsonNode was = field(before, attribute.name());
            JsonNode now = field(after, attribute.name());
            if (was != null && !was.isNull() && (now == null || now.isNull())) {
                throw ScimException.invalidValue("Attribute '" + attribute.name() + "' is required and cannot be removed");
            }
        }
    }

    /** Drops empty extension objects and keeps {@code schemas} in step with the extensions present. */
    private void syncExtensions(ObjectNode doc) {
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
