package io.preset.teams.scim.filter;

import com.unboundid.scim2.common.filters.Filter;
import io.preset.teams.scim.protocol.ScimException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses SCIM filter expressions (RFC 7644 section 3.4.2.2) as Okta and Entra ID send them. Every
 * failure is a {@link ScimException#invalidFilter(String)} (400, scimType {@code invalidFilter}).
 *
 * <p>Accepted beyond the strict grammar of the UnboundID parser:
 * <ul>
 *   <li>operators and attribute names in any letter case ({@code userName EQ "x"},
 *       {@code USERNAME eq "x"}) and schema-URN-qualified attributes (the parser already does);</li>
 *   <li>Entra's unquoted value: when the strict parse fails and the whole filter is
 *       {@code <attrPath> <eq|ne|co|sw|ew> <bare token>}, it is parsed again with the token quoted
 *       ({@code externalId eq 1234abcd-5678}, {@code userName eq alice@example.com}); a bare
 *       {@code True}/{@code False}/{@code Null} in any case becomes the JSON literal;</li>
 *   <li>a value path followed by a sub-attribute, which the RFC's filter grammar lacks but Entra sends
 *       when matching on {@code emails[type eq "work"].value}: the whole filter
 *       {@code attr[valFilter].sub <op> <value>} becomes {@code attr[(valFilter) and sub <op> <value>]}
 *       (one element satisfies both).</li>
 * </ul>
 * Hostile input stays cheap: at most {@value #MAX_LENGTH} characters, {@value #MAX_DEPTH} levels of
 * parentheses/brackets and {@value #MAX_TERMS} attribute expressions.
 */
public final class ScimFilters {

    public static final int MAX_LENGTH = 4096;
    public static final int MAX_DEPTH = 32;
    public static final int MAX_TERMS = 100;

    /** {@code attrPath op token}: the attrPath may carry a schema URN (colons) and one dot. */
    private static final Pattern UNQUOTED = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9_:.$-]*)\\s+(eq|ne|co|sw|ew)\\s+([^\\s\"()\\[\\]]+)\\s*",
            Pattern.CASE_INSENSITIVE);

    /**
     * {@code attrPath[valFilter].subAttr op value} (Entra's matching on {@code emails[type eq "work"].value}),
     * which RFC 7644's filter grammar lacks: one expression, no brackets inside the value filter.
     */
    private static final Pattern VALUE_PATH_SUB = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9_:.$-]*)\\[([^\\[\\]]+)\\]\\.([A-Za-z$][A-Za-z0-9_$-]*)\\s+"
                    + "(?:(pr)|(eq|ne|co|sw|ew|gt|ge|lt|le)\\s+(\\S.*))\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ScimFilters() {
    }

    /** Parses {@code filter}; null, blank, malformed or too complex → invalidFilter. */
    public static Filter parse(String filter) {
        if (filter == null || filter.isBlank()) {
            throw ScimException.invalidFilter("The filter is empty");
        }
        if (filter.length() > MAX_LENGTH) {
            throw ScimException.invalidFilter("The filter is longer than " + MAX_LENGTH + " characters");
        }
        checkNesting(filter);
        Filter parsed;
        try {
            parsed = Filter.fromString(filter);
        } catch (Exception | StackOverflowError e) {
            parsed = lenient(filter);
            if (parsed == null) {
                throw ScimException.invalidFilter("Invalid filter: " + message(e));
            }
        }
        checkComplexity(parsed);
        return parsed;
    }

    /**
     * Rejects a filter tree deeper than the parenthesis limit allows or with more than {@value #MAX_TERMS} attribute expressions; for filters built in code, as
     * {@link #parse} already checks.
     */
    public static void checkComplexity(Filter filter) {
        int[] terms = {0};
        walk(filter, 0, terms);
    }

    private static void walk(Filter filter, int depth, int[] terms) {
        if (filter == null) {
            throw ScimException.invalidFilter("The filter is empty");
        }
        // each parenthesis level may hold an or, an and and a not: 3 tree levels
        if (depth > 3 * MAX_DEPTH + 3) {
            throw ScimException.invalidFilter("The filter is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (filter.isCombiningFilter()) {
            for (Filter f : filter.getCombinedFilters()) {
                walk(f, depth + 1, terms);
            }
        } else if (filter.isNotFilter()) {
            walk(filter.getInvertedFilter(), depth + 1, terms);
        } else if (filter.isComplexValueFilter()) {
            walk(filter.getValueFilter(), depth + 1, terms);
        } else if (++terms[0] > MAX_TERMS) {
            throw ScimException.invalidFilter("The filter has more than " + MAX_TERMS + " attribute expressions");
        }
    }

    /** Counts '(' and '[' nesting outside string literals, before the parser sees the text; they must balance. */
    private static void checkNesting(String filter) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    throw ScimException.invalidFilter("The filter is nested deeper than " + MAX_DEPTH + " levels");
                }
            } else if (c == ')' || c == ']') {
                if (--depth < 0) {
                    throw ScimException.invalidFilter("Unbalanced '" + c + "' in the filter");
                }
            }
        }
        // the parser forgives a missing ']' or ')' at the end; an unclosed expression is not a filter
        if (inString) {
            throw ScimException.invalidFilter("Unterminated string in the filter");
        }
        if (depth != 0) {
            throw ScimException.invalidFilter("Unbalanced parentheses or brackets in the filter");
        }
    }

    /** The accepted deviations from the grammar, tried after the strict parse failed; null if none fits. */
    private static Filter lenient(String filter) {
        try {
            Filter parsed = retryUnquoted(filter);
            return parsed != null ? parsed : retryValuePathSub(filter);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static Filter retryUnquoted(String filter) {
        Matcher m = UNQUOTED.matcher(filter);
        if (!m.matches()) {
            return null;
        }
        try {
            return Filter.fromString(m.group(1) + " " + m.group(2) + " " + quote(m.group(3)));
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    /** A bare token as JSON: true/false/null in any case as literals, anything else as a string. */
    private static String quote(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "true", "false", "null" -> lower;
            default -> "\"" + token.replace("\\", "\\\\") + "\"";
        };
    }

    /** {@code emails[type eq "work"].value eq "x"} → {@code emails[(type eq "work") and value eq "x"]}. */
    private static Filter retryValuePathSub(String filter) {
        Matcher m = VALUE_PATH_SUB.matcher(filter);
        if (!m.matches()) {
            return null;
        }
        String comparison;
        if (m.group(4) != null) {
            comparison = m.group(3) + " pr";
        } else {
            String value = m.group(6).strip();
            if (!isOneValue(value)) {
                return null;
            }
            comparison = m.group(3) + " " + m.group(5) + " " + (value.startsWith("\"") ? value : quote(value));
        }
        try {
            return Filter.fromString(m.group(1) + "[(" + m.group(2) + ") and " + comparison + "]");
        } catch (Exception | StackOverflowError e) {
            return null;
        }
    }

    /** One JSON string literal, or one bare token without blanks, quotes, parentheses or brackets. */
    private static boolean isOneValue(String value) {
        if (value.startsWith("\"")) {
            for (int i = 1; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i == value.length() - 1;
                }
            }
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == '"' || c == '(' || c == ')' || c == '[' || c == ']') {
                return false;
            }
        }
        return true;
    }

    /** The parser's message without Jackson's multi-line source location. */
    private static String message(Throwable e) {
        String msg = e.getMessage();
        if (msg == null || msg.isBlank() || !(e instanceof com.unboundid.scim2.common.exceptions.ScimException)) {
            return "malformed expression";
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
