package io.preset.teams.admin;

import io.preset.teams.common.DomainException;
import io.preset.teams.scim.log.ProvisioningLogStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The provisioning log's CSV cells and query parameters. */
class ProvisioningLogExportTest {

    @Test
    void spreadsheetFormulasAreDefusedAndCellsQuoted() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", ProvisioningLogAdminResource.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", ProvisioningLogAdminResource.cell("+1"));
        assertEquals("'-1", ProvisioningLogAdminResource.cell("-1"));
        assertEquals("'@SUM(A1)", ProvisioningLogAdminResource.cell("@SUM(A1)"));
        assertEquals("\"a,b\"", ProvisioningLogAdminResource.cell("a,b"));
        assertEquals("ada@acme.com", ProvisioningLogAdminResource.cell("ada@acme.com"));
        assertEquals("", ProvisioningLogAdminResource.cell(""));
    }

    @Test
    void statusUserAndSinceParameters() {
        ProvisioningLogStore.Filter f = ProvisioningLogAdminResource.filter("4xx", " ada@acme.com ", "2030-01-31T00:00:00Z");
        assertEquals(400, f.statusFrom());
        assertEquals(499, f.statusTo());
        assertEquals("ada@acme.com", f.user());
        assertEquals(1896048000000L, f.since());
        assertEquals(409, ProvisioningLogAdminResource.filter("409", null, null).statusTo());
        assertEquals(400, ProvisioningLogAdminResource.filter("error", null, null).statusFrom());
        assertEquals(399, ProvisioningLogAdminResource.filter("ok", null, null).statusTo());
        assertEquals(5L, ProvisioningLogAdminResource.filter(null, null, "5").since());
        assertNull(ProvisioningLogAdminResource.filter(null, "", null).user());
        for (String bad : new String[] {"teapot", "4x", "600", "40"}) {
            assertThrows(DomainException.class, () -> ProvisioningLogAdminResource.filter(bad, null, null), bad);
        }
        assertThrows(DomainException.class, () -> ProvisioningLogAdminResource.filter(null, null, "yesterday"));
        assertThrows(DomainException.class, () -> ProvisioningLogAdminResource.filter(null, "x".repeat(256), null));
    }
}
