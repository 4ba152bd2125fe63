package io.preset.teams.scim.group;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import io.preset.teams.scim.patch.PatchOp;
import io.preset.teams.scim.protocol.ScimFields;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A change of a group's member list read straight from a PATCH operation, so that it costs what it
 * changes: {@code add members} joins the given users, {@code remove members[value eq "id"]} and Entra's
 * {@code remove members} with a value list leave them, {@code remove members} without value empties
 * the group, {@code replace members} sets the list (diffed against the current ids).
 */
record MemberChange(Kind kind, Set<String> userIds) {

    enum Kind { ADD, REMOVE, REMOVE_ALL, REPLACE }

    /** An operation split into its member change (or null) and what is left for the attribute patch (or null). */
    record Split(MemberChange members, PatchOp rest) {
    }

    static Split split(PatchOp op) {
        if (op.path() == null) {
            // path-less add/replace: an object of attributes that may carry "members"
            if (!(op.value() instanceof ObjectNode value)) {
                return new Split(null, op);
            }
            String key = membersKey(value);
            if (key == null) {
                return new Split(null, op);
            }
            ObjectNode rest = value.deepCopy();
            rest.remove(key);
            Set<String> ids = ids(value.get(key));
            MemberChange change = new MemberChange(op.op() == PatchOp.Kind.ADD ? Kind.ADD : Kind.REPLACE, ids);
            return new Split(change, rest.isEmpty() ? null : new PatchOp(op.op(), null, rest));
        }
        Path path = parse(op.path());
        if (path == null || !isMembers(path)) {
            return new Split(null, op);
        }
        Filter filter = path.getElement(0).getValueFilter();
        if (path.size() > 1) {
            throw ScimException.invalidPath("Path '" + op.path() + "': members are changed as a whole value, "
                    + "not by sub-attribute");
        }
        if (filter != null) {
            if (op.op() != PatchOp.Kind.REMOVE) {
                throw ScimException.invalidPath("Path '" + op.path() + "': use add or replace on 'members', "
                        + "remove on 'members[value eq \"id\"]'");
            }
            Set<String> ids = new LinkedHashSet<>();
            collectValueEqualities(filter, ids, op.path());
            return new Split(new MemberChange(Kind.REMOVE, ids), null);
        }
        return switch (op.op()) {
            case ADD -> new Split(new MemberChange(Kind.ADD, ids(op.value())), null);
            case REPLACE -> new Split(new MemberChange(Kind.REPLACE,
                    op.value() == null || op.value().isNull() ? Set.of() : ids(op.value())), null);
            // a remove with a value list (Entra) removes just those; an empty list removes nothing
            case REMOVE -> op.value() == null || op.value().isNull()
                    ? new Split(new MemberChange(Kind.REMOVE_ALL, Set.of()), null)
                    : new Split(new MemberChange(Kind.REMOVE, ids(op.value())), null);
        };
    }

    /** The user ids of a members value: an array (or a single) of {@code {"value": id}} objects or id strings. */
    static Set<String> ids(JsonNode value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value == null || value.isNull()) {
            return ids;
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                ids.add(id(element));
            }
        } else {
            ids.add(id(value));
        }
        return ids;
    }

    private static String id(JsonNode element) {
        JsonNode value = element;
        if (element.isObject()) {
            JsonNode type = ScimFields.field((ObjectNode) element, "type");
            if (type != null && type.isTextual() && !type.textValue().equalsIgnoreCase("User")) {
                throw ScimException.invalidValue("Only users can be members of a group, not '" + type.textValue() + "'");
            }
            value = ScimFields.field((ObjectNode) element, "value");
        }
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw ScimException.invalidValue("Each member needs a 'value' with the user's id");
        }
        return value.textValue().strip();
    }

    private static void collectValueEqualities(Filter filter, Set<String> ids, String text) {
        if (filter.getFilterType() == FilterType.OR) {
            for (Filter part : filter.getCombinedFilters()) {
                collectValueEqualities(part, ids, text);
            }
            return;
        }
        if (filter.getFilterType() == FilterType.EQUAL && filter.getAttributePath() != null
                && filter.getAttributePath().size() == 1
                && filter.getAttributePath().getElement(0).getAttribute().equalsIgnoreCase("value")
                && filter.getComparisonValue() != null && filter.getComparisonValue().isTextual()) {
            ids.add(filter.getComparisonValue().textValue().strip());
            return;
        }
        throw ScimException.invalidPath("Path '" + text + "': members are removed by 'value eq \"id\"' "
                + "(optionally several joined by 'or')");
    }

    private static boolean isMembers(Path path) {
        String urn = path.getSchemaUrn();
        return path.size() >= 1 && (urn == null || urn.isEmpty() || urn.equalsIgnoreCase(ScimJson.CORE_GROUP))
                && "members".equalsIgnoreCase(path.getElement(0).getAttribute());
    }

    private static Path parse(String text) {
        try {
            return Path.fromString(text.strip());
        } catch (BadRequestException | RuntimeException e) {
            return null; // the patch engine reports it
        }
    }

    private static String membersKey(ObjectNode value) {
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase("members") || key.equalsIgnoreCase(ScimJson.CORE_GROUP + ":members")) {
                return key;
            }
        }
        return null;
    }
}
