package io.preset.teams.scim.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code attributes} and {@code excludedAttributes} query parameters (RFC 7644 section 3.9).
 * {@code id} and {@code schemas} are always returned.
 */
public final class AttributeProjection {

    private record Target(String container, String attribute, String sub) {
    }

    private final List<Target> included;
    private final List<Target> excluded;

    private AttributeProjection(List<Target> included, List<Target> excluded) {
        this.included = included;
        this.excluded = excluded;
    }

    public static AttributeProjection of(ScimResourceType type, String attributes, String excludedAttributes) {
        return new AttributeProjection(parse(type, attributes), parse(type, excludedAttributes));
    }

    public boolean isIdentity() {
        return included.isEmpty() && excluded.isEmpty();
    }

    public ObjectNode apply(ObjectNode resource) {
        if (isIdentity()) {
            return resource;
        }
        ObjectNode out = resource.deepCopy();
        if (!included.isEmpty()) {
            keepOnly(out);
        }
        for (Target target : excluded) {
            ObjectNode container = container(out, target);
            if (container == null) {
                continue;
            }
            if (target.sub == null) {
                container.remove(target.attribute);
            } else {
                forEachElement(container.get(target.attribute), element -> element.remove(target.sub));
            }
        }
        return out;
    }

    private void keepOnly(ObjectNode out) {
        ObjectNode copy = out.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!key.equals("id") && !key.equals("schemas")) {
                it.remove();
            }
        }
        for (Target target : included) {
            ObjectNode source = container(copy, target);
            if (source == null || !source.has(target.attribute)) {
                continue;
            }
            ObjectNode destination = target.container == null ? out : out.with(target.container);
            JsonNode value = source.get(target.attribute);
            if (target.sub == null) {
                destination.set(target.attribute, value);
            } else {
                JsonNode existing = destination.get(target.attribute);
                JsonNode merged = merge(existing, value, target.sub);
                if (merged != null) {
                    destination.set(target.attribute, merged);
                }
            }
        }
    }

    /** Keeps only {@code sub} of {@code value} (object or array of objects), merged into what is kept already. */
    private static JsonNode merge(JsonNode existing, JsonNode value, String sub) {
        if (value.isObject()) {
            ObjectNode target = existing != null && existing.isObject() ? (ObjectNode) existing : ScimJson.object();
            if (value.has(sub)) {
                target.set(sub, value.get(sub));
            }
            return target;
        }
        if (value.isArray()) {
            var array = existing != null && existing.isArray() ? (com.fasterxml.jackson.databind.node.ArrayNode) existing
                    : ScimJson.MAPPER.createArrayNode();
            for (int i = 0; i < value.size(); i++) {
                ObjectNode element = i < array.size() && array.get(i).isObject() ? (ObjectNode) array.get(i) : null;
                if (element == null) {
                    element = ScimJson.object();
                    array.add(element);
                }
                if (value.get(i).has(sub)) {
                    element.set(sub, value.get(i).get(sub));
                }
            }
            return array;
        }
        return null;
    }

    private static ObjectNode container(ObjectNode resource, Target target) {
        if (target.container == null) {
            return resource;
        }
        JsonNode node = resource.get(target.container);
        return node != null && node.isObject() ? (ObjectNode) node : null;
    }

    private static void forEachElement(JsonNode node, java.util.function.Consumer<ObjectNode> action) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            action.accept((ObjectNode) node);
        } else if (node.isArray()) {
            node.forEach(e -> {
                if (e.isObject()) {
                    action.accept((ObjectNode) e);
                }
            });
        }
    }

    private static List<Target> parse(ScimResourceType type, String list) {
        List<Target> targets = new ArrayList<>();
        if (list == null || list.isBlank()) {
            return targets;
        }
        for (String item : list.split(",")) {
            String name = item.strip();
            if (name.isEmpty()) {
                continue;
            }
            Path path;
            try {
                path = Path.fromString(name);
            } catch (BadRequestException | RuntimeException e) {
                throw ScimException.invalidValue("Invalid attribute name '" + name + "'");
            }
            if (path.size() == 0 || path.size() > 2 || path.getElement(0).getValueFilter() != null) {
                throw ScimException.invalidValue("Invalid attribute name '" + name + "'");
            }
            String sub = path.size() == 2 ? path.getElement(1).getAttribute() : null;
            ScimResourceType.Resolved resolved = type.resolve(path.getSchemaUrn(), path.getElement(0).getAttribute(), sub)
                    .orElseThrow(() -> ScimException.invalidValue("Unknown attribute '" + name + "'"));
            String container = resolved.extension() ? resolved.schema() : null;
            targets.add(new Target(container, resolved.attribute().name(), resolved.sub() == null ? null : resolved.sub().name()));
        }
        return targets;
    }
}
