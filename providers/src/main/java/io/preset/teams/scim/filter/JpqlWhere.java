package io.preset.teams.scim.filter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JPQL boolean fragment and its named parameters, produced by a filter translator (of Users in
 * {@code scim.user}, of Groups in {@code scim.group}). The fragment never evaluates to SQL NULL, so it
 * may be negated or combined freely.
 * Parameter names ({@code p0}, {@code p1}, ...) are unique within one fragment; the caller's own
 * parameters must not use the {@code p<digits>} shape.
 */
public record JpqlWhere(String jpql, Map<String, Object> params) {

    private static final JpqlWhere ALL = new JpqlWhere("1 = 1", Map.of());

    public JpqlWhere {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The fragment that matches every row, for a request without filter. */
    public static JpqlWhere all() {
        return ALL;
    }
}
