package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.schema.ScimAttribute;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Which values of a multi-valued attribute a PATCH path's value filter ({@code emails[type eq "work"]}) selects. */
final class ValueFilterMatcher {

    private ValueFilterMatcher() {
    }

    static List<ObjectNode> matches(ScimAttribute attribute, ArrayNode array, Filter filter) {
        Predicate<JsonNode> predicate = compile(attribute, filter);
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode element : array) {
            if (element.isObject() && predicate.test(element)) {
                out.add((ObjectNode) element);
            }
        }
        return out;
    }

    /**
     * Turns a (canonical) value filter into a test on one value. String equality, the filter Okta
     * and Entra send ({@code members[value eq "id"]}, {@code emails[type eq "work"]}), is decided
     * here: FilterEvaluator first tries to parse both strings as dates, throwing and catching two
     * exceptions per comparison, which made removing 1000 members of a group of 10000 take
     * minutes. Strings compare case-insensitively unless the sub-attribute is caseExact, as
     * FilterEvaluator does. Everything else goes to {@link FilterEvaluator}, which compares strings
     * case-insensitively (no sub-attribute of a multi-valued attribute in our schemas is caseExact).
     */
    private static Predicate<JsonNode> compile(ScimAttribute attribute, Filter filter) {
        switch (filter.getFilterType()) {
            case AND, OR -> {
                List<Predicate<JsonNode>> parts = new ArrayList<>();
                for (Filter part : filter.getCombinedFilters()) {
                    parts.add(compile(attribute, part));
                }
                boolean and = filter.getFilterType() == FilterType.AND;
                return element -> and ? parts.stream().allMatch(p -> p.test(element))
                        : parts.stream().anyMatch(p -> p.test(element));
            }
            case NOT -> {
                return compile(attribute, filter.getInvertedFilter()).negate();
            }
            case EQUAL -> {
                JsonNode expected = filter.getComparisonValue();
                if (expected == null || !expected.isTextual()) {
                    return element -> evaluateWithSdk(filter, element);
                }
                String name = filter.getAttributePath().getElement(0).getAttribute();
                String text = expected.textValue();
                boolean caseExact = attribute.sub(name).map(ScimAttribute::caseExact).orElse(false);
                return element -> {
                    JsonNode actual = element.get(name);
                    if (actual == null) {
                        return false;
                    }
                    if (!actual.isTextual()) {
                        return evaluateWithSdk(filter, element);
                    }
                    return caseExact ? actual.textValue().equals(text) : actual.textValue().equalsIgnoreCase(text);
                };
            }
            default -> {
                return element -> evaluateWithSdk(filter, element);
            }
        }
    }

    private static boolean evaluateWithSdk(Filter filter, JsonNode element) {
        try {
            return FilterEvaluator.evaluate(filter, element);
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            throw ScimException.invalidFilter("Cannot evaluate the value filter '" + filter + "': " + e.getMessage());
        } catch (RuntimeException e) {
            throw ScimException.invalidFilter("Cannot evaluate the value filter '" + filter + "'");
        }
    }
}
