# user-service in prod. image_digest is not set here: scripts/deploy.sh passes the digest it just pushed.
environment    = "prod"
aws_region     = "eu-west-1"
aws_account_id = "222222222222" # replace with the prod account (same as the platform's)

# The image is built by Jib for linux/amd64 unless its configuration says otherwise.
architecture         = "x86_64"
# make bench: ~100 MiB peak RSS, but CPU comes with memory; 1769 MB (one vCPU) starts in about half the time
# of 1024 MB and a quarter of 512 MB, for $0.40-0.43 per million warm requests (README, Performance).
memory_size          = 1769
timeout              = 29
reserved_concurrency = 50 # caps database connections from this service
log_retention_days   = 90
