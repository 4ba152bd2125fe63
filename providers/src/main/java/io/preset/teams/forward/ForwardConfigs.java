package io.preset.teams.forward;

import io.preset.teams.common.DomainException;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.RealmModel;

import java.util.Optional;

/**
 * Teams' forwarding settings, kept as realm components (name = team slug) so that realm exports and
 * imports carry them; the token is a secret property that Keycloak's component REST masks.
 */
public final class ForwardConfigs {

    public static final String PROVIDER_ID = "preset-manager";
    static final String ENABLED = "enabled";
    static final String BASE_URL = "baseUrl";
    static final String REMOTE_TEAM = "remoteTeam";
    static final String USER_KEY = "userKey";
    static final String WORKSPACE_IDS = "workspaceIds";
    static final String TOKEN = "token";

    private final RealmModel realm;

    public ForwardConfigs(RealmModel realm) {
        this.realm = realm;
    }

    public Optional<ComponentModel> component(String slug) {
        return realm.getComponentsStream(realm.getId(), PresetForwarder.class.getName())
                .filter(c -> PROVIDER_ID.equals(c.getProviderId()) && slug.equals(c.getName()))
                .findFirst();
    }

    public Optional<ForwardConfig> find(String slug) {
        return component(slug).map(c -> of(c, slug));
    }

    /** Creates or replaces the team's component. */
    public void save(String slug, ForwardConfig config) {
        Optional<ComponentModel> existing = component(slug);
        ComponentModel model = existing.map(ComponentModel::new).orElseGet(ComponentModel::new);
        model.setName(slug);
        model.setParentId(realm.getId());
        model.setProviderType(PresetForwarder.class.getName());
        model.setProviderId(PROVIDER_ID);
        model.getConfig().clear();
        model.put(ENABLED, Boolean.toString(config.enabled()));
        model.put(BASE_URL, config.baseUrl());
        model.put(REMOTE_TEAM, config.remoteTeam());
        model.put(USER_KEY, config.userKey());
        model.put(WORKSPACE_IDS, ForwardConfig.encodeIds(config.workspaceIds()));
        if (config.hasToken()) {
            model.put(TOKEN, config.token());
        }
        if (existing.isPresent()) {
            realm.updateComponent(model);
        } else {
            realm.addComponentModel(model);
        }
    }

    public boolean delete(String slug) {
        Optional<ComponentModel> existing = component(slug);
        existing.ifPresent(realm::removeComponent);
        return existing.isPresent();
    }

    /** Reads a component; a component edited by hand into nonsense is refused like a bad request. */
    static ForwardConfig of(ComponentModel model, String slug) {
        String enabled = model.get(ENABLED);
        if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
            throw DomainException.invalid("'enabled' must be true or false");
        }
        return ForwardConfig.validated(!"false".equals(enabled), model.get(BASE_URL), model.get(REMOTE_TEAM),
                model.get(USER_KEY), ForwardConfig.decodeIds(model.get(WORKSPACE_IDS)), model.get(TOKEN), slug);
    }
}
