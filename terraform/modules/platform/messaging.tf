# Queues shared by the services, created here so that producers and consumers in different stacks can reference them:
#   images-processing  image-service API (upload completed) -> image-service worker
#   gallery-events     image-service and user-service outboxes -> gallery-service read model
# Messages that keep failing move to the queue's dead-letter queue after queue_max_receive_count deliveries.
locals {
  queues = toset(["images-processing", "gallery-events"])
}

resource "aws_sqs_queue" "dead_letter" {
  for_each = local.queues

  name                              = "${local.name}-${each.key}-dlq"
  message_retention_seconds         = 1209600 # 14 days, the maximum: time to inspect and redrive
  kms_master_key_id                 = aws_kms_key.this["messaging"].arn
  kms_data_key_reuse_period_seconds = 300
}

resource "aws_sqs_queue" "this" {
  for_each = local.queues

  name                              = "${local.name}-${each.key}"
  visibility_timeout_seconds        = var.queue_visibility_timeout_seconds
  message_retention_seconds         = 345600 # 4 days
  kms_master_key_id                 = aws_kms_key.this["messaging"].arn
  kms_data_key_reuse_period_seconds = 300

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = var.queue_max_receive_count
  })
}

# Only the matching source queue may use each dead-letter queue.
resource "aws_sqs_queue_redrive_allow_policy" "dead_letter" {
  for_each = local.queues

  queue_url = aws_sqs_queue.dead_letter[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.this[each.key].arn]
  })
}

# --- alarms ---------------------------------------------------------------------------------------------------------

resource "aws_sns_topic" "alarms" {
  name              = "${local.name}-alarms"
  kms_master_key_id = aws_kms_key.this["messaging"].arn
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# A message in a dead-letter queue is a message that was not processed: always worth a look.
resource "aws_cloudwatch_metric_alarm" "dead_letter_not_empty" {
  for_each = local.queues

  alarm_name          = "${local.name}-${each.key}-dlq-not-empty"
  alarm_description   = "Messages of ${each.key} failed ${var.queue_max_receive_count} times and wait in its dead-letter queue."
  namespace           = "AWS/SQS"
  metric_name         = "ApproximateNumberOfMessagesVisible"
  dimensions          = { QueueName = aws_sqs_queue.dead_letter[each.key].name }
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]
}
