package io.preset.teams.team;

import io.preset.teams.common.DomainException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A member's role in a team; declared lowest first so that {@code compareTo} ranks them. */
public enum TeamRole {
    User,
    Admin;

    public static TeamRole parse(String value) {
        for (TeamRole role : values()) {
            if (role.name().equals(value)) {
                return role;
            }
        }
        throw DomainException.invalid("Unknown team role '" + value + "'; expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    public static TeamRole highest(TeamRole a, TeamRole b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
