package io.preset.teams.scim.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.patch.PatchEngine;
import io.preset.teams.scim.patch.PatchOp;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.protocol.ScimJson;
import io.preset.teams.scim.schema.ScimResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A value is read the same way by POST/PUT ({@link UserDocument}) and by PATCH ({@link PatchEngine}): both
 * go through {@code AttributeValues}. Each case below is one where the two used to disagree, or one they must
 * keep agreeing on.
 */
class PostAndPatchAgreeTest {

    private static final String ENT = ScimJson.ENTERPRISE_USER;
    private static final PatchEngine PATCH = new PatchEngine(ScimResourceType.USER);

    private static JsonNode value(String json) {
        try {
            return ScimJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode user() {
        return ScimJson.parseObject("{\"schemas\":[\"" + ScimJson.CORE_USER + "\",\"" + ENT + "\"],"
                + "\"id\":\"u-1\",\"userName\":\"alice\"}");
    }

    /** The stored profile after a POST whose body sets {@code attribute} to {@code json}. */
    private static UserDocument posted(String attribute, String json) {
        ObjectNode body = user();
        body.remove("id");
        body.set(attribute, value(json));
        return UserDocument.parse(body);
    }

    /** The resource a PATCH replace of {@code path} with {@code json} makes of {@link #user()}. */
    private static ObjectNode patched(String path, String json) {
        return PATCH.apply(user(), List.of(new PatchOp(PatchOp.Kind.REPLACE, path, value(json))));
    }

    /** POST's stored value, PATCH's own result, and PATCH's result once stored are one value. */
    private static void agree(String attribute, String json, String expected) {
        JsonNode want = expected == null ? null : value(expected);
        assertEquals(want, posted(attribute, json).profile().get(attribute), "POST");
        ObjectNode result = patched(attribute, json);
        assertEquals(want, result.get(attribute), "PATCH");
        assertEquals(want, UserDocument.parse(result).profile().get(attribute), "PATCH, stored");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // were accepted by POST only: unknown sub-attributes are ignored (Okta's whole objects on PUT)
            "name   | {\"givenName\":\"A\",\"nickname\":\"x\"}        | {\"givenName\":\"A\"}",
            // were accepted by POST only: a null among the values carries nothing
            "emails | [null,{\"value\":\"a@b.c\"}]                    | [{\"value\":\"a@b.c\"}]",
            // POST stored {} for an empty value, PATCH skipped it
            "emails | [{},{\"value\":\"a@b.c\",\"type\":null}]        | [{\"value\":\"a@b.c\"}]",
            // POST stored {} for an object of nulls, PATCH unassigned it
            "name   | {\"givenName\":null}                            | ",
            // always agreed, kept: Entra's strings for booleans, numbers for strings, any case of sub-attribute names,
            // a single object for an array
            "emails | {\"VALUE\":\"a@b.c\",\"Primary\":\"True\"}      | [{\"value\":\"a@b.c\",\"primary\":true}]",
            "title  | 7                                               | \"7\"",
    })
    void aValueIsReadOnceForBoth(String attribute, String json, String expected) {
        agree(attribute.strip(), json.strip(), expected == null ? null : expected.strip());
    }

    @Test
    void entrasEmptyManagerIsNoManagerInBoth() {
        // POST stored {"value":""}; PATCH unassigned the manager
        assertNull(posted(ENT, "{\"manager\":\"\"}").profile().get(ENT));
        assertNull(patched(ENT + ":manager", "\"\"").get(ENT));
        assertEquals(value("{\"manager\":{\"value\":\"m-1\"}}"), posted(ENT, "{\"manager\":\"m-1\"}").profile().get(ENT));
        assertEquals(value("{\"manager\":{\"value\":\"m-1\"}}"), patched(ENT + ":manager", "\"m-1\"").get(ENT));
    }

    @Test
    void entrasStringBooleansAndNullForActive() {
        assertEquals(false, posted("active", "\"False\"").active());
        assertEquals(false, UserDocument.parse(patched("active", "\"False\"")).active());
        // null: POST refused it as "not a boolean"; it is "not sent", as PATCH's replace with null unassigns
        assertNull(posted("active", "null").active());
        assertNull(UserDocument.parse(patched("active", "null")).active());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // POST stored "5" as a URL; a reference must be a string
            "profileUrl | 5",
            // POST dropped SCIM 1.1's "operation" and so added the value that was to be removed
            "emails     | [{\"value\":\"a@b.c\",\"operation\":\"delete\"}]",
            // PATCH stored "42": a server-unique name is the client's own string, as POST /Users and /Groups say
            "userName   | 42",
            // always agreed, kept
            "active     | \"F\"",
            "name       | \"Alice\"",
    })
    void aValueRefusedByOneIsRefusedByBoth(String attribute, String json) {
        ScimException post = assertThrows(ScimException.class, () -> posted(attribute.strip(), json.strip()));
        ScimException patch = assertThrows(ScimException.class, () -> patched(attribute.strip(), json.strip()));
        assertEquals("invalidValue", post.scimType());
        assertEquals("invalidValue", patch.scimType());
        assertEquals(post.getMessage(), patch.getMessage());
    }
}
