package io.preset.teams.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.preset.teams.it.support.ConsoleBrowser;
import io.preset.teams.it.support.Http;
import io.preset.teams.it.support.KeycloakExtension;
import io.preset.teams.it.support.KeycloakTarget;
import io.preset.teams.it.support.Scim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator maps a pushed group to roles on the admin-console page "Preset group roles", in headless
 * Chromium: the page is in the console's navigation, an invalid mapping is refused with its message and
 * nothing saved, a valid one changes a member's effective roles at once (checked through the admin API).
 * Writes the README's screenshot {@code docs/img/group-mappings.png}.
 */
@ExtendWith(KeycloakExtension.class)
class AdminConsoleMappingIT {

    /** A fixed team, so that the README screenshot does not change from run to run. */
    private static final String SLUG = "acme-corp";
    private static final String GROUP = "Engineering";
    private static final String GROUP_PATH = "/team:" + SLUG + "/" + GROUP;
    private static final String PAGE = "Preset group roles";

    private static KeycloakTarget kc;
    private static ConsoleBrowser browser;

    @RegisterExtension
    final ConsoleBrowser.FailureArtifacts artifacts = new ConsoleBrowser.FailureArtifacts(() -> browser);

    @BeforeAll
    static void setUp(KeycloakTarget target) {
        ConsoleBrowser.assumeInstalled();
        kc = target;
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void operatorMapsAPushedGroupToRolesOnTheConsolePage() {
        // given: team acme-corp with workspace "analytics"; Okta created Ada and pushed "Engineering" with her in it
        String admin = kc.adminToken();
        Http.delete(teams(SLUG), admin); // a rerun against the same server starts over
        assertEquals(201, Http.post(teams(""), admin, Map.of("slug", SLUG, "title", "Acme Corp")).status());
        assertEquals(201, Http.post(teams(SLUG + "/workspaces"), admin, Map.of("name", "analytics", "title", "Analytics")).status());
        Scim okta = Scim.forTeam(kc, SLUG);
        Http.Response ada = okta.post("/Users", Scim.oktaUser("ada.lovelace@acme-corp.example", "Ada", "Lovelace"));
        assertEquals(201, ada.status(), ada::toString);
        String adaId = ada.requireJson().path("id").asText();
        Http.Response pushed = okta.post("/Groups", Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"),
                "displayName", GROUP, "members", List.of(Map.of("value", adaId))));
        assertEquals(201, pushed.status(), pushed::toString);
        String groupId = pushed.requireJson().path("id").asText();
        assertEquals("User", member(adaId).path("teamRole").path("role").asText());
        assertTrue(member(adaId).path("workspaceRoles").path("analytics").isMissingNode(), () -> member(adaId).toString());

        // the operator signs in to the admin console, realm "preset", and opens the page from the navigation
        browser.driver().get(kc.baseUrl() + "/admin/master/console/#/preset");
        browser.visible("login form", By.id("username")).sendKeys("admin");
        browser.driver().findElement(By.id("password")).sendKeys("admin");
        browser.driver().findElement(By.id("kc-login")).click();
        browser.visible("the page in the navigation", By.xpath("//nav//a[normalize-space()='" + PAGE + "']")).click();
        browser.visible("the page's title", By.xpath("//h1[normalize-space()='" + PAGE + "']"));
        assertTrue(browser.driver().getCurrentUrl().contains("#/preset/page-section/preset-group-roles"),
                browser.driver().getCurrentUrl());

        // a new entry: team, pushed group through the group picker, team role, a workspace that does not exist
        browser.visible("Create item", By.xpath("//main//*[self::a or self::button][normalize-space()='Create item']")).click();
        browser.visible("Team field", By.id("config.team")).sendKeys(SLUG);
        pickGroup();
        browser.visible("Team role", By.id("teamRole")).click();
        browser.visible("team role Admin", By.xpath("//*[@role='option'][normalize-space()='Admin']")).click();
        browser.await("team role chosen", d -> d.findElement(By.id("teamRole")).getText().contains("Admin"));
        browser.visible("add a workspace role", By.cssSelector("[data-testid='workspaceRoles-add-row']")).click();
        WebElement workspace = browser.visible("workspace name", By.cssSelector("[data-testid='config.workspaceRoles.0.key']"));
        workspace.sendKeys("finance");
        browser.visible("workspace role", By.cssSelector("[data-testid='config.workspaceRoles.0.value']"))
                .sendKeys("PresetAlpha", Keys.TAB);

        // refused with the admin API's message; nothing saved
        browser.visible("Save", By.cssSelector("[data-testid='save']")).click();
        WebElement refused = browser.visible("the refusal", By.cssSelector(".pf-v5-c-alert.pf-m-danger"));
        assertTrue(refused.getText().contains("Unknown workspace 'finance' in team '" + SLUG + "'"), refused.getText());
        JsonNode unchanged = Http.get(teams(SLUG + "/groups/" + groupId + "/roles"), kc.adminToken()).requireJson();
        assertTrue(unchanged.path("teamRole").isNull() || unchanged.path("teamRole").isMissingNode(), unchanged::toString);
        assertTrue(unchanged.path("workspaceRoles").isEmpty(), unchanged::toString);
        assertFalse(pageEntries().contains(GROUP_PATH), "no console entry was saved");
        assertEquals("User", member(adaId).path("teamRole").path("role").asText());
        closeAlerts();

        // corrected: saved, and Ada's effective roles change at once
        workspace.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "analytics", Keys.TAB);
        browser.driver().findElement(By.cssSelector("[data-testid='save']")).click();
        WebElement saved = browser.visible("the confirmation", By.cssSelector(".pf-v5-c-alert.pf-m-success"));
        assertTrue(saved.getText().contains("Saved successfully"), saved.getText());

