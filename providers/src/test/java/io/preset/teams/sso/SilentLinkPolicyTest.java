package io.preset.teams.sso;

import io.preset.teams.sso.SilentLinkPolicy.Account;
import io.preset.teams.sso.SilentLinkPolicy.Refusal;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilentLinkPolicyTest {

    /** An account the team owns and controls completely: what an own SCIM user looks like. */
    private static final Account CLEAN = new Account(true, false, Set.of(), Set.of(), true, true);

    @Test
    void anAccountTheTeamOwnsAndControlsIsLinked() {
        assertEquals(Optional.empty(), SilentLinkPolicy.refusal(CLEAN));
    }

    @Test
    void everyConditionRefusesOnItsOwn() {
        assertEquals(Optional.of(Refusal.NOT_OWNER), SilentLinkPolicy.refusal(new Account(false, false, Set.of(), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.PRIVILEGED), SilentLinkPolicy.refusal(new Account(true, true, Set.of(), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.OWN_CREDENTIAL), SilentLinkPolicy.refusal(new Account(true, false, Set.of("password"), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.OWN_CREDENTIAL), SilentLinkPolicy.refusal(new Account(true, false, Set.of("otp"), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.OWN_CREDENTIAL), SilentLinkPolicy.refusal(new Account(true, false, Set.of("webauthn-passwordless"), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.OWN_CREDENTIAL), SilentLinkPolicy.refusal(new Account(true, false, Set.of("federation"), Set.of(), true, true)));
        assertEquals(Optional.of(Refusal.LINKED), SilentLinkPolicy.refusal(new Account(true, false, Set.of(), Set.of("team-globex"), true, true)));
        assertEquals(Optional.of(Refusal.DISABLED), SilentLinkPolicy.refusal(new Account(true, false, Set.of(), Set.of(), false, true)));
        assertEquals(Optional.of(Refusal.NOT_MEMBER), SilentLinkPolicy.refusal(new Account(true, false, Set.of(), Set.of(), true, false)));
    }

    @Test
    void ownershipIsCheckedFirst() {
        assertEquals(Optional.of(Refusal.NOT_OWNER), SilentLinkPolicy.refusal(
                new Account(false, true, Set.of("password"), Set.of("x"), false, false)));
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
