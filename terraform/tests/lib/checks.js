// Policy and consistency checks over merged configs (see hcl.js). Each returns a list of violations (strings);
// an empty list means the check passed. They are pure functions so that selfcheck.test.js can prove they bite.

import { block, blocks, expressions, quotedStrings, references, refersTo, strings } from './hcl.js';

const entries = (object) => Object.entries(object || {});
const resources = (config, type) => entries(config.resource?.[type]);

/** Resources of `type` that configure bucket `name`: by for_each over the bucket resource or by its bucket argument. */
function bucketCompanions(config, type, name) {
  return resources(config, type).filter(([, body]) =>
    refersTo(body.for_each, `aws_s3_bucket.${name}`) || refersTo(body.bucket, `aws_s3_bucket.${name}`));
}

/** Every S3 bucket: all four Block Public Access flags, SSE-KMS with a key, BucketOwnerEnforced, versioning. */
export function checkBuckets(config) {
  const violations = [];
  for (const [name] of resources(config, 'aws_s3_bucket')) {
    const bpa = bucketCompanions(config, 'aws_s3_bucket_public_access_block', name);
    if (bpa.length === 0) violations.push(`aws_s3_bucket.${name}: no aws_s3_bucket_public_access_block`);
    for (const [bpaName, body] of bpa) {
      for (const flag of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
        if (body[flag] !== true) violations.push(`aws_s3_bucket_public_access_block.${bpaName}: ${flag} is not true`);
      }
    }
    const sse = bucketCompanions(config, 'aws_s3_bucket_server_side_encryption_configuration', name);
    if (sse.length === 0) violations.push(`aws_s3_bucket.${name}: no server-side encryption configuration`);
    for (const [sseName, body] of sse) {
      const rule = block(block(body, 'rule'), 'apply_server_side_encryption_by_default');
      if (rule?.sse_algorithm !== 'aws:kms') violations.push(`aws_s3_bucket_server_side_encryption_configuration.${sseName}: sse_algorithm is not aws:kms`);
      if (!rule?.kms_master_key_id) violations.push(`aws_s3_bucket_server_side_encryption_configuration.${sseName}: no customer-managed kms_master_key_id`);
    }
    const ownership = bucketCompanions(config, 'aws_s3_bucket_ownership_controls', name);
    if (!ownership.some(([, body]) => block(body, 'rule')?.object_ownership === 'BucketOwnerEnforced')) {
      violations.push(`aws_s3_bucket.${name}: object ownership is not BucketOwnerEnforced`);
    }
    const versioning = bucketCompanions(config, 'aws_s3_bucket_versioning', name);
    if (!versioning.some(([, body]) => block(body, 'versioning_configuration')?.status === 'Enabled')) {
      violations.push(`aws_s3_bucket.${name}: versioning is not enabled`);
    }
  }
  return violations;
}

function referencedName(expression, type) {
  const match = expressions(expression).join(' ').match(new RegExp(`${type}\\.([\\w-]+)`));
  return match?.[1];
}

/**
 * Every CloudFront distribution: S3 origins through OAC (not the legacy OAI), a CLOUDFRONT-scoped WAF web ACL
 * attached, /api/* uncached with the all-viewer-except-Host origin request policy, and a response headers policy with
 * HSTS, CSP, frame and content-type options on every behaviour. The images bucket holds private images: a behaviour
 * serving it must demand signed URLs (trusted_key_groups), or CloudFront would hand anyone any image.
 */
