locals {
  images_bucket_origin = "https://${aws_s3_bucket.this["images"].bucket_regional_domain_name}"

  # The browser talks to its own origin (API behind /api/*, renditions behind /derivatives/*) and to the images bucket
  # (presigned uploads).
  content_security_policy = join("; ", [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self' ${local.images_bucket_origin}",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self' ${local.images_bucket_origin}",
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
  ])
}

resource "aws_cloudfront_origin_access_control" "frontend" {
  name                              = "${local.name}-frontend"
  description                       = "CloudFront signs its requests to the frontend bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# AWS managed policies, looked up by name rather than by hard-coded ids.
data "aws_cloudfront_cache_policy" "caching_optimized" {
  name = "Managed-CachingOptimized"
}

data "aws_cloudfront_cache_policy" "caching_disabled" {
  name = "Managed-CachingDisabled"
}

# Forwards every viewer header (Authorization included: allowed because caching is disabled), query string and cookie,
# but not Host: API Gateway answers 403 to a Host that is not its own. A viewer's own X-Origin-Verify is forwarded too,
# but never reaches the API as sent: CloudFront replaces a viewer header of the same name as an origin custom header
# with the origin's value, so a client can neither supply nor override the origin secret.
data "aws_cloudfront_origin_request_policy" "all_viewer_except_host" {
  name = "Managed-AllViewerExceptHostHeader"
}

resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${local.name}-security-headers"
  comment = "HSTS, CSP, frame and content-type options for the site and the API"

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = false
      override                   = true
    }

    content_security_policy {
      content_security_policy = local.content_security_policy
      override                = true
    }

    frame_options {
      frame_option = "DENY"
      override     = true
    }

    content_type_options {
      override = true
    }

    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

resource "aws_cloudfront_function" "spa_rewrite" {
  name    = "${local.name}-spa-rewrite"
  comment = "Serve index.html for client-side routes"
  runtime = "cloudfront-js-2.0"
  publish = true
  code    = file("${path.module}/functions/spa-rewrite.js")
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = "Cloud Gallery ${var.environment}"
  is_ipv6_enabled     = true
  http_version        = "http2and3"
  price_class         = var.cloudfront_price_class
  default_root_object = "index.html"
  aliases             = [var.domain_name]
  web_acl_id          = aws_wafv2_web_acl.edge.arn

  origin {
    origin_id                = "frontend"
    domain_name              = aws_s3_bucket.this["frontend"].bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.frontend.id
  }

  # Renditions, from the images bucket (media.tf).
  origin {
    origin_id                = "images"
    domain_name              = aws_s3_bucket.this["images"].bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.images.id
  }

  # The API's only public address (its default endpoint is disabled). The header proves to the services that a request
  # came through this distribution, its WAF and Shield; https-only keeps it off the wire in clear text.
  origin {
    origin_id   = "api"
    domain_name = aws_apigatewayv2_domain_name.api_origin.domain_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }

    custom_header {
      name  = "X-Origin-Verify"
      value = jsondecode(data.aws_secretsmanager_secret_version.origin_verify.secret_string).current
    }
  }

  default_cache_behavior {
    target_origin_id           = "frontend"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD", "OPTIONS"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_rewrite.arn
    }
  }

  # The API: never cached, every method, and no redirect (a redirected POST would lose its body).
  ordered_cache_behavior {
    path_pattern               = "/api/*"
    target_origin_id           = "api"
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_disabled.id
    origin_request_policy_id   = data.aws_cloudfront_origin_request_policy.all_viewer_except_host.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  # Renditions: only through URLs signed with the media key (image-service signs them for who may see the image),
  # cached at the edge whatever the signature (the cache key leaves the query string out), and served with the
  # security headers, X-Content-Type-Options: nosniff among them, that S3 can't send.
  ordered_cache_behavior {
    path_pattern               = "/derivatives/*"
    target_origin_id           = "images"
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = false # JPEG and PNG are compressed already
    cache_policy_id            = data.aws_cloudfront_cache_policy.caching_optimized.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
    trusted_key_groups         = [aws_cloudfront_key_group.media.id]
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = module.site_certificate.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }

  # The API origin must answer (name resolves, stage mapped) before CloudFront sends it traffic.
  depends_on = [
    aws_apigatewayv2_api_mapping.api_origin,
    aws_route53_record.api_origin,
  ]
}

# --- the site's domain --------------------------------------------------------------------------------------------
# Always a custom domain: the API origin needs one (api.tf), and the site shares its zone.

module "site_certificate" {
  source = "../dns-certificate"

  # CloudFront takes its certificate from us-east-1 only, whatever the platform's region.
  providers = {
    aws = aws.us_east_1
  }

  domain_name     = var.domain_name
  route53_zone_id = var.route53_zone_id
}

resource "aws_route53_record" "site" {
  for_each = toset(["A", "AAAA"])

  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = each.key

  alias {
    name                   = aws_cloudfront_distribution.this.domain_name
    zone_id                = aws_cloudfront_distribution.this.hosted_zone_id
    evaluate_target_health = false
  }
}

# The certificate used to be optional (count), then declared here; an environment that has one, at either address,
# keeps it. A chain, not two moves into the module: Terraform accepts only one move from an address and only one
# move to an address, so [0] moves to the plain address and on from there.
moved {
  from = aws_acm_certificate.site[0]
  to   = aws_acm_certificate.site
}

moved {
  from = aws_acm_certificate.site
  to   = module.site_certificate.aws_acm_certificate.this
}

moved {
  from = aws_acm_certificate_validation.site[0]
  to   = aws_acm_certificate_validation.site
}

moved {
  from = aws_acm_certificate_validation.site
  to   = module.site_certificate.aws_acm_certificate_validation.this
}

moved {
  from = aws_route53_record.certificate_validation
  to   = module.site_certificate.aws_route53_record.validation
}
