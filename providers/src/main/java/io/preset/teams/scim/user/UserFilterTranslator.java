package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;
import io.preset.teams.scim.filter.GroupFilterHook;
import io.preset.teams.scim.filter.Jpql;
import io.preset.teams.scim.filter.JpqlWhere;
import io.preset.teams.scim.filter.ScimFilters;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.schema.AttributeType;
import io.preset.teams.scim.schema.ScimAttribute;
import io.preset.teams.scim.schema.ScimResourceType.Resolved;
import io.preset.teams.scim.schema.ScimResourceType;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static com.unboundid.scim2.common.filters.FilterType.EQUAL;
import static com.unboundid.scim2.common.filters.FilterType.NOT_EQUAL;
import static com.unboundid.scim2.common.filters.FilterType.PRESENT;

/**
 * Translates a parsed SCIM filter on Users into a JPQL where-fragment, evaluated by the database.
 * The fragment plugs into
 * <pre>
 * select m from MemberEntity m where m.team = :team and (&lt;fragment&gt;)
 * </pre>
 *
 * <h2>Attribute mapping</h2>
 * <ul>
 *   <li>{@code id} → {@code m.userId}, {@code externalId} → {@code m.externalId} (case-exact);</li>
 *   <li>{@code userName} → {@code m.userNameNorm} (this team's spelling, lower-cased) against the lower-cased value;</li>
 *   <li>{@code active} → {@code m.active}: eq/ne/pr with a boolean;</li>
 *   <li>{@code meta.created}/{@code meta.lastModified} → {@code m.createdAt}/{@code m.lastModified}
 *       (epoch millis) against an RFC 3339 dateTime; {@code meta.resourceType} is the constant
 *       {@code "User"}; {@code meta.location}/{@code meta.version} are not filterable;</li>
 *   <li>{@code groups}, {@code groups.value}, {@code groups.display} → the {@link GroupFilterHook};</li>
 *   <li>{@code password} is never filterable;</li>
 *   <li>every other attribute of the User schema or the Enterprise extension → a row of the value
 *       index ({@link ScimValueEntity}) of this membership ({@code v.memberId = m.id}: only what this
 *       team sent, never another team's or the account's own values): {@code attr} is the canonical attribute name, or
 *       {@code enterprise:<name>} for the extension; {@code sub} the canonical sub-attribute or
 *       {@code "-"}. A complex attribute compared without sub-attribute means its {@code value}.
 *       Comparisons are case-insensitive on the lower-cased {@code valueNorm}.</li>
 * </ul>
 * {@code ne} is the negation of {@code eq} (a missing value is "not equal"); every fragment is
 * two-valued (never SQL NULL) so {@code not} negates it exactly. A comparison with {@code null} means
 * "not present" ({@code eq null}) or "present" ({@code ne null}). A value filter
 * {@code emails[type eq "work" and value co "@x.com"]} is true when one element (same {@code idx})
 * satisfies the whole inner filter.
 *
 * <p>One instance is stateless and may be shared; each {@link #translate} call numbers its own
 * parameters {@code p0, p1, ...} and subquery aliases {@code v0, v1, ...}.
 */
public final class UserFilterTranslator implements FilterVisitor<String, UserFilterTranslator.Context> {

    static final String TRUE = "1 = 1";
    static final String FALSE = "1 = 0";
    static final String ENTERPRISE_KEY_PREFIX = "enterprise:";

    private static final ScimAttribute META = ScimResourceType.META;

    private final GroupFilterHook groupHook;

    /** A translator without group filtering: filters on {@code groups} answer invalidFilter. */
    public UserFilterTranslator() {
        this(null);
    }

    /** @param groupHook translates conditions on {@code groups}; null to reject them */
    public UserFilterTranslator(GroupFilterHook groupHook) {
        this.groupHook = groupHook;
    }

    /** Parses ({@link ScimFilters#parse}) and translates {@code filter}. */
    public JpqlWhere translate(String filter) {
        return translate(ScimFilters.parse(filter));
    }