export function checkCloudFront(config) {
  const violations = [];
  const distributions = resources(config, 'aws_cloudfront_distribution');
  if (distributions.length === 0) violations.push('no aws_cloudfront_distribution');
  for (const [name, body] of distributions) {
    const where = `aws_cloudfront_distribution.${name}`;
    for (const origin of blocks(body, 'origin')) {
      if (!refersTo(origin.domain_name, 'aws_s3_bucket')) continue;
      const oac = referencedName(origin.origin_access_control_id, 'aws_cloudfront_origin_access_control');
      const oacBody = config.resource?.aws_cloudfront_origin_access_control?.[oac];
      if (!oacBody) violations.push(`${where}: S3 origin ${origin.origin_id} does not use an Origin Access Control`);
      else if (oacBody.origin_access_control_origin_type !== 's3' || oacBody.signing_behavior !== 'always') {
        violations.push(`${where}: OAC ${oac} must be of type s3 and always sign`);
      }
      if (origin.s3_origin_config) violations.push(`${where}: S3 origin ${origin.origin_id} uses a legacy origin access identity`);
    }
    const acl = referencedName(body.web_acl_id, 'aws_wafv2_web_acl');
    const aclBody = config.resource?.aws_wafv2_web_acl?.[acl];
    if (!aclBody) violations.push(`${where}: no WAF web ACL attached (web_acl_id)`);
    else if (aclBody.scope !== 'CLOUDFRONT') violations.push(`${where}: web ACL ${acl} is not CLOUDFRONT-scoped`);

    const behaviours = [block(body, 'default_cache_behavior'), ...blocks(body, 'ordered_cache_behavior')].filter(Boolean);
    const api = behaviours.find((behaviour) => behaviour.path_pattern === '/api/*');
    if (!api) {
      violations.push(`${where}: no /api/* behaviour`);
    } else {
      const cachePolicy = referencedName(api.cache_policy_id, 'data.aws_cloudfront_cache_policy');
      if (config.data?.aws_cloudfront_cache_policy?.[cachePolicy]?.name !== 'Managed-CachingDisabled') {
        violations.push(`${where}: /api/* must use the Managed-CachingDisabled cache policy`);
      }
      const requestPolicy = referencedName(api.origin_request_policy_id, 'data.aws_cloudfront_origin_request_policy');
      if (config.data?.aws_cloudfront_origin_request_policy?.[requestPolicy]?.name !== 'Managed-AllViewerExceptHostHeader') {
        violations.push(`${where}: /api/* must use the Managed-AllViewerExceptHostHeader origin request policy`);
      }
    }
    const imageOrigins = blocks(body, 'origin').filter((origin) => expressions(origin.domain_name).join(' ').includes('["images"]'))
      .map((origin) => origin.origin_id);
    for (const behaviour of behaviours.filter((b) => imageOrigins.includes(b.target_origin_id))) {
      if (expressions(behaviour.trusted_key_groups).length === 0 && !(behaviour.trusted_key_groups || []).length) {
        violations.push(`${where}: behaviour ${behaviour.path_pattern || 'default'} serves the images bucket without signed URLs (trusted_key_groups)`);
      }
    }
    for (const behaviour of behaviours) {
      const label = behaviour.path_pattern || 'default';
      if (!['redirect-to-https', 'https-only'].includes(behaviour.viewer_protocol_policy)) {
        violations.push(`${where}: behaviour ${label} allows plain HTTP`);
      }
      const policyName = referencedName(behaviour.response_headers_policy_id, 'aws_cloudfront_response_headers_policy');
      const headers = block(config.resource?.aws_cloudfront_response_headers_policy?.[policyName], 'security_headers_config');
      for (const header of ['strict_transport_security', 'content_security_policy', 'frame_options', 'content_type_options']) {
        if (!block(headers, header)) violations.push(`${where}: behaviour ${label} lacks ${header} in its response headers policy`);
      }
    }
  }
  return violations;
}

/**
 * Every WAF web ACL has the AWS managed rule groups common, known-bad-inputs and IP reputation, and a rate-based rule.
 * Rules written with dynamic blocks are followed into the locals their for_each iterates.
 */
const GUESSABLE_PATHS = ['/api/users/', '/api/gallery/shared/'];

export function checkWaf(config) {
  const violations = [];
  const acls = resources(config, 'aws_wafv2_web_acl');
  if (acls.length === 0) violations.push('no aws_wafv2_web_acl');
  for (const [name, body] of acls) {
    const rules = blocks(body, 'rule');
    const iterated = (body.dynamic?.rule || []).flatMap((dynamic) =>
      references(dynamic.for_each, 'local').map(([local]) => config.locals?.[local]));
    const groupNames = new Set(strings([rules.map((rule) => block(rule, 'statement')?.managed_rule_group_statement), iterated]));
    for (const group of ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList']) {
      if (!groupNames.has(group)) violations.push(`aws_wafv2_web_acl.${name}: missing managed rule group ${group}`);
    }
    const rateRules = rules.map((rule) => block(block(rule, 'statement'), 'rate_based_statement')).filter(Boolean);
    if (rateRules.length === 0) violations.push(`aws_wafv2_web_acl.${name}: no rate-based rule`);
    // Paths where each request is a guess (passwords, share-link tokens) get a stricter limit of their own.
    for (const path of GUESSABLE_PATHS) {
      if (!rateRules.some((rule) => strings([block(rule, 'scope_down_statement')]).includes(path))) {
        violations.push(`aws_wafv2_web_acl.${name}: no rate-based rule scoped to ${path}`);
      }
    }
  }
  return violations;
}

