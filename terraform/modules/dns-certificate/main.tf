# A public ACM certificate for one name, validated through a record in the name's Route 53 zone. It is created in the
# region of the aws provider the caller passes: CloudFront takes certificates from us-east-1 only, a regional API
# Gateway domain from its own region. Route 53 is global, so the validation record goes through the same provider.

resource "aws_acm_certificate" "this" {
  domain_name       = var.domain_name
  validation_method = "DNS"

  # The certificate is in use while it is replaced: the new one must exist before the old one can be detached.
  lifecycle {
    create_before_destroy = true
  }
}

# ACM asks for the same record for every certificate of a name in the account, so a replacement certificate (or one
# requested by hand) may find it in place already: hence allow_overwrite.
resource "aws_route53_record" "validation" {
  for_each = {
    for option in aws_acm_certificate.this.domain_validation_options : option.domain_name => option
  }

  zone_id         = var.route53_zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 300
  allow_overwrite = true
}

# Waits until ACM has issued the certificate, so that callers attach it only once it is usable.
resource "aws_acm_certificate_validation" "this" {
  certificate_arn         = aws_acm_certificate.this.arn
  validation_record_fqdns = [for record in aws_route53_record.validation : record.fqdn]
}
