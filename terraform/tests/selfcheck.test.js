// The checks must bite: each is run on a small inline configuration that breaks its rule and must report it.

import test from 'node:test';
import assert from 'node:assert/strict';
import { loadInline, parseHcl } from './lib/hcl.js';
import {
  apiEnvironmentNames, checkAurora, checkBuckets, checkCloudFront, checkIamStatements, checkLambdas, checkModuleCalls,
  checkPolicyDocuments, checkReferences, checkRouteAuthorization, checkVariables, checkWaf, compareSets, configReferences,
  openApiOperations,
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
