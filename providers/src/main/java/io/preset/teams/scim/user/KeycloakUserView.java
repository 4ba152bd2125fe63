package io.preset.teams.scim.user;

import org.keycloak.models.UserModel;
import org.keycloak.models.jpa.entities.UserEntity;

/** The Keycloak fields a SCIM User shows, read from the model or straight from a list query. */
record KeycloakUserView(String id, String username, String firstName, String lastName, String email) {

    static KeycloakUserView of(UserModel user) {
        return new KeycloakUserView(user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(), user.getEmail());
    }

    static KeycloakUserView of(UserEntity user) {
        return new KeycloakUserView(user.getId(), user.getUsername(), user.getFirstName(), user.getLastName(), user.getEmail());
    }
}
