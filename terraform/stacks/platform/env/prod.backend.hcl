# State of the platform stack in prod. The bucket is created once by scripts/bootstrap-state.sh.
bucket       = "cloud-gallery-terraform-state-prod"
key          = "platform/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
