package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.filters.Filter;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.scim.request.ScimRequest;
import io.preset.teams.scim.filter.FilterCost;
import io.preset.teams.scim.filter.JpqlWhere;
import io.preset.teams.scim.filter.ScimFilters;
import io.preset.teams.scim.limit.ListQueries;
import io.preset.teams.scim.schema.AttributeProjection;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.protocol.ScimPaging;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import jakarta.persistence.TypedQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads of a team's pushed groups, done by the database: the list (filter, sort, paging: one count
 * and one page query) and member lists, read in pages of {@value #MEMBER_PAGE} rows.
 */
public class GroupQuery {

    static final int MEMBER_PAGE = 1000;

    private static final String FROM = " from ScimGroupEntity sg join GroupEntity g on g.id = sg.groupId"
            + " where sg.teamId = :teamId";

    /** Members of the given groups that are members of the team, displayed with this team's own userName. */
    private static final String MEMBERS = "select ugm.groupId, u.id, coalesce(m.userName, u.username)"
            + " from UserGroupMembershipEntity ugm join ugm.user u"
            + " join MemberEntity m on m.userId = u.id"
            + " where m.team = :team and ugm.groupId in :groupIds"
            + " order by ugm.groupId, u.username, u.id";

    private final ScimRequest request;

    public GroupQuery(ScimRequest request) {
        this.request = request;
    }

    public ObjectNode list(String filter, ScimPaging paging, String sortBy, String sortOrder, AttributeProjection projection,
                           boolean withMembers) {
        JpqlWhere where = null;
        if (filter != null && !filter.isBlank()) {
            Filter parsed = ScimFilters.parse(filter);
            FilterCost.GROUPS.check(parsed);
            where = new GroupFilterTranslator().translate(parsed);
        }
        String condition = where == null ? "" : " and " + where.jpql();
        EntityManager em = em();
        ListQueries limits = ListQueries.forList(em, request.realm(), request.team());

        TypedQuery<Long> count = limits.bound(em.createQuery("select count(sg)" + FROM + condition, Long.class));
        bind(count, where);
        long total = count.getSingleResult();

        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimJson.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("startIndex", paging.startIndex());
        ArrayNode resources = list.putArray("Resources");
        if (paging.count() > 0 && total >= paging.startIndex()) {
            TypedQuery<Object[]> page = limits.bound(em.createQuery("select sg, g.name" + FROM + condition + " order by "
                    + orderBy(sortBy, sortOrder), Object[].class));
            bind(page, where);
            page.setFirstResult(paging.startIndex() - 1).setMaxResults(paging.count());
            List<Object[]> rows = page.getResultList();
            Map<String, List<GroupRepresentation.Member>> members = withMembers
                    ? members(rows.stream().map(r -> ((ScimGroupEntity) r[0]).getGroupId()).toList())
                    : Map.of();
            for (Object[] row : rows) {
                ScimGroupEntity entity = (ScimGroupEntity) row[0];
                ObjectNode resource = GroupRepresentation.build(entity, (String) row[1],
                        withMembers ? members.getOrDefault(entity.getGroupId(), List.of()) : null,
                        request.location("/Groups", entity.getGroupId()), id -> request.location("/Users", id));
                resources.add(projection.apply(resource));
            }
        }
        list.put("itemsPerPage", resources.size());
        return list;
    }

    /** Whether the group has more than {@code limit} members of this team: reads at most {@code limit + 1} rows, unsorted. */
    public boolean hasMoreMembersThan(String groupId, int limit) {
        return em().createQuery("select ugm.user.id from UserGroupMembershipEntity ugm, MemberEntity m"
                        + " where ugm.groupId = :groupId and m.userId = ugm.user.id and m.team = :team", String.class)
                .setParameter("groupId", groupId).setParameter("team", request.team())
                .setMaxResults(limit + 1).getResultList().size() > limit;
    }

    /** Members (of this team) of the given groups, read in database pages. */
    public Map<String, List<GroupRepresentation.Member>> members(List<String> groupIds) {
        Map<String, List<GroupRepresentation.Member>> out = new HashMap<>();
        if (groupIds.isEmpty()) {
            return out;
        }
        for (int first = 0; ; first += MEMBER_PAGE) {
            List<Object[]> rows = em().createQuery(MEMBERS, Object[].class)
                    .setParameter("team", request.team()).setParameter("groupIds", groupIds)
                    .setFirstResult(first).setMaxResults(MEMBER_PAGE).getResultList();
            for (Object[] row : rows) {
                out.computeIfAbsent((String) row[0], g -> new ArrayList<>())
                        .add(new GroupRepresentation.Member((String) row[1], (String) row[2]));
            }
            if (rows.size() < MEMBER_PAGE) {
                return out;
            }
        }
    }

    private static String orderBy(String sortBy, String sortOrder) {
        String direction = sortOrder == null || sortOrder.isBlank() || sortOrder.strip().equalsIgnoreCase("ascending")
                ? "asc" : sortOrder.strip().equalsIgnoreCase("descending") ? "desc" : null;
        if (direction == null) {
            throw ScimException.invalidValue("sortOrder must be 'ascending' or 'descending'");
        }
        if (sortBy == null || sortBy.isBlank()) {
            return "sg.createdAt, sg.groupId";
        }
        String key = sortBy.strip();
        int colon = key.lastIndexOf(':');
        if (colon >= 0 && key.toLowerCase(Locale.ROOT).startsWith(ScimJson.CORE_GROUP.toLowerCase(Locale.ROOT))) {
            key = key.substring(colon + 1);
        }
        String column = switch (key.toLowerCase(Locale.ROOT)) {
            case "displayname" -> "lower(g.name)";
            case "externalid" -> "sg.externalId";
            case "id" -> "sg.groupId";
            case "meta.created" -> "sg.createdAt";
            case "meta.lastmodified" -> "sg.lastModified";
            default -> throw ScimException.invalidValue("Groups cannot be sorted by '" + sortBy + "'");
        };
        return column + " " + direction + ", sg.groupId " + direction;
    }

    private void bind(TypedQuery<?> query, JpqlWhere where) {
        query.setParameter("teamId", request.team().getId());
        if (where != null) {
            where.params().forEach(query::setParameter);
        }
    }

    private EntityManager em() {
        return request.session().getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
