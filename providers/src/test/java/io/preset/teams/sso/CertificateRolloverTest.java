package io.preset.teams.sso;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CertificateRolloverTest {

    private static final long DAY = 86_400_000L;

    @Test
    void aFirstSaveAcceptsOnlyItsCertificates() {
        CertificateRollover first = CertificateRollover.NONE.replace(List.of("A"), 1000, 7 * DAY);
        assertEquals(List.of("A"), first.accepted());
        assertEquals(List.of(), first.previous());
        assertEquals(0, first.previousUntil());
    }

    @Test
    void replacedCertificatesStayAcceptedForTheWindowThenGo() {
        CertificateRollover a = new CertificateRollover(List.of("A"), List.of(), 0);
        CertificateRollover b = a.replace(List.of("B"), 1000, 7 * DAY);
        assertEquals(List.of("B"), b.current());
        assertEquals(List.of("B", "A"), b.accepted());
        assertEquals(1000 + 7 * DAY, b.previousUntil());
        assertEquals(b, b.expire(1000 + 7 * DAY - 1));
        assertEquals(List.of("B"), b.expire(1000 + 7 * DAY).accepted());
    }

    @Test
    void savingTheSameCertificatesAgainDoesNotExtendTheWindow() {
        CertificateRollover b = new CertificateRollover(List.of("A"), List.of(), 0).replace(List.of("B"), 1000, DAY);
        CertificateRollover again = b.replace(List.of("B"), 5000, DAY);
        assertEquals(b, again);
    }

    @Test
    void aSecondRolloverKeepsEveryCertificateOfTheWindowAndRestartsIt() {
        CertificateRollover b = new CertificateRollover(List.of("A"), List.of(), 0).replace(List.of("B"), 1000, DAY);
        CertificateRollover c = b.replace(List.of("C"), 2000, DAY);
        assertEquals(List.of("C"), c.current());
        assertEquals(List.of("B", "A"), c.previous());
        assertEquals(2000 + DAY, c.previousUntil());
    }

    @Test
    void aCertificateThatComesBackIsCurrentNotPrevious() {
        CertificateRollover b = new CertificateRollover(List.of("A"), List.of(), 0).replace(List.of("B"), 1000, DAY);
        CertificateRollover back = b.replace(List.of("A"), 2000, DAY);
        assertEquals(List.of("A"), back.current());
        assertEquals(List.of("B"), back.previous());
    }

    @Test
    void anIdpPublishingOldAndNewTogetherRetiresNothing() {
        CertificateRollover both = new CertificateRollover(List.of("A"), List.of(), 0).replace(List.of("A", "B"), 1000, DAY);
        assertEquals(List.of("A", "B"), both.accepted());
        assertEquals(List.of(), both.previous());
    }

    @Test
    void droppingOrAZeroWindowStopsTheOldCertificateAtOnce() {
        CertificateRollover a = new CertificateRollover(List.of("A"), List.of(), 0);
        assertEquals(List.of("B"), a.replace(List.of("B"), 1000, DAY).dropPrevious().accepted());
        assertEquals(List.of("B"), a.replace(List.of("B"), 1000, 0).accepted());
    }
}
