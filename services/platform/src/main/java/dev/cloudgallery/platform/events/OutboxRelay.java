package dev.cloudgallery.platform.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.cloudgallery.platform.db.Transactions;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbTransaction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends the outbox's events to their queues, oldest first, and removes each once SQS has taken it.
 * <p>
 * One relay runs at a time per schema (a transaction-scoped advisory lock on the schema's name, since advisory locks
 * are database-wide; a second caller waits for the first), so events leave in the order they were stored, and an
 * aggregate's versions in order. A send that fails ends the run
 * at that event: it and everything after it stay for the next run. A crash between SQS's answer and the commit sends
 * those events again, which is why consumers are idempotent ({@link ProcessedEvents}).
 */
public final class OutboxRelay {
    /** What SQS takes in one SendMessageBatch. */
    private static final int BATCH = 10;
    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());

    private final DbClient db;
    private final Supplier<SqsClient> sqs;
    private final Map<String, String> queueUrls;

    /** @param queueUrls each destination's queue URL */
    public OutboxRelay(DbClient db, Supplier<SqsClient> sqs, Map<String, String> queueUrls) {
        this.db = db;
        this.sqs = sqs;
        this.queueUrls = Map.copyOf(queueUrls);
    }

    /** The relay of a service whose events go to the gallery, at {@code events.gallery-queue-url}. */
    public static OutboxRelay toGallery(DbClient db, Supplier<SqsClient> sqs, Config config) {
        return new OutboxRelay(db, sqs, Map.of(Outbox.GALLERY_EVENTS,
                                               config.get("events.gallery-queue-url").asString().get()));
    }

    /** Sends every stored event; the number sent. Throws when the database or a queue fails, after keeping what went. */
    public int relay() {
        int sent = 0;
        int batch;
        do {
            batch = relayBatch();
            sent += batch;
        } while (batch == BATCH);
        return sent;
    }

    /**
     * One batch of {@link #relay()}, for the end of a request: a failure is logged rather than thrown, and a backlog
     * (after an SQS outage) is left to the scheduled relay, so the request's answer never waits for it.
     */
    public void relayQuietly() {
        try {
            relayBatch();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Relaying the outbox failed; its events wait for the next run", e);
        }
    }

    private int relayBatch() {
        return Transactions.inTransaction(db, tx -> {
            // Waits for a relay under way rather than skipping: the events a skipped caller just stored would wait
            // for the next scheduled run. One batch is short, so the wait is too.
            tx.get("SELECT pg_advisory_xact_lock(hashtext('cloud-gallery outbox relay ' || current_schema()))");
            return send(tx, tx.query("SELECT id, destination, event_id, body::text AS body FROM outbox "
                                             + "ORDER BY id LIMIT ?", BATCH).toList());
        });
    }

    /** Sends the rows in order, one destination's run at a time, deleting each sent row; stops at a failure. */
    private int send(DbTransaction tx, List<DbRow> rows) {
        int sent = 0;
        while (sent < rows.size()) {
            String destination = rows.get(sent).column("destination").getString();
            List<DbRow> run = new ArrayList<>();
            for (int i = sent; i < rows.size() && rows.get(i).column("destination").getString().equals(destination);
                 i++) {
                run.add(rows.get(i));
            }
            int delivered = sendRun(destination, run);
            for (DbRow row : run.subList(0, delivered)) {
                tx.dml("DELETE FROM outbox WHERE id = ?", row.column("id").getLong());
            }
            sent += delivered;
            if (delivered < run.size()) {
                LOG.log(System.Logger.Level.WARNING, "SQS refused an event for " + destination + "; it is sent again"
                                                     + " with the next run");
                break;
            }
        }
        return sent;
    }

    /** How many of the run's first events SQS took, in order. */
    private int sendRun(String destination, List<DbRow> run) {
        String queueUrl = queueUrls.get(destination);
        if (queueUrl == null) {
            throw new IllegalStateException("No queue configured for the outbox destination " + destination);
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(String.valueOf(i))
                                .messageBody(run.get(i).column("body").getString()).build());
        }
        SendMessageBatchResponse answer = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        return answer.failed().stream().mapToInt(failure -> Integer.parseInt(failure.id())).min()
                .orElse(run.size());
    }
}
