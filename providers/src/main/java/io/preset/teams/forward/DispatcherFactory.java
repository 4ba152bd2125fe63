package io.preset.teams.forward;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;

/**
 * Provider {@code default} of SPI {@code preset-forwarder}: reads the options, starts the
 * dispatcher on this node and tracks group membership changes made in Keycloak itself. The dispatcher
 * runs only in a server: not inside {@code kc.sh export}, {@code import} or {@code build} ({@link ServerMode}).
 */
public class DispatcherFactory implements PresetForwarderFactory {

    private static final Logger LOG = Logger.getLogger(DispatcherFactory.class);

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
        // start once the database schema is migrated (our tables may not exist before)
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                start(factory);
            }
        });
    }

    private synchronized void start(KeycloakSessionFactory factory) {
        String notHere = ServerMode.reasonNotToStart();
        if (notHere != null) {
            LOG.debugf("Forwarding dispatcher not started: %s", notHere);
            return;
        }
        if (dispatcher == null) {
            dispatcher = new Dispatcher(factory, settings, new ForwardMetrics());
            dispatcher.start();
        }
    }

    @Override
    public synchronized void close() {
        if (dispatcher != null) {
            dispatcher.stop();
            dispatcher = null;
        }
    }

    @Override
    public String getId() {
        return ID;
    }
}
