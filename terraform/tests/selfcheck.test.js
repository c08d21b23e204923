// The checks must bite: each is run on a small inline configuration that breaks its rule and must report it.

import test from 'node:test';
import assert from 'node:assert/strict';
import { loadInline, parseHcl } from './lib/hcl.js';
import {
  apiEnvironmentNames, checkApiOriginVerified, checkAurora, checkBuckets, checkCloudFront, checkExecuteApiDisabled,
  checkIamStatements, checkLambdas, checkModuleCalls, checkNoSecretValueReads, checkPolicyDocuments, checkReferences,
  checkRouteAuthorization, checkServiceOriginSecret, checkStackOriginSecret, checkVariables, checkWaf, compareSets,
  configReferences, openApiOperations,
} from './lib/checks.js';

const reports = (violations, pattern) => assert.ok(violations.some((text) => pattern.test(text)), `expected a violation matching ${pattern}, got ${JSON.stringify(violations)}`);

test('invalid HCL is rejected by the parser', async () => {
  await assert.rejects(parseHcl('resource "aws_s3_bucket" "b" {\n  bucket = \n}\n'));
  await assert.rejects(parseHcl('variable "x" {\n  type = string\n'));
});

test('bucket checks report missing or weakened public access blocks and non-KMS encryption', async () => {
  reports(checkBuckets(await loadInline('resource "aws_s3_bucket" "b" { bucket = "x" }')), /no aws_s3_bucket_public_access_block/);
  const weak = await loadInline(`
    resource "aws_s3_bucket" "b" { bucket = "x" }
    resource "aws_s3_bucket_public_access_block" "b" {
      bucket                  = aws_s3_bucket.b.id
      block_public_acls       = true
      block_public_policy     = false
      ignore_public_acls      = true
      restrict_public_buckets = true
    }
    resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
      bucket = aws_s3_bucket.b.id
      rule {
        apply_server_side_encryption_by_default { sse_algorithm = "AES256" }
      }
    }`);
  const violations = checkBuckets(weak);
  reports(violations, /block_public_policy is not true/);
  reports(violations, /sse_algorithm is not aws:kms/);
  reports(violations, /not BucketOwnerEnforced/);
  reports(violations, /versioning is not enabled/);
});

test('CloudFront checks report an S3 origin without OAC and a missing WAF ACL', async () => {
  const config = await loadInline(`
    resource "aws_s3_bucket" "site" { bucket = "x" }
    resource "aws_cloudfront_distribution" "d" {
      origin {
        origin_id   = "s3"
        domain_name = aws_s3_bucket.site.bucket_regional_domain_name
        s3_origin_config { origin_access_identity = "x" }
      }
      default_cache_behavior { viewer_protocol_policy = "allow-all" }
    }`);
  const violations = checkCloudFront(config);
  reports(violations, /does not use an Origin Access Control/);
  reports(violations, /legacy origin access identity/);
  reports(violations, /no WAF web ACL attached/);
  reports(violations, /no \/api\/\* behaviour/);
  reports(violations, /allows plain HTTP/);
});

test('CloudFront check reports the images bucket served without signed URLs', async () => {
  const config = await loadInline(`
    resource "aws_s3_bucket" "this" { bucket = "x" }
    resource "aws_cloudfront_distribution" "d" {
      origin {
        origin_id   = "images"
        domain_name = aws_s3_bucket.this["images"].bucket_regional_domain_name
      }
      default_cache_behavior { viewer_protocol_policy = "https-only" }
      ordered_cache_behavior {
        path_pattern           = "/derivatives/*"
        target_origin_id       = "images"
        viewer_protocol_policy = "https-only"
      }
    }`);
  reports(checkCloudFront(config), /serves the images bucket without signed URLs/);
});

test('WAF check reports missing managed rule groups and rate rule', async () => {
  const config = await loadInline(`
    resource "aws_wafv2_web_acl" "a" {
      scope = "CLOUDFRONT"
      rule {
        name = "common"
        statement {
          managed_rule_group_statement {
            vendor_name = "AWS"
            name        = "AWSManagedRulesCommonRuleSet"
          }
        }
      }
    }`);
  const violations = checkWaf(config);
  reports(violations, /AWSManagedRulesKnownBadInputsRuleSet/);
  reports(violations, /no rate-based rule/);
  assert.ok(!violations.some((text) => /AWSManagedRulesCommonRuleSet/.test(text)));
});

test('Lambda check reports a zip function and an image by tag', async () => {
  reports(checkLambdas(await loadInline('resource "aws_lambda_function" "f" {\n package_type = "Zip"\n handler = "x"\n}')), /package_type is not "Image"/);
  reports(checkLambdas(await loadInline('resource "aws_lambda_function" "f" {\n package_type = "Image"\n image_uri = "repo:latest"\n}')), /does not reference an image digest/);
});

