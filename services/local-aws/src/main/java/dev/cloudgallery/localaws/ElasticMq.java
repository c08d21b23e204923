package dev.cloudgallery.localaws;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ, the SQS stand-in, as a process of its own (its Scala class path never meets a service's). It speaks
 * SQS's JSON protocol on a loopback port, creates the given queues, each with a dead-letter queue
 * {@code <name>-dlq} that takes a message after {@code maxReceives} tries, and keeps queues and messages in an H2
 * file under its folder across restarts.
 */
public final class ElasticMq implements AutoCloseable {
    private static final Path SERVERS = Path.of("services", "local-aws", "servers", "target", "elasticmq");
    private static final String ACCOUNT = "000000000000";

    private final Server server;
    private final int port;

    private ElasticMq(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts ElasticMQ on {@code port} (0: any free one) with {@code queues}, its data under {@code dataDirectory}. */
    public static ElasticMq start(Path dataDirectory, int port, List<String> queues, int maxReceives) {
        Path jars = LocalFiles.find(SERVERS, "ElasticMQ is not in " + SERVERS + ": build first (make build)");
        int chosen = port == 0 ? Ports.free() : port;
        Path config = dataDirectory.resolve("elasticmq.conf");
        try {
            Files.createDirectories(dataDirectory);
            Files.writeString(config, config(dataDirectory, chosen, queues, maxReceives));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(Server.java(), "-Dconfig.file=" + config,
                                       "-cp", jars + File.separator + "*", "org.elasticmq.server.Main");
        return new ElasticMq(Server.start("elasticmq", command, dataDirectory, Map.of(), chosen,
                                          Duration.ofSeconds(60)), chosen);
    }

    private static String config(Path dataDirectory, int port, List<String> queues, int maxReceives) {
        StringBuilder definitions = new StringBuilder();
        for (String queue : queues) {
            definitions.append("  \"%s-dlq\" {}%n".formatted(queue));
            definitions.append("  \"%s\" { deadLettersQueue { name = \"%s-dlq\", maxReceiveCount = %d } }%n"
                                       .formatted(queue, queue, maxReceives));
        }
        return """
                include classpath("application.conf")
                node-address { protocol = http, host = "127.0.0.1", port = %d, context-path = "" }
                generate-node-address = false
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                # Its statistics endpoint would listen on every interface.
                rest-stats { enabled = false }
                aws { region = "us-east-1", accountId = "%s" }
                messages-storage { enabled = true, uri = "jdbc:h2:%s" }
                queues {
                %s}
                """.formatted(port, port, ACCOUNT, dataDirectory.toAbsolutePath().resolve("elasticmq-h2"), definitions);
    }

    /** Where SDK clients point their endpoint override. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The URL SQS gives the queue {@code name} (ElasticMQ's fixed account id, this server's address). */
    public String queueUrl(String name) {
        return endpoint() + "/" + ACCOUNT + "/" + name;
    }

    /** An SDK client for fixtures. */
    public SqsClient client() {
        return LocalFiles.client(SqsClient.builder(), endpoint());
    }

    @Override
    public void close() {
        server.close();
    }
}
