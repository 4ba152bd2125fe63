package io.preset.teams.scim.user;

import com.unboundid.scim2.common.Path;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.schema.ScimResourceType.Resolved;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.Locale;
import java.util.Optional;

/**
 * The JPQL order of a Users list (RFC 7644 section 3.4.2.3), for the query of
 * {@link UserFilterTranslator} (alias {@code m}, the membership holding the team's own view). The order is
 * the list after {@code order by}, always ending in the stable tiebreak {@code m.createdAt, m.id} so that
 * pages never overlap; a profile value (names, email) is sorted on the first such value of the team's own
 * index rows, joined as {@code s}. Missing values sort last when ascending and first when descending, as
 * the RFC asks.
 */
public final class UserSortOrder {

    /** The order without sortBy: creation order. */
    public static final String DEFAULT = "m.createdAt, m.id";

    private UserSortOrder() {
    }

    /** The joins the order needs (empty, or one left join of an index row) and the list after {@code order by}. */
    public record Order(String join, String orderBy) {
    }

    /** Like {@link #orderBy}, with the join of the sorted index row when the order needs one. */
    public static Order of(String sortBy, String sortOrder) {
        String order = orderBy(sortBy, sortOrder);
        if (!order.startsWith("s.")) {
            return new Order("", order);
        }
        String[] row = switch (resolve(sortBy.trim()).dotted().toLowerCase(Locale.ROOT)) {
            case "name.givenname" -> new String[] {"name", "givenName"};
            case "name.familyname" -> new String[] {"name", "familyName"};
            default -> new String[] {"emails", "value"};
        };
        return new Order(" left join ScimValueEntity s on s.memberId = m.id and s.attr = '" + row[0]
                + "' and s.idx = 0 and s.sub = '" + row[1] + "'", order);
    }

    /**
     * @param sortBy    attribute path ({@code userName}, {@code name.familyName}, with or without schema
     *                  URN, any letter case); null or blank for the default order
     * @param sortOrder {@code ascending} (default) or {@code descending}, any letter case; null or blank
     *                  for ascending
     * @return e.g. {@code m.userNameNorm desc, m.createdAt, m.id} (without the {@code order by} keywords)
     * @throws ScimException invalidValue for an unknown or unsupported attribute or a bad sortOrder
     */
    public static String orderBy(String sortBy, String sortOrder) {
        boolean descending = descending(sortOrder);
        if (sortBy == null || sortBy.isBlank()) {
            return DEFAULT;
        }
        Resolved r = resolve(sortBy.trim());
        String column;
        boolean nullable;
        switch (r.dotted().toLowerCase(Locale.ROOT)) {
            case "id" -> { column = "m.userId"; nullable = false; }
            case "externalid" -> { column = "m.externalId"; nullable = true; }
            case "username" -> { column = "m.userNameNorm"; nullable = true; }
            case "name.givenname", "name.familyname", "emails", "emails.value" -> { column = "s.valueNorm"; nullable = true; }
            case "displayname" -> { column = "m.displayName"; nullable = true; }
            case "meta.created" -> { column = "m.createdAt"; nullable = false; }
            case "meta.lastmodified" -> { column = "m.lastModified"; nullable = false; }
            case "active" -> { column = "case when m.pending = true then m.requestedActive else m.active end"; nullable = false; }
            default -> throw ScimException.invalidValue("Sorting by " + sortBy.trim() + " is not supported");
        }
        if (r.extension()) {
            throw ScimException.invalidValue("Sorting by " + sortBy.trim() + " is not supported");
        }
        String order = column + (descending ? " desc" : " asc");
        if (nullable) {
            order += descending ? " nulls first" : " nulls last";
        }
        return column.equals("m.createdAt") ? order + ", m.id" : order + ", " + DEFAULT;
    }

    private static boolean descending(String sortOrder) {
        if (sortOrder == null || sortOrder.isBlank()) {
            return false;
        }
        return switch (sortOrder.trim().toLowerCase(Locale.ROOT)) {
            case "ascending" -> false;
            case "descending" -> true;
            default -> throw ScimException.invalidValue("sortOrder must be \"ascending\" or \"descending\"");
        };
    }

    private static Resolved resolve(String sortBy) {
        if (sortBy.length() > 512) {
            throw ScimException.invalidValue("Unknown sortBy attribute");
        }
        Path path;
        try {
            path = Path.fromString(sortBy);
        } catch (Exception e) {
            throw ScimException.invalidValue("Unknown sortBy attribute " + sortBy);
        }
        Optional<Resolved> r = Optional.empty();
        if (path.size() >= 1 && path.size() <= 2
                && path.getElement(0).getValueFilter() == null && path.getLastElement().getValueFilter() == null) {
            r = ScimResourceType.USER.resolve(path.getSchemaUrn(), path.getElement(0).getAttribute(),
                    path.size() == 2 ? path.getElement(1).getAttribute() : null);
        }
        return r.orElseThrow(() -> ScimException.invalidValue("Unknown sortBy attribute " + sortBy));
    }
}
