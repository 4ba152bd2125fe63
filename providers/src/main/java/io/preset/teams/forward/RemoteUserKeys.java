package io.preset.teams.forward;

import org.keycloak.models.UserModel;

/** The value that identifies a user at the target, by the team's {@code userKey} setting. */
final class RemoteUserKeys {

    private RemoteUserKeys() {
    }

    /** The key, falling back to the username when the chosen attribute is empty (it always exists). */
    static String of(UserModel user, String userKey) {
        String value;
        if (ForwardConfig.EMAIL.equals(userKey)) {
            value = user.getEmail();
        } else if (ForwardConfig.ID.equals(userKey)) {
            value = user.getId();
        } else if (userKey.startsWith(ForwardConfig.ATTRIBUTE_PREFIX)) {
            value = user.getFirstAttribute(userKey.substring(ForwardConfig.ATTRIBUTE_PREFIX.length()));
        } else {
            value = user.getUsername();
        }
        return value == null || value.isBlank() ? user.getUsername() : value;
    }
}
