# Renditions (the images bucket's derivatives/*) are served by CloudFront at https://<domain_name>/derivatives/...
# rather than by S3 itself: CloudFront adds the site's security headers (X-Content-Type-Options: nosniff, which S3
# can't send) and caches them at the edge. It serves them only against URLs signed with the media key pair, which
# image-service signs for whoever may see an image (its owner, or anyone once it is public and ready).
#
# The private key is generated here and so is kept in this stack's state (encrypted in the state bucket), as the
# origin secret's value is; image-service reads it from Secrets Manager. To rotate: taint tls_private_key.media and
# apply; CloudFront trusts the new public key as soon as the key group changes, and URLs signed with the old key stop
# working (they live 15 minutes).

resource "tls_private_key" "media" {
  algorithm = "RSA"
  rsa_bits  = 2048
}

resource "aws_cloudfront_public_key" "media" {
  name        = "${local.name}-media"
  comment     = "Verifies the rendition URLs image-service signs"
  encoded_key = tls_private_key.media.public_key_pem

  lifecycle {
    # A key group must always hold a key: make the new one before dropping the old.
    create_before_destroy = true
  }
}

resource "aws_cloudfront_key_group" "media" {
  name    = "${local.name}-media"
  comment = "Keys whose signatures open /derivatives/*"
  items   = [aws_cloudfront_public_key.media.id]
}

resource "aws_secretsmanager_secret" "media_signing_key" {
  name                    = "${local.project}/${var.environment}/media-signing-key"
  description             = "Private key (PKCS#8 PEM) that signs rendition URLs; its public half is in the CloudFront key group"
  kms_key_id              = aws_kms_key.this["secrets"].arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "media_signing_key" {
  secret_id     = aws_secretsmanager_secret.media_signing_key.id
  secret_string = tls_private_key.media.private_key_pem_pkcs8
}

resource "aws_cloudfront_origin_access_control" "images" {
  name                              = "${local.name}-images"
  description                       = "CloudFront signs its requests for renditions to the images bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}
