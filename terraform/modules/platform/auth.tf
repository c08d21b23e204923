resource "aws_cognito_user_pool" "this" {
  name = "${local.name}-users"

  # Users sign in with their e-mail address, which must be verified with a code before the first sign-in.
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  username_configuration {
    case_sensitive = false
  }

  # Keep the old, verified address in effect until a changed one is verified.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  # Same rules as user-service's own check (8+ characters, upper- and lower-case letter, digit), which answers 400
  # for a weak password before calling Cognito: change both together.
  password_policy {
    minimum_length                   = 8
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = false
  }

  verification_message_template {
    default_email_option = "CONFIRM_WITH_CODE"
    email_subject        = "Your Cloud Gallery verification code"
    email_message        = "Your Cloud Gallery verification code is {####}"
  }

  email_configuration {
    email_sending_account = var.ses_email_identity_arn == "" ? "COGNITO_DEFAULT" : "DEVELOPER"
    source_arn            = var.ses_email_identity_arn == "" ? null : var.ses_email_identity_arn
    from_email_address    = var.email_from_address == "" ? null : var.email_from_address
  }

  # Threat protection (compromised credentials, adaptive authentication) is a Plus feature plan capability.
  user_pool_tier = var.cognito_threat_protection == "OFF" ? "ESSENTIALS" : "PLUS"

  user_pool_add_ons {
    advanced_security_mode = var.cognito_threat_protection
  }

  deletion_protection = var.deletion_protection ? "ACTIVE" : "INACTIVE"
}

# The browser's client. user-service signs users in with it (USER_PASSWORD_AUTH) on their behalf; it has no secret
# because the same client id is public in the web app, and API Gateway and the services accept its tokens only.
resource "aws_cognito_user_pool_client" "web" {
  name         = "${local.name}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret               = false
  explicit_auth_flows           = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true
  auth_session_validity         = 3

  access_token_validity  = var.access_token_validity_minutes
  id_token_validity      = var.access_token_validity_minutes
  refresh_token_validity = var.refresh_token_validity_days

  token_validity_units {
    access_token  = "minutes"
    id_token      = "minutes"
    refresh_token = "days"
  }

  read_attributes  = ["email", "email_verified"]
  write_attributes = ["email"]
}

locals {
  # The "iss" claim of the pool's tokens; also where its JWKS is published (/.well-known/jwks.json).
  auth_issuer = "https://${aws_cognito_user_pool.this.endpoint}"
}
