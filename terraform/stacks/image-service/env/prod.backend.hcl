# State of the image-service stack in prod; same bucket as the platform, its own key.
bucket       = "cloud-gallery-terraform-state-prod"
key          = "image-service/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
