# State of the user-service stack in dev; same bucket as the platform, its own key.
bucket       = "cloud-gallery-terraform-state-dev"
key          = "user-service/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
