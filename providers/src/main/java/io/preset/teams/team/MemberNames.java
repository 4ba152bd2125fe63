package io.preset.teams.team;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The name a team knows a member by: the userName it provisioned, or the account's username for a member an
 * operator added (as SCIM shows it), never the account's email or profile, which may belong to another team.
 */
public final class MemberNames {

    private MemberNames() {
    }

    public static String of(KeycloakSession session, RealmModel realm, MemberEntity member) {
        if (member.getUserName() != null) {
            return member.getUserName();
        }
        UserModel user = session.users().getUserById(realm, member.getUserId());
        return user == null ? null : user.getUsername();
    }
}
