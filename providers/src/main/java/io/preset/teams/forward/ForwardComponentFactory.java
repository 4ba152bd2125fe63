package io.preset.teams.forward;

import io.preset.teams.common.DomainException;
import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * Provider {@code preset-manager}: the realm component holding one team's forwarding settings. It
 * exists so that Keycloak accepts, validates, exports and masks the component; the admin API at
 * {@code teams/{slug}/forwarding} is the way to edit it.
 */
public class ForwardComponentFactory implements PresetForwarderFactory, ComponentFactory<PresetForwarder, PresetForwarder> {

    private static final PresetForwarder NOTHING = new PresetForwarder() { };

    private static final List<ProviderConfigProperty> PROPERTIES = ProviderConfigurationBuilder.create()
            .property().name(ForwardConfigs.ENABLED).label("Enabled").type(ProviderConfigProperty.BOOLEAN_TYPE)
            .defaultValue("true").add()
            .property().name(ForwardConfigs.BASE_URL).label("Base URL").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("Absolute http(s) URL of the Preset Manager compatible API").add()
            .property().name(ForwardConfigs.REMOTE_TEAM).label("Remote team").type(ProviderConfigProperty.STRING_TYPE).add()
            .property().name(ForwardConfigs.USER_KEY).label("User key").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("email, username, id or attribute:<name>").defaultValue("email").add()
            .property().name(ForwardConfigs.WORKSPACE_IDS).label("Workspace ids").type(ProviderConfigProperty.STRING_TYPE)
            .helpText("JSON object: our workspace name to the target's workspace id").add()
            .property().name(ForwardConfigs.TOKEN).label("Token").type(ProviderConfigProperty.PASSWORD)
            .secret(true).helpText("Bearer token, or a vault reference ${vault.key}").add()
            .build();

    @Override
    public PresetForwarder create(KeycloakSession session, ComponentModel model) {
        return NOTHING;
    }

    @Override
    public PresetForwarder create(KeycloakSession session) {
        return NOTHING;
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        try {
            ForwardConfigs.of(model, model.getName());
        } catch (DomainException e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public String getHelpText() {
        return "Forwards a Preset team's effective roles to a Preset Manager compatible API";
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
        return ForwardConfigs.PROVIDER_ID;
    }
}
