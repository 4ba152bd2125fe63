package io.preset.teams.scim.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preset.teams.scim.protocol.ScimException;
import io.preset.teams.scim.schema.AttributeValues;
import io.preset.teams.scim.schema.ScimResourceType;

import java.util.List;
import java.util.Objects;

/**
 * SCIM PATCH (RFC 7644 section 3.5.2) on the JSON form of a resource, with the quirks of Okta and
 * Microsoft Entra ID accepted (see {@code docs/okta-entra.md}). Pure logic: it reads and writes JSON,
 * never storage. Every problem with the client's input is a {@link ScimException}.
 *
 * <p>Semantics, by target:
 * <ul>
 *   <li>no path (add/replace): {@code value} is an object whose keys are applied as if each were a
 *       path: plain names, dotted names ({@code name.givenName}), URN-qualified names
 *       ({@code urn:..:enterprise:2.0:User:department}), a schema URN with an object of that
 *       schema's attributes, even value-filter paths. {@code schemas} is ignored; {@code id} is
 *       ignored when it equals the resource's id (Okta's group rename), otherwise it is a
 *       mutability error. A key whose value is JSON null is unassigned by replace, ignored by add.</li>
 *   <li>singular simple attribute: add and replace set the value; remove unassigns it; replace
 *       with JSON null unassigns it too.</li>
 *   <li>singular complex attribute ({@code name}, {@code manager}): add and replace merge the given
 *       sub-attributes into the existing value (RFC 7644: "sub-attributes that are not specified
 *       in the value parameter are left unchanged"; null ones are unassigned). Entra's plain-string
 *       {@code manager} is read as {@code {"value": ..}}, an empty string as "no manager". When the
 *       writable sub-attributes change, readOnly ones (manager.displayName) are dropped as stale.</li>
 *   <li>multi-valued attribute: add appends values, skipping values already present (for
 *       {@code members}, whose immutable {@code value} is the identity: the same value; otherwise
 *       an existing value with all the given sub-attributes equal); replace sets the whole list
 *       ({@code []} empties it); remove without value unassigns the attribute, remove with a value
 *       (Entra's {@code {"op":"Remove","path":"members","value":[{"value":"id"}]}}) removes just
 *       the values that match, exactly by {@code value} when given, and is a no-op for the others.</li>
 *   <li>{@code attr.sub} of a multi-valued attribute: add/replace set the sub-attribute on every
 *       value (creating one value when there is none), remove removes it from every value.</li>
 *   <li>value filter ({@code emails[type eq "work"]}, optionally {@code .sub}): replace replaces the
 *       matching values wholly (or sets their sub-attribute), add merges into them, remove removes
 *       them (or their sub-attribute). No match: remove is a no-op (Okta removes non-members);
 *       add, and replace with a {@code .sub}, create the value the filter describes when it is
 *       {@code a eq v} or an {@code and} of those (Entra's {@code emails[type eq "work"].value} for
 *       a user without a work email); otherwise noTarget.</li>
 * </ul>
 * Setting {@code primary} true on one value sets it false on the others (RFC 7643 section 2.4);
 * one operation making two values primary is invalidValue. Values are type-checked against the
 * schema and converted to canonical JSON by {@link AttributeValues}, exactly as POST/PUT read them; attribute
 * names in the output are the schema's canonical names. readOnly targets (id, meta, groups, manager.displayName)
 * are mutability errors; readOnly and unknown sub-attributes inside a given value are ignored. immutable is not
 * enforced (a group's members are replaced as a whole by Okta's "push now"). Unassigning a required
 * attribute (userName, a group's displayName) that was set is invalidValue.
 *
 * <p>The result of {@link #apply} is the complete new state of the resource, to be handled like a
 * PUT body: an attribute that is absent is unassigned. A multi-valued attribute whose values were
 * all removed one by one is left as {@code []}. An extension object left empty is dropped, and the
 * resource's {@code schemas} (when present) lists exactly the extensions present. {@code password}
 * (writeOnly) is written like any other attribute: the caller decides what to do with it.
 */
public final class PatchEngine {

    /** The most operations one request may carry (Okta sends up to 1000 member changes). */
    public static final int MAX_OPERATIONS = 1000;

    private final ScimResourceType type;
    private final PatchValidator validator;

    public PatchEngine(ScimResourceType type) {
        this.type = Objects.requireNonNull(type, "type");
        this.validator = new PatchValidator(type);
    }

    /** Parses a PatchOp request body (already parsed to ObjectNode via ScimJson.parseObject), validates it, returns the operations. */
    public List<PatchOp> parse(ObjectNode body) {
        return validator.parse(body);
    }

    /**
     * Applies the operations to a COPY of the resource JSON and returns the new JSON. Does not mutate input.
     * Each operation is checked and converted ({@link PatchValidator}), then applied ({@link PatchApplier}),
     * in order.
     */
    public ObjectNode apply(ObjectNode resource, List<PatchOp> ops) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(ops, "ops");
        PatchApplier applier = new PatchApplier(type, resource);
        for (int i = 0; i < ops.size(); i++) {
            applier.apply(validator.changes(ops.get(i), PatchValidator.where(i)));
        }
        return applier.result();
    }
}
