# One HTTP API for all services. The platform owns the API, its stage and the JWT authorizer; each service stack adds
# its own integration and routes under its prefix (/api/users, /api/images, /api/gallery), so a service ships alone.
# No CORS configuration: the browser reaches the API on the site's own origin, through CloudFront.
resource "aws_apigatewayv2_api" "this" {
  name          = "${local.name}-api"
  description   = "Cloud Gallery ${var.environment} public API"
  protocol_type = "HTTP"

  # WAF cannot be attached to an HTTP API, so its default execute-api address would be a second, unguarded door
  # (no WAF rules, no rate rules, no Shield Advanced). CloudFront reaches the API through the custom domain below.
  disable_execute_api_endpoint = true
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

# --- CloudFront's origin for the API ---------------------------------------------------------------------------------
# With the default endpoint disabled, an HTTP API is reachable only through a custom domain name. This one exists for
# CloudFront alone: it is publicly resolvable (CloudFront resolves origins through public DNS), so a request sent to it
# directly still reaches API Gateway, and the services refuse it for lack of the origin header (origin.tf).

locals {
  api_origin_domain = "api-origin.${var.domain_name}"
}

# API Gateway takes a certificate from its own region (unlike CloudFront's, which lives in us-east-1).
module "api_origin_certificate" {
  source = "../dns-certificate"

  domain_name     = local.api_origin_domain
  route53_zone_id = var.route53_zone_id
}

# The certificate used to be declared here; an environment that has one keeps it.
moved {
  from = aws_acm_certificate.api_origin
  to   = module.api_origin_certificate.aws_acm_certificate.this
}

moved {
  from = aws_route53_record.api_origin_certificate_validation
  to   = module.api_origin_certificate.aws_route53_record.validation
}

moved {
  from = aws_acm_certificate_validation.api_origin
  to   = module.api_origin_certificate.aws_acm_certificate_validation.this
}

resource "aws_apigatewayv2_domain_name" "api_origin" {
  domain_name = local.api_origin_domain

  domain_name_configuration {
    certificate_arn = module.api_origin_certificate.certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
    # The name gets an AAAA record as well as an A record; dualstack gives that record addresses to answer with.
    ip_address_type = "dualstack"
  }
}

# No mapping key: the API's routes keep their full paths (/api/users/...), as CloudFront forwards them.
resource "aws_apigatewayv2_api_mapping" "api_origin" {
  api_id      = aws_apigatewayv2_api.this.id
  domain_name = aws_apigatewayv2_domain_name.api_origin.id
  stage       = aws_apigatewayv2_stage.default.id
}

resource "aws_route53_record" "api_origin" {
  for_each = toset(["A", "AAAA"])

  zone_id = var.route53_zone_id
  name    = aws_apigatewayv2_domain_name.api_origin.domain_name
  type    = each.key

  alias {
    name                   = aws_apigatewayv2_domain_name.api_origin.domain_name_configuration[0].target_domain_name
    zone_id                = aws_apigatewayv2_domain_name.api_origin.domain_name_configuration[0].hosted_zone_id
    evaluate_target_health = false
  }
}