/** Every Lambda function is a container image referenced by digest, with its handler as the image command. */
export function checkLambdas(config) {
  const violations = [];
  for (const [name, body] of resources(config, 'aws_lambda_function')) {
    const where = `aws_lambda_function.${name}`;
    if (body.package_type !== 'Image') violations.push(`${where}: package_type is not "Image"`);
    const local = references(body.image_uri, 'local')[0]?.[0];
    const uri = local ? config.locals?.[local] : body.image_uri;
    if (typeof uri !== 'string' || !uri.includes('@')) violations.push(`${where}: image_uri does not reference an image digest (repository@sha256:...)`);
    if (!block(body, 'image_config')?.command) violations.push(`${where}: no image_config.command (the handler)`);
  }
  return violations;
}

const WILDCARD_RESOURCE_ACTIONS = new Set([
  // EC2 has no resource-level permissions for these, and Lambda-managed interfaces have no known ids.
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses',
]);

/**
 * Allow statements (policy documents, static and dynamic) name their actions: no "*", no "service:*" or other
 * wildcard, no NotAction; a "*" resource only for the EC2 network-interface actions that support nothing narrower.
 */
export function checkIamStatements(statements, where) {
  const violations = [];
  for (const statement of statements) {
    const label = `${where}${statement.sid ? ` statement ${statement.sid}` : ''}`;
    // A Deny may (and should) be broad; only what is allowed must be named.
    const allow = (statement.effect ?? 'Allow') === 'Allow';
    if (allow && statement.not_actions) violations.push(`${label}: allows not_actions`);
    const actions = Array.isArray(statement.actions) ? statement.actions : [statement.actions];
    for (const action of actions.filter((item) => typeof item === 'string')) {
      if (allow && action.includes('*') && !action.includes('${')) violations.push(`${label}: wildcard action ${action}`);
    }
    const resourcesList = Array.isArray(statement.resources) ? statement.resources : [statement.resources];
    if (allow && resourcesList.includes('*') && !actions.every((action) => WILDCARD_RESOURCE_ACTIONS.has(action))) {
      violations.push(`${label}: "*" resource for actions that can be scoped`);
    }
  }
  return violations;
}

/** Every aws_iam_policy_document of a config (the service module's role policies). */
export function checkPolicyDocuments(config) {
  const violations = [];
  for (const [name, body] of entries(config.data?.aws_iam_policy_document)) {
    violations.push(...checkIamStatements(blocks(body, 'statement'), `data.aws_iam_policy_document.${name}`));
  }
  for (const type of ['aws_iam_role_policy', 'aws_iam_policy']) {
    for (const [name, body] of resources(config, type)) {
      if (!refersTo(body.policy, 'data.aws_iam_policy_document')) violations.push(`${type}.${name}: policy is not built from an aws_iam_policy_document`);
    }
  }
  return violations;
}

/** Aurora: encrypted with a KMS key, master password managed in Secrets Manager, backups, no public instance. */
export function checkAurora(config) {
  const violations = [];
  for (const [name, body] of resources(config, 'aws_rds_cluster')) {
    const where = `aws_rds_cluster.${name}`;
    if (body.storage_encrypted !== true) violations.push(`${where}: storage_encrypted is not true`);
    if (!body.kms_key_id) violations.push(`${where}: no customer-managed kms_key_id`);
    if (body.manage_master_user_password !== true) violations.push(`${where}: master password not managed in Secrets Manager`);
    if (body.master_password !== undefined) violations.push(`${where}: has a master_password in configuration`);
    if (body.backup_retention_period === undefined) violations.push(`${where}: no backup_retention_period`);
    if (body.deletion_protection === undefined || body.deletion_protection === false) violations.push(`${where}: deletion_protection not configurable`);
    if (body.skip_final_snapshot === true) violations.push(`${where}: skips the final snapshot`);
  }
  for (const [name, body] of resources(config, 'aws_rds_cluster_instance')) {
    if (body.publicly_accessible !== false) violations.push(`aws_rds_cluster_instance.${name}: publicly_accessible is not false`);
  }
  if (resources(config, 'aws_db_instance').length > 0) violations.push('unexpected aws_db_instance (Aurora only)');
  return violations;
}

