package io.preset.teams.token;

import io.preset.teams.roles.EffectiveRoles;
import io.preset.teams.roles.RoleResolver;
import io.preset.teams.team.MemberEntity;
import io.preset.teams.team.TeamStore;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the user's effective team and workspace roles into tokens:
 * {@code "preset_teams": {"<slug>": {"role": "Admin", "workspaces": {"<name>": "PresetAlpha"}}}}, one
 * entry per active membership. Roles are resolved when the token is issued (direct roles and mapped
 * pushed groups), so a refreshed token reflects every change.
 *
 * <p>An app that acts in one team at a time asks for that team only with the authorization request
 * parameter {@code preset_team=<slug>} (Keycloak keeps unknown request parameters as client-session notes):
 * the claim then holds that team alone, or nothing when the user is not an active member. The parameter
 * can only narrow the claim, never add to it.
 */
public class PresetTeamsMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper {

    public static final String PROVIDER_ID = "preset-teams-roles-mapper";
    public static final String CLAIM = "preset_teams";
    /** Authorization request parameter that narrows the claim to one team. */
    public static final String TEAM_PARAMETER = "preset_team";
    /** Where Keycloak keeps that parameter (AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX). */
    static final String TEAM_NOTE = "client_request_param_" + TEAM_PARAMETER;

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, PresetTeamsMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "Preset teams and roles";
    }

    @Override
    public String getHelpText() {
        return "Adds the claim '" + CLAIM + "': the user's effective role in each Preset team and their "
                + "roles in its workspaces.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        String onlyTeam = clientSessionCtx == null || clientSessionCtx.getClientSession() == null ? null
                : clientSessionCtx.getClientSession().getNote(TEAM_NOTE);
        token.getOtherClaims().put(CLAIM, claim(session, userSession, onlyTeam));
    }

    /** The claim; only the team {@code onlyTeam} when that is not null. */
    static Map<String, Object> claim(KeycloakSession session, UserSessionModel userSession, String onlyTeam) {
        TeamStore store = new TeamStore(session, userSession.getRealm());
        RoleResolver resolver = RoleResolver.of(store);
        Map<String, Object> teams = new TreeMap<>();
        for (MemberEntity member : store.membershipsOf(userSession.getUser().getId())) {
            if (!member.isActive() || !member.getRealmId().equals(userSession.getRealm().getId())
                    || (onlyTeam != null && !onlyTeam.equals(member.getTeam().getSlug()))) {
                continue;
            }
            EffectiveRoles roles = resolver.resolve(member);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", roles.teamRole() == null ? null : roles.teamRole().role());
            Map<String, String> workspaces = new HashMap<>();
            roles.workspaceRoles().forEach((name, effective) -> workspaces.put(name, effective.role()));
            entry.put("workspaces", new TreeMap<>(workspaces));
            teams.put(member.getTeam().getSlug(), entry);
        }
        return teams;
    }

    /** A mapper model that puts the claim into access, ID and userinfo tokens. */
    public static ProtocolMapperModel create(String name) {
        ProtocolMapperModel mapper = new ProtocolMapperModel();
        mapper.setName(name);
        mapper.setProtocolMapper(PROVIDER_ID);
        mapper.setProtocol("openid-connect");
        Map<String, String> config = new HashMap<>();
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ACCESS_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_ID_TOKEN, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_USERINFO, "true");
        config.put(OIDCAttributeMapperHelper.INCLUDE_IN_INTROSPECTION, "true");
        mapper.setConfig(config);
        return mapper;
    }
}
