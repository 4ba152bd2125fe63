package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7644 section 3.5.2 semantics by target kind. */
class PatchSemanticsTest extends PatchTestSupport {

    @Nested
    class SingularAttributes {

        @Test
        void addAndReplaceSetSimpleValues() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"add","path":"title","value":"CEO"},{"op":"replace","path":"displayName","value":"A. S."},
                     {"op":"add","path":"userName","value":"alice2"}]
                    """);
            assertEquals("CEO", result.get("title").textValue());
            assertEquals("A. S.", result.get("displayName").textValue());
            assertEquals("alice2", result.get("userName").textValue());
        }

        @Test
        void attributeNamesAreCaseInsensitiveAndWrittenCanonically() {
            ObjectNode result = patch(users, plainUser(), """
                    [{"op":"add","path":"NickName","value":"Bobby"},{"op":"replace","path":"name.GivenName","value":"Bob"},
                     {"op":"add","path":"EMAILS","value":[{"VALUE":"b@x.io","Type":"work","PRIMARY":"true"}]},
                     {"op":"replace","value":{"TITLE":"Dev","Name.FamilyName":"B"}}]
                    """);
            assertEquals("Bobby", result.get("nickName").textValue());
            assertEquals(jsonValue("{\"givenName\":\"Bob\",\"familyName\":\"B\"}"), result.get("name"));
            assertEquals(jsonValue("[{\"value\":\"b@x.io\",\"type\":\"work\",\"primary\":true}]"), result.get("emails"));
            assertEquals("Dev", result.get("title").textValue());
            assertFalse(result.has("NickName") || result.has("EMAILS") || result.has("TITLE"));
        }

        @Test
        void existingKeyInOtherCaseIsReplacedByCanonicalKey() {
            ObjectNode odd = json("{\"id\":\"u-5\",\"UserName\":\"x\",\"Name\":{\"GivenName\":\"G\"}}");
            ObjectNode result = patch(users, odd, """
                    [{"op":"replace","path":"userName","value":"y"},{"op":"replace","path":"name.givenName","value":"H"}]
                    """);
            assertEquals(json("{\"id\":\"u-5\",\"userName\":\"y\",\"name\":{\"givenName\":\"H\"}}"), result);
        }

        @Test
        void complexAttributeIsMerged() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"name","value":{"givenName":"Al","middleName":"M"}}]
                    """);
            assertEquals(jsonValue("{\"givenName\":\"Al\",\"familyName\":\"Smith\",\"middleName\":\"M\"}"), result.get("name"));
            result = patch(users, user(), "[{\"op\":\"add\",\"path\":\"name\",\"value\":{\"familyName\":\"S2\"}}]");
            assertEquals(jsonValue("{\"givenName\":\"Alice\",\"familyName\":\"S2\"}"), result.get("name"));
        }

        @Test
        void pathlessReplaceMergesComplexAttributes() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","value":{"name":{"givenName":"Al"},"displayName":"Al Smith"}}]
                    """);
            assertEquals(jsonValue("{\"givenName\":\"Al\",\"familyName\":\"Smith\"}"), result.get("name"));
            assertEquals("Al Smith", result.get("displayName").textValue());
        }

        @Test
        void nullSubAttributeIsUnassigned() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":null}}]");
            assertEquals(jsonValue("{\"familyName\":\"Smith\"}"), result.get("name"));
            result = patch(users, user(), "[{\"op\":\"replace\",\"path\":\"name\",\"value\":{\"givenName\":null,\"familyName\":null}}]");
            assertFalse(result.has("name"));
        }

        @Test
        void coreSchemaUrnPrefix() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName","value":"Ally"},
                     {"op":"replace","path":"urn:ietf:params:scim:schemas:core:2.0:User:externalId","value":"e-2"}]
                    """);
            assertEquals("Ally", result.get("name").get("givenName").textValue());
            assertEquals("e-2", result.get("externalId").textValue());
            result = patch(users, user(), """
                    [{"op":"replace","value":{"urn:ietf:params:scim:schemas:core:2.0:User":{"displayName":"X","id":"u-1"}}}]
                    """);
            assertEquals("X", result.get("displayName").textValue());
        }

        @Test
        void removeSubAttributeAndWholeAttribute() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"name.givenName\"}]");
            assertEquals(jsonValue("{\"familyName\":\"Smith\"}"), result.get("name"));
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"name.givenName\"},{\"op\":\"remove\",\"path\":\"name.familyName\"}]");
            assertFalse(result.has("name"));
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"name\"},{\"op\":\"remove\",\"path\":\"displayName\"}]");
            assertFalse(result.has("name"));
            assertFalse(result.has("displayName"));
        }

        @Test
        void removingWhatIsNotThereIsANoOp() {
            assertEquals(plainUser(), patch(users, plainUser(), """
                    [{"op":"remove","path":"title"},{"op":"remove","path":"name.givenName"},{"op":"remove","path":"emails"},
                     {"op":"remove","path":"emails[type eq \\"work\\"]"},{"op":"remove","path":"emails.type"},
                     {"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"},
                     {"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]
                    """));
        }

        @Test
        void replaceWithNullUnassigns() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"displayName","value":null},{"op":"replace","value":{"name":null,"externalId":null}}]
                    """);
            assertFalse(result.has("displayName"));
            assertFalse(result.has("name"));
            assertFalse(result.has("externalId"));
        }

        @Test
        void pathlessAddIgnoresNullValues() {
            assertEquals(user(), patch(users, user(), "[{\"op\":\"add\",\"value\":{\"displayName\":null}}]"));
        }

        @Test
        void pathlessValueIgnoresSchemasAndMayBeEmpty() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","value":{"schemas":["urn:x"],"title":"T"}},{"op":"add","value":{}}]
                    """);
            ObjectNode expected = user();
            expected.put("title", "T");
            assertEquals(expected, result);
        }

        @Test
        void passwordIsWritten() {
            // writeOnly: the engine writes it, the caller decides what to do with it
            ObjectNode result = patch(users, user(), "[{\"op\":\"replace\",\"path\":\"password\",\"value\":\"s3cret\"}]");
            assertEquals("s3cret", result.get("password").textValue());
        }
    }

    @Nested
    class EnterpriseExtension {

        @Test
        void extensionPaths() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"Ops"},
                     {"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:costCenter","value":"CC1"}]
                    """);
            assertEquals(jsonValue("""
                    {"department":"Ops","manager":{"value":"m-1","displayName":"Boss"},"costCenter":"CC1"}
                    """), ent(result));
        }

        @Test
        void wholeExtensionPath() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                      "value":{"division":"D","manager":"m-9"}}]
                    """);
            assertEquals(jsonValue("{\"department\":\"Eng\",\"manager\":{\"value\":\"m-9\"},\"division\":\"D\"}"), ent(result));
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"}]");
            assertFalse(result.has(ENT));
            assertEquals(jsonValue("[\"urn:ietf:params:scim:schemas:core:2.0:User\"]"), result.get("schemas"));
        }

        @Test
        void extensionUrnKeyInPathlessValueMergesIntoExtension() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                      {"department":"Sales","organization":"Acme"}}}]
                    """);
            assertEquals(jsonValue("""
                    {"department":"Sales","manager":{"value":"m-1","displayName":"Boss"},"organization":"Acme"}
                    """), ent(result));
            result = patch(users, user(), """
                    [{"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":null}}]
                    """);
            assertFalse(result.has(ENT));
        }

        @Test
        void extensionKeyFoundInAnyCaseAndWrittenCanonically() {
            ObjectNode odd = json("{\"id\":\"u-6\",\"userName\":\"x\","
                    + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:user\":{\"department\":\"A\"}}");
            ObjectNode result = patch(users, odd, """
                    [{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division","value":"B"}]
                    """);
            assertEquals(json("{\"id\":\"u-6\",\"userName\":\"x\",\"" + ENT + "\":{\"department\":\"A\",\"division\":\"B\"}}"),
                    result);
        }

        @Test
        void schemasAreNotInventedWhenAbsent() {
            ObjectNode noSchemas = json("{\"id\":\"u-7\",\"userName\":\"x\"}");
            ObjectNode result = patch(users, noSchemas, """
                    [{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division","value":"B"}]
                    """);
            assertFalse(result.has("schemas"));
            assertEquals(jsonValue("{\"division\":\"B\"}"), ent(result));
        }
    }

    @Nested
    class MultiValued {

        @Test
        void addAppendsSingleObjectOrArray() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"add","path":"emails","value":{"value":"a@other.example","type":"other"}},
                     {"op":"add","path":"emails","value":[{"value":"a@x.example"},{"value":"a@y.example"}]}]
                    """);
            assertEquals(5, result.get("emails").size());
            assertEquals(jsonValue("{\"value\":\"a@other.example\",\"type\":\"other\"}"), result.get("emails").get(2));
        }

        @Test
        void addSkipsValuesAlreadyPresent() {
            assertEquals(user(), patch(users, user(), """
                    [{"op":"add","path":"emails","value":[{"value":"alice@example.com","type":"work","primary":true},
                                                          {"value":"alice@home.example"}]}]
                    """));
        }

        @Test
        void replaceReplacesTheWholeList() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"emails","value":[{"value":"z@z.example","type":"work","primary":"True"}]}]
                    """);
            assertEquals(jsonValue("[{\"value\":\"z@z.example\",\"type\":\"work\",\"primary\":true}]"), result.get("emails"));
            result = patch(users, user(), "[{\"op\":\"replace\",\"path\":\"emails\",\"value\":[]}]");
            assertEquals(jsonValue("[]"), result.get("emails"));
            result = patch(users, user(), "[{\"op\":\"replace\",\"value\":{\"emails\":[]}}]");
            assertEquals(jsonValue("[]"), result.get("emails"));
        }

        @Test
        void pathlessAddAppends() {
            ObjectNode result = patch(groups, group(), "[{\"op\":\"add\",\"value\":{\"members\":[{\"value\":\"u-3\"}]}}]");
            assertEquals(3, result.get("members").size());
        }

        @Test
        void removeWholeAttribute() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails\"}]");
            assertFalse(result.has("emails"));
        }

        @Test
        void removeWithValueSelectorWithoutValueMatchesAllGivenSubAttributes() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails\",\"value\":[{\"type\":\"home\"}]}]");
            assertEquals(jsonValue("[{\"value\":\"alice@example.com\",\"type\":\"work\",\"primary\":true}]"), result.get("emails"));
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails\",\"value\":{\"value\":\"alice@example.com\"}}]");
            assertEquals(jsonValue("[{\"value\":\"alice@home.example\",\"type\":\"home\"}]"), result.get("emails"));
        }

        @Test
        void subAttributeOfAllValues() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails.type\"}]");
            assertEquals(jsonValue("[{\"value\":\"alice@example.com\",\"primary\":true},{\"value\":\"alice@home.example\"}]"),
                    result.get("emails"));
            result = patch(users, user(), "[{\"op\":\"replace\",\"path\":\"emails.type\",\"value\":\"other\"}]");
            assertEquals("other", result.get("emails").get(0).get("type").textValue());
            assertEquals("other", result.get("emails").get(1).get("type").textValue());
            result = patch(users, plainUser(), "[{\"op\":\"add\",\"path\":\"emails.value\",\"value\":\"b@x.io\"}]");
            assertEquals(jsonValue("[{\"value\":\"b@x.io\"}]"), result.get("emails"));
        }

        @Test
        void loneObjectStoredForMultiValuedIsReadAsList() {
            ObjectNode odd = json("{\"id\":\"u-8\",\"userName\":\"x\",\"emails\":{\"value\":\"a@x.io\"}}");
            ObjectNode result = patch(users, odd, "[{\"op\":\"add\",\"path\":\"emails\",\"value\":{\"value\":\"b@x.io\"}}]");
            assertEquals(jsonValue("[{\"value\":\"a@x.io\"},{\"value\":\"b@x.io\"}]"), result.get("emails"));
        }
    }

    @Nested
    class ValueFilters {

        @Test
        void replaceMatchingValuesWholly() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"emails[type eq \\"home\\"]","value":{"value":"h2@home.example","type":"home"}}]
                    """);
            assertEquals(jsonValue("{\"value\":\"h2@home.example\",\"type\":\"home\"}"), result.get("emails").get(1));
            assertEquals(user().get("emails").get(0), result.get("emails").get(0));
        }

        @Test
        void replaceWithNoMatchIsNoTarget() {
            patchError(users, user(), "noTarget", """
                    [{"op":"replace","path":"emails[type eq \\"other\\"]","value":{"value":"o@x.io"}}]
                    """);
            // only an eq filter describes the value to create
            patchError(users, user(), "noTarget", """
                    [{"op":"replace","path":"emails[value co \\"nomatch\\"].value","value":"o@x.io"}]
                    """);
            patchError(users, user(), "noTarget", """
                    [{"op":"add","path":"emails[type ne \\"work\\" and type ne \\"home\\"].value","value":"o@x.io"}]
                    """);
        }

        @Test
        void addWithFilterMergesOrCreates() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"add","path":"emails[type eq \\"home\\"]","value":{"display":"Home"}},
                     {"op":"add","path":"emails[type eq \\"other\\"]","value":{"value":"o@x.io"}}]
                    """);
            assertEquals(jsonValue("{\"value\":\"alice@home.example\",\"type\":\"home\",\"display\":\"Home\"}"),
                    result.get("emails").get(1));
            assertEquals(jsonValue("{\"type\":\"other\",\"value\":\"o@x.io\"}"), result.get("emails").get(2));
        }

        @Test
        void andFilterOfEqualitiesDescribesTheNewValue() {
            ObjectNode result = patch(users, plainUser(), """
                    [{"op":"add","path":"addresses[type eq \\"work\\" and country eq \\"US\\"].locality","value":"NYC"}]
                    """);
            assertEquals(jsonValue("[{\"type\":\"work\",\"country\":\"US\",\"locality\":\"NYC\"}]"), result.get("addresses"));
        }

        @Test
        void removeMatchingValuesOrTheirSubAttribute() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"home\\\"]\"}]");
            assertEquals(1, result.get("emails").size());
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\"].value\"}]");
            assertEquals(jsonValue("{\"type\":\"work\",\"primary\":true}"), result.get("emails").get(0));
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails[type eq \\\"other\\\"].value\"}]");
            assertEquals(user(), result);
        }

        @Test
        void filterValuesAndNamesAreCaseInsensitive() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"EMAILS[TYPE eq \\"WORK\\"].VALUE","value":"w@x.io"}]
                    """);
            assertEquals("w@x.io", result.get("emails").get(0).get("value").textValue());
            assertEquals(2, result.get("emails").size());
            result = patch(groups, group(), "[{\"op\":\"remove\",\"path\":\"members[Value EQ \\\"U-2\\\"]\"}]");
            assertEquals(1, result.get("members").size());
        }

        @Test
        void combinedAndBooleanFilters() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"emails[type eq \\"work\\" and value ew \\"example.com\\"].display","value":"Work"},
                     {"op":"replace","path":"emails[primary eq \\"True\\"].type","value":"other"},
                     {"op":"remove","path":"emails[not (primary eq true)]"}]
                    """);
            assertEquals(jsonValue("[{\"value\":\"alice@example.com\",\"type\":\"other\",\"primary\":true,\"display\":\"Work\"}]"),
                    result.get("emails"));
        }

        @Test
        void filtersEvaluatedByTheSdk() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails[type ne \\\"work\\\"]\"}]");
            assertEquals(jsonValue("[{\"value\":\"alice@example.com\",\"type\":\"work\",\"primary\":true}]"), result.get("emails"));
            result = patch(users, user(), "[{\"op\":\"remove\",\"path\":\"emails[value sw \\\"ALICE@HOME\\\" or value co \\\"nothing\\\"]\"}]");
            assertEquals(1, result.get("emails").size());
            result = patch(users, user(), "[{\"op\":\"replace\",\"path\":\"emails[primary eq false].display\",\"value\":\"x\"}]");
            // an unset primary is not "false" for the filter: nothing matches, and the eq filter describes a new value
            assertFalse(result.get("emails").get(0).has("display"));
            assertFalse(result.get("emails").get(1).has("display"));
            assertEquals(jsonValue("{\"primary\":false,\"display\":\"x\"}"), result.get("emails").get(2));
        }

        @Test
        void presentFilter() {
            ObjectNode result = patch(groups, group(), "[{\"op\":\"remove\",\"path\":\"members[display pr]\"}]");
            assertEquals(jsonValue("[{\"value\":\"u-2\"}]"), result.get("members"));
        }

        @Test
        void replaceMemberByFilter() {
            ObjectNode result = patch(groups, group(), """
                    [{"op":"replace","path":"members[value eq \\"u-2\\"]","value":{"value":"u-2","display":"b@x.io"}},
                     {"op":"replace","path":"members[value eq \\"u-1\\"].display","value":"Alice"}]
                    """);
            assertEquals(jsonValue("""
                    [{"value":"u-1","display":"Alice","type":"User"},{"value":"u-2","display":"b@x.io"}]
                    """), result.get("members"));
        }

        @Test
        void filterThatCannotBeEvaluatedIsInvalidFilter() {
            patchError(users, user(), "invalidFilter", "[{\"op\":\"remove\",\"path\":\"emails[primary gt true]\"}]");
        }
    }

    @Nested
    class Primary {

        @Test
        void addingAPrimaryValueDemotesTheOld() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"add","path":"emails","value":[{"value":"new@x.io","type":"work","primary":"True"}]}]
                    """);
            assertEquals(jsonValue("""
                    [{"value":"alice@example.com","type":"work","primary":false},{"value":"alice@home.example","type":"home"},
                     {"value":"new@x.io","type":"work","primary":true}]
                    """), result.get("emails"));
        }

        @Test
        void settingPrimaryByFilter() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"replace","path":"emails[type eq \\"home\\"].primary","value":"True"}]
                    """);
            assertEquals(false, result.get("emails").get(0).get("primary").booleanValue());
            assertEquals(true, result.get("emails").get(1).get("primary").booleanValue());
        }

        @Test
        void addingANonPrimaryValueLeavesPrimaryAlone() {
            ObjectNode result = patch(users, user(), "[{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"n@x.io\"}]}]");
            assertTrue(result.get("emails").get(0).get("primary").booleanValue());
        }

        @Test
        void twoPrimaryValuesAreInvalid() {
            patchError(users, user(), "invalidValue", """
                    [{"op":"replace","path":"emails","value":[{"value":"a@x.io","primary":true},{"value":"b@x.io","primary":true}]}]
                    """);
            patchError(users, user(), "invalidValue", """
                    [{"op":"add","path":"emails","value":[{"value":"a@x.io","primary":true},{"value":"b@x.io","primary":"true"}]}]
                    """);
            patchError(users, user(), "invalidValue", "[{\"op\":\"replace\",\"path\":\"emails.primary\",\"value\":true}]");
        }

        @Test
        void primaryOnOtherAttributesIsIndependent() {
            ObjectNode result = patch(users, user(), """
                    [{"op":"add","path":"phoneNumbers","value":[{"value":"1","primary":true}]}]
                    """);
            assertTrue(result.get("emails").get(0).get("primary").booleanValue());
            assertTrue(result.get("phoneNumbers").get(0).get("primary").booleanValue());
        }
    }

    @Nested
    class Isolation {

        @Test
        void inputsAreNotMutatedAndResultSharesNothingWithTheRequest() {
            ObjectNode resource = user();
            ObjectNode request = body("""
                    [{"op":"add","path":"emails","value":[{"value":"new@x.io","primary":true}]},
                     {"op":"replace","path":"name","value":{"givenName":"Z"}},
                     {"op":"replace","value":{"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"Q"}}},
                     {"op":"remove","path":"emails[type eq \\"home\\"]"}]
                    """);
            ObjectNode resourceBefore = resource.deepCopy();
            ObjectNode requestBefore = request.deepCopy();
            List<PatchOp> ops = users.parse(request);
            ObjectNode result = users.apply(resource, ops);
            assertEquals(resourceBefore, resource);
            assertEquals(requestBefore, request);
            assertNotSame(resource, result);
            // mutating the result leaves the request alone
            ((ObjectNode) result.get("emails").get(1)).put("primary", false);
            ((ObjectNode) result.get("name")).put("givenName", "changed");
            assertEquals(requestBefore, request);
            // the same ops applied again give the same result
            ObjectNode again = users.apply(resource, ops);
            JsonNode expectedEmails = jsonValue("""
                    [{"value":"alice@example.com","type":"work","primary":false},{"value":"new@x.io","primary":true}]
                    """);
            assertEquals(expectedEmails, again.get("emails"));
        }

        @Test
        void failedPatchLeavesInputUntouched() {
            ObjectNode resource = user();
            List<PatchOp> ops = users.parse(body("""
                    [{"op":"replace","path":"displayName","value":"changed"},{"op":"replace","path":"id","value":"x"}]
                    """));
            scimError("mutability", () -> users.apply(resource, ops));
            assertEquals(user(), resource);
        }
    }
}