/** Every variable has a non-empty description and a type. */
export function checkVariables(config) {
  const violations = [];
  for (const [name, body] of entries(config.variable)) {
    if (typeof body.description !== 'string' || body.description.trim() === '') violations.push(`variable ${name}: no description`);
    if (!body.type) violations.push(`variable ${name}: no type`);
  }
  return violations;
}

/** var.X and local.X references resolve; every variable and local is used (no dead configuration). */
export function checkReferences(config) {
  const violations = [];
  const declaredVars = new Set(Object.keys(config.variable));
  const declaredLocals = new Set(Object.keys(config.locals));
  // Validation blocks refer to their own variable; that is not a use.
  const withoutValidations = { ...config, variable: Object.fromEntries(entries(config.variable).map(([name, body]) => [name, { ...body, validation: undefined }])) };
  const usedVars = new Set(references(withoutValidations, 'var').map(([name]) => name));
  const usedLocals = new Set(references(config, 'local').map(([name]) => name));
  for (const name of usedVars) if (!declaredVars.has(name)) violations.push(`var.${name} is not declared`);
  for (const name of usedLocals) if (!declaredLocals.has(name)) violations.push(`local.${name} is not defined`);
  for (const name of declaredVars) if (!usedVars.has(name)) violations.push(`variable ${name} is never used`);
  for (const name of declaredLocals) if (!usedLocals.has(name)) violations.push(`local ${name} is never used`);
  return violations;
}

const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'providers', 'count', 'for_each', 'depends_on']);

/**
 * Module calls of a root stack against the called modules (modulesBySource: source -> merged config):
 * every argument is a declared variable, every variable without default is given, every module.X.Y used exists.
 */
export function checkModuleCalls(stack, modulesBySource) {
  const violations = [];
  for (const [call, body] of entries(stack.module)) {
    const module = modulesBySource[body.source];
    if (!module) {
      violations.push(`module ${call}: source ${body.source} not found`);
      continue;
    }
    for (const argument of Object.keys(body).filter((key) => !MODULE_META_ARGUMENTS.has(key))) {
      if (!module.variable[argument]) violations.push(`module ${call}: argument ${argument} is not a variable of ${body.source}`);
    }
    for (const [variable, definition] of entries(module.variable)) {
      if (!('default' in definition) && !(variable in body)) violations.push(`module ${call}: required variable ${variable} not given`);
    }
  }
  for (const [call, output] of references(stack, 'module')) {
    const body = stack.module[call];
    if (!body) violations.push(`module.${call} is not declared`);
    else if (output && !modulesBySource[body.source]?.output?.[output]) violations.push(`module.${call}.${output}: ${body.source} has no output ${output}`);
  }
  return violations;
}

/** Route keys of a service stack (its module "service" call) mapped to their authorization. */
export function stackRoutes(stack) {
  const routes = stack.module?.service?.routes;
  return routes && typeof routes === 'object' ? routes : {};
}

/**
 * The module's route resource must attach the JWT authorizer exactly when a route says JWT, and the stack's routes
 * must be JWT exactly for the operations that need a bearer token.
 */
