# State of the user-service stack in prod; same bucket as the platform, its own key.
bucket       = "cloud-gallery-terraform-state-prod"
key          = "user-service/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
