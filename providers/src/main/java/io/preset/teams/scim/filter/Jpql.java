package io.preset.teams.scim.filter;

import com.unboundid.scim2.common.filters.FilterType;

/**
 * Small JPQL helpers shared by the translator and by {@link GroupFilterHook} implementations.
 * LIKE patterns escape with {@code '!'}, which H2, PostgreSQL, MySQL/MariaDB, Oracle and SQL Server
 * all accept in {@code like ... escape '!'}.
 */
public final class Jpql {

    /** The LIKE escape character. */
    public static final char LIKE_ESCAPE = '!';

    private Jpql() {
    }

    /** {@code <expression> like <param> escape '!'}. */
    public static String like(String expression, String paramRef) {
        return expression + " like " + paramRef + " escape '" + LIKE_ESCAPE + "'";
    }

    /**
     * The LIKE pattern for a SCIM substring operator: {@code co} → {@code %v%}, {@code sw} →
     * {@code v%}, {@code ew} → {@code %v}, with {@code %}, {@code _} and {@code !} in {@code value}
     * escaped.
     */
    public static String likePattern(FilterType operator, String value) {
        String escaped = escapeLike(value);
        return switch (operator) {
            case CONTAINS -> "%" + escaped + "%";
            case STARTS_WITH -> escaped + "%";
            case ENDS_WITH -> "%" + escaped;
            default -> throw new IllegalArgumentException("not a substring operator: " + operator);
        };
    }

    /** Escapes the LIKE wildcards and the escape character itself. */
    public static String escapeLike(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == LIKE_ESCAPE || c == '%' || c == '_') {
                sb.append(LIKE_ESCAPE);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /**
     * The JPQL comparison operator for an ordering or equality filter type ({@code =}, {@code <>},
     * {@code >}, {@code >=}, {@code <}, {@code <=}).
     */
    public static String comparator(FilterType operator) {
        return switch (operator) {
            case EQUAL -> "=";
            case NOT_EQUAL -> "<>";
            case GREATER_THAN -> ">";
            case GREATER_OR_EQUAL -> ">=";
            case LESS_THAN -> "<";
            case LESS_OR_EQUAL -> "<=";
            default -> throw new IllegalArgumentException("not a comparison operator: " + operator);
        };
    }
}
