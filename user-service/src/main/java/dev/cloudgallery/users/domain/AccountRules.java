package dev.cloudgallery.users.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.cloudgallery.platform.problem.Problem;
import dev.cloudgallery.platform.problem.Problem.FieldError;
import dev.cloudgallery.platform.text.TextFields;

/**
 * The input rules of accounts and profiles, checked before anything is sent to Cognito or stored. Cognito enforces
 * the pool's password policy too; checking here gives the same answer everywhere, including against an emulator
 * that enforces none.
 */
final class AccountRules {
    static final int DISPLAY_NAME_MAX = 50;
    static final int BIO_MAX = 500;
    static final int PASSWORD_MIN = 8;
    static final int PASSWORD_MAX = 256;

    // Deliberately simple: one @, no spaces, a dot in the domain. Cognito and the confirmation mail do the rest.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final List<FieldError> errors = new ArrayList<>();

    static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    AccountRules email(String email) {
        if (email == null || email.isEmpty()) {
            errors.add(new FieldError("email", "is required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("email", "is not a valid email address"));
        }
        return this;
    }

    AccountRules password(String password) {
        if (password == null || password.isEmpty()) {
            errors.add(new FieldError("password", "is required"));
        } else if (password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX
                || !password.chars().anyMatch(Character::isLowerCase)
                || !password.chars().anyMatch(Character::isUpperCase)
                || !password.chars().anyMatch(Character::isDigit)) {
            errors.add(new FieldError("password", "must be " + PASSWORD_MIN + " to " + PASSWORD_MAX
                    + " characters with an upper-case letter, a lower-case letter and a digit"));
        }
        return this;
    }

    AccountRules required(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
        return this;
    }

    /** Display names travel in events to the gallery, so they follow the text rules of every service. */
    AccountRules displayName(String displayName) {
        TextFields.line(errors, "displayName", displayName, DISPLAY_NAME_MAX, true);
        return this;
    }

    AccountRules bio(String bio) {
        TextFields.lines(errors, "bio", bio, BIO_MAX, false);
        return this;
    }

    void check() {
        if (!errors.isEmpty()) {
            throw Problem.validation(errors);
        }
    }
}
