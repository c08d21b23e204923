data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  # The project name is part of the contract with the service stacks (SSM prefix, resource names): not a variable.
  project    = "cloud-gallery"
  name       = "${local.project}-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # The site's own origin: the only origin allowed to call the images bucket from a browser (CORS).
  site_origin = "https://${var.domain_name}"
}
