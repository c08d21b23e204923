locals {
  db_name         = "cloudgallery"
  db_port         = 5432
  db_serverless   = var.db_capacity_mode == "serverless"
  db_engine_major = split(".", var.db_engine_version)[0]
  db_identifier   = "${local.name}-db"

  # Services connect through the proxy when there is one; migrations always use the writer directly (DDL, session
  # settings and Flyway's advisory lock would pin proxy connections anyway).
  db_writer_host  = aws_rds_cluster.this.endpoint
  db_service_host = var.enable_rds_proxy ? aws_db_proxy.this[0].endpoint : aws_rds_cluster.this.endpoint
  db_service_url  = "jdbc:postgresql://${local.db_service_host}:${local.db_port}/${local.db_name}"
  db_admin_url    = "jdbc:postgresql://${local.db_writer_host}:${local.db_port}/${local.db_name}"
}

resource "aws_db_subnet_group" "this" {
  name        = local.db_identifier
  description = "Private subnets of ${local.name}"
  subnet_ids  = aws_subnet.private[*].id
}

# Shared by the cluster and the proxy, so that one ingress rule per service (added by the service stack, from its own
# function security group) admits both its API function (through the proxy) and its migration (to the writer).
# Egress exists only with the proxy, for the proxy.
resource "aws_security_group" "database" {
  name        = "${local.name}-database"
  description = "Aurora PostgreSQL and RDS Proxy; ingress rules are added per service"
  vpc_id      = aws_vpc.this.id

  tags = { Name = "${local.name}-database" }
}

resource "aws_vpc_security_group_ingress_rule" "database_from_proxy" {
  count = var.enable_rds_proxy ? 1 : 0

  security_group_id            = aws_security_group.database.id
  description                  = "RDS Proxy to the cluster"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
}

resource "aws_vpc_security_group_egress_rule" "proxy_to_database" {
  count = var.enable_rds_proxy ? 1 : 0

  security_group_id            = aws_security_group.database.id
  description                  = "RDS Proxy to the cluster"
  referenced_security_group_id = aws_security_group.database.id
  ip_protocol                  = "tcp"
  from_port                    = local.db_port
  to_port                      = local.db_port
}

# The proxy fetches the services' credentials from Secrets Manager (through its VPC endpoint or NAT). The cluster
# shares the group but never opens connections itself.
resource "aws_vpc_security_group_egress_rule" "proxy_to_secrets_manager" {
  count = var.enable_rds_proxy ? 1 : 0

  security_group_id = aws_security_group.database.id
  description       = "RDS Proxy to Secrets Manager"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_rds_cluster_parameter_group" "this" {
  name        = "${local.db_identifier}-pg${local.db_engine_major}"
  family      = "aurora-postgresql${local.db_engine_major}"
  description = "Cloud Gallery ${var.environment}: TLS-only connections"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  lifecycle {
    create_before_destroy = true
  }
}

# Created ahead of the cluster so that exported PostgreSQL logs are encrypted and expire.
resource "aws_cloudwatch_log_group" "database" {
  name              = "/aws/rds/cluster/${local.db_identifier}/postgresql"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this["logs"].arn
}

resource "aws_rds_cluster" "this" {
  cluster_identifier              = local.db_identifier
  engine                          = "aurora-postgresql"
  engine_mode                     = "provisioned"
  engine_version                  = var.db_engine_version
  database_name                   = local.db_name
  port                            = local.db_port
  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.database.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  # The master password is generated and rotated by RDS in Secrets Manager; Terraform never sees it. Only the
  # services' migration functions read it, to create their schema and role.
  master_username               = "cgadmin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.this["secrets"].arn

  storage_encrypted = true
  kms_key_id        = aws_kms_key.this["database"].arn

  backup_retention_period      = var.db_backup_retention_days
  preferred_backup_window      = "02:00-03:00"
  preferred_maintenance_window = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${local.db_identifier}-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]

  dynamic "serverlessv2_scaling_configuration" {
    for_each = local.db_serverless ? [1] : []

    content {
      min_capacity = var.db_serverless_min_capacity
      max_capacity = var.db_serverless_max_capacity
    }
  }

  depends_on = [aws_cloudwatch_log_group.database]
}