export function checkRouteAuthorization(moduleConfig, routes, protectedRoutes) {
  const violations = [];
  for (const [name, body] of resources(moduleConfig, 'aws_apigatewayv2_route')) {
    const where = `aws_apigatewayv2_route.${name}`;
    if (body.authorization_type === 'JWT' && !body.authorizer_id) violations.push(`${where}: JWT without authorizer_id`);
    if (body.authorization_type === '${each.value}' && !/each\.value\s*==\s*"JWT"\s*\?\s*var\.authorizer_id/.test(String(body.authorizer_id))) {
      violations.push(`${where}: authorizer_id is not set for JWT routes`);
    }
    if (!['JWT', 'NONE', '${each.value}'].includes(body.authorization_type)) violations.push(`${where}: unexpected authorization_type ${body.authorization_type}`);
  }
  for (const [key, auth] of entries(routes)) {
    const needsToken = protectedRoutes.has(key);
    if (needsToken && auth !== 'JWT') violations.push(`route ${key}: needs a bearer token but its authorization is ${auth}`);
    if (!needsToken && auth === 'JWT') violations.push(`route ${key}: is public or optionally authenticated in OpenAPI but has the JWT authorizer`);
  }
  return violations;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Operations of an OpenAPI document as route keys ("GET /api/x/{id}"), and those that require a bearer token
 * (security requirement naming an http bearer scheme, with no anonymous {} alternative).
 */
export function openApiOperations(document) {
  const bearerSchemes = new Set(entries(document?.components?.securitySchemes)
    .filter(([, scheme]) => scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer')
    .map(([name]) => name));
  const all = new Set();
  const protectedRoutes = new Set();
  for (const [path, item] of entries(document?.paths)) {
    for (const method of HTTP_METHODS.filter((name) => item[name])) {
      const key = `${method.toUpperCase()} ${path}`;
      all.add(key);
      const requirements = item[method].security ?? document.security ?? [];
      const anonymousAllowed = requirements.some((requirement) => Object.keys(requirement).length === 0);
      if (!anonymousAllowed && requirements.some((requirement) => Object.keys(requirement).some((scheme) => bearerSchemes.has(scheme)))) {
        protectedRoutes.add(key);
      }
    }
  }
  return { all, protectedRoutes };
}

/** Symmetric difference of two sets of names, as violations. */
export function compareSets(expected, actual, expectedLabel, actualLabel) {
  const violations = [];
  for (const item of expected) if (!actual.has(item)) violations.push(`${item}: in ${expectedLabel} but not in ${actualLabel}`);
  for (const item of actual) if (!expected.has(item)) violations.push(`${item}: in ${actualLabel} but not in ${expectedLabel}`);
  return violations;
}

/** ${NAME} references (environment-style names) in any string of a parsed application.yaml. */
export function configReferences(document) {
  const names = new Set();
  for (const text of strings(document)) {
    for (const match of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)(?::[^}]*)?\}/g)) names.add(match[1]);
  }
  return names;
}

/** The environment variable names a service stack gives its API function (module common set + extra_environment). */
export function apiEnvironmentNames(moduleConfig, stack) {
  const violations = [];
  const variables = block(moduleConfig.resource?.aws_lambda_function?.api, 'environment')?.variables;
  if (variables !== '${merge(local.common_environment, var.extra_environment)}') {
    violations.push(`module service: API function environment is ${variables}, expected merge(local.common_environment, var.extra_environment)`);
  }
  const extra = stack.module?.service?.extra_environment;
  if (extra !== undefined && (typeof extra !== 'object' || Array.isArray(extra))) violations.push('extra_environment must be a literal map in the stack');
  const names = new Set([...Object.keys(moduleConfig.locals.common_environment || {}), ...Object.keys(extra || {})]);
  return { names, violations };
}

/** Quoted items of a toset([...]) / list expression or a literal list. */
export function listItems(value) {
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string');
  return quotedStrings(value);
}

// --- one door in: the API answers only through CloudFront ------------------------------------------------------------

/**
 * Every HTTP API has its default execute-api endpoint disabled (literally true): WAF cannot be attached to an HTTP API,
 * so that endpoint would bypass CloudFront, its WAF, rate rules and Shield. Nothing uses the disabled address either.
 */
export function checkExecuteApiDisabled(config) {
  const violations = [];
  for (const [name, body] of resources(config, 'aws_apigatewayv2_api')) {
    if (body.disable_execute_api_endpoint !== true) {
      violations.push(`aws_apigatewayv2_api.${name}: disable_execute_api_endpoint is not true (the execute-api endpoint bypasses CloudFront and its WAF)`);
    }
  }
  if (expressions(config).some((text) => /aws_apigatewayv2_api\.[\w-]+(\[[^\]]*\])?\.api_endpoint\b/.test(text))) {
    violations.push('the disabled execute-api endpoint (api_endpoint) is used as an address');
  }
  return violations;
}

export const ORIGIN_HEADER = 'X-Origin-Verify';

