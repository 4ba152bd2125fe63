package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.AttributeValues;
import io.preset.teams.scim.schema.ScimAttribute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static io.preset.teams.scim.protocol.ScimFields.arrayField;
import static io.preset.teams.scim.protocol.ScimFields.putField;
import static io.preset.teams.scim.protocol.ScimFields.removeField;

/**
 * The changes to a multi-valued attribute ({@code emails}, {@code members}), whole, by sub-attribute or by value
 * filter, with its checks against the current values: a filter that matches nothing, a value left without its
 * identifying {@code value}, two values made primary.
 */
final class MultiValuePatch {

    private MultiValuePatch() {
    }

    /** add (replace false) or replace of an already converted value. */
    static void set(ObjectNode container, PatchPath target, JsonNode value, boolean replace) {
        ScimAttribute attribute = target.resolved().attribute();
        ArrayNode existing = arrayField(container, attribute.name());
        ArrayNode array = existing == null || (replace && target.shape() == PatchPath.Shape.MULTI)
                ? ScimJson.MAPPER.createArrayNode() : existing;
        List<ObjectNode> touched = switch (target.shape()) {
            case MULTI -> addValues(attribute, array, value);
            case MULTI_SUB -> setOnEvery(attribute, array, target.resolved().sub(), value);
            case FILTER -> setMatching(attribute, array, target, (ObjectNode) value, replace);
            case FILTER_SUB -> setSubOfMatching(attribute, array, target, value);
            default -> throw new IllegalStateException("Unexpected shape " + target.shape());
        };
        putField(container, attribute.name(), array);
        normalizePrimary(attribute, array, touched);
    }

    /** Appends the values not already present. */
    private static List<ObjectNode> addValues(ScimAttribute attribute, ArrayNode array, JsonNode values) {
        List<ObjectNode> touched = new ArrayList<>();
        for (JsonNode v : values) {
            if (!isPresent(attribute, array, (ObjectNode) v)) {
                array.add(v);
                touched.add((ObjectNode) v);
            }
        }
        return touched;
    }

