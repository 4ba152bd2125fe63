package io.preset.teams.forward;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Provider {@code default} of SPI {@code preset-forwarder}: reads the options, starts the
 * dispatcher on this node and tracks group membership changes made in Keycloak itself.
 */
public class DispatcherFactory implements PresetForwarderFactory {

    public static final String ID = "default";
    private static final PresetForwarder NOTHING = new PresetForwarder() { };

    private ForwardSettings settings;
    private Dispatcher dispatcher;

    @Override
    public PresetForwarder create(KeycloakSession session) {
        return NOTHING;
    }

    @Override
    public void init(Config.Scope config) {
        settings = ForwardSettings.from(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new GroupMembershipListener());
        dispatcher = new Dispatcher(factory, settings, new ForwardMetrics());
        dispatcher.start();
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
