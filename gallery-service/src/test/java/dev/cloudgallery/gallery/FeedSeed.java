package dev.cloudgallery.gallery;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Fills the gallery's read model with cards as the consumer would have stored them, through COPY rather than events:
 * {@code cards} cards of {@code owners} owners, one every minute or so back from now, four in five public, with
 * titles and descriptions from a made-up vocabulary, a common word (in about one card in five) and a rare one (about
 * 40 cards in a million). The table's secondary indexes are dropped for the load and made again after it, with their
 * own definitions, as a bulk load should.
 * <p>
 * Run by the feed benchmark; on its own: {@code FeedSeed <jdbc-url> <user> <password> [cards] [owners]} against a
 * migrated gallery schema (the user's search path names it).
 */
public final class FeedSeed {
    public static final String COMMON_WORD = "sunset";
    public static final String RARE_WORD = "zebracorn";
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ra", "te", "vu", "sen", "dor", "pel", "qui", "bar",
                                               "nox", "ria", "tum", "zel", "fio", "gra", "hol", "jun", "wex"};

    /** What a seeding made, and how long it took. */
    public record Seeded(long cards, int owners, List<String> ownerIds, Duration took) {
    }

    private FeedSeed() {
    }

    public static void main(String[] args) throws Exception {
        Seeded seeded = seed(args[0], args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000,
                             args.length > 4 ? Integer.parseInt(args[4]) : 10_000);
        System.out.printf("Seeded %d cards of %d owners in %.1f s%n", seeded.cards(), seeded.owners(),
                          seeded.took().toMillis() / 1000.0);
    }

    public static Seeded seed(String jdbcUrl, String user, String password, int cards, int owners)
            throws SQLException, IOException {
        long start = System.nanoTime();
        Random random = new Random(42);
        List<String> ownerIds = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            ownerIds.add(new UUID(random.nextLong(), random.nextLong()).toString());
        }
        String[] vocabulary = vocabulary(random);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setAutoCommit(false);
            List<String> indexes = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                try (ResultSet rows = statement.executeQuery(
                        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                        + "AND tablename = 'cards' AND indexname <> 'cards_pkey'")) {
                    while (rows.next()) {
                        indexes.add(rows.getString("indexdef"));
                        statement.addBatch("DROP INDEX " + rows.getString("indexname"));
                    }
                }
                statement.executeBatch();
            }
            copy(connection, "COPY owners (owner_id, version, display_name) FROM STDIN", out -> {
                for (int i = 0; i < owners; i++) {
                    out.write(ownerIds.get(i) + "\t1\tOwner " + i + "\n");
                }
            });
            copy(connection, "COPY cards (image_id, owner_id, version, owner_display_name, title, description, "
                             + "visibility, width, height, created_at, thumbnail_key, medium_key) FROM STDIN", out -> {
                Instant newest = Instant.now();
                DateTimeFormatter format = DateTimeFormatter.ISO_INSTANT;
                // Oldest first, with time-ordered ids, so the primary key grows at its end.
                for (long i = cards - 1; i >= 0; i--) {
                    Instant createdAt = newest.minusSeconds(60 * i + random.nextInt(60));
                    String imageId = new UUID((createdAt.toEpochMilli() << 16) | 0x7000L | (i & 0xfff),
                                              (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L)
                            .toString();
                    int owner = random.nextInt(owners);
                    String ownerId = ownerIds.get(owner);
                    String keys = "derivatives/" + ownerId + "/" + imageId + "/";
                    out.write(imageId + "\t" + ownerId + "\t2\tOwner " + owner + "\t"
                              + words(random, vocabulary, 2 + random.nextInt(3)) + "\t"
                              + words(random, vocabulary, 6 + random.nextInt(7)) + "\t"
                              + (random.nextInt(5) == 0 ? "private" : "public") + "\t1280\t960\t"
                              + format.format(createdAt) + "\t" + keys + "thumbnail\t" + keys + "medium\n");
                }
            });
            try (Statement statement = connection.createStatement()) {
                for (String index : indexes) {
                    statement.addBatch(index);
                }
                statement.executeBatch();
            }
            connection.commit();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE cards");
                statement.execute("ANALYZE owners");
            }
        }
        return new Seeded(cards, owners, ownerIds, Duration.ofNanos(System.nanoTime() - start));
    }

    @FunctionalInterface
    private interface Rows {
        void write(Writer out) throws IOException;
    }

    private static void copy(Connection connection, String sql, Rows rows) throws SQLException, IOException {
        try (PGCopyOutputStream stream = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, 1 << 20);
             Writer out = new OutputStreamWriter(stream, StandardCharsets.UTF_8)) {
            rows.write(out);
        }
    }

    /** Text of {@code count} words: made-up ones, the common word now and then, the rare one very seldom. */
    private static String words(Random random, String[] vocabulary, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            double dice = random.nextDouble();
            String word = dice < 0.1 / count ? COMMON_WORD
                    : dice < (0.1 + 0.00002) / count ? RARE_WORD
                    : vocabulary[random.nextInt(vocabulary.length)];
            text.append(i == 0 ? "" : " ").append(word);
        }
        return text.toString();
    }

    private static String[] vocabulary(Random random) {
        String[] words = new String[5000];
        for (int i = 0; i < words.length; i++) {
            StringBuilder word = new StringBuilder();
            for (int syllables = 2 + random.nextInt(2); syllables > 0; syllables--) {
                word.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            words[i] = word.toString();
        }
        return words;
    }
}
