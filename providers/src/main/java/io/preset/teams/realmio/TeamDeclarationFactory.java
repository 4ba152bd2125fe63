package io.preset.teams.realmio;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * The providers of the {@link TeamDeclaration} components: a team ({@code preset-team}) and, as its
 * sub-components, its workspaces, members, pushed groups, SCIM tokens and verified domains. They exist so that
 * Keycloak accepts the components while it imports a realm; the declarations are checked and applied by
 * {@link DeclaredTeamsImport}, and refused outside an import (they would do nothing).
 */
public abstract class TeamDeclarationFactory implements ComponentFactory<TeamDeclaration, TeamDeclaration> {

    private static final TeamDeclaration NOTHING = new TeamDeclaration() { };
    private static final Logger LOG = Logger.getLogger(TeamDeclarationFactory.class);

    @Override
    public TeamDeclaration create(KeycloakSession session, ComponentModel model) {
        return NOTHING;
    }

    @Override
    public TeamDeclaration create(KeycloakSession session) {
        return NOTHING;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        if (!DeclaredTeamsImport.importing(session, realm)) {
            throw new ComponentValidationException("Preset teams are declared in realm files for an import only;"
                    + " use the teams admin API (/admin/realms/" + realm.getName() + "/teams) on a running realm");
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public String getHelpText() {
        return "A Preset team declared in a realm file (applied at import)";
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    /** {@code preset-team}: the team; it also listens to realm imports. */
    public static class Team extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.TEAM;
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
            factory.register(new DeclaredTeamsImport());
            LOG.debug("Listening to realm imports for declared Preset teams");
        }
    }

    public static class Workspace extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.WORKSPACE;
        }
    }

    public static class Member extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.MEMBER;
        }
    }

    public static class PushedGroup extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.PUSHED_GROUP;
        }
    }

    public static class ScimToken extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.SCIM_TOKEN;
        }
    }

    public static class Data extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.DATA;
        }
    }

    public static class Row extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.ROW;
        }
    }

    public static class Domain extends TeamDeclarationFactory {
        @Override
        public String getId() {
            return DeclaredTeams.DOMAIN;
        }
    }
}
