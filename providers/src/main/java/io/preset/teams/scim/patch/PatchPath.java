package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.schema.AttributeType;
import io.preset.teams.scim.schema.ResourceSchema;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A PATCH target path resolved against a resource type's schemas. Exactly one of {@code resolved}
 * and {@code wholeExtension} is set: the latter when the path is an extension schema's URN alone
 * (the whole extension object). {@code filter} is the value filter of {@code attr[filter]} or
 * {@code attr[filter].sub}, rewritten to canonical sub-attribute names so that
 * {@link com.unboundid.scim2.common.utils.FilterEvaluator} (which matches JSON keys exactly) finds them.
 */
record PatchPath(String text, ScimResourceType.Resolved resolved, Filter filter, ResourceSchema wholeExtension) {

    enum Shape {
        /** A singular simple attribute: {@code userName}, {@code urn:..:enterprise:2.0:User:department}. */
        SIMPLE,
        /** A singular complex attribute: {@code name}, {@code urn:..:enterprise:2.0:User:manager}. */
        COMPLEX,
        /** A sub-attribute of a singular complex attribute: {@code name.givenName}. */
        COMPLEX_SUB,
        /** A multi-valued attribute: {@code emails}, {@code members}. */
        MULTI,
        /** A sub-attribute of every value of a multi-valued attribute: {@code emails.type}. */
        MULTI_SUB,
        /** The values of a multi-valued attribute that match a filter: {@code emails[type eq "work"]}. */
        FILTER,
        /** A sub-attribute of the matching values: {@code emails[type eq "work"].value}. */
        FILTER_SUB,
        /** A whole extension object: {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}. */
        EXTENSION
    }

    Shape shape() {
        if (wholeExtension != null) {
            return Shape.EXTENSION;
        }
        ScimAttribute attribute = resolved.attribute();
        if (filter != null) {
            return resolved.sub() == null ? Shape.FILTER : Shape.FILTER_SUB;
        }
        if (resolved.sub() != null) {
            return attribute.multiValued() ? Shape.MULTI_SUB : Shape.COMPLEX_SUB;
        }
        if (attribute.multiValued()) {
            return Shape.MULTI;
        }
        return attribute.isComplex() ? Shape.COMPLEX : Shape.SIMPLE;
    }

    /**
     * Parses and resolves {@code text}; every problem is a {@link ScimException} with scimType
     * {@code invalidPath}.
     */
    static PatchPath parse(ScimResourceType type, String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw ScimException.invalidPath("The path is empty");
        }
        for (ResourceSchema extension : type.extensions()) {
            if (extension.id().equalsIgnoreCase(trimmed)) {
                return new PatchPath(text, null, null, extension);
            }
        }
        Path path;
        try {
            path = Path.fromString(trimmed);
        } catch (BadRequestException e) {
            throw ScimException.invalidPath("Invalid path '" + shown(text) + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw ScimException.invalidPath("Invalid path '" + shown(text) + "'");
        }
        if (path.isRoot()) {
            throw ScimException.invalidPath("Invalid path '" + shown(text) + "'");
        }
        if (path.size() > 2) {
            throw ScimException.invalidPath("Path '" + shown(text) + "' is nested too deeply: at most attribute.subAttribute");
        }
        Path.Element first = path.getElement(0);
        Path.Element second = path.size() == 2 ? path.getElement(1) : null;
        if (second != null && second.getValueFilter() != null) {
            throw ScimException.invalidPath("Path '" + shown(text) + "': a value filter may only follow the attribute");
        }
        String attributeName = first.getAttribute();
        String subName = second == null ? null : second.getAttribute();
        if (attributeName == null || attributeName.isEmpty() || (second != null && (subName == null || subName.isEmpty()))) {
            throw ScimException.invalidPath("Invalid path '" + shown(text) + "'");
        }
        ScimResourceType.Resolved resolved = type.resolve(path.getSchemaUrn(), attributeName, subName)
                .orElseThrow(() -> ScimException.invalidPath("Unknown attribute '" + shown(text) + "' for resource type "
                        + type.name()));
        Filter filter = first.getValueFilter();
        if (filter != null) {
            ScimAttribute attribute = resolved.attribute();
            if (!attribute.multiValued() || !attribute.isComplex()) {
                throw ScimException.invalidPath("Path '" + shown(text) + "': a value filter needs a multi-valued complex attribute");
            }
            filter = canonical(filter, attribute, text);
        }
        return new PatchPath(text, resolved, filter, null);
    }

