# gallery-service in dev. image_digest is not set here: scripts/deploy.sh passes the digest it just pushed.
environment    = "dev"
aws_region     = "eu-west-1"
aws_account_id = "111111111111" # replace with the dev account (same as the platform's)

# The image is built by Jib for linux/amd64 unless its configuration says otherwise.
architecture         = "x86_64"
memory_size          = 1024
timeout              = 29
reserved_concurrency = -1
log_retention_days   = 14

# The event consumer: batches of 10 events, applied one by one in the read model.
consumer_memory_size          = 1024
consumer_reserved_concurrency = 2