    /** Translates a parsed filter; any unsupported construct is a {@link ScimException#invalidFilter}. */
    public JpqlWhere translate(Filter filter) {
        ScimFilters.checkComplexity(filter);
        Context context = new Context(new State(), null);
        String jpql;
        try {
            jpql = filter.visit(this, context);
        } catch (com.unboundid.scim2.common.exceptions.ScimException e) {
            throw ScimException.invalidFilter(e.getMessage());
        }
        return new JpqlWhere(jpql, context.state.params);
    }

    // ---- visitor --------------------------------------------------------------------------------

    @Override
    public String visit(EqualFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(NotEqualFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(ContainsFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(StartsWithFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(EndsWithFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(PresentFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(GreaterThanFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(GreaterThanOrEqualFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(LessThanFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(LessThanOrEqualFilter filter, Context context) {
        return comparison(filter, context);
    }

    @Override
    public String visit(AndFilter filter, Context context) throws com.unboundid.scim2.common.exceptions.ScimException {
        return combine(filter.getCombinedFilters(), " and ", context);
    }

    @Override
    public String visit(OrFilter filter, Context context) throws com.unboundid.scim2.common.exceptions.ScimException {
        return combine(filter.getCombinedFilters(), " or ", context);
    }

    @Override
    public String visit(NotFilter filter, Context context) throws com.unboundid.scim2.common.exceptions.ScimException {
        return "not (" + filter.getInvertedFilter().visit(this, context) + ")";
    }

    @Override
    public String visit(ComplexValueFilter filter, Context context) throws com.unboundid.scim2.common.exceptions.ScimException {
        if (context.scope != null) {
            throw ScimException.invalidFilter("Value filters cannot be nested: " + filter);
        }
        Resolved r = resolve(filter.getAttributePath(), context);
        ScimAttribute attr = r.attribute();
        if (r.sub() != null || !attr.isComplex()) {
            throw ScimException.invalidFilter("'" + r.dotted() + "' is not a complex attribute: a value filter ([...]) "
                    + "does not apply to it");
        }
        if (!r.extension() && attr.name().equals("groups")) {
            return "(" + groupValueFilter(filter.getValueFilter(), context) + ")";
        }
        if (!attr.multiValued()) {
            // name, meta, enterprise manager: one element, so the inner filter is a plain filter on its sub-attributes
            return "(" + filter.getValueFilter().visit(this, new Context(context.state, new Scope(r, null))) + ")";
        }
        String alias = context.alias();
        String key = context.bind(key(r));
        Filter inner = filter.getValueFilter();
        List<Filter> parts = inner.getFilterType() == FilterType.AND ? inner.getCombinedFilters() : List.of(inner);
        int anchorPart = anchorPart(parts);
        if (anchorPart < 0) {
            String any = inner.visit(this, new Context(context.state, new Scope(r, alias)));
            return "exists (select 1 from ScimValueEntity " + alias + " where " + alias + ".memberId = m.id and "
                    + alias + ".attr = " + key + " and (" + any + "))";
        }
        // the element's row is the one its eq names (found by the value index, whatever the team's size); the other
        // conditions are rows of the same element. A positive condition is one more row joined in the same subquery,
        // not an exists nested in it: PostgreSQL estimated the nested form to match thousands of members, so a page
        // (order by ... limit) walked the whole team in order to find the one (71 ms against 0.2 ms at 100k members)
        String anchor = parts.get(anchorPart).visit(this, new Context(context.state, new Scope(r, alias, true, null)));
        List<String> joined = new ArrayList<>();
        StringBuilder others = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i != anchorPart) {
                List<String> joins = isPositiveComparison(parts.get(i)) ? joined : null;
                others.append(" and ").append(parts.get(i).visit(this, new Context(context.state, new Scope(r, alias, false, joins))));
            }
        }
        StringBuilder sb = new StringBuilder("exists (select 1 from ScimValueEntity ").append(alias);
        joined.forEach(v -> sb.append(", ScimValueEntity ").append(v));
        return sb.append(" where ").append(alias).append(".memberId = m.id and ").append(alias).append(".attr = ")
                .append(key).append(" and ").append(anchor).append(others).append(')').toString();
    }

    /** A comparison that holds when some row of the element matches it (so that row may be joined, not nested). */
    private static boolean isPositiveComparison(Filter f) {
        if (f.getAttributePath() == null || f.getAttributePath().size() != 1) {
            return false;
        }
        return switch (f.getFilterType()) {
            case PRESENT -> true;
            case EQUAL, CONTAINS, STARTS_WITH, ENDS_WITH, GREATER_THAN, GREATER_OR_EQUAL, LESS_THAN, LESS_OR_EQUAL ->
                    f.getComparisonValue() != null && !f.getComparisonValue().isNull();
            default -> false;
        };
    }

    /**
     * The conjunct of a value filter whose row anchors the element: an {@code eq} with a value, preferably on
     * {@code value} and never, if another exists, on the few-valued {@code type} or {@code primary}; -1 if none.
     */
    private static int anchorPart(List<Filter> parts) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < parts.size(); i++) {
            Filter f = parts.get(i);
            if (f.getFilterType() != EQUAL || f.getComparisonValue() == null || f.getComparisonValue().isNull()
                    || f.getAttributePath() == null || f.getAttributePath().size() != 1) {
                continue;
            }
            String sub = f.getAttributePath().getElement(0).getAttribute();
            int rank = sub.equalsIgnoreCase("value") ? 0 : sub.equalsIgnoreCase("type") || sub.equalsIgnoreCase("primary") ? 2 : 1;
            if (rank < bestRank) {
                best = i;
                bestRank = rank;
            }
        }
        return best;
    }

    private String combine(List<Filter> filters, String operator, Context context)
            throws com.unboundid.scim2.common.exceptions.ScimException {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) {
                sb.append(operator);
            }
            sb.append(filters.get(i).visit(this, context));
        }
        return sb.append(')').toString();
    }

    // ---- attribute resolution -------------------------------------------------------------------

    private static Resolved resolve(Path path, Context context) {
        if (path == null || path.size() == 0) {
            throw ScimException.invalidFilter("A filter expression has no attribute");
        }
        for (Path.Element e : path) {
            if (e.getValueFilter() != null) {
                throw ScimException.invalidFilter("Unsupported attribute path in filter: '" + path + "'");
            }
        }
        if (context.scope != null) {
            Resolved outer = context.scope.complex;
            Optional<ScimAttribute> sub = path.size() == 1 && path.getSchemaUrn() == null
                    ? outer.attribute().sub(path.getElement(0).getAttribute()) : Optional.empty();
            if (sub.isEmpty()) {
                throw ScimException.invalidFilter("Unknown attribute '" + outer.attribute().name() + "." + path
                        + "' in filter");
            }
            return new Resolved(outer.schema(), outer.extension(), outer.attribute(), sub.get());
        }
        Optional<Resolved> resolved = path.size() > 2 ? Optional.empty()
                : ScimResourceType.USER.resolve(path.getSchemaUrn(), path.getElement(0).getAttribute(),
                path.size() == 2 ? path.getElement(1).getAttribute() : null);
        return resolved.orElseThrow(() -> ScimException.invalidFilter("Unknown attribute '" + path + "' in filter"));
    }

    /** The value index key of an attribute: {@code title}, {@code emails}, {@code enterprise:department}. */
    static String key(Resolved r) {
        return r.extension() ? ENTERPRISE_KEY_PREFIX + r.attribute().name() : r.attribute().name();
    }

    private static String describe(Resolved r) {
        return (r.extension() ? ENTERPRISE_KEY_PREFIX : "") + r.dotted();
    }

    // ---- comparisons ----------------------------------------------------------------------------

    private String comparison(Filter filter, Context context) {
        Resolved r = resolve(filter.getAttributePath(), context);
        FilterType op = filter.getFilterType();
        return compare(r, op, op == PRESENT ? null : filter.getComparisonValue(), context);
    }

    private String compare(Resolved r, FilterType op, JsonNode value, Context c) {
        ScimAttribute attr = r.attribute();
        if ("never".equals(attr.returned()) || (r.sub() != null && "never".equals(r.sub().returned()))) {
            throw ScimException.invalidFilter("'" + describe(r) + "' is never filterable");
        }
        if (op != PRESENT && (value == null || value.isNull())) {
            if (op == EQUAL) {
                return "not (" + compare(r, PRESENT, null, c) + ")";
            }
            if (op == NOT_EQUAL) {
                return compare(r, PRESENT, null, c);
            }
            throw ScimException.invalidFilter("'" + describe(r) + "' can only be compared with null by eq or ne");
        }
        if (r.sub() == null && attr.isComplex()) {
            if (op == PRESENT) {
                return complexPresent(r, c);
            }
            Optional<ScimAttribute> valueSub = attr.sub("value");
            if (valueSub.isEmpty()) {
                throw ScimException.invalidFilter("'" + describe(r) + "' is complex: filter on one of its sub-attributes");
            }
            r = new Resolved(r.schema(), r.extension(), attr, valueSub.get());
        }
        if (c.scope != null && c.scope.anchor != null) {
            return values(r, op, value, c);
        }
        if (r.schema() == null) {
            return common(r, op, value, c);
        }
        if (!r.extension()) {
            String sub = r.sub() == null ? null : r.sub().name();
            switch (attr.name()) {
                case "userName":
                    return column(Column.USERNAME, op, value, r, c);
                case "active":
                    return active(op, value, r, c);
                case "groups":
                    return groups(r, op, value, c);
                default:
                    break;
            }
        }
        return values(r, op, value, c);
    }

    private String common(Resolved r, FilterType op, JsonNode value, Context c) {
        if (r.attribute() == ScimResourceType.ID) {
            return column(Column.ID, op, value, r, c);
        }
        if (r.attribute() == ScimResourceType.EXTERNAL_ID) {
            return column(Column.EXTERNAL_ID, op, value, r, c);
        }
        return switch (r.sub().name()) {
            case "created" -> dateColumn("m.createdAt", op, value, r, c);
            case "lastModified" -> dateColumn("m.lastModified", op, value, r, c);
            case "resourceType" -> constant(ScimResourceType.USER.name(), op, value, r);
            default -> throw ScimException.invalidFilter("'" + r.dotted() + "' is not filterable");
        };
    }

    /** {@code attr pr} for a complex attribute: any of its values is present. */
    private String complexPresent(Resolved r, Context c) {
        ScimAttribute attr = r.attribute();
        if (attr == META) {
            return TRUE;
        }
        if (!r.extension()) {
            switch (attr.name()) {
                case "groups":
                    return groups(r, PRESENT, null, c);
                default:
                    break;
            }
        }
        return exists(c, key(r), null, v -> v + ".valueNorm <> ''");
    }

    // ---- columns --------------------------------------------------------------------------------

    /**
     * A string column: {@code lowerColumn} compares {@code lower(column)}, {@code lowerValue}
     * lower-cases the value (both for case-insensitive attributes; only the value for userName).
     */
    private record Column(String name, boolean nullable, boolean lowerColumn, boolean lowerValue) {
        static final Column ID = new Column("m.userId", false, false, false);
        static final Column EXTERNAL_ID = new Column("m.externalId", true, false, false);
        static final Column USERNAME = new Column("m.userNameNorm", true, false, true);

        String expression() {
            return lowerColumn ? "lower(" + name + ")" : name;
        }

        String present() {
            return nullable ? "(" + name + " is not null and " + name + " <> '')" : name + " <> ''";
        }

        /** The two-valued predicate for {@code op} with the bound parameter {@code ref}. */
        String predicate(FilterType op, String ref) {
            if (op == PRESENT) {
                return present();
            }
            if (op == NOT_EQUAL) {
                return nullable ? "(" + name + " is null or " + test(expression(), op, ref) + ")"
                        : test(expression(), op, ref);
            }
            return nullable ? "(" + name + " is not null and " + test(expression(), op, ref) + ")"
                    : test(expression(), op, ref);
        }
    }

    private static String column(Column column, FilterType op, JsonNode value, Resolved r, Context c) {
        if (op == PRESENT) {
            return column.present();
        }
        String text = text(value, r);
        if (column.lowerValue) {
            text = lower(text);
        }
        return column.predicate(op, c.bind(parameterValue(op, text)));
    }

    /**
     * {@code active}: what SCIM shows, i.e. {@code m.active}, or while an invitation is pending the active state the
     * team asked for ({@code m.requestedActive}).
     */
    private static String active(FilterType op, JsonNode value, Resolved r, Context c) {
        if (op == PRESENT) {
            return TRUE;
        }
        if ((op != EQUAL && op != NOT_EQUAL) || !value.isBoolean()) {
            throw booleanOnly(r);
        }
        String ref = c.bind(value.booleanValue());
        String comparator = Jpql.comparator(op);
        return "((m.pending = false and m.active " + comparator + " " + ref + ") or (m.pending = true and m.requestedActive "
                + comparator + " " + ref + "))";
    }

    private static String dateColumn(String column, FilterType op, JsonNode value, Resolved r, Context c) {
        if (op == PRESENT) {
            return TRUE;
        }
        if (op == FilterType.CONTAINS || op == FilterType.STARTS_WITH || op == FilterType.ENDS_WITH) {
            throw ScimException.invalidFilter("'" + r.dotted() + "' is a dateTime: use eq, ne, gt, ge, lt, le or pr");
        }
        if (!value.isTextual()) {
            throw ScimException.invalidFilter("'" + r.dotted() + "' must be compared with an RFC 3339 dateTime string");
        }
        Instant instant = parseDateTime(value.textValue(), r);
        long millis;
        try {
            millis = instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw ScimException.invalidFilter("dateTime out of range: " + value.textValue());
        }
        if (instant.getNano() % 1_000_000 != 0) {
            // stored values have millisecond precision: no stored value equals a finer instant
            return switch (op) {
                case EQUAL -> FALSE;
                case NOT_EQUAL -> TRUE;
                case GREATER_THAN, GREATER_OR_EQUAL -> column + " > " + c.bind(millis);
                default -> column + " <= " + c.bind(millis);
            };
        }
        return column + " " + Jpql.comparator(op) + " " + c.bind(millis);
    }

    static Instant parseDateTime(String text, Resolved r) {
        String upper = text.trim().toUpperCase(Locale.ROOT);
        try {
            return OffsetDateTime.parse(upper, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // xsd:dateTime without offset: read as UTC
                return LocalDateTime.parse(upper, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ScimException.invalidFilter("'" + r.dotted() + "' must be compared with an RFC 3339 dateTime, "
                        + "not '" + text + "'");
            }
        }
    }

    /** {@code meta.resourceType}: every resource here is a "User" (case-exact), decided in the query text. */
    private static String constant(String actual, FilterType op, JsonNode value, Resolved r) {
        if (op == PRESENT) {
            return TRUE;
        }
        String v = text(value, r);
        boolean result = switch (op) {
            case EQUAL -> actual.equals(v);
            case NOT_EQUAL -> !actual.equals(v);
            case CONTAINS -> actual.contains(v);
            case STARTS_WITH -> actual.startsWith(v);
            case ENDS_WITH -> actual.endsWith(v);
            case GREATER_THAN -> actual.compareTo(v) > 0;
            case GREATER_OR_EQUAL -> actual.compareTo(v) >= 0;
            case LESS_THAN -> actual.compareTo(v) < 0;
            case LESS_OR_EQUAL -> actual.compareTo(v) <= 0;
            default -> throw new IllegalStateException(op.toString());
        };
        return result ? TRUE : FALSE;
    }

    // ---- the value index ------------------------------------------------------------------------

    private static String values(Resolved r, FilterType op, JsonNode value, Context c) {
        String attrKey = key(r);
        String sub = r.sub() == null ? ScimValueEntity.NO_SUB : r.sub().name();
        if (op == PRESENT) {
            return exists(c, attrKey, sub, v -> v + ".valueNorm <> ''");
        }
        String text;
        if (r.leaf().type() == AttributeType.BOOLEAN) {
            if ((op != EQUAL && op != NOT_EQUAL) || !value.isBoolean()) {
                throw booleanOnly(r);
            }
            text = value.booleanValue() ? "true" : "false";
        } else {
            text = lower(text(value, r));
            if (op != FilterType.CONTAINS && op != FilterType.ENDS_WITH && text.length() > ScimValueEntity.MAX_VALUE) {
                // the index keeps the first MAX_VALUE characters
                text = text.substring(0, ScimValueEntity.MAX_VALUE);
            }
        }
        Object parameter = parameterValue(op, text);
        if (c.scope != null && c.scope.anchorItself()) {
            String a = c.scope.anchor();
            return "(" + a + ".sub = " + c.bind(sub) + " and " + test(a + ".valueNorm", op, c.bind(parameter)) + ")";
        }
        if (op == NOT_EQUAL) {
            return "not " + exists(c, attrKey, sub, v -> test(v + ".valueNorm", EQUAL, c.bind(parameter)));
        }
        return exists(c, attrKey, sub, v -> test(v + ".valueNorm", op, c.bind(parameter)));
    }

    /**
     * {@code exists} a value row of {@code attrKey}/{@code sub} (any sub when null) satisfying
     * {@code condition} (given the row alias). Inside a multi-valued value filter the row belongs
     * to the anchor's element (same user, attribute and idx).
     */
    private static String exists(Context c, String attrKey, String sub, Function<String, String> condition) {
        String v = c.alias();
        StringBuilder sb = new StringBuilder();
        if (c.scope != null && c.scope.anchor != null) {
            String anchor = c.scope.anchor;
            sb.append(v).append(".memberId = ").append(anchor).append(".memberId and ")
                    .append(v).append(".attr = ").append(anchor).append(".attr and ")
                    .append(v).append(".idx = ").append(anchor).append(".idx");
        } else {
            sb.append(v).append(".memberId = m.id and ").append(v).append(".attr = ").append(c.bind(attrKey));
        }
        if (sub != null) {
            sb.append(" and ").append(v).append(".sub = ").append(c.bind(sub));
        }
        sb.append(" and ").append(condition.apply(v));
        if (c.scope != null && c.scope.joins != null) {
            c.scope.joins.add(v); // a row joined in the element's subquery
            return "(" + sb + ")";
        }
        return "exists (select 1 from ScimValueEntity " + v + " where " + sb + ")";
    }

    // ---- groups ---------------------------------------------------------------------------------

    private String groups(Resolved r, FilterType op, JsonNode value, Context c) {
        String sub = r.sub() == null ? "value" : r.sub().name();
        if (!sub.equals("value") && !sub.equals("display")) {
            throw ScimException.invalidFilter("'groups." + sub + "' is not filterable");
        }
        if (groupHook == null) {
            throw ScimException.invalidFilter("Filtering on groups is not supported");
        }
        if (op == NOT_EQUAL) {
            return "not " + callHook(sub, EQUAL, text(value, r), c);
        }
        return callHook(sub, op, op == PRESENT ? null : text(value, r), c);
    }

    private String callHook(String sub, FilterType op, String value, Context c) {
        String fragment = groupHook.translate(new GroupFilterHook.Condition(sub, op, value), c);
        if (fragment == null || fragment.isBlank()) {
            throw new IllegalStateException("GroupFilterHook returned no JPQL for " + sub + " " + op);
        }
        return "(" + fragment + ")";
    }

    /** {@code groups[...]}: comparisons joined by or, each "some group satisfies it". */
    private String groupValueFilter(Filter inner, Context c) {
        if (inner.getFilterType() == FilterType.OR) {
            StringBuilder sb = new StringBuilder("(");
            List<Filter> parts = inner.getCombinedFilters();
            for (int i = 0; i < parts.size(); i++) {
                sb.append(i > 0 ? " or " : "").append(groupValueFilter(parts.get(i), c));
            }
            return sb.append(')').toString();
        }
        FilterType op = inner.getFilterType();
        if (!(inner.isComparisonFilter() || inner.isPresentFilter()) || op == NOT_EQUAL
                || (op != PRESENT && (inner.getComparisonValue() == null || inner.getComparisonValue().isNull()))) {
            throw ScimException.invalidFilter("A groups[...] value filter supports only eq, co, sw, ew, gt, ge, lt, le "
                    + "and pr comparisons joined by or");
        }
        Path path = inner.getAttributePath();
        Optional<ScimAttribute> sub = path.size() == 1 && path.getSchemaUrn() == null
                ? ScimResourceType.USER.core().attribute("groups").flatMap(g -> g.sub(path.getElement(0).getAttribute()))
                : Optional.empty();
        if (sub.isEmpty()) {
            throw ScimException.invalidFilter("Unknown attribute 'groups." + path + "' in filter");
        }
        ScimAttribute groups = ScimResourceType.USER.core().attribute("groups").orElseThrow();
        return groups(new Resolved(ScimResourceType.USER.core().id(), false, groups, sub.get()), op,
                inner.getComparisonValue(), c);
    }

    // ---- values ---------------------------------------------------------------------------------

    /** The string form of a comparison value for a string attribute (numbers and booleans as text). */
    private static String text(JsonNode value, Resolved r) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw ScimException.invalidFilter("Unsupported comparison value for '" + describe(r) + "'");
    }

    private static Object parameterValue(FilterType op, String text) {
        return switch (op) {
            case CONTAINS, STARTS_WITH, ENDS_WITH -> Jpql.likePattern(op, text);
            default -> text;
        };
    }

    /** {@code expression op ref}, not null-guarded. */
    private static String test(String expression, FilterType op, String ref) {
        return switch (op) {
            case CONTAINS, STARTS_WITH, ENDS_WITH -> Jpql.like(expression, ref);
            default -> expression + " " + Jpql.comparator(op) + " " + ref;
        };
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static ScimException booleanOnly(Resolved r) {
        return ScimException.invalidFilter("'" + describe(r) + "' is a boolean: compare it with eq or ne to true or "
                + "false, or use pr");
    }

    // ---- state ----------------------------------------------------------------------------------

    /** Parameters and alias numbering of one translation. */
    private static final class State {
        final Map<String, Object> params = new LinkedHashMap<>();
        int aliases;
    }

    /**
     * Inside a value filter: the complex attribute, and for a multi-valued one the element's row alias; {@code joins}
     * (when not null) collects the aliases of rows to join in the element's subquery instead of nesting an exists.
     */
    private record Scope(Resolved complex, String anchor, boolean anchorItself, List<String> joins) {
        Scope(Resolved complex, String anchor) {
            this(complex, anchor, false, null);
        }
    }

    /** The visitor's context: the translation's parameters and the value-filter scope, if any. */
    public static final class Context implements GroupFilterHook.Params {
        private final State state;
        private final Scope scope;

        private Context(State state, Scope scope) {
            this.state = state;
            this.scope = scope;
        }

        @Override
        public String bind(Object value) {
            String name = "p" + state.params.size();
            state.params.put(name, value);
            return ":" + name;
        }

        String alias() {
            return "v" + state.aliases++;
        }
    }
}
