# The key that seals list cursors: an HMAC over each cursor, so a client can hold one but not make or alter one
# (API.md). image-service and gallery-service read it at their first list, not at init. Replacing it only ends the
# cursors given out, whose clients start their lists again: taint random_password.cursor_key to rotate.
resource "random_password" "cursor_key" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret" "cursor_key" {
  name                    = "${local.project}/${var.environment}/cursor-key"
  description             = "HMAC key of the API's list cursors"
  kms_key_id              = aws_kms_key.this["secrets"].arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "cursor_key" {
  secret_id     = aws_secretsmanager_secret.cursor_key.id
  secret_string = random_password.cursor_key.result
}
