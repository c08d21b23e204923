# Web ACL in front of CloudFront. CLOUDFRONT-scoped ACLs exist only in us-east-1, hence the provider alias.
# Note: WAF cannot be attached to an API Gateway HTTP API, so these rules protect the API only through CloudFront;
# hence the API answers only there (default endpoint disabled, origin header checked by the services: origin.tf).
locals {
  waf_managed_rule_groups = {
    # Cheapest first: known-bad sources are dropped before any body inspection.
    "aws-ip-reputation"    = { priority = 10, name = "AWSManagedRulesAmazonIpReputationList" }
    "aws-common"           = { priority = 40, name = "AWSManagedRulesCommonRuleSet" }
    "aws-known-bad-inputs" = { priority = 50, name = "AWSManagedRulesKnownBadInputsRuleSet" }
  }
}

resource "aws_wafv2_web_acl" "edge" {
  provider = aws.us_east_1

  name        = "${local.name}-edge"
  description = "Cloud Gallery ${var.environment}: managed rule groups and per-IP rate limits"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  dynamic "rule" {
    for_each = local.waf_managed_rule_groups

    content {
      name     = rule.key
      priority = rule.value.priority

      override_action {
        none {}
      }

      statement {
        managed_rule_group_statement {
          vendor_name = "AWS"
          name        = rule.value.name
        }
      }

      visibility_config {
        cloudwatch_metrics_enabled = true
        metric_name                = "${local.name}-${rule.key}"
        sampled_requests_enabled   = true
      }
    }
  }

  # Stricter limit on the account endpoints (all POST /api/users/...): credential stuffing, sign-up and e-mail abuse.
  rule {
    name     = "rate-limit-account-endpoints"
    priority = 20

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_auth_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300

        scope_down_statement {
          and_statement {
            statement {
              byte_match_statement {
                search_string         = "/api/users/"
                positional_constraint = "STARTS_WITH"

                field_to_match {
                  uri_path {}
                }

                text_transformation {
                  priority = 0
                  type     = "NONE"
                }
              }
            }

            statement {
              byte_match_statement {
                search_string         = "POST"
                positional_constraint = "EXACTLY"

                field_to_match {
                  method {}
                }

                text_transformation {
                  priority = 0
                  type     = "NONE"
                }
              }
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name}-rate-limit-account-endpoints"
      sampled_requests_enabled   = true
    }
  }

  # Share-link tokens: a client that keeps asking for albums by token is guessing, not browsing.
  rule {
    name     = "rate-limit-shared-albums"
    priority = 25

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_share_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300

        scope_down_statement {
          byte_match_statement {
            search_string         = "/api/gallery/shared/"
            positional_constraint = "STARTS_WITH"

            field_to_match {
              uri_path {}
            }

            text_transformation {
              priority = 0
              type     = "URL_DECODE"
            }
          }
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name}-rate-limit-shared-albums"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "rate-limit-per-ip"
    priority = 30

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = var.waf_rate_limit
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${local.name}-rate-limit-per-ip"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${local.name}-edge"
    sampled_requests_enabled   = true
  }
}

# Shield Standard protects every CloudFront distribution at no charge. Advanced adds DDoS response team access and
# cost protection; it requires the account's Shield Advanced subscription to be active already.
resource "aws_shield_protection" "cloudfront" {
  count    = var.enable_shield_advanced ? 1 : 0
  provider = aws.us_east_1

  name         = "${local.name}-cloudfront"
  resource_arn = aws_cloudfront_distribution.this.arn
}
