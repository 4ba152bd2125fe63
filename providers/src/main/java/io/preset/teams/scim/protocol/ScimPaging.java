package io.preset.teams.scim.protocol;

/**
 * {@code startIndex} and {@code count} (RFC 7644 section 3.4.2.4): below 1 means 1, a negative
 * count means 0, a count above the server's maximum is capped; non-integers are refused.
 */
public record ScimPaging(int startIndex, int count) {

    public static ScimPaging of(String startIndex, String count, int defaultCount, int maxCount) {
        int start = parse("startIndex", startIndex, 1);
        int size = parse("count", count, defaultCount);
        return new ScimPaging(Math.max(1, start), Math.max(0, Math.min(size, maxCount)));
    }

    private static int parse(String name, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String trimmed = value.strip();
        try {
            long parsed = Long.parseLong(trimmed);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, parsed));
        } catch (NumberFormatException e) {
            if (trimmed.matches("[+-]?\\d+")) {
                return trimmed.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            }
            throw ScimException.invalidValue("'" + name + "' must be an integer");
        }
    }
}