/** The lifecycle ignore_changes attribute names of a resource body. */
function ignoredChanges(body) {
  return strings(block(body, 'lifecycle')?.ignore_changes).map((text) => text.replace(/^\$\{|\}$/g, ''));
}

/**
 * The CloudFront origin that serves /api/* is an API Gateway custom domain over HTTPS only, and sends X-Origin-Verify
 * with a value read from a Secrets Manager secret (never a literal): KMS-encrypted, its first version created by
 * Terraform and then left to rotation (ignore_changes on the value and the staging labels).
 */
export function checkApiOriginVerified(config) {
  const violations = [];
  const distributions = resources(config, 'aws_cloudfront_distribution');
  if (distributions.length === 0) violations.push('no aws_cloudfront_distribution');
  for (const [name, body] of distributions) {
    const where = `aws_cloudfront_distribution.${name}`;
    const api = blocks(body, 'ordered_cache_behavior').find((behaviour) => behaviour.path_pattern === '/api/*');
    if (!api) {
      violations.push(`${where}: no /api/* behaviour`);
      continue;
    }
    const origin = blocks(body, 'origin').find((candidate) => candidate.origin_id === api.target_origin_id);
    if (!origin) {
      violations.push(`${where}: /api/* targets origin ${api.target_origin_id}, which is not declared`);
      continue;
    }
    const label = `${where}: API origin ${origin.origin_id}`;
    if (!refersTo(origin.domain_name, 'aws_apigatewayv2_domain_name')) violations.push(`${label} is not the API's custom domain (aws_apigatewayv2_domain_name)`);
    if (block(origin, 'custom_origin_config')?.origin_protocol_policy !== 'https-only') violations.push(`${label} is not https-only (the origin header would travel in clear text)`);
    const headers = blocks(origin, 'custom_header').filter((header) => String(header.name).toLowerCase() === ORIGIN_HEADER.toLowerCase());
    if (headers.length === 0) violations.push(`${label} sends no ${ORIGIN_HEADER} custom_header`);
    for (const header of headers) {
      if (typeof header.value !== 'string' || !header.value.includes('${')) {
        violations.push(`${label}: ${ORIGIN_HEADER} is a literal value, not read from the origin secret`);
        continue;
      }
      const source = referencedName(header.value, 'data.aws_secretsmanager_secret_version');
      const data = config.data?.aws_secretsmanager_secret_version?.[source];
      if (!data) {
        violations.push(`${label}: ${ORIGIN_HEADER} does not come from a data.aws_secretsmanager_secret_version of this module`);
        continue;
      }
      const secretName = referencedName(data.secret_id, 'aws_secretsmanager_secret');
      const secret = config.resource?.aws_secretsmanager_secret?.[secretName];
      if (!secret) {
        violations.push(`data.aws_secretsmanager_secret_version.${source}: does not read an aws_secretsmanager_secret of this module`);
        continue;
      }
      if (!secret.kms_key_id) violations.push(`aws_secretsmanager_secret.${secretName}: no customer-managed kms_key_id`);
      const versions = resources(config, 'aws_secretsmanager_secret_version').filter(([, version]) => refersTo(version.secret_id, `aws_secretsmanager_secret.${secretName}`));
      if (versions.length === 0) violations.push(`aws_secretsmanager_secret.${secretName}: no initial aws_secretsmanager_secret_version`);
      for (const [versionName, version] of versions) {
        const ignored = ignoredChanges(version);
        for (const attribute of ['secret_string', 'version_stages']) {
          if (!ignored.includes(attribute)) violations.push(`aws_secretsmanager_secret_version.${versionName}: does not ignore changes to ${attribute} (a rotation would be undone)`);
        }
      }
    }
  }
  return violations;
}

/**
 * A service stack hands the origin secret to the service module exactly as module.platform.origin_secret_arn, and
 * nowhere else (not in extra_environment, statements or outputs).
 */
export function checkStackOriginSecret(stack) {
  const violations = [];
  const call = stack.module?.service;
  if (!call) return ['no module "service"'];
  const expected = '${module.platform.origin_secret_arn}';
  if (call.origin_secret_arn !== expected) violations.push(`module service: origin_secret_arn is ${call.origin_secret_arn}, expected module.platform.origin_secret_arn`);
  const mentions = expressions(stack).filter((text) => text.includes('origin_secret_arn'));
  if (mentions.length > 1 || (mentions.length === 1 && mentions[0] !== expected)) {
    violations.push(`the origin secret is used beyond module service's origin_secret_arn: ${JSON.stringify(mentions)}`);
  }
  const extra = call.extra_environment;
  if (extra && typeof extra === 'object' && 'ORIGIN_SECRET_ARN' in extra) violations.push('module service: extra_environment sets ORIGIN_SECRET_ARN');
  return violations;
}

