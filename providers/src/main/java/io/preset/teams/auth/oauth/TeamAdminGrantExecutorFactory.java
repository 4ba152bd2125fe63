package io.preset.teams.auth.oauth;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.List;

public class TeamAdminGrantExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String ID = "preset-team-admin-grant";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new TeamAdminGrantExecutor(session);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // the eager half of the same rule: grants end when Keycloak group changes take admin rights away
        factory.register(new AdminLossListener());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Issues tokens (code exchange, refresh) only to users who administer at least one Preset team.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
