package io.preset.teams.admin;

import io.preset.teams.common.DomainException;
import io.preset.teams.scim.log.ProvisioningLogStore;
import io.preset.teams.scim.log.ProvisioningLogView;
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
        ProvisioningLogStore.Filter f = ProvisioningLogView.filter("4xx", " ada@acme.com ", "2030-01-31T00:00:00Z");
        assertEquals(400, f.statusFrom());
        assertEquals(499, f.statusTo());
        assertEquals("ada@acme.com", f.user());
        assertEquals(1896048000000L, f.since());
        assertEquals(409, ProvisioningLogView.filter("409", null, null).statusTo());
        assertEquals(400, ProvisioningLogView.filter("error", null, null).statusFrom());
        assertEquals(399, ProvisioningLogView.filter("ok", null, null).statusTo());
        assertEquals(5L, ProvisioningLogView.filter(null, null, "5").since());
        assertNull(ProvisioningLogView.filter(null, "", null).user());
        for (String bad : new String[] {"teapot", "4x", "600", "40"}) {
            assertThrows(DomainException.class, () -> ProvisioningLogView.filter(bad, null, null), bad);
        }
        assertThrows(DomainException.class, () -> ProvisioningLogView.filter(null, null, "yesterday"));
        assertThrows(DomainException.class, () -> ProvisioningLogView.filter(null, "x".repeat(256), null));
    }
}
