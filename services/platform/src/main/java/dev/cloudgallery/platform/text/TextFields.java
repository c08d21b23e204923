package dev.cloudgallery.platform.text;

import java.util.List;
import java.util.regex.Pattern;

import dev.cloudgallery.platform.problem.Problem.FieldError;

/**
 * Text a person types into the product (titles, descriptions, names), held to the same rules in every service: at
 * most so many characters after stripping, no control characters (lines and tabs only where text may have lines),
 * and nothing SQS refuses, because such text travels in events: U+FFFE, U+FFFF and unpaired surrogates, which Java
 * and PostgreSQL store happily, would hold up every event behind them in an outbox.
 */
public final class TextFields {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** Lines and tabs, but no other control character (PostgreSQL refuses NUL outright). */
    private static final Pattern MULTILINE_CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

    private TextFields() {
    }

    /** A one-line field: the stripped text, or an error added to {@code errors} (and the stripped text anyway). */
    public static String line(List<FieldError> errors, String field, String value, int max, boolean required) {
        return check(errors, field, value, max, required, CONTROL);
    }

    /** A field that may hold several lines. */
    public static String lines(List<FieldError> errors, String field, String value, int max, boolean required) {
        return check(errors, field, value, max, required, MULTILINE_CONTROL);
    }

    private static String check(List<FieldError> errors, String field, String value, int max, boolean required,
                                Pattern control) {
        String stripped = value == null ? "" : value.strip();
        if (required && stripped.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (stripped.codePointCount(0, stripped.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        } else if (control.matcher(stripped).find()) {
            errors.add(new FieldError(field, "must not contain control characters"));
        } else if (!sendable(stripped)) {
            errors.add(new FieldError(field, "must not contain noncharacters or unpaired surrogates"));
        }
        return stripped;
    }

    private static boolean sendable(String text) {
        return text.codePoints().noneMatch(c -> c == 0xFFFE || c == 0xFFFF || Character.isSurrogate((char) c)
                                                && c <= 0xFFFF);
    }
}
