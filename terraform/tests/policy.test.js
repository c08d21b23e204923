// Security and structure policies over the parsed Terraform.

import test from 'node:test';
import assert from 'node:assert/strict';
import { block, references } from './lib/hcl.js';
import {
  checkApiOriginVerified, checkAurora, checkBuckets, checkCloudFront, checkExecuteApiDisabled, checkIamStatements,
  checkLambdas, checkModuleCalls, checkNoSecretValueReads, checkPolicyDocuments, checkReferences,
  checkServiceOriginSecret, checkStackOriginSecret, checkVariables, checkWaf, stackRoutes, checkRouteAuthorization,
} from './lib/checks.js';
import { SERVICE_STACKS, loadTree } from './lib/tree.js';

const tree = await loadTree();
const { modules, stacks, modulesBySource, siblingModulesBySource, envFiles } = tree;
const everything = { ...Object.fromEntries(Object.entries(modules).map(([name, config]) => [`modules/${name}`, config])), ...Object.fromEntries(Object.entries(stacks).map(([name, config]) => [`stacks/${name}`, config])) };

const ok = (violations) => assert.deepEqual(violations, []);

test('every S3 bucket blocks public access, is SSE-KMS encrypted, owner-enforced and versioned', () => {
  assert.ok(Object.keys(modules.platform.resource.aws_s3_bucket || {}).length > 0, 'no bucket found');
  for (const config of Object.values(everything)) ok(checkBuckets(config));
});

test('CloudFront: S3 origins through OAC, images only through signed URLs, WAF attached, /api/* uncached with all viewer headers but Host, security headers', () => {
  ok(checkCloudFront(modules.platform));
});

test('no HTTP API keeps its default execute-api endpoint (it would bypass CloudFront, WAF and Shield)', () => {
  assert.ok(Object.keys(modules.platform.resource.aws_apigatewayv2_api || {}).length > 0, 'no HTTP API found');
  for (const [name, config] of Object.entries(everything)) assert.deepEqual(checkExecuteApiDisabled(config), [], name);
});

test('the /api/* origin is the API custom domain over HTTPS and sends X-Origin-Verify from the origin secret', () => {
  ok(checkApiOriginVerified(modules.platform));
});

test('every service stack passes the origin secret as module.platform.origin_secret_arn, and only there', () => {
  for (const name of SERVICE_STACKS) assert.deepEqual(checkStackOriginSecret(stacks[name]), [], name);
});

test('the API function gets ORIGIN_SECRET_ARN and may only read that secret; the migration function gets neither', () => {
  ok(checkServiceOriginSecret(modules.service));
});

test('nothing outside the platform module reads a secret value', () => {
  for (const [name, config] of Object.entries(everything)) {
    if (name !== 'modules/platform') assert.deepEqual(checkNoSecretValueReads(config), [], name);
  }
});

test('WAF web ACL has the AWS common, known-bad-inputs and IP reputation groups, a rate-based rule, and stricter ones for account endpoints and shared albums', () => {
  ok(checkWaf(modules.platform));
});

test('every Lambda function is a container image referenced by digest', () => {
  assert.ok(Object.keys(modules.service.resource.aws_lambda_function || {}).length >= 2, 'API and migration functions expected');
  for (const config of Object.values(everything)) ok(checkLambdas(config));
});

test('routes with authorization JWT always carry the authorizer', () => {
  for (const [name, config] of Object.entries(everything)) {
    if (name === 'modules/service') ok(checkRouteAuthorization(config, {}, new Set()));
  }
});

test('no IAM policy of the service module grants wildcard actions', () => {
  ok(checkPolicyDocuments(modules.service));
});

test('service stacks add only named actions to their roles', () => {
  for (const name of SERVICE_STACKS) {
    const statements = stacks[name].module.service.policy_statements || [];
    assert.ok(Array.isArray(statements), `${name}: policy_statements must be a literal list`);
    ok(checkIamStatements(statements, `stacks/${name} policy_statements`));
  }
});

test('Aurora is encrypted, keeps backups and has no publicly accessible instance', () => {
  assert.ok(modules.platform.resource.aws_rds_cluster, 'no Aurora cluster found');
  for (const config of Object.values(everything)) ok(checkAurora(config));
});

test('the API function never receives the database master secret', () => {
  const api = modules.service.resource.aws_lambda_function.api;
  const env = JSON.stringify([block(api, 'environment'), modules.service.locals.common_environment]);
  assert.doesNotMatch(env, /db_master_secret_arn|DB_ADMIN_SECRET_ARN/);
  const apiPolicy = JSON.stringify(modules.service.data.aws_iam_policy_document.api);
  assert.doesNotMatch(apiPolicy, /db_master_secret_arn/);
});

