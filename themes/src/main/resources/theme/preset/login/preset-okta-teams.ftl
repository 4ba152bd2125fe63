<#-- Shown by the preset-team-admin authenticator in the okta-scim browser flow, before the consent page.
     The layout shows who is signed in (with "Restart login" to switch accounts). -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<@layout.registrationLayout bodyClass="oauth"; section>
    <#if section = "header">
        ${msg("presetOktaTitle", presetClientName)}
    <#elseif section = "form">
        <div id="preset-okta-teams" class="content-area">
            <h3>${msg("presetOktaTeamsHeading")}</h3>
            <ul id="preset-teams" class="${properties.kcListClass!}">
                <#list presetTeams as team>
                    <li class="preset-team" data-team="${team.slug}"><strong>${team.title}</strong> (${team.slug})</li>
                </#list>
            </ul>
            <h3>${msg("presetOktaAllowedHeading", presetClientName)}</h3>
            <ul id="preset-okta-permissions" class="${properties.kcListClass!}">
                <li>${msg("presetOktaAllowedUsers")}</li>
                <li>${msg("presetOktaAllowedGroups")}</li>
                <li>${msg("presetOktaAllowedRead")}</li>
            </ul>
            <p id="preset-okta-revocation">${msg("presetOktaRevocation")}</p>
            <form id="preset-okta-teams-form" class="${properties.kcFormClass!} ${properties.kcMarginTopClass!}" action="${url.loginAction}" method="POST">
                <@buttons.actionGroup horizontal=true>
                    <@buttons.button id="kc-login" name="accept" label="presetOktaContinue"/>
                    <@buttons.button id="kc-cancel" name="cancel" label="doCancel" type="secondary"/>
                </@buttons.actionGroup>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