        JsonNode roles = member(adaId);
        assertEquals("Admin", roles.path("teamRole").path("role").asText(), roles::toString);
        assertTrue(roles.path("teamRole").path("sources").toString().contains(groupId), roles::toString);
        assertEquals("PresetAlpha", roles.path("workspaceRoles").path("analytics").path("role").asText(), roles::toString);
        JsonNode mapping = Http.get(teams(SLUG + "/groups/" + groupId + "/roles"), kc.adminToken()).requireJson();
        assertEquals("Admin", mapping.path("teamRole").asText(), mapping::toString);
        assertEquals("PresetAlpha", mapping.path("workspaceRoles").path("analytics").asText(), mapping::toString);
        assertTrue(mappingEventFromConsole(groupId), "a PRESET_GROUP_ROLES admin event from the admin console");

        // the page lists the mapping; this is the README's screenshot
        browser.driver().findElement(By.xpath("//nav//a[normalize-space()='" + PAGE + "']")).click();
        WebElement search = browser.visible("search", By.cssSelector("main input[placeholder='Search item']"));
        search.sendKeys(SLUG, Keys.ENTER);
        WebElement row = browser.visible("the saved mapping in the list",
                By.xpath("//main//table//tbody/tr[.//a[normalize-space()='" + GROUP_PATH + "']]"));
        browser.await("the list shows only acme-corp", d -> d.findElements(By.xpath("//main//table//tbody/tr")).size() == 1);
        String text = row.getText();
        assertTrue(text.contains(SLUG) && text.contains("Admin") && text.contains("analytics: Primary Creator")
                && text.contains("Applied"), text);
        closeAlerts();
        browser.script("document.querySelector('nav') && document.querySelector('nav').closest('[class*=sidebar]')"
                + " && document.querySelector('nav').closest('[class*=sidebar]').scrollTo(0, 0)");
        browser.screenshot(docs().resolve("img/group-mappings.png"));
    }

    /** The group picker: search the group, open it, select it. */
    private void pickGroup() {
        browser.visible("Select group", By.cssSelector("[data-testid='join-groups-button']")).click();
        browser.visible("group search", By.cssSelector("[role=dialog] input[placeholder='Search group']"))
                .sendKeys(GROUP, Keys.ENTER);
        browser.visible(GROUP_PATH + " in the picker", By.xpath("//*[@role='dialog']//li[normalize-space(.)='" + GROUP_PATH
                + "']//div[contains(@class,'pf-v5-c-data-list__item-row')]")).click();
        browser.visible("picker opened " + GROUP, By.xpath("//*[@role='dialog']//nav[@aria-label='Breadcrumb']//li[last()]"
                + "[contains(normalize-space(.),'" + GROUP + "')]"));
        browser.driver().findElement(By.cssSelector("[role=dialog] [data-testid='select-button']")).click();
        browser.visible("the chosen group in the form", By.xpath("//main//form//*[normalize-space(text())='" + GROUP_PATH + "']"));
    }

    private void closeAlerts() {
        for (WebElement close : browser.driver().findElements(By.cssSelector(".pf-v5-c-alert__action button"))) {
            close.click();
        }
        browser.await("alerts closed", d -> d.findElements(By.cssSelector(".pf-v5-c-alert")).isEmpty());
    }

    private static String teams(String path) {
        return kc.baseUrl() + "/admin/realms/preset/teams" + (path.isEmpty() ? "" : "/" + path);
    }

    private static JsonNode member(String userId) {
        Http.Response r = Http.get(teams(SLUG + "/members/" + userId), kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        return r.requireJson();
    }

    /** The group paths of the page's entries in realm preset. */
    private static String pageEntries() {
        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/preset/components?type="
                + "org.keycloak.services.ui.extend.UiPageProvider", kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        StringBuilder paths = new StringBuilder();
        r.requireJson().forEach(c -> paths.append(c.path("config").path("group").path(0).asText()).append('\n'));
        return paths.toString();
    }

    private static boolean mappingEventFromConsole(String groupId) {
        // (resourceTypes= takes only Keycloak's own types)
        String path = "teams/" + SLUG + "/groups/" + groupId + "/roles";
        Http.Response r = Http.get(kc.baseUrl() + "/admin/realms/preset/admin-events?max=100&resourcePath=" + path,
                kc.adminToken());
        assertEquals(200, r.status(), r::toString);
        for (JsonNode event : r.requireJson()) {
            if ("PRESET_GROUP_ROLES".equals(event.path("resourceType").asText()) && path.equals(event.path("resourcePath").asText())
                    && "admin-console".equals(event.path("details").path("channel").asText())
                    && !event.path("authDetails").path("userId").asText().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Path docs() {
        return Paths.get(System.getProperty("it.docs.dir", "../docs")).toAbsolutePath();
    }
}