test('every variable has a description and a type', () => {
  for (const [name, config] of Object.entries(everything)) {
    assert.deepEqual(checkVariables(config), [], name);
  }
});

test('every var and local reference resolves, and none is dead', () => {
  for (const [name, config] of Object.entries(everything)) {
    assert.deepEqual(checkReferences(config), [], name);
  }
});

test('every module output a stack uses exists, and module arguments match module variables', () => {
  for (const [name, config] of Object.entries(stacks)) {
    assert.ok(Object.keys(config.module).length > 0, `${name} calls no module`);
    assert.deepEqual(checkModuleCalls(config, modulesBySource), [], name);
  }
});

test('every module output a module uses exists, and its arguments match the called module\'s variables', () => {
  assert.ok(Object.keys(modules.platform.module).length > 0, 'the platform calls no module');
  for (const [name, config] of Object.entries(modules)) {
    assert.deepEqual(checkModuleCalls(config, siblingModulesBySource), [], `modules/${name}`);
  }
});

test('stacks pin Terraform and the AWS provider, use a partial S3 backend and tag everything', () => {
  for (const [name, config] of Object.entries(stacks)) {
    const settings = config.terraform[0];
    assert.match(String(settings.required_version), />= ?1\.1[1-9]/, `${name}: required_version`);
    const aws = block(settings, 'required_providers').aws;
    assert.equal(aws.source, 'hashicorp/aws', name);
    assert.match(aws.version, /^~> 5\.\d+$/, `${name}: aws provider must be pinned to a 5.x minor`);
    assert.deepEqual(settings.backend?.s3?.[0] ?? settings.backend?.[0]?.s3?.[0], {}, `${name}: backend "s3" {} (partial configuration)`);
    const providers = config.provider.aws || [];
    assert.ok(providers.length > 0, `${name}: no aws provider`);
    for (const provider of providers) {
      // default_tags { tags = local.x } is followed into the local.
      const tagsValue = block(provider, 'default_tags')?.tags;
      const local = references(tagsValue, 'local')[0]?.[0];
      const tags = JSON.stringify(local ? config.locals[local] : tagsValue);
      for (const tag of ['Project', 'Environment', 'Stack', 'ManagedBy']) assert.match(tags ?? '', new RegExp(tag), `${name}: default_tags lack ${tag}`);
    }
  }
});

test('each environment of a stack has a variable file and a backend file with the stack\'s own state key', () => {
  for (const [name, environments] of Object.entries(envFiles)) {
    assert.ok(environments.dev && environments.prod, `${name}: dev and prod expected`);
    for (const [env, files] of Object.entries(environments)) {
      assert.ok(files.tfvars, `${name}/env/${env}.tfvars missing`);
      assert.ok(files.backend, `${name}/env/${env}.backend.hcl missing`);
      assert.equal(files.backend.key, `${name}/terraform.tfstate`, `${name}/${env}: state key`);
      assert.equal(files.backend.encrypt, true, `${name}/${env}: encrypt`);
      assert.equal(files.backend.use_lockfile, true, `${name}/${env}: use_lockfile`);
      assert.equal(files.tfvars.environment, env, `${name}/${env}: environment`);
    }
  }
});

test('variable files set only declared variables, and every required one except the deployed image digest', () => {
  for (const [name, environments] of Object.entries(envFiles)) {
    const variables = stacks[name].variable;
    for (const [env, { tfvars }] of Object.entries(environments)) {
      for (const key of Object.keys(tfvars)) assert.ok(variables[key], `${name}/${env}.tfvars sets undeclared ${key}`);
      for (const [variable, definition] of Object.entries(variables)) {
        if (!('default' in definition) && variable !== 'image_digest') assert.ok(variable in tfvars, `${name}/${env}.tfvars lacks ${variable}`);
      }
    }
  }
});

test('every service stack runs its image by digest passed at deploy time', () => {
  for (const name of SERVICE_STACKS) {
    assert.ok(stacks[name].variable.image_digest, `${name}: no image_digest variable`);
    assert.equal(stacks[name].module.service.image_digest, '${var.image_digest}', name);
    assert.ok(Object.keys(stackRoutes(stacks[name])).length > 0, `${name}: no routes`);
    assert.ok(references(stacks[name].module.service, 'module').every(([call]) => call === 'platform'), `${name}: reads the platform only through module.platform`);
  }
});
