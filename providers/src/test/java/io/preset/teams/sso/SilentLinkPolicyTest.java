package io.preset.teams.sso;

import io.preset.teams.sso.SilentLinkPolicy.Account;
import io.preset.teams.sso.SilentLinkPolicy.Refusal;
import io.preset.teams.sso.SilentLinkPolicy.Role;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilentLinkPolicyTest {

    private static final Role DEFAULT = new Role(null, "default-roles-preset");
    private static final Set<Role> DEFAULTS = Set.of(DEFAULT, new Role(null, "offline_access"),
            new Role(null, "uma_authorization"), new Role("account", "view-profile"), new Role("account", "manage-account"));

    /** An account the team owns and controls completely: what an own SCIM user looks like. */
    private static Account clean() {
        return new Account(true, DEFAULTS, DEFAULTS, Set.of(), Set.of(), true, true);
    }

    private static Account withRoles(Role... extra) {
        Set<Role> roles = new HashSet<>(DEFAULTS);
        roles.addAll(Set.of(extra));
        Account a = clean();
        return new Account(a.ownedByTeam(), roles, a.defaultRoles(), a.credentials(), a.links(), a.enabled(), a.activeMember());
    }

    @Test
    void anAccountTheTeamOwnsAndControlsIsLinked() {
        assertEquals(Optional.empty(), SilentLinkPolicy.refusal(clean()));
        assertEquals(Optional.empty(), SilentLinkPolicy.refusal(withRoles(new Role(null, "offline_access"))));
    }

    @Test
    void everyConditionRefusesOnItsOwn() {
        Account a = clean();
        assertEquals(Optional.of(Refusal.NOT_OWNER), SilentLinkPolicy.refusal(
                new Account(false, a.effectiveRoles(), DEFAULTS, Set.of(), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.OWN_CREDENTIAL), SilentLinkPolicy.refusal(
                new Account(true, a.effectiveRoles(), DEFAULTS, Set.of("password"), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.OWN_CREDENTIAL), SilentLinkPolicy.refusal(
                new Account(true, a.effectiveRoles(), DEFAULTS, Set.of("webauthn-passwordless"), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.LINKED), SilentLinkPolicy.refusal(
                new Account(true, a.effectiveRoles(), DEFAULTS, Set.of(), Set.of("team-globex"), true, true)));
        assertEquals(Optional.of(Refusal.DISABLED), SilentLinkPolicy.refusal(
                new Account(true, a.effectiveRoles(), DEFAULTS, Set.of(), Set.of(), false, true)));
        assertEquals(Optional.of(Refusal.NOT_MEMBER), SilentLinkPolicy.refusal(
                new Account(true, a.effectiveRoles(), DEFAULTS, Set.of(), Set.of(), true, false)));
    }

    @Test
    void adminAndClientRolesAndExtraRealmRolesAreNeverSilent() {
        assertEquals(Optional.of(Refusal.PRIVILEGED), SilentLinkPolicy.refusal(withRoles(new Role("realm-management", "manage-users"))));
        assertEquals(Optional.of(Refusal.PRIVILEGED), SilentLinkPolicy.refusal(withRoles(new Role("realm-management", "view-users"))));
        assertEquals(Optional.of(Refusal.PRIVILEGED), SilentLinkPolicy.refusal(withRoles(new Role("okta-scim", "anything"))));
        assertEquals(Optional.of(Refusal.PRIVILEGED), SilentLinkPolicy.refusal(withRoles(new Role("account", "manage-account-links"))));
        assertEquals(Optional.of(Refusal.PRIVILEGED), SilentLinkPolicy.refusal(withRoles(new Role(null, "admin"))));
    }

    @Test
    void anAdminRoleMadeDefaultStillCounts() {
        Set<Role> defaults = new HashSet<>(DEFAULTS);
        defaults.add(new Role("realm-management", "view-users"));
        assertEquals(Set.of(new Role("realm-management", "view-users")), SilentLinkPolicy.privileged(defaults, defaults));
    }

    @Test
    void ownershipIsCheckedFirstSoAForeignAccountIsNamedAsSuch() {
        Account a = new Account(false, Set.of(new Role("realm-management", "realm-admin")), DEFAULTS, Set.of("password"),
                Set.of("x"), false, false);
        assertEquals(Optional.of(Refusal.NOT_OWNER), SilentLinkPolicy.refusal(a));
    }

    @Test
    void newAccountsOnlyInsideVerifiedDomains() {
        Set<String> verified = Set.of("acme.test");
        assertTrue(SilentLinkPolicy.mayCreate("Ann@ACME.test", "ann@acme.test", verified));
        assertTrue(SilentLinkPolicy.mayCreate("ann@acme.test", "ann", verified), "a username that is no email has no domain");
        assertFalse(SilentLinkPolicy.mayCreate("ann@elsewhere.test", "ann@elsewhere.test", verified));
        assertFalse(SilentLinkPolicy.mayCreate("ann@acme.test", "ann@elsewhere.test", verified), "the username's domain counts too");
        assertFalse(SilentLinkPolicy.mayCreate("ann@elsewhere.test", "ann@acme.test", verified), "the email's domain counts");
        assertFalse(SilentLinkPolicy.mayCreate(null, "ann@acme.test", verified), "no email, no account");
        assertFalse(SilentLinkPolicy.mayCreate("ann@sub.acme.test", null, verified), "a subdomain is another domain");
        assertFalse(SilentLinkPolicy.mayCreate("ann@acme.test", null, Set.of()), "nothing verified, nothing created");
    }
}
