package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.preset.teams.scim.filter.JpqlWhere;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a group filter to JPQL over {@code sg} (ScimGroupEntity) and {@code g} (Keycloak's
 * GroupEntity): {@code eq} and {@code ne} on {@code displayName} (case-insensitive), {@code externalId}
 * and {@code id} (case-exact), combined with {@code and}, {@code or} and {@code not}. Anything else is
 * 400 invalidFilter. Fragments never evaluate to SQL NULL, so negation is safe.
 */
final class GroupFilterTranslator {

    private final Map<String, Object> params = new LinkedHashMap<>();

    JpqlWhere translate(Filter filter) {
        String jpql = visit(filter);
        return new JpqlWhere(jpql, params);
    }

    private String visit(Filter filter) {
        FilterType type = filter.getFilterType();
        switch (type) {
            case AND, OR -> {
                StringBuilder sb = new StringBuilder("(");
                String joiner = type == FilterType.AND ? " and " : " or ";
                boolean first = true;
                for (Filter part : filter.getCombinedFilters()) {
                    if (!first) {
                        sb.append(joiner);
                    }
                    sb.append(visit(part));
                    first = false;
                }
                return sb.append(")").toString();
            }
            case NOT -> {
                return "not (" + visit(filter.getInvertedFilter()) + ")";
            }
            case EQUAL -> {
                return equal(filter);
            }
            case NOT_EQUAL -> {
                return "not (" + equal(filter) + ")";
            }
            default -> throw ScimException.invalidFilter("Groups can be filtered with eq and ne on displayName, "
                    + "externalId and id; '" + type.name().toLowerCase(Locale.ROOT) + "' is not supported");
        }
    }

    private String equal(Filter filter) {
        String attribute = attribute(filter.getAttributePath());
        ValueNode value = filter.getComparisonValue();
        if (value == null || value.isNull()) {
            return switch (attribute) {
                case "externalid" -> "sg.externalId is null";
                default -> "1 = 0";
            };
        }
        String text = value.asText();
        return switch (attribute) {
            case "displayname" -> "lower(g.name) = " + bind(text.toLowerCase(Locale.ROOT));
            case "externalid" -> "(sg.externalId is not null and sg.externalId = " + bind(text) + ")";
            case "id" -> "sg.groupId = " + bind(text);
            default -> throw new IllegalStateException(attribute);
        };
    }

    private static String attribute(Path path) {
        if (path == null || path.size() != 1 || path.getElement(0).getValueFilter() != null
                || (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(ScimJson.CORE_GROUP))) {
            throw ScimException.invalidFilter("Groups can be filtered on displayName, externalId and id only");
        }
        String name = path.getElement(0).getAttribute().toLowerCase(Locale.ROOT);
        if (!name.equals("displayname") && !name.equals("externalid") && !name.equals("id")) {
            throw ScimException.invalidFilter("Groups can be filtered on displayName, externalId and id only, not '"
                    + path.getElement(0).getAttribute() + "'");
        }
        return name;
    }

    private String bind(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return ":" + name;
    }
}
