package io.preset.teams.invitation;

import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionProviderModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;

/**
 * The required action {@value #ID}. Keycloak evaluates only the required actions registered in a realm, so it
 * is registered (enabled) in every realm that lacks it: at start-up in the existing realms (an upgrade, a realm
 * file without it) and when a realm is created or imported. An operator who disables it keeps it disabled; the
 * invitations then wait for the admin API.
 */
public class InvitationRequiredActionFactory implements RequiredActionFactory {

    public static final String ID = "preset-team-invitation";
    static final String NAME = "Preset team invitations";
    /** After Keycloak's own profile, e-mail and password steps (at most 130), before the locale (1000). */
    static final int PRIORITY = 200;

    private static final Logger LOG = Logger.getLogger(InvitationRequiredActionFactory.class);
    private static final InvitationRequiredAction INSTANCE = new InvitationRequiredAction();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayText() {
        return NAME;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> onEvent(factory, event));
    }

    private static void onEvent(KeycloakSessionFactory factory, ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            ensureRegistered(created.getCreatedRealm());
        } else if (event instanceof PostMigrationEvent) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session ->
                        session.realms().getRealmsStream().forEach(InvitationRequiredActionFactory::ensureRegistered));
            } catch (RuntimeException e) {
                // another node registered it at the same moment; the realms are right either way
                LOG.warnf(e, "Could not register the required action '%s' in every realm", ID);
            }
        }
    }

    /** Registers the required action in {@code realm} unless it is there (enabled or not). */
    public static void ensureRegistered(RealmModel realm) {
        if (realm.getRequiredActionProviderByAlias(ID) != null) {
            return;
        }
        LOG.infof("Registering the required action '%s' in realm '%s'", ID, realm.getName());
        RequiredActionProviderModel model = new RequiredActionProviderModel();
        model.setAlias(ID);
        model.setProviderId(ID);
        model.setName(NAME);
        model.setEnabled(true);
        model.setDefaultAction(false);
        model.setPriority(PRIORITY);
        realm.addRequiredActionProvider(model);
    }

    @Override
    public void close() {
    }
}
