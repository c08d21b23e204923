# --- schema migration ---------------------------------------------------------------------------------------------
# Same image, another handler. It alone holds the master credentials: it creates the service's role (password from
# the service's secret) and schema, then runs Flyway as that role. Terraform invokes it for every new image digest,
# before the API function is switched to that image, so code never runs against an older schema.

resource "aws_lambda_function" "migration" {
  function_name = local.migration_function_name
  description   = "Schema migration of ${var.name}"
  role          = aws_iam_role.migration.arn
  package_type  = "Image"
  image_uri     = local.image_uri
  architectures = [var.architecture]
  memory_size   = var.migration_memory_size
  timeout       = var.migration_timeout

  image_config {
    command = [local.migration_handler]
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.functions.id]
  }

  environment {
    variables = local.migration_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.migration.name
  }

  depends_on = [aws_iam_role_policy.migration]
}

# Fails the apply when the handler reports an error, which stops the rollout before the API function changes.
resource "aws_lambda_invocation" "migration" {
  function_name = aws_lambda_function.migration.function_name
  input = jsonencode({
    schema      = var.db_schema
    imageDigest = var.image_digest
  })

  triggers = {
    image_digest = var.image_digest
    db_schema    = var.db_schema
  }

  # The database must accept the function's connections before it runs.
  depends_on = [
    aws_vpc_security_group_ingress_rule.database_from_functions,
    aws_vpc_security_group_egress_rule.database,
  ]
}

# --- API function -------------------------------------------------------------------------------------------------

resource "aws_lambda_function" "api" {
  function_name                  = local.function_name
  description                    = "${var.name}: HTTP API behind API Gateway${length(var.event_sources) > 0 && var.worker == null ? " and queue worker" : ""}"
  role                           = aws_iam_role.api.arn
  package_type                   = "Image"
  image_uri                      = local.image_uri
  architectures                  = [var.architecture]
  memory_size                    = var.memory_size
  timeout                        = var.timeout
  reserved_concurrent_executions = var.reserved_concurrency

  # The image's ENTRYPOINT is the Lambda runtime interface client; the handler is its CMD.
  image_config {
    command = [var.handler]
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.functions.id]
  }

  environment {
    variables = merge(local.common_environment, var.extra_environment)
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.api.name
  }

  depends_on = [
    aws_iam_role_policy.api,
    aws_lambda_invocation.migration,
  ]
}

# --- worker function ----------------------------------------------------------------------------------------------
# Same image and role, its own handler and sizing: work that decodes images needs memory and time the API doesn't,
# and a cap on concurrency of its own, so a burst of uploads can't take the API's share of the account's concurrency.

resource "aws_lambda_function" "worker" {
  count = var.worker == null ? 0 : 1

  function_name                  = "${local.function_name}-worker"
  description                    = "${var.name}: queue worker"
  role                           = aws_iam_role.api.arn
  package_type                   = "Image"
  image_uri                      = local.image_uri
  architectures                  = [var.architecture]
  memory_size                    = var.worker.memory_size
  timeout                        = var.worker.timeout
  reserved_concurrent_executions = var.worker.reserved_concurrency

  image_config {
    command = [var.worker.handler]
  }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = [aws_security_group.functions.id]
  }

  environment {
    # The JVM takes a quarter of the function's memory by default; a worker's heap holds decoded images.
    variables = merge(local.common_environment, var.extra_environment, {
      JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=75"
    })
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.worker[0].name
  }

  depends_on = [
    aws_iam_role_policy.api,
    aws_lambda_invocation.migration,
  ]
}

resource "aws_cloudwatch_event_rule" "worker_schedule" {
  count = try(var.worker.schedule_expression, null) == null ? 0 : 1

  name                = "${local.function_name}-worker-schedule"
  description         = "Periodic run of the ${var.name} worker (sweeps)"
  schedule_expression = var.worker.schedule_expression
}

resource "aws_cloudwatch_event_target" "worker_schedule" {
  count = length(aws_cloudwatch_event_rule.worker_schedule)

  rule = aws_cloudwatch_event_rule.worker_schedule[0].name
  arn  = aws_lambda_function.worker[0].arn
}

resource "aws_lambda_permission" "worker_schedule" {
  count = length(aws_cloudwatch_event_rule.worker_schedule)

  statement_id  = "AllowEventBridgeSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.worker[0].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.worker_schedule[0].arn
}

# Lambda polls the queues and calls the worker's handler (or the API function's) with SQS events.
resource "aws_lambda_event_source_mapping" "queue" {
  for_each = var.event_sources

  event_source_arn                   = each.value.queue_arn
  function_name                      = var.worker == null ? aws_lambda_function.api.arn : aws_lambda_function.worker[0].arn
  batch_size                         = each.value.batch_size
  maximum_batching_window_in_seconds = each.value.maximum_batching_window_seconds
  function_response_types            = each.value.report_batch_item_failures ? ["ReportBatchItemFailures"] : []

  dynamic "scaling_config" {
    for_each = each.value.maximum_concurrency == null ? [] : [each.value.maximum_concurrency]

    content {
      maximum_concurrency = scaling_config.value
    }
  }

  depends_on = [aws_iam_role_policy.api]
}
