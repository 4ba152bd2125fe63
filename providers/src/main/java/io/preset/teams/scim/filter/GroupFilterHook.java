package io.preset.teams.scim.filter;

import com.unboundid.scim2.common.filters.FilterType;

/**
 * Translates one condition on a user's {@code groups} into JPQL, for the Users filter translator ({@code scim.user.UserFilterTranslator}).
 * Without a hook the translator answers {@code invalidFilter} "filtering on groups is not supported".
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>The returned fragment is a JPQL boolean predicate that is true when the member has at least
 *       one group satisfying the condition. It is spliced into
 *       {@code select m, u, a from MemberEntity m join UserEntity u on u.id = m.userId
 *       left join ScimAccountEntity a on a.userId = m.userId where m.team = :team and (...)}: use
 *       {@code m.userId} (the Keycloak user id) and {@code m.team} (the TeamEntity) to correlate,
 *       typically {@code exists (select 1 from ... g where ...)}.</li>
 *   <li>It must never evaluate to SQL NULL (an {@code exists} is fine; guard nullable columns with
 *       {@code is not null}), because the translator negates it for {@code ne} and {@code not}.</li>
 *   <li>Subquery aliases must start with {@code g} ({@code g0}, {@code gm}, ...): the translator
 *       uses {@code v<n>} and the outer query {@code m}, {@code u}, {@code a}.</li>
 *   <li>Values go through {@link Params#bind(Object)} which returns the parameter reference to
 *       write (e.g. {@code :p7}); never concatenate values into the JPQL.</li>
 *   <li>Unsupported combinations throw
 *       {@link io.preset.teams.scim.protocol.ScimException#invalidFilter(String)}.</li>
 * </ul>
 * {@code groups[...]} value filters reach the hook as one condition each: the translator only accepts
 * a single comparison or an {@code or} of comparisons inside the brackets (each is then exactly
 * "some group satisfies it").
 */
@FunctionalInterface
public interface GroupFilterHook {

    /**
     * One condition on a group of the user.
     *
     * @param subAttribute {@code "value"} (the group's id; a bare {@code groups} comparison means its
     *                     value) or {@code "display"} (the group's displayName)
     * @param operator     {@code EQUAL}, {@code CONTAINS}, {@code STARTS_WITH}, {@code ENDS_WITH},
     *                     {@code GREATER_THAN}, {@code GREATER_OR_EQUAL}, {@code LESS_THAN},
     *                     {@code LESS_OR_EQUAL} or {@code PRESENT}; never {@code NOT_EQUAL}: the
     *                     translator writes {@code ne} as {@code not (eq)}. {@link Jpql#like} and
     *                     {@link Jpql#likePattern} build the substring operators.
     * @param value        the comparison value as the client sent it (letter case kept; numbers and
     *                     booleans in their string form); null for {@code PRESENT}
     */
    record Condition(String subAttribute, FilterType operator, String value) {
    }

    /** Binds values as uniquely named parameters of the query being built. */
    @FunctionalInterface
    interface Params {
        /** Registers {@code value} and returns the reference to write in JPQL, e.g. {@code :p7}. */
        String bind(Object value);
    }

    /** The JPQL predicate for {@code condition}; see the class comment for the rules. */
    String translate(Condition condition, Params params);
}