const statementsOf = (config, document) => blocks(config.data?.aws_iam_policy_document?.[document], 'statement');
const listOf = (value) => (Array.isArray(value) ? value : [value]);

/**
 * The service module gives the API function ORIGIN_SECRET_ARN (common environment, which extra_environment may not
 * override) and GetSecretValue on exactly that secret, with Decrypt of the secrets key through Secrets Manager only.
 * The migration function gets neither.
 */
export function checkServiceOriginSecret(moduleConfig) {
  const violations = [];
  const variable = moduleConfig.variable?.origin_secret_arn;
  if (!variable) violations.push('variable origin_secret_arn is not declared');
  else {
    if ('default' in variable) violations.push('variable origin_secret_arn has a default (it must be required)');
    if (!blocks(variable, 'validation').length) violations.push('variable origin_secret_arn has no validation');
  }
  if (moduleConfig.locals?.common_environment?.ORIGIN_SECRET_ARN !== '${var.origin_secret_arn}') {
    violations.push('local.common_environment does not set ORIGIN_SECRET_ARN = var.origin_secret_arn');
  }
  const api = moduleConfig.resource?.aws_lambda_function?.api;
  if (!refersTo(block(api, 'environment')?.variables, 'local.common_environment')) violations.push('the API function environment does not include local.common_environment');
  if (!strings(moduleConfig.variable?.extra_environment?.validation).some((text) => text.includes('"ORIGIN_SECRET_ARN"'))) {
    violations.push('variable extra_environment does not refuse ORIGIN_SECRET_ARN (it could override the common one)');
  }

  const apiStatements = statementsOf(moduleConfig, 'api');
  const reads = apiStatements.filter((statement) => refersTo(statement.resources, 'var.origin_secret_arn'));
  if (!reads.some((statement) => JSON.stringify(listOf(statement.actions)) === '["secretsmanager:GetSecretValue"]' && JSON.stringify(listOf(statement.resources)) === '["${var.origin_secret_arn}"]')) {
    violations.push('data.aws_iam_policy_document.api: no statement granting secretsmanager:GetSecretValue on exactly var.origin_secret_arn');
  }
  for (const statement of reads) {
    const extraActions = listOf(statement.actions).filter((action) => action !== 'secretsmanager:GetSecretValue');
    if (extraActions.length) violations.push(`data.aws_iam_policy_document.api statement ${statement.sid}: grants ${extraActions.join(', ')} on the origin secret`);
  }
  const decrypts = apiStatements.some((statement) => listOf(statement.actions).includes('kms:Decrypt')
    && refersTo(statement.resources, 'var.secrets_kms_key_arn')
    && blocks(statement, 'condition').some((condition) => condition.variable === 'kms:ViaService' && strings(condition.values).some((text) => text.startsWith('secretsmanager.'))));
  if (!decrypts) violations.push('data.aws_iam_policy_document.api: no kms:Decrypt of var.secrets_kms_key_arn through Secrets Manager');

  const migration = [moduleConfig.locals?.migration_environment, moduleConfig.resource?.aws_lambda_function?.migration, moduleConfig.data?.aws_iam_policy_document?.migration];
  if (references(migration, 'var').some(([name]) => name === 'origin_secret_arn')) violations.push('the migration function gets the origin secret');
  return violations;
}

/** Outside the platform nothing reads a secret's value: no secret version data sources, no .secret_string/.secret_binary. */
export function checkNoSecretValueReads(config) {
  const violations = [];
  for (const kind of ['data', 'ephemeral']) {
    for (const [name] of entries(config[kind]?.aws_secretsmanager_secret_version)) violations.push(`${kind}.aws_secretsmanager_secret_version.${name} reads a secret value`);
  }
  for (const text of expressions(config)) {
    if (/\.secret_(string|binary)\b/.test(text)) violations.push(`reads a secret value: ${text}`);
  }
  return violations;
}
