package dev.cloudgallery.localaws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compose's ElasticMQ declares the queues the local stack creates, with the same dead-letter queues and limit. */
class ComposeQueuesTest {
    private static final Pattern REDRIVEN = Pattern.compile(
            "\"([a-z-]+)\" \\{ deadLettersQueue \\{ name = \"([a-z-]+)\", maxReceiveCount = (\\d+) } }");

    @Test
    void composeDeclaresTheLocalStacksQueues() throws Exception {
        Path config = LocalFiles.find(Path.of("services", "compose", "elasticmq", "elasticmq.conf"),
                                      "compose's ElasticMQ configuration is missing");
        List<String> declared = new ArrayList<>();
        Matcher queue = REDRIVEN.matcher(Files.readString(config));
        while (queue.find()) {
            declared.add(queue.group(1));
            assertEquals(queue.group(1) + "-dlq", queue.group(2), queue.group());
            assertEquals(LocalAws.MAX_RECEIVES, Integer.parseInt(queue.group(3)), queue.group());
        }
        assertEquals(LocalAws.QUEUES, declared);
    }
}
