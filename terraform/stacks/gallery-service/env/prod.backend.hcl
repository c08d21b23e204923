# State of the gallery-service stack in prod; same bucket as the platform, its own key.
bucket       = "cloud-gallery-terraform-state-prod"
key          = "gallery-service/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
