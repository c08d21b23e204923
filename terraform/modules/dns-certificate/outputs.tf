output "certificate_arn" {
  description = "ARN of the certificate, known only once ACM has issued it: a distribution or domain name given this ARN is not created before the certificate is usable."
  value       = aws_acm_certificate_validation.this.certificate_arn
}