test('IAM checks report wildcard actions, NotAction and needless "*" resources', async () => {
  const config = await loadInline(`
    data "aws_iam_policy_document" "p" {
      statement {
        sid       = "All"
        actions   = ["*"]
        resources = ["arn:aws:s3:::b"]
      }
      statement {
        sid       = "Service"
        actions   = ["s3:*"]
        resources = ["arn:aws:s3:::b/*"]
      }
      dynamic "statement" {
        for_each = [1]
        content {
          sid       = "Dynamic"
          actions   = ["sqs:Send*"]
          resources = ["*"]
        }
      }
    }
    resource "aws_iam_role_policy" "inline" {
      policy = jsonencode({ Statement = [{ Action = "*" }] })
    }`);
  const violations = checkPolicyDocuments(config);
  reports(violations, /statement All: wildcard action \*/);
  reports(violations, /statement Service: wildcard action s3:\*/);
  reports(violations, /statement Dynamic: wildcard action sqs:Send\*/);
  reports(violations, /statement Dynamic: "\*" resource/);
  reports(violations, /aws_iam_role_policy\.inline: policy is not built from an aws_iam_policy_document/);
  reports(checkIamStatements([{ sid: 'Stack', actions: ['kms:*'], resources: ['k'] }], 'stack'), /wildcard action kms:\*/);
  reports(checkIamStatements([{ not_actions: ['s3:GetObject'], resources: ['x'] }], 'stack'), /not_actions/);
  assert.deepEqual(checkIamStatements([{ effect: 'Deny', actions: ['s3:*'], resources: ['*'] }], 'deny'), []);
});

test('Aurora check reports unencrypted storage and public instances', async () => {
  const config = await loadInline(`
    resource "aws_rds_cluster" "c" {
      storage_encrypted = false
      master_password   = "hunter2"
    }
    resource "aws_rds_cluster_instance" "i" { publicly_accessible = true }`);
  const violations = checkAurora(config);
  reports(violations, /storage_encrypted is not true/);
  reports(violations, /master_password/);
  reports(violations, /publicly_accessible is not false/);
});

test('variable and reference checks report missing descriptions, types, dead and undeclared names', async () => {
  const config = await loadInline(`
    variable "undocumented" { type = string }
    variable "untyped" { description = "x" }
    locals { unused = 1 }
    output "o" { value = "\${var.undocumented}-\${var.missing}-\${local.nowhere}" }`);
  reports(checkVariables(config), /undocumented: no description/);
  reports(checkVariables(config), /untyped: no type/);
  const references = checkReferences(config);
  reports(references, /var\.missing is not declared/);
  reports(references, /local\.nowhere is not defined/);
  reports(references, /variable untyped is never used/);
  reports(references, /local unused is never used/);
});

test('module call check reports unknown outputs, unknown arguments and missing required variables', async () => {
  const module = await loadInline(`
    variable "needed" {
      type        = string
      description = "x"
    }
    output "present" { value = var.needed }`);
  const stack = await loadInline(`
    module "m" {
      source = "../m"
      extra  = 1
    }
    output "a" { value = module.m.absent }
    output "b" { value = module.n.present }`);
  const violations = checkModuleCalls(stack, { '../m': module });
  reports(violations, /module\.m\.absent: \.\.\/m has no output absent/);
  reports(violations, /argument extra is not a variable/);
  reports(violations, /required variable needed not given/);
  reports(violations, /module\.n is not declared/);
});

test('route check reports a bearer-protected operation without the JWT authorizer, and the reverse', async () => {
  const document = {
    components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/x/me': { get: { security: [{ bearerAuth: [] }] } },
      '/api/x/search': { get: { security: [{}, { bearerAuth: [] }] } },
      '/api/x/health': { get: {} },
    },
  };
  const { all, protectedRoutes } = openApiOperations(document);
  assert.deepEqual([...protectedRoutes], ['GET /api/x/me'], 'optional auth is not protected');
  assert.deepEqual(compareSets(all, new Set(['GET /api/x/me', 'GET /api/x/health']), 'openapi', 'routes'), ['GET /api/x/search: in openapi but not in routes']);
  const moduleConfig = await loadInline(`
    resource "aws_apigatewayv2_route" "r" {
      for_each           = var.routes
      authorization_type = each.value
    }
    resource "aws_apigatewayv2_route" "literal" { authorization_type = "JWT" }`);
  const violations = checkRouteAuthorization(moduleConfig, { 'GET /api/x/me': 'NONE', 'GET /api/x/health': 'JWT' }, protectedRoutes);
  reports(violations, /aws_apigatewayv2_route\.r: authorizer_id is not set/);
  reports(violations, /aws_apigatewayv2_route\.literal: JWT without authorizer_id/);
  reports(violations, /GET \/api\/x\/me: needs a bearer token/);
  reports(violations, /GET \/api\/x\/health: is public .* but has the JWT authorizer/);
});