    /** The path as shown in an error message: clipped, as it comes from the client. */
    static String shown(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    /** Rewrites a value filter to the canonical names of {@code attribute}'s sub-attributes, validating them. */
    private static Filter canonical(Filter filter, ScimAttribute attribute, String text) {
        FilterType filterType = filter.getFilterType();
        switch (filterType) {
            case AND, OR -> {
                List<Filter> parts = new ArrayList<>();
                for (Filter part : filter.getCombinedFilters()) {
                    parts.add(canonical(part, attribute, text));
                }
                return filterType == FilterType.AND ? Filter.and(parts) : Filter.or(parts);
            }
            case NOT -> {
                return Filter.not(canonical(filter.getInvertedFilter(), attribute, text));
            }
            case COMPLEX_VALUE -> throw ScimException.invalidPath("Path '" + shown(text) + "': nested value filters are not supported");
            case PRESENT -> {
                return Filter.pr(canonicalPath(filter.getAttributePath(), attribute, text));
            }
            default -> {
                ScimAttribute sub = subOf(filter.getAttributePath(), attribute, text);
                Path path = Path.root().attribute(sub.name());
                ValueNode value = comparisonValue(sub, filter.getComparisonValue());
                return switch (filterType) {
                    case EQUAL -> Filter.eq(path, value);
                    case NOT_EQUAL -> Filter.ne(path, value);
                    case CONTAINS -> Filter.co(path, value);
                    case STARTS_WITH -> Filter.sw(path, value);
                    case ENDS_WITH -> Filter.ew(path, value);
                    case GREATER_THAN -> Filter.gt(path, value);
                    case GREATER_OR_EQUAL -> Filter.ge(path, value);
                    case LESS_THAN -> Filter.lt(path, value);
                    case LESS_OR_EQUAL -> Filter.le(path, value);
                    default -> throw ScimException.invalidPath("Path '" + shown(text) + "': unsupported filter");
                };
            }
        }
    }

    /** Entra-style {@code primary eq "True"}: compare booleans as booleans. */
    private static ValueNode comparisonValue(ScimAttribute sub, ValueNode value) {
        if (sub.type() == AttributeType.BOOLEAN && value != null && value.isTextual()) {
            String text = value.textValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return BooleanNode.valueOf(text.equals("true"));
            }
        }
        return value;
    }

    private static Path canonicalPath(Path path, ScimAttribute attribute, String text) {
        return Path.root().attribute(subOf(path, attribute, text).name());
    }

    private static ScimAttribute subOf(Path path, ScimAttribute attribute, String text) {
        if (path == null || path.getSchemaUrn() != null || path.size() != 1 || path.getElement(0).getValueFilter() != null) {
            throw ScimException.invalidPath("Path '" + shown(text) + "': a value filter may only name sub-attributes of "
                    + attribute.name());
        }
        String name = path.getElement(0).getAttribute();
        return attribute.sub(name).orElseThrow(() -> ScimException.invalidPath("Path '" + shown(text) + "': '" + name
                + "' is not a sub-attribute of " + attribute.name()));
    }

    /**
     * The sub-attribute values a filter pins down when it is {@code a eq v} or an {@code and} of
     * such comparisons (e.g. {@code type eq "work"}), or null for any other filter. Used to create
     * the value an Entra-style {@code emails[type eq "work"].value} add/replace targets when no
     * value matches yet.
     */
    Map<String, JsonNode> equalities() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        return collectEqualities(filter, out) ? out : null;
    }

    private static boolean collectEqualities(Filter filter, Map<String, JsonNode> out) {
        if (filter == null) {
            return false;
        }
        if (filter.getFilterType() == FilterType.AND) {
            for (Filter part : filter.getCombinedFilters()) {
                if (!collectEqualities(part, out)) {
                    return false;
                }
            }
            return true;
        }
        if (filter.getFilterType() == FilterType.EQUAL) {
            ValueNode value = filter.getComparisonValue();
            if (value == null || value.isNull()) {
                return false;
            }
            String name = filter.getAttributePath().getElement(0).getAttribute();
            JsonNode previous = out.putIfAbsent(name, value);
            return previous == null || previous.equals(value);
        }
        return false;
    }
}