# Instances are spread over the zones in order, so two or more instances give a Multi-AZ cluster.
resource "aws_rds_cluster_instance" "this" {
  count = var.db_instance_count

  identifier                      = "${local.db_identifier}-${count.index + 1}"
  cluster_identifier              = aws_rds_cluster.this.id
  engine                          = aws_rds_cluster.this.engine
  engine_version                  = aws_rds_cluster.this.engine_version
  instance_class                  = local.db_serverless ? "db.serverless" : var.db_instance_class
  availability_zone               = local.azs[count.index % var.az_count]
  db_subnet_group_name            = aws_db_subnet_group.this.name
  publicly_accessible             = false
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.this["database"].arn
}

# --- per-service database credentials -------------------------------------------------------------------------------
# Each service connects as its own role, which owns its own schema. The password is generated at apply time and written
# only to Secrets Manager (write-only argument): it is in neither the plan nor the state. The service's migration
# function creates the role (or resets its password) from this secret.

ephemeral "random_password" "service_db" {
  for_each = var.services

  length  = 40
  special = false
}

resource "aws_secretsmanager_secret" "service_db" {
  for_each = var.services

  name                    = "${local.project}/${var.environment}/db/${each.key}"
  description             = "PostgreSQL role ${each.value.schema} of ${each.key}: {username, password}"
  kms_key_id              = aws_kms_key.this["secrets"].arn
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "service_db" {
  for_each = var.services

  secret_id = aws_secretsmanager_secret.service_db[each.key].id
  secret_string_wo = jsonencode({
    username = each.value.schema
    password = ephemeral.random_password.service_db[each.key].result
  })
  secret_string_wo_version = each.value.password_version
}

# --- optional RDS Proxy -------------------------------------------------------------------------------------------

data "aws_iam_policy_document" "rds_proxy_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "rds_proxy" {
  count = var.enable_rds_proxy ? 1 : 0

  name               = "${local.name}-rds-proxy"
  assume_role_policy = data.aws_iam_policy_document.rds_proxy_assume.json
}

data "aws_iam_policy_document" "rds_proxy" {
  statement {
    sid       = "ReadServiceCredentials"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [for secret in aws_secretsmanager_secret.service_db : secret.arn]
  }

  statement {
    sid       = "DecryptServiceCredentials"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this["secrets"].arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "rds_proxy" {
  count = var.enable_rds_proxy ? 1 : 0

  name   = "read-service-credentials"
  role   = aws_iam_role.rds_proxy[0].id
  policy = data.aws_iam_policy_document.rds_proxy.json
}

resource "aws_db_proxy" "this" {
  count = var.enable_rds_proxy ? 1 : 0

  name                   = local.db_identifier
  engine_family          = "POSTGRESQL"
  role_arn               = aws_iam_role.rds_proxy[0].arn
  vpc_subnet_ids         = aws_subnet.private[*].id
  vpc_security_group_ids = [aws_security_group.database.id]
  require_tls            = true
  idle_client_timeout    = 1800

  # The proxy authenticates each service's role with that service's own secret.
  dynamic "auth" {
    for_each = aws_secretsmanager_secret.service_db

    content {
      description               = "Role of ${auth.key}"
      auth_scheme               = "SECRETS"
      iam_auth                  = "DISABLED"
      client_password_auth_type = "POSTGRES_SCRAM_SHA_256"
      secret_arn                = auth.value.arn
    }
  }

  depends_on = [aws_iam_role_policy.rds_proxy]
}

resource "aws_db_proxy_default_target_group" "this" {
  count = var.enable_rds_proxy ? 1 : 0

  db_proxy_name = aws_db_proxy.this[0].name

  connection_pool_config {
    max_connections_percent      = 90
    max_idle_connections_percent = 50
    connection_borrow_timeout    = 30
  }
}

resource "aws_db_proxy_target" "this" {
  count = var.enable_rds_proxy ? 1 : 0

  db_proxy_name         = aws_db_proxy.this[0].name
  target_group_name     = aws_db_proxy_default_target_group.this[0].name
  db_cluster_identifier = aws_rds_cluster.this.cluster_identifier
}
