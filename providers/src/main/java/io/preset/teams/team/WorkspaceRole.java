package io.preset.teams.team;

import io.preset.teams.common.DomainException;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Preset workspace roles, declared lowest first so that {@code compareTo} ranks them.
 * No role in a workspace means {@link #PresetNoAccess}.
 */
public enum WorkspaceRole {
    PresetNoAccess("No Access"),
    PresetDashboardsOnly("Dashboard Viewer"),
    PresetReportsOnly("Viewer"),
    PresetGamma("Limited Creator"),
    PresetBeta("Secondary Creator"),
    PresetAlpha("Primary Creator"),
    Admin("Workspace Admin");

    private final String displayName;

    WorkspaceRole(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static WorkspaceRole parse(String value) {
        for (WorkspaceRole role : values()) {
            if (role.name().equals(value)) {
                return role;
            }
        }
        throw DomainException.invalid("Unknown workspace role '" + value + "'; expected one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    public static WorkspaceRole highest(WorkspaceRole a, WorkspaceRole b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.compareTo(b) >= 0 ? a : b;
    }
}