    /** {@code emails.type}: the sub-attribute of every value, or of one new value when there is none. */
    private static List<ObjectNode> setOnEvery(ScimAttribute attribute, ArrayNode array, ScimAttribute sub, JsonNode v) {
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
            add(attribute, array, created, touched);
        }
        return touched;
    }

    /** {@code emails[type eq "work"]}: replace replaces the matches wholly, add merges into them. */
    private static List<ObjectNode> setMatching(ScimAttribute attribute, ArrayNode array, PatchPath target,
                                                ObjectNode given, boolean replace) {
        Set<JsonNode> matched = identities(ValueFilterMatcher.matches(attribute, array, target.filter()));
        List<ObjectNode> touched = new ArrayList<>();
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
            AttributeValues.checkElement(attribute, updated);
            touched.add(updated);
        }
        if (matched.isEmpty()) {
            if (replace) {
                throw noMatch(attribute, target);
            }
            ObjectNode created = fromFilter(attribute, target);
            created.setAll(given);
            add(attribute, array, created, touched);
        }
        return touched;
    }

    /** {@code emails[type eq "work"].value}: the sub-attribute of the matches. */
    private static List<ObjectNode> setSubOfMatching(ScimAttribute attribute, ArrayNode array, PatchPath target, JsonNode v) {
        String sub = target.resolved().sub().name();
        List<ObjectNode> touched = new ArrayList<>();
        for (ObjectNode match : ValueFilterMatcher.matches(attribute, array, target.filter())) {
            match.set(sub, v);
            touched.add(match);
        }
        if (touched.isEmpty()) {
            // Entra sends {"op":"Replace","path":"emails[type eq \"work\"].value",..} for
            // users without a work email yet: create {"type":"work","value":..}.
            ObjectNode created = fromFilter(attribute, target);
            created.set(sub, v);
            add(attribute, array, created, touched);
        }
        return touched;
    }

    private static void add(ScimAttribute attribute, ArrayNode array, ObjectNode created, List<ObjectNode> touched) {
        AttributeValues.checkElement(attribute, created);
        array.add(created);
        touched.add(created);
    }

    /**
     * remove: the whole attribute (selectors null), the values the selectors match (Entra's
     * {@code {"op":"Remove","path":"members","value":[{"value":"<id>"}]}}), a sub-attribute of every value,
     * or the values a filter matches (or their sub-attribute).
     */
    static void remove(ObjectNode container, PatchPath target, JsonNode selectors) {
        ScimAttribute attribute = target.resolved().attribute();
        ScimAttribute sub = target.resolved().sub();
        if (target.shape() == PatchPath.Shape.MULTI && selectors == null) {
            removeField(container, attribute.name());
            return;
        }
        ArrayNode array = arrayField(container, attribute.name());
        if (array == null) {
            return;
        }
        switch (target.shape()) {
            case MULTI -> putField(container, attribute.name(), without(array, selected(array, selectors)));
            case MULTI_SUB -> {
                for (JsonNode element : array) {
                    if (element.isObject()) {
                        removeField((ObjectNode) element, sub.name());
                    }
                }
                putField(container, attribute.name(), array);
            }
            case FILTER, FILTER_SUB -> {
                // RFC 7644 would answer noTarget when nothing matches; Okta removes members that
                // are not (or no longer) members and expects success, so no match is a no-op.
                Set<JsonNode> matched = identities(ValueFilterMatcher.matches(attribute, array, target.filter()));
                if (sub == null) {
                    putField(container, attribute.name(), without(array, matched));
                } else {
                    matched.forEach(m -> removeField((ObjectNode) m, sub.name()));
                    putField(container, attribute.name(), array);
                }
            }
            default -> throw new IllegalStateException("Unexpected shape " + target.shape());
        }
    }

    /**
     * The values the selectors match: a selector with a value matches by that value (exactly: member ids),
     * one without matches values that have all its sub-attributes.
     */
    private static Set<JsonNode> selected(ArrayNode array, JsonNode selectors) {
        Set<JsonNode> byValue = new HashSet<>();
        List<ObjectNode> bySubAttributes = new ArrayList<>();
        for (JsonNode selector : selectors) {
            if (selector.has("value")) {
                byValue.add(selector.get("value"));
            } else {
                bySubAttributes.add((ObjectNode) selector);
            }
        }
        Set<JsonNode> out = identities(List.of());
        for (JsonNode element : array) {
            if (element.isObject() && (byValue.contains(element.get("value"))
                    || bySubAttributes.stream().anyMatch(s -> isSubset(s, (ObjectNode) element)))) {
                out.add(element);
            }
        }
        return out;
    }

    private static ArrayNode without(ArrayNode array, Set<JsonNode> removed) {
        ArrayNode kept = ScimJson.MAPPER.createArrayNode();
        for (JsonNode element : array) {
            if (!removed.contains(element)) {
                kept.add(element);
            }
        }
        return kept;
    }

    private static ScimException noMatch(ScimAttribute attribute, PatchPath target) {
        return ScimException.noTarget("No value of '" + attribute.name() + "' matches '" + PatchPath.shown(target.text()) + "'");
    }

    /** The value an {@code eq}-only filter describes, e.g. {@code {"type":"work"}}; noTarget for any other filter. */
    private static ObjectNode fromFilter(ScimAttribute attribute, PatchPath target) {
        Map<String, JsonNode> equalities = target.equalities();
        if (equalities == null) {
            throw noMatch(attribute, target);
        }
        ObjectNode created = ScimJson.object();
        for (Map.Entry<String, JsonNode> equality : equalities.entrySet()) {
            ScimAttribute sub = attribute.sub(equality.getKey()).orElseThrow();
            if (sub.isReadOnly()) {
                continue;
            }
            JsonNode v = AttributeValues.simple(sub, equality.getValue(), attribute.name() + "." + sub.name());
            if (v != null) {
                created.set(sub.name(), v);
            }
        }
        return created;
    }

    /**
     * Whether {@code value} is already among {@code array}'s values: for attributes whose
     * {@code value} identifies the value ({@code members}: an immutable id), the same
     * {@code value}; otherwise an existing value that has every sub-attribute given, equal.
     */
    private static boolean isPresent(ScimAttribute attribute, ArrayNode array, ObjectNode value) {
        boolean byValue = AttributeValues.valueIsIdentity(attribute);
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
        List<ObjectNode> madePrimary = touched.stream().filter(t -> AttributeValues.isTrue(t.get(primary))).toList();
        if (madePrimary.size() > 1) {
            throw ScimException.invalidValue("At most one value of '" + attribute.name() + "' may be primary");
        }
        if (madePrimary.size() == 1) {
            ObjectNode chosen = madePrimary.get(0);
            for (JsonNode element : array) {
                if (element != chosen && element.isObject() && AttributeValues.isTrue(element.get(primary))) {
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
}
