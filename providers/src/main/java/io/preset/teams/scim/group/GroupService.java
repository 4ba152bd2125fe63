package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.auth.AdminRevocation;
import io.preset.teams.forward.ForwardTracker;
import io.preset.teams.group.ScimGroupEntity;
import io.preset.teams.group.TeamGroupStore;
import io.preset.teams.scim.request.ScimRequest;
import io.preset.teams.scim.patch.PatchEngine;
import io.preset.teams.scim.patch.PatchOp;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimFields;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.ScimResourceType;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamEntity;
import io.preset.teams.team.TeamRole;
import org.keycloak.models.GroupModel;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The team semantics of SCIM Groups (docs/scim.md, "Groups"): a pushed group is a Keycloak
 * group of the team, its members must be members of the team, and every member change costs what it
 * changes, never the size of the group.
 */
public class GroupService {

    /** Who joined and who left in one request, for admin events. */
    public record Changes(List<String> joined, List<String> left) {
        boolean isEmpty() {
            return joined.isEmpty() && left.isEmpty();
        }
    }

    private final ScimRequest request;
    private final TeamEntity team;
    private final TeamGroupStore groups;
    private final List<String> joined = new ArrayList<>();
    private final List<String> left = new ArrayList<>();

    public GroupService(ScimRequest request) {
        this.request = request;
        this.team = request.team();
        this.groups = new TeamGroupStore(request.session(), request.realm());
    }

    public Changes changes() {
        return new Changes(List.copyOf(joined), List.copyOf(left));
    }

    public ScimGroupEntity entity(String groupId) {
        return groups.find(team, groupId).orElseThrow(() -> ScimException.notFound("Group '" + groupId + "' not found"));
    }

    /**
     * The answer to a PATCH that names no attributes: the whole group while it has at most {@code limit} members
     * (Okta's conformance run expects {@code 200} with {@code "members": []} once a group is empty), else null for
     * {@code 204 No Content}, which RFC 7644 section 3.5.2 allows and Okta and Entra accept, so that the cost of a
     * PATCH does not grow with the group.
     */
    public ObjectNode patchAnswer(String groupId, int limit) {
        ScimGroupEntity entity = entity(groupId);
        return new GroupQuery(request).hasMoreMembersThan(groupId, limit) ? null : represent(entity, true);
    }

    public ObjectNode get(String groupId, boolean withMembers) {
        return represent(entity(groupId), withMembers);
    }

    public ObjectNode create(ObjectNode body) {
        requireGroupSchema(body.get("schemas"));
        String displayName = displayName(body);
        String externalId = text(body, "externalId");
        JsonNode membersNode = ScimFields.field(body, "members");
        Set<String> members = MemberChange.ids(membersNode);
        requireTeamMembers(members);
        ScimGroupEntity entity = groups.create(team, displayName, externalId);
        GroupModel group = groups.group(entity);
        join(entity, group, members);
        return represent(entity, true);
    }

    /** PUT: name, externalId and the whole member list (absent members: none). */
    public ObjectNode replace(String groupId, ObjectNode body) {
        ScimGroupEntity entity = entity(groupId);
        GroupModel group = groups.group(entity);
        requireGroupSchema(body.get("schemas"));
        requireSameId(body, groupId);
        boolean changed = groups.rename(team, entity, group, displayName(body));
        changed |= setExternalId(entity, text(body, "externalId"));
        apply(entity, group, new MemberChange(MemberChange.Kind.REPLACE, MemberChange.ids(ScimFields.field(body, "members"))));
        if (changed || !joined.isEmpty() || !left.isEmpty()) {
            entity.touch();
        }
        return represent(entity, true);
    }

