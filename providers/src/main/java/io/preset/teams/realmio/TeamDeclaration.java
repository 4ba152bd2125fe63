package io.preset.teams.realmio;

import org.keycloak.provider.Provider;

/**
 * The component type of teams declared in a realm file ({@code components} of a realm representation, key
 * {@code io.preset.teams.realmio.TeamDeclaration}). Nothing uses it at run time: a realm import turns the
 * declarations into the teams' tables ({@link DeclaredTeamsImport}) and removes them from the realm.
 */
public interface TeamDeclaration extends Provider {

    @Override
    default void close() {
    }
}
