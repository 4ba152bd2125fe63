package io.preset.teams.scim.schema;

import io.preset.teams.scim.protocol.ScimJson;

import java.util.List;

import static io.preset.teams.scim.schema.AttributeType.BOOLEAN;
import static io.preset.teams.scim.schema.AttributeType.COMPLEX;
import static io.preset.teams.scim.schema.AttributeType.REFERENCE;
import static io.preset.teams.scim.schema.AttributeType.STRING;

/** The core User schema and the Enterprise User extension, as this server supports them. */
public final class UserSchemas {

    private UserSchemas() {
    }

    /** A multi-valued attribute of the usual value/display/type/primary shape. */
    static ScimAttribute multiValued(String name, String description, String... types) {
        return ScimAttribute.of(name, COMPLEX).multiValued().description(description).sub(
                ScimAttribute.of("value", STRING).description("The value").build(),
                ScimAttribute.of("display", STRING).description("A human-readable name").build(),
                ScimAttribute.of("type", STRING).canonical(types).description("A label of the value's function").build(),
                ScimAttribute.of("primary", BOOLEAN).description("The primary value").build()).build();
    }

    public static final ResourceSchema CORE = new ResourceSchema(ScimJson.CORE_USER, "User", "User Account", List.of(
            ScimAttribute.of("userName", STRING).required().unique("server")
                    .description("Unique identifier of the user, typically the email; matched case-insensitively").build(),
            ScimAttribute.of("name", COMPLEX).description("The components of the user's name").sub(
                    ScimAttribute.of("formatted", STRING).description("The full name").build(),
                    ScimAttribute.of("familyName", STRING).description("The family name").build(),
                    ScimAttribute.of("givenName", STRING).description("The given name").build(),
                    ScimAttribute.of("middleName", STRING).description("The middle name(s)").build(),
                    ScimAttribute.of("honorificPrefix", STRING).description("Honorific prefix").build(),
                    ScimAttribute.of("honorificSuffix", STRING).description("Honorific suffix").build()).build(),
            ScimAttribute.of("displayName", STRING).description("The name displayed to end users").build(),
            ScimAttribute.of("nickName", STRING).description("The casual name").build(),
            ScimAttribute.of("profileUrl", REFERENCE).references("external").description("Profile URL").build(),
            ScimAttribute.of("title", STRING).description("The user's title").build(),
            ScimAttribute.of("userType", STRING).description("Organization-to-user relationship").build(),
            ScimAttribute.of("preferredLanguage", STRING).description("Preferred written or spoken language").build(),
            ScimAttribute.of("locale", STRING).description("Default location for localization").build(),
            ScimAttribute.of("timezone", STRING).description("Time zone in IANA format").build(),
            ScimAttribute.of("active", BOOLEAN)
                    .description("Membership of this team: false removes the user from the team and its roles").build(),
            ScimAttribute.of("password", STRING).writeOnly()
                    .description("Accepted and ignored: never stored, never returned").build(),
            multiValued("emails", "Email addresses", "work", "home", "other"),
            multiValued("phoneNumbers", "Phone numbers", "work", "home", "mobile", "fax", "pager", "other"),
            multiValued("ims", "Instant messaging addresses", "aim", "gtalk", "icq", "xmpp", "msn", "skype", "qq", "yahoo"),
            multiValued("photos", "Photo URLs", "photo", "thumbnail"),
            ScimAttribute.of("addresses", COMPLEX).multiValued().description("Physical mailing addresses").sub(
                    ScimAttribute.of("formatted", STRING).description("The full address").build(),
                    ScimAttribute.of("streetAddress", STRING).description("Street").build(),
                    ScimAttribute.of("locality", STRING).description("City or locality").build(),
                    ScimAttribute.of("region", STRING).description("State or region").build(),
                    ScimAttribute.of("postalCode", STRING).description("Zip or postal code").build(),
                    ScimAttribute.of("country", STRING).description("Country (ISO 3166-1 alpha-2)").build(),
                    ScimAttribute.of("type", STRING).canonical("work", "home", "other").description("Label").build(),
                    ScimAttribute.of("primary", BOOLEAN).description("The primary address").build()).build(),
            ScimAttribute.of("groups", COMPLEX).multiValued().readOnly()
                    .description("Pushed groups of this team the user belongs to").sub(
                    ScimAttribute.of("value", STRING).readOnly().description("The group's id").build(),
                    ScimAttribute.of("$ref", REFERENCE).readOnly().references("Group").description("The group's URI").build(),
                    ScimAttribute.of("display", STRING).readOnly().description("The group's displayName").build(),
                    ScimAttribute.of("type", STRING).readOnly().canonical("direct").description("direct").build()).build(),
            multiValued("entitlements", "Entitlements"),
            multiValued("roles", "Roles"),
            multiValued("x509Certificates", "X.509 certificates")));

    public static final ResourceSchema ENTERPRISE = new ResourceSchema(ScimJson.ENTERPRISE_USER, "EnterpriseUser",
            "Enterprise User", List.of(
            ScimAttribute.of("employeeNumber", STRING).description("Employee number").build(),
            ScimAttribute.of("costCenter", STRING).description("Cost center").build(),
            ScimAttribute.of("organization", STRING).description("Organization").build(),
            ScimAttribute.of("division", STRING).description("Division").build(),
            ScimAttribute.of("department", STRING).description("Department").build(),
            ScimAttribute.of("manager", COMPLEX).description("The user's manager").sub(
                    ScimAttribute.of("value", STRING).description("The manager's id").build(),
                    ScimAttribute.of("$ref", REFERENCE).references("User").description("The manager's URI").build(),
                    ScimAttribute.of("displayName", STRING).readOnly().description("The manager's name").build()).build()));
}