test('environment check reports a variable the service reads but the function lacks, and the reverse', async () => {
  const moduleConfig = await loadInline(`
    locals { common_environment = { DB_URL = "x" } }
    resource "aws_lambda_function" "api" {
      environment { variables = merge(local.common_environment, var.extra_environment) }
    }`);
  const stack = await loadInline('module "service" {\n extra_environment = { UNUSED = "y" }\n}');
  const { names, violations } = apiEnvironmentNames(moduleConfig, stack);
  assert.deepEqual(violations, []);
  const expected = configReferences({ db: { url: '${DB_URL}', secret: '${DB_SECRET_ARN}' }, server: { port: '${server.port}' } });
  assert.deepEqual([...expected].sort(), ['DB_SECRET_ARN', 'DB_URL'], 'only environment-style names count');
  const diff = compareSets(expected, names, 'application.yaml', 'Lambda environment');
  reports(diff, /DB_SECRET_ARN: in application.yaml but not in Lambda environment/);
  reports(diff, /UNUSED: in Lambda environment but not in application.yaml/);
  const hardcoded = await loadInline('resource "aws_lambda_function" "api" {\n environment { variables = { A = "b" } }\n}');
  reports(apiEnvironmentNames(hardcoded, stack).violations, /expected merge/);
});

test('execute-api check reports an HTTP API whose default endpoint is left on, switched back on or used', async () => {
  reports(checkExecuteApiDisabled(await loadInline('resource "aws_apigatewayv2_api" "a" {\n protocol_type = "HTTP"\n}')), /aws_apigatewayv2_api\.a: disable_execute_api_endpoint is not true/);
  reports(checkExecuteApiDisabled(await loadInline('resource "aws_apigatewayv2_api" "a" {\n disable_execute_api_endpoint = false\n}')), /disable_execute_api_endpoint is not true/);
  reports(checkExecuteApiDisabled(await loadInline('resource "aws_apigatewayv2_api" "a" {\n disable_execute_api_endpoint = var.off\n}')), /disable_execute_api_endpoint is not true/);
  reports(checkExecuteApiDisabled(await loadInline(`
    resource "aws_apigatewayv2_api" "a" { disable_execute_api_endpoint = true }
    output "o" { value = aws_apigatewayv2_api.a.api_endpoint }`)), /api_endpoint\) is used/);
  assert.deepEqual(checkExecuteApiDisabled(await loadInline('resource "aws_apigatewayv2_api" "a" {\n disable_execute_api_endpoint = true\n}')), []);
});

// A distribution whose API origin is right; each case below breaks one thing in it.
const apiOrigin = (origin, versionLifecycle = 'ignore_changes = [secret_string, version_stages]') => `
  resource "aws_secretsmanager_secret" "s" { kms_key_id = "k" }
  resource "aws_secretsmanager_secret_version" "s" {
    secret_id     = aws_secretsmanager_secret.s.id
    secret_string = "x"
    lifecycle { ${versionLifecycle} }
  }
  data "aws_secretsmanager_secret_version" "s" { secret_id = aws_secretsmanager_secret.s.id }
  resource "aws_apigatewayv2_domain_name" "d" { domain_name = "api-origin.example.com" }
  resource "aws_cloudfront_distribution" "d" {
    origin {
      origin_id = "api"
      ${origin}
    }
    ordered_cache_behavior {
      path_pattern     = "/api/*"
      target_origin_id = "api"
    }
  }`;
const domain = 'domain_name = aws_apigatewayv2_domain_name.d.domain_name';
const https = 'custom_origin_config { origin_protocol_policy = "https-only" }';
const header = (value) => `custom_header {\n name = "X-Origin-Verify"\n value = ${value}\n}`;
const secretValue = 'jsondecode(data.aws_secretsmanager_secret_version.s.secret_string).current';

