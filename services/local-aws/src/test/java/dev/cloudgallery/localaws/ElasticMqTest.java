package dev.cloudgallery.localaws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SQS stand-in: queues with dead-letter queues, a poison message's way there, and messages kept on restart. */
class ElasticMqTest {
    private static final int MAX_RECEIVES = 2;

    @Test
    void redrivesAPoisonMessageAndKeepsMessagesAcrossARestart() throws Exception {
        Path data = Files.createTempDirectory("elasticmq-test");
        int port = Ports.free();
        try (ElasticMq sqs = ElasticMq.start(data, port, List.of("work"), MAX_RECEIVES);
             SqsClient client = sqs.client()) {
            String work = client.getQueueUrl(b -> b.queueName("work")).queueUrl();
            String deadLetters = client.getQueueUrl(b -> b.queueName("work-dlq")).queueUrl();
            String redrive = client.getQueueAttributes(b -> b.queueUrl(work)
                    .attributeNames(QueueAttributeName.REDRIVE_POLICY)).attributes().get(QueueAttributeName.REDRIVE_POLICY);
            assertTrue(redrive.contains("work-dlq") && redrive.contains(Integer.toString(MAX_RECEIVES)), redrive);

            client.sendMessage(b -> b.queueUrl(work).messageBody("poison"));
            for (int i = 0; i < MAX_RECEIVES; i++) {
                List<Message> received = client.receiveMessage(b -> b.queueUrl(work).waitTimeSeconds(5)).messages();
                assertEquals(1, received.size(), "receive " + (i + 1));
                // Failed processing: back on the queue at once.
                client.changeMessageVisibility(b -> b.queueUrl(work).receiptHandle(received.getFirst().receiptHandle())
                        .visibilityTimeout(0));
            }
            assertEquals(List.of(), client.receiveMessage(b -> b.queueUrl(work).waitTimeSeconds(1)).messages());
            assertEquals("poison", client.receiveMessage(b -> b.queueUrl(deadLetters).waitTimeSeconds(5))
                    .messages().getFirst().body());

            client.sendMessage(b -> b.queueUrl(work).messageBody("kept"));
        }

        try (ElasticMq again = ElasticMq.start(data, port, List.of("work"), MAX_RECEIVES);
             SqsClient client = again.client()) {
            String work = client.getQueueUrl(b -> b.queueName("work")).queueUrl();
            assertEquals("kept", client.receiveMessage(b -> b.queueUrl(work).waitTimeSeconds(5))
                    .messages().getFirst().body());
        }
    }
}
