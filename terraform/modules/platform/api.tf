# One HTTP API for all services. The platform owns the API, its stage and the JWT authorizer; each service stack adds
# its own integration and routes under its prefix (/api/users, /api/images, /api/gallery), so a service ships alone.
# No CORS configuration: the browser reaches the API on the site's own origin, through CloudFront.
resource "aws_apigatewayv2_api" "this" {
  name          = "${local.name}-api"
  description   = "Cloud Gallery ${var.environment} public API"
  protocol_type = "HTTP"
}

# Validates Cognito access tokens: signature (JWKS), expiry, issuer, and client_id (Cognito access tokens carry no
# "aud"; API Gateway then checks client_id against the audience list).
resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = local.auth_issuer
    audience = [aws_cognito_user_pool_client.web.id]
  }
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}-api/access"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this["logs"].arn
}

# $default stage with auto-deploy: routes added by the service stacks go live without a deployment resource here.
resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit    = var.api_throttling_rate_limit
    throttling_burst_limit   = var.api_throttling_burst_limit
    detailed_metrics_enabled = true
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      sourceIp           = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      httpMethod         = "$context.httpMethod"
      path               = "$context.path"
      routeKey           = "$context.routeKey"
      protocol           = "$context.protocol"
      status             = "$context.status"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationStatus  = "$context.integrationStatus"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
      userId             = "$context.authorizer.claims.sub"
    })
  }
}
