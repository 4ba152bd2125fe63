package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One checked change to one target, made by {@link PatchValidator} from a client's operation: a path-less
 * operation becomes one change per key. The value is already converted to canonical JSON for the target's
 * shape (see {@link PatchValidator#changes}), so {@link PatchApplier} only has to place it.
 *
 * @param action what to do
 * @param target the attribute (or whole extension) changed; null for {@link Action#SAME_ID}
 * @param value  the converted value; for REMOVE of a multi-valued attribute, the selectors (null: all values)
 */
record PatchChange(Action action, PatchPath target, JsonNode value) {

    enum Action {
        ADD,
        REPLACE,
        REMOVE,
        /** A path-less value carried {@code id}: allowed only when it is the resource's own id (Okta's group rename). */
        SAME_ID
    }
}