test('API origin check reports an origin that drops the header, sends a literal, or is reachable otherwise', async () => {
  assert.deepEqual(checkApiOriginVerified(await loadInline(apiOrigin([domain, https, header(secretValue)].join('\n')))), []);
  reports(checkApiOriginVerified(await loadInline(apiOrigin([domain, https].join('\n')))), /API origin api sends no X-Origin-Verify custom_header/);
  reports(checkApiOriginVerified(await loadInline(apiOrigin([domain, https, 'custom_header {\n name = "X-Other"\n value = "v"\n}'].join('\n')))), /sends no X-Origin-Verify/);
  reports(checkApiOriginVerified(await loadInline(apiOrigin([domain, https, header('"hunter2"')].join('\n')))), /X-Origin-Verify is a literal value/);
  reports(checkApiOriginVerified(await loadInline(apiOrigin([domain, https, header('var.origin_value')].join('\n')))), /does not come from a data\.aws_secretsmanager_secret_version/);
  reports(checkApiOriginVerified(await loadInline(apiOrigin([domain, 'custom_origin_config { origin_protocol_policy = "match-viewer" }', header(secretValue)].join('\n')))), /is not https-only/);
  reports(checkApiOriginVerified(await loadInline(apiOrigin(['domain_name = replace(aws_apigatewayv2_api.a.api_endpoint, "https://", "")', https, header(secretValue)].join('\n')))), /is not the API's custom domain/);
  reports(checkApiOriginVerified(await loadInline(apiOrigin([domain, https, header(secretValue)].join('\n'), 'ignore_changes = [secret_string]'))), /does not ignore changes to version_stages/);
});

test('stack check reports an origin secret passed other than as module.platform.origin_secret_arn', async () => {
  reports(checkStackOriginSecret(await loadInline('module "service" {\n source = "x"\n}')), /origin_secret_arn is undefined, expected module\.platform\.origin_secret_arn/);
  reports(checkStackOriginSecret(await loadInline('module "service" {\n origin_secret_arn = var.origin_secret_arn\n}')), /expected module\.platform\.origin_secret_arn/);
  reports(checkStackOriginSecret(await loadInline(`
    module "service" {
      origin_secret_arn = module.platform.origin_secret_arn
      extra_environment = { ORIGIN_SECRET_ARN = module.platform.origin_secret_arn }
    }`)), /extra_environment sets ORIGIN_SECRET_ARN/);
  reports(checkStackOriginSecret(await loadInline(`
    module "service" {
      origin_secret_arn = module.platform.origin_secret_arn
      policy_statements = [{ resources = [module.platform.origin_secret_arn] }]
    }`)), /used beyond module service's origin_secret_arn/);
  assert.deepEqual(checkStackOriginSecret(await loadInline('module "service" {\n origin_secret_arn = module.platform.origin_secret_arn\n}')), []);
});

test('service module check reports a missing ORIGIN_SECRET_ARN or grant, a broader grant, and a migration that gets it', async () => {
  const violations = checkServiceOriginSecret(await loadInline(`
    variable "origin_secret_arn" {
      type    = string
      default = ""
    }
    variable "extra_environment" {
      type = map(string)
      validation {
        condition     = !contains(keys(var.extra_environment), "DB_URL")
        error_message = "x"
      }
    }
    locals {
      common_environment    = { DB_URL = var.db_url }
      migration_environment = { ORIGIN_SECRET_ARN = var.origin_secret_arn }
    }
    resource "aws_lambda_function" "api" {
      environment { variables = merge(local.common_environment, var.extra_environment) }
    }
    data "aws_iam_policy_document" "api" {
      statement {
        sid       = "Broad"
        actions   = ["secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue"]
        resources = [var.origin_secret_arn]
      }
    }`));
  reports(violations, /origin_secret_arn has a default/);
  reports(violations, /origin_secret_arn has no validation/);
  reports(violations, /does not set ORIGIN_SECRET_ARN/);
  reports(violations, /extra_environment does not refuse ORIGIN_SECRET_ARN/);
  reports(violations, /no statement granting secretsmanager:GetSecretValue on exactly var\.origin_secret_arn/);
  reports(violations, /statement Broad: grants secretsmanager:PutSecretValue/);
  reports(violations, /no kms:Decrypt of var\.secrets_kms_key_arn through Secrets Manager/);
  reports(violations, /the migration function gets the origin secret/);
  reports(checkServiceOriginSecret(await loadInline('locals {\n common_environment = {}\n}')), /variable origin_secret_arn is not declared/);
});

test('secret value check reports a secret version data source and a secret_string read', async () => {
  const violations = checkNoSecretValueReads(await loadInline(`
    data "aws_secretsmanager_secret_version" "s" { secret_id = "x" }
    output "o" { value = jsondecode(data.aws_secretsmanager_secret_version.s.secret_string).current }`));
  reports(violations, /data\.aws_secretsmanager_secret_version\.s reads a secret value/);
  reports(violations, /reads a secret value: .*secret_string/);
  assert.deepEqual(checkNoSecretValueReads(await loadInline('output "o" {\n value = var.secret_arn\n}')), []);
});
