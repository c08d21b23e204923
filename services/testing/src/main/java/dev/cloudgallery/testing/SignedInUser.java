package dev.cloudgallery.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A signed-in user: a genuine access token of the pool, for benchmarks that need a caller without sign-up's round
 * trips through Cognito.
 */
public record SignedInUser(String userId, String accessToken) {
    public static SignedInUser create() {
        String userId = UUID.randomUUID().toString();
        Tokens tokens = Tokens.forPool(TestStack.shared().pool());
        return new SignedInUser(userId, tokens.signedByPool(tokens.accessClaims(userId).build()));
    }

    /** A user as registration leaves one, with a profile in user-service's schema (which this migrates if needed). */
    public static SignedInUser withProfile() {
        SignedInUser user = create();
        TestStack.shared().serviceEnvironment("users");
        try (Connection connection = TestStack.shared().database().adminDataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO users.profiles (user_id, email, display_name) VALUES (?::uuid, ?, ?)")) {
            insert.setString(1, user.userId());
            insert.setString(2, user.userId() + "@example.com");
            insert.setString(3, "Bench");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return user;
    }
}
