package io.preset.teams.scim.filter;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.preset.teams.scim.protocol.ScimException;

import java.util.Locale;
import java.util.Set;

/**
 * The cost model of a list filter: each comparison weighs what it makes the database do, and a filter over the
 * budget ({@value #DEFAULT_BUDGET} by default) is refused with {@code 400 invalidFilter} before any query runs.
 * The length, nesting and term limits of {@link ScimFilters} bound the text; this bounds the work, which grows
 * with the team's size for every term that cannot use an index.
 *
 * <p>Weights (the same for Users and Groups):
 * <ul>
 *   <li>a column of the member or group row ({@code id}, {@code externalId}, {@code userName}, {@code active},
 *       {@code displayName} of a group, {@code meta.*}): {@value #COLUMN} per comparison, {@value #COLUMN_SCAN} for
 *       {@code co}/{@code ew} (a scan of the team's narrow rows);</li>
 *   <li>any other attribute (the per-member value index, group members): {@code eq} {@value #INDEX_EQ},
 *       {@code sw} {@value #INDEX_PREFIX} (a prefix range of the index), {@code ne}/{@code pr} and ranges
 *       {@value #INDEX_RANGE}, {@code co}/{@code ew} {@value #SCAN} (no index applies: every value of the attribute
 *       in the team is read);</li>
 *   <li>a value path {@code attr[...]}: {@value #VALUE_PATH} plus its inner filter; {@code not}: its filter plus
 *       {@value #NOT}; {@code and}/{@code or}: the sum of their parts.</li>
 * </ul>
 * So one value-path {@code co} filter costs 17 and Okta's and Entra's lookups ({@code userName eq},
 * {@code externalId eq}, {@code emails[type eq "work"].value eq}) cost 1 to 9, while eight value-path {@code co}
 * terms or-ed together (136) are refused.
 */
public final class FilterCost {

    public static final int DEFAULT_BUDGET = 100;
    static final int COLUMN = 1;
    static final int COLUMN_SCAN = 4;
    static final int INDEX_EQ = 2;
    static final int INDEX_PREFIX = 3;
    static final int INDEX_RANGE = 4;
    static final int SCAN = 10;
    static final int VALUE_PATH = 5;
    static final int NOT = 1;

    /** Users: what lives on the membership row. */
    public static final FilterCost USERS = new FilterCost("User",
            Set.of("id", "externalid", "username", "active", "meta.created", "meta.lastmodified", "meta.resourcetype"));
    /** Groups: what lives on the pushed-group row and Keycloak's group row. */
    public static final FilterCost GROUPS = new FilterCost("Group",
            Set.of("id", "externalid", "displayname", "meta.created", "meta.lastmodified", "meta.resourcetype"));

    private static volatile int budget = DEFAULT_BUDGET;

    private final String resource;
    private final Set<String> columns;

    private FilterCost(String resource, Set<String> columns) {
        this.resource = resource;
        this.columns = columns;
    }

    /** The budget for every filter of this node (SPI option {@code filter-cost-budget}); 0 or less: no budget. */
    public static void configure(int newBudget) {
        budget = newBudget;
    }

    public static int budget() {
        return budget;
    }

    /** Refuses {@code filter} when it costs more than the budget, naming its cost and the weights that add up. */
    public void check(Filter filter) {
        int limit = budget;
        if (limit <= 0) {
            return;
        }
        int cost = of(filter);
        if (cost > limit) {
            throw ScimException.invalidFilter("The filter is too costly for one request: it weighs " + cost
                    + ", the limit is " + limit + ". Each co or ew on a multi-valued, extension or group attribute weighs "
                    + SCAN + ", eq " + INDEX_EQ + ", sw " + INDEX_PREFIX + ", a value path [...] " + VALUE_PATH
                    + " more; an eq on userName, externalId or id weighs " + COLUMN
                    + ". Use eq or sw, or split the filter into several requests");
        }
    }

    /** The cost of {@code filter} under the weights above. */
    public int of(Filter filter) {
        return cost(filter, false);
    }

    private int cost(Filter filter, boolean inValuePath) {
        if (filter.isCombiningFilter()) {
            int sum = 0;
            for (Filter part : filter.getCombinedFilters()) {
                sum = saturatedAdd(sum, cost(part, inValuePath));
            }
            return sum;
        }
        if (filter.isNotFilter()) {
            return saturatedAdd(cost(filter.getInvertedFilter(), inValuePath), NOT);
        }
        if (filter.isComplexValueFilter()) {
            return saturatedAdd(VALUE_PATH, cost(filter.getValueFilter(), true));
        }
        FilterType op = filter.getFilterType();
        boolean column = !inValuePath && columns.contains(name(filter.getAttributePath()));
        return switch (op) {
            case CONTAINS, ENDS_WITH -> column ? COLUMN_SCAN : SCAN;
            case STARTS_WITH -> column ? COLUMN : INDEX_PREFIX;
            case EQUAL -> column ? COLUMN : INDEX_EQ;
            default -> column ? COLUMN : INDEX_RANGE;
        };
    }

    /** {@code name}, {@code name.sub} of a path without its schema URN, lower-cased. */
    private static String name(Path path) {
        if (path == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Path.Element e : path) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(e.getAttribute());
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static int saturatedAdd(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
    }

    @Override
    public String toString() {
        return "FilterCost[" + resource + "]";
    }
}
