package io.preset.teams.admin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;

/** Serves {@code /admin/realms/{realm}/teams}. */
public class TeamsAdminResourceProviderFactory implements AdminRealmResourceProviderFactory {

    public static final String ID = "teams";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return new TeamsAdminResourceProvider();
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

    @Override
    public String getId() {
        return ID;
    }
}
