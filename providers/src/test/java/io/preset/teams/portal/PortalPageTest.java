package io.preset.teams.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The page's placeholders take text from the URL (the slug): it must never become markup or a script. */
class PortalPageTest {

    @Test
    void valuesFromTheUrlAreEscapedForAttributes() {
        assertEquals("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&#39;&amp;", PortalPage.escape("\"><script>alert(1)</script>'&"));
    }
}
