# The origin secret: the value CloudFront adds to every API request as X-Origin-Verify (cdn.tf). The API's origin
# domain is public (api.tf), so this header is what tells a service that a request came through CloudFront, its WAF
# and Shield; every service refuses a request without it before routing. The secret holds {current, previous}:
# CloudFront sends current, the services accept both, which lets it rotate without downtime (README, "One door in").
#
# Terraform only creates the first value; rotation puts new versions from outside and Terraform must not undo them.

# A plain (not ephemeral) password: CloudFront's configuration, and so the distribution's state, carries the value
# anyway, so keeping it out of state here would buy nothing. No special characters: it travels as a header value.
resource "random_password" "origin_verify" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "origin_verify" {
  name                    = "${local.project}/${var.environment}/origin-verify"
  description             = "X-Origin-Verify values of the API origin: {current (CloudFront sends it), previous (still accepted while rotating)}"
  kms_key_id              = aws_kms_key.this["secrets"].arn
  recovery_window_in_days = 7
}

# The extra INITIAL label keeps this version from being garbage-collected once rotation has moved AWSCURRENT and
# AWSPREVIOUS off it: a deleted version would vanish from state and be recreated with the first value, undoing the
# rotation. Both the value and the labels are rotation's business after creation.
resource "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id = aws_secretsmanager_secret.origin_verify.id
  secret_string = jsonencode({
    current  = random_password.origin_verify.result
    previous = ""
  })
  version_stages = ["AWSCURRENT", "INITIAL"]

  lifecycle {
    ignore_changes = [secret_string, version_stages]
  }
}

# What CloudFront sends: the current value of the secret's AWSCURRENT version, read at every plan, so that applying
# the platform is the rotation step that switches CloudFront to a new value.
data "aws_secretsmanager_secret_version" "origin_verify" {
  secret_id = aws_secretsmanager_secret.origin_verify.id

  depends_on = [aws_secretsmanager_secret_version.origin_verify]
}
