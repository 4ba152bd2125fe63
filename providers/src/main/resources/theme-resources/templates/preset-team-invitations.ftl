<#-- Shown by the required action preset-team-invitation: the teams that invited this account and have not been
     answered yet. One form per invitation (Accept / Decline) and one to decide later; every form posts to the
     required action's URL of this login (url.loginAction), which Keycloak checks like its own required actions. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout bodyClass="preset-invitations"; section>
    <#if section = "header">
        ${msg("presetInviteTitle")}
    <#elseif section = "form">
        <div id="preset-invitations" class="content-area">
            <p id="preset-invite-intro">${msg("presetInviteIntro")}</p>
            <ul id="preset-invite-effects" class="${properties.kcListClass!}">
                <li>${msg("presetInviteEffectRoles")}</li>
                <li>${msg("presetInviteEffectMember")}</li>
                <li>${msg("presetInviteEffectDecline")}</li>
            </ul>
            <ul id="preset-invite-list" class="pf-v5-u-my-md" aria-label="${msg("presetInviteListLabel")}">
                <#list presetInvitations as team>
                    <li class="preset-invite pf-v5-u-py-sm" data-team="${team.slug}">
                        <h2 id="preset-invite-team-${team.slug}" class="preset-invite-team pf-v5-u-font-size-md pf-v5-u-mb-sm">
                            <strong>${team.title}</strong> <span class="pf-v5-u-font-weight-normal">(${team.slug})</span>
                        </h2>
                        <form id="preset-invite-form-${team.slug}" class="${properties.kcFormClass!}"
                              action="${url.loginAction}" method="POST" aria-labelledby="preset-invite-team-${team.slug}">
                            <div class="${properties.kcFormActionGroupClass!}">
                                <button type="submit" id="preset-accept-${team.slug}" name="accept" value="${team.slug}"
                                        class="${properties.kcButtonPrimaryClass!}"
                                        aria-label="${msg("presetInviteAcceptTeam", team.title)}">${msg("presetInviteAccept")}</button>
                                <button type="submit" id="preset-decline-${team.slug}" name="decline" value="${team.slug}"
                                        class="${properties.kcButtonSecondaryClass!}"
                                        aria-label="${msg("presetInviteDeclineTeam", team.title)}">${msg("presetInviteDecline")}</button>
                            </div>
                        </form>
                    </li>
                </#list>
            </ul>
            <form id="preset-invite-later" class="${properties.kcFormClass!} ${properties.kcMarginTopClass!}"
                  action="${url.loginAction}" method="POST">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button type="submit" id="preset-invite-later-button" name="later" value="later"
                            class="${properties.kcButtonLinkClass!}"
                            aria-describedby="preset-invite-later-help">${msg("presetInviteLater")}</button>
                </div>
                <p id="preset-invite-later-help">${msg("presetInviteLaterHelp")}</p>
            </form>
        </div>
    </#if>
</@layout.registrationLayout>
