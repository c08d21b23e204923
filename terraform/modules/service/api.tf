resource "aws_apigatewayv2_integration" "api" {
  api_id                 = var.api_id
  description            = "${var.name} API function"
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_function.api.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = 29000
}

# Protected routes carry the Cognito JWT authorizer: API Gateway rejects a missing, expired or foreign token before the
# function runs. The service still validates the token itself (token_use, client_id) as a second line.
resource "aws_apigatewayv2_route" "this" {
  for_each = var.routes

  api_id             = var.api_id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.api.id}"
  authorization_type = each.value
  authorizer_id      = each.value == "JWT" ? var.authorizer_id : null

  lifecycle {
    precondition {
      condition = (split(" ", each.key)[1] == var.api_path_prefix
      || startswith(split(" ", each.key)[1], "${var.api_path_prefix}/"))
      error_message = "Route ${each.key} is outside the service's prefix ${var.api_path_prefix}."
    }
  }
}

# API Gateway may invoke the function for this service's prefix only: the prefix itself (e.g. POST /api/images) and
# every path below it.
resource "aws_lambda_permission" "api_gateway" {
  for_each = {
    prefix = var.api_path_prefix
    below  = "${var.api_path_prefix}/*"
  }

  statement_id  = "AllowApiGatewayInvoke-${each.key}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${var.api_execution_arn}/*/*${each.value}"
}
