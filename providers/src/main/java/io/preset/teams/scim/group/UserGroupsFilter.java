package io.preset.teams.scim.group;

import io.preset.teams.scim.filter.GroupFilterHook;
import io.preset.teams.scim.filter.Jpql;

import java.util.Locale;

/**
 * User filters on {@code groups}, {@code groups.value} and {@code groups.display}: true when the user
 * is a direct member of one of this team's pushed groups that satisfies the condition. The group's
 * id compares case-exactly, its name (displayName) case-insensitively.
 */
public final class UserGroupsFilter implements GroupFilterHook {

    private static final String EXISTS = "exists (select 1 from ScimGroupEntity gsg, GroupEntity gg, UserGroupMembershipEntity gm"
            + " where gg.id = gsg.groupId and gm.groupId = gsg.groupId and gm.user.id = m.userId"
            + " and gsg.teamId = m.team.id";

    @Override
    public String translate(Condition condition, Params params) {
        boolean display = "display".equals(condition.subAttribute());
        String column = display ? "lower(gg.name)" : "gsg.groupId";
        String value = condition.value() == null ? null
                : display ? condition.value().toLowerCase(Locale.ROOT) : condition.value();
        String predicate = switch (condition.operator()) {
            case PRESENT -> "";
            case CONTAINS, STARTS_WITH, ENDS_WITH ->
                    " and " + Jpql.like(column, params.bind(Jpql.likePattern(condition.operator(), value)));
            default -> " and " + column + " " + Jpql.comparator(condition.operator()) + " " + params.bind(value);
        };
        return EXISTS + predicate + ")";
    }
}
