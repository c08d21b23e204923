locals {
  function_alarms = {
    errors = {
      description         = "${local.function_name} reported errors (unhandled exceptions, timeouts, out of memory)."
      metric_name         = "Errors"
      statistic           = "Sum"
      extended_statistic  = null
      threshold           = var.alarm_errors_threshold
      comparison_operator = "GreaterThanOrEqualToThreshold"
      evaluation_periods  = 1
    }
    throttles = {
      description         = "${local.function_name} was throttled (reserved or account concurrency exhausted)."
      metric_name         = "Throttles"
      statistic           = "Sum"
      extended_statistic  = null
      threshold           = 0
      comparison_operator = "GreaterThanThreshold"
      evaluation_periods  = 1
    }
    # p99 above 80 % of the timeout for 15 minutes: the function is close to timing out for real users.
    duration = {
      description         = "${local.function_name} p99 duration is above 80 % of its timeout."
      metric_name         = "Duration"
      statistic           = null
      extended_statistic  = "p99"
      threshold           = var.timeout * 1000 * 0.8
      comparison_operator = "GreaterThanThreshold"
      evaluation_periods  = 3
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "function" {
  for_each = local.function_alarms

  alarm_name          = "${local.function_name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric_name
  dimensions          = { FunctionName = aws_lambda_function.api.function_name }
  statistic           = each.value.statistic
  extended_statistic  = each.value.extended_statistic
  period              = 300
  evaluation_periods  = each.value.evaluation_periods
  threshold           = each.value.threshold
  comparison_operator = each.value.comparison_operator
  treat_missing_data  = "notBreaching"
  alarm_actions       = [var.alarm_topic_arn]
  ok_actions          = [var.alarm_topic_arn]
}