    /**
     * PATCH: member operations are applied directly, in order; the other operations go through the
     * patch engine on the group without its members.
     */
    public ObjectNode patch(String groupId, ObjectNode body, boolean withMembers) {
        ScimGroupEntity entity = entity(groupId);
        GroupModel group = groups.group(entity);
        PatchEngine engine = new PatchEngine(ScimResourceType.GROUP);
        List<PatchOp> ops = engine.parse(body);
        List<PatchOp> attributeOps = new ArrayList<>();
        boolean changed = false;
        for (PatchOp op : ops) {
            MemberChange.Split split = MemberChange.split(op);
            if (split.members() != null) {
                apply(entity, group, split.members());
            }
            if (split.rest() != null) {
                attributeOps.add(split.rest());
            }
        }
        if (!attributeOps.isEmpty()) {
            ObjectNode current = ScimJson.object();
            current.putArray("schemas").add(ScimJson.CORE_GROUP);
            current.put("id", entity.getGroupId());
            current.put("displayName", group.getName());
            if (entity.getExternalId() != null) {
                current.put("externalId", entity.getExternalId());
            }
            ObjectNode updated = engine.apply(current, attributeOps);
            JsonNode name = ScimFields.field(updated, "displayName");
            if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                throw ScimException.invalidValue("displayName is required");
            }
            changed = groups.rename(team, entity, group, name.textValue());
            JsonNode externalId = ScimFields.field(updated, "externalId");
            changed |= setExternalId(entity, externalId != null && externalId.isTextual() ? externalId.textValue() : null);
        }
        if (changed || !joined.isEmpty() || !left.isEmpty()) {
            entity.touch();
        }
        return represent(entity, withMembers);
    }

    private static boolean setExternalId(ScimGroupEntity entity, String externalId) {
        if (java.util.Objects.equals(entity.getExternalId(), externalId)) {
            return false;
        }
        entity.setExternalId(externalId);
        return true;
    }

    public void delete(String groupId) {
        ScimGroupEntity entity = entity(groupId);
        // members who were admins only through this group lose their Okta grants at once
        AdminRevocation revocation = groups.mapping(groupId).teamRole() == TeamRole.Admin
                ? AdminRevocation.watch(request.session(), request.realm(), team, groups.allMemberIds(groupId)) : null;
        ForwardTracker.touch(request.session(), request.realm(), team, groups.allMemberIds(groupId));
        groups.delete(entity);
        if (revocation != null) {
            revocation.afterChange();
        }
    }

    // --- members

    private void apply(ScimGroupEntity entity, GroupModel group, MemberChange change) {
        switch (change.kind()) {
            case ADD -> {
                requireTeamMembers(change.userIds());
                join(entity, group, change.userIds());
            }
            case REMOVE -> leave(entity, group, groups.membersAmong(entity.getGroupId(), change.userIds()));
            case REMOVE_ALL -> leave(entity, group, groups.allMemberIds(entity.getGroupId()));
            case REPLACE -> {
                requireTeamMembers(change.userIds());
                Set<String> current = groups.allMemberIds(entity.getGroupId());
                Set<String> toLeave = new LinkedHashSet<>(current);
                toLeave.removeAll(change.userIds());
                Set<String> toJoin = new LinkedHashSet<>(change.userIds());
                toJoin.removeAll(current);
                leave(entity, group, toLeave);
                joinAbsent(group, toJoin, Set.of());
            }
        }
    }

    private void join(ScimGroupEntity entity, GroupModel group, Set<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        joinAbsent(group, userIds, groups.membersAmong(entity.getGroupId(), userIds));
    }

    private void joinAbsent(GroupModel group, Set<String> userIds, Set<String> present) {
        List<String> changed = new ArrayList<>();
        for (String userId : userIds) {
            if (!present.contains(userId)) {
                groups.join(group, userId);
                changed.add(userId);
            }
        }
        touchMembers(changed);
        joined.addAll(changed);
    }

    private void leave(ScimGroupEntity entity, GroupModel group, Set<String> members) {
        for (String userId : members) {
            groups.leave(group, userId);
        }
        touchMembers(members);
        left.addAll(members);
    }

    /** The users' {@code groups} attribute changed: their SCIM version moves on. */
    private void touchMembers(java.util.Collection<String> userIds) {
        if (!userIds.isEmpty()) {
            groups.teamMembers(team, userIds).values().forEach(MemberEntity::touch);
        }
    }

    /** Every member must belong to the team: 400 naming the first that does not. */
    private void requireTeamMembers(Set<String> userIds) {
        if (userIds.isEmpty()) {
            return;
        }
        Map<String, MemberEntity> found = groups.teamMembers(team, userIds);
        Set<String> missing = new HashSet<>(userIds);
        missing.removeAll(found.keySet());
        for (String userId : userIds) {
            if (missing.contains(userId)) {
                throw ScimException.invalidValue("Member '" + userId + "' is not a user of this team");
            }
        }
    }

    // --- representation

    ObjectNode represent(ScimGroupEntity entity, boolean withMembers) {
        GroupModel group = groups.group(entity);
        List<GroupRepresentation.Member> members = withMembers
                ? new GroupQuery(request).members(List.of(entity.getGroupId())).getOrDefault(entity.getGroupId(), List.of())
                : null;
        return GroupRepresentation.build(entity, group.getName(), members, request.location("/Groups", entity.getGroupId()),
                id -> request.location("/Users", id));
    }

    private static String displayName(ObjectNode body) {
        String name = text(body, "displayName");
        if (name == null || name.isBlank()) {
            throw ScimException.invalidValue("displayName is required");
        }
        return name;
    }

    /** Like users: the body must declare the core Group schema and no other. */
    private static void requireGroupSchema(JsonNode schemas) {
        if (schemas == null || !schemas.isArray() || schemas.isEmpty()) {
            throw ScimException.invalidSyntax("'schemas' must list '" + ScimJson.CORE_GROUP + "'");
        }
        boolean core = false;
        for (JsonNode schema : schemas) {
            if (!schema.isTextual()) {
                throw ScimException.invalidSyntax("'schemas' must be an array of URNs");
            }
            if (!schema.textValue().equalsIgnoreCase(ScimJson.CORE_GROUP)) {
                throw ScimException.invalidSyntax("Unsupported schema '" + schema.textValue() + "'");
            }
            core = true;
        }
        if (!core) {
            throw ScimException.invalidSyntax("'schemas' must list '" + ScimJson.CORE_GROUP + "'");
        }
    }

    private static void requireSameId(ObjectNode body, String groupId) {
        String id = text(body, "id");
        if (id != null && !id.equals(groupId)) {
            throw ScimException.mutability("id is read-only: '" + id + "' does not match '" + groupId + "'");
        }
    }

    private static String text(ObjectNode body, String name) {
        JsonNode value = ScimFields.field(body, name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimException.invalidValue("'" + name + "' must be a string");
        }
        return value.textValue();
    }
}
