// Consistency between the Terraform and the services it deploys: environment variables against each service's
// application.yaml, API routes against each service's openapi.yaml, handlers and the origin header against the Java
// sources, and the SSM contract between the platform stack and the service stacks.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, listFiles, loadYaml, quotedStrings } from './lib/hcl.js';
import {
  ORIGIN_HEADER, apiEnvironmentNames, checkRouteAuthorization, compareSets, configReferences, listItems, openApiOperations,
  stackRoutes,
} from './lib/checks.js';
import { SERVICE_STACKS, loadTree } from './lib/tree.js';

const { modules, stacks } = await loadTree();

const resource = (service, file) => path.join(REPO_ROOT, service, 'src', 'main', 'resources', file);

// Every deployed service must carry the files these checks compare against; a missing one fails, never skips.
function requireFile(file) {
  assert.ok(fs.existsSync(file), `${path.relative(REPO_ROOT, file)} is required but missing`);
}

test('every service stack is named after its service and deploys a service the platform provisions', () => {
  const provisioned = stacks.platform.module.platform.services;
  assert.equal(typeof provisioned, 'object', 'the platform stack passes services as a literal map');
  assert.deepEqual(Object.keys(provisioned).sort(), [...SERVICE_STACKS].sort(), 'platform services == service stacks');
  for (const name of SERVICE_STACKS) assert.equal(stacks[name].locals.service, name, `stacks/${name}: local.service`);
});

test('every SSM parameter a service stack reads is one the platform writes', () => {
  const platform = modules.platform;
  const lookup = modules['platform-lookup'];
  const written = new Set(Object.keys(platform.locals.shared_parameters));
  const queues = listItems(platform.locals.queues);
  assert.ok(queues.length > 0, 'platform queues');
  for (const [local, names] of [['queue_parameters', queues], ['service_parameters', SERVICE_STACKS]]) {
    const templates = quotedStrings(platform.locals[local]).filter((text) => text.includes('${name}'));
    assert.ok(templates.length > 0, `platform ${local} templates`);
    for (const template of templates) for (const name of names) written.add(template.replace('${name}', name));
  }
  assert.equal(platform.locals.parameter_prefix, '/${local.project}/${var.environment}/platform');
  assert.equal(platform.locals.project, 'cloud-gallery');
  assert.equal(lookup.locals.prefix, '/cloud-gallery/${var.environment}/platform');
  assert.equal(lookup.data.aws_ssm_parameter.service.name, '${local.prefix}/services/${var.service}/${each.key}');

  const read = new Set(listItems(lookup.locals.shared_keys));
  for (const service of SERVICE_STACKS) for (const key of listItems(lookup.locals.service_keys)) read.add(`services/${service}/${key}`);
  const missing = [...read].filter((key) => !written.has(key));
  assert.deepEqual(missing, [], 'read by modules/platform-lookup but not written by modules/platform');
  // Every lookup output reads a key the lookup fetches.
  for (const [name, output] of Object.entries(lookup.output)) {
    const key = String(output.value).match(/local\.(shared|service)\["([^"]+)"\]/);
    assert.ok(key, `platform-lookup output ${name}`);
    const keys = listItems(key[1] === 'shared' ? lookup.locals.shared_keys : lookup.locals.service_keys);
    assert.ok(keys.includes(key[2]), `platform-lookup output ${name} reads ${key[2]}, which is not fetched`);
  }
});

test('the migration function gets exactly DB_URL, DB_SECRET_ARN, DB_ADMIN_SECRET_ARN and DB_SCHEMA', () => {
  const service = modules.service;
  assert.deepEqual(Object.keys(service.locals.migration_environment).sort(), ['DB_ADMIN_SECRET_ARN', 'DB_SCHEMA', 'DB_SECRET_ARN', 'DB_URL']);
  const migration = service.resource.aws_lambda_function.migration;
  assert.equal(migration.environment[0].variables, '${local.migration_environment}');
  assert.equal(migration.image_config[0].command[0], '${local.migration_handler}');
  assert.equal(service.locals.migration_handler, 'dev.cloudgallery.platform.db.MigrateHandler::handleRequest');
  assert.equal(migration.image_uri, service.resource.aws_lambda_function.api.image_uri, 'same image as the API function');
  const invocation = service.resource.aws_lambda_invocation.migration;
  assert.match(JSON.stringify(invocation.triggers), /var\.image_digest/, 'migration re-runs for every new image digest');
  assert.ok(service.resource.aws_lambda_function.api.depends_on.includes('${aws_lambda_invocation.migration}'), 'API function waits for the migration');
});

for (const service of SERVICE_STACKS) {
  test(`${service}: API function environment == the \${NAME} references of its application.yaml`, async (t) => {
    const file = resource(service, 'application.yaml');
    requireFile(file);
    const expected = configReferences(await loadYaml(file));
    assert.ok(expected.size > 0, `${service}: application.yaml references no \${NAME}`);
    const { names, violations } = apiEnvironmentNames(modules.service, stacks[service]);
    assert.deepEqual(violations, []);
    assert.deepEqual(compareSets(expected, names, 'application.yaml', `stacks/${service} Lambda environment`), []);
  });

  test(`${service}: API Gateway routes == operations of its openapi.yaml, JWT exactly where bearer is required`, async (t) => {
    const file = resource(service, 'openapi.yaml');
    requireFile(file);
    const document = await loadYaml(file);
    assert.match(String(document.openapi), /^3\.0\.\d+$/, 'OpenAPI 3.0.x');
    const { all, protectedRoutes } = openApiOperations(document);
    const routes = stackRoutes(stacks[service]);
    assert.deepEqual(compareSets(all, new Set(Object.keys(routes)), 'openapi.yaml', `stacks/${service} routes`), []);
    assert.deepEqual(checkRouteAuthorization(modules.service, routes, protectedRoutes), []);
    const prefix = stacks[service].module.service.api_path_prefix;
    for (const key of all) {
      const path = key.split(' ')[1];
      assert.ok(path === prefix || path.startsWith(`${prefix}/`), `${key} outside ${prefix}`);
    }
    for (const required of [`GET ${prefix}/health`, `GET ${prefix}/openapi`]) assert.ok(all.has(required), `${service}: ${required}`);
  });

  test(`${service}: openapi.yaml references resolve and path parameters are declared`, async (t) => {
    const file = resource(service, 'openapi.yaml');
    requireFile(file);
    const document = await loadYaml(file);
    const refs = [];
    (function walk(node) {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if (typeof node.$ref === 'string') refs.push(node.$ref);
        Object.values(node).forEach(walk);
      }
    })(document);
    for (const ref of refs) {
      assert.match(ref, /^#\//, `only local references: ${ref}`);
      const target = ref.slice(2).split('/').reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
      assert.ok(target !== undefined, `${service}: unresolved $ref ${ref}`);
    }
    for (const [route, item] of Object.entries(document.paths)) {
      const names = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(item).filter(([key]) => key !== 'parameters')) {
        const declared = [...(item.parameters || []), ...(operation.parameters || [])].filter((parameter) => parameter.in === 'path');
        assert.deepEqual(declared.map((parameter) => parameter.name).sort(), [...names].sort(), `${method.toUpperCase()} ${route}: path parameters`);
        for (const parameter of declared) assert.equal(parameter.required, true, `${route}: path parameter ${parameter.name} must be required`);
        assert.ok(operation.responses && Object.keys(operation.responses).length > 0, `${method.toUpperCase()} ${route}: no responses`);
      }
    }
  });

  test(`${service}: the handler class exists in the service's sources`, (t) => {
    const sources = path.join(REPO_ROOT, service, 'src', 'main', 'java');
    requireFile(sources);
    const handler = stacks[service].module.service.handler;
    const [className, method] = handler.split('::');
    assert.equal(method, 'handleRequest');
    const file = path.join(sources, ...className.split('.')) + '.java';
    assert.ok(fs.existsSync(file), `${path.relative(REPO_ROOT, file)} (handler ${handler}) not found`);
  });

  test(`${service}: a worker's handler class exists and is a queue handler`, (t) => {
    const worker = stacks[service].module.service.worker;
    if (!worker) {
      t.skip('no worker function');
      return;
    }
    const [className, method] = worker.handler.split('::');
    assert.equal(method, 'handleRequest');
    const file = path.join(REPO_ROOT, service, 'src', 'main', 'java', ...className.split('.')) + '.java';
    assert.ok(fs.existsSync(file), `${path.relative(REPO_ROOT, file)} (worker handler ${worker.handler}) not found`);
    assert.match(fs.readFileSync(file, 'utf8'), /extends QueueLambda\b/, `${worker.handler} must be a QueueLambda`);
    assert.ok(Object.keys(stacks[service].module.service.event_sources || {}).length > 0 || worker.schedule_expression,
      'a worker without event sources or a schedule would never run');
  });

  test(`${service}: the image's own command is the handler Terraform passes`, () => {
    const pom = path.join(REPO_ROOT, service, 'pom.xml');
    requireFile(pom);
    const declared = fs.readFileSync(pom, 'utf8').match(/<lambda\.handler>([^<]+)<\/lambda\.handler>/);
    assert.ok(declared, `${service}/pom.xml declares no <lambda.handler>`);
    assert.equal(declared[1], stacks[service].module.service.handler);
  });
}

test('the migration handler class exists in the shared platform library', (t) => {
  const sharedDir = path.join(REPO_ROOT, 'services');
  if (!fs.existsSync(sharedDir)) {
    t.skip('services/ does not exist yet');
    return;
  }
  const relative = path.join(...modules.service.locals.migration_handler.split('::')[0].split('.')) + '.java';
  const found = listFiles(sharedDir, [path.basename(relative)]).filter((file) => file.endsWith(path.sep + relative));
  assert.ok(found.length > 0, `${relative} not found under services/`);
});

test('the origin header CloudFront sends is the one the services check', (t) => {
  const distribution = Object.values(modules.platform.resource.aws_cloudfront_distribution)[0];
  const behaviour = distribution.ordered_cache_behavior.find((item) => item.path_pattern === '/api/*');
  const origin = distribution.origin.find((item) => item.origin_id === behaviour.target_origin_id);
  const names = (origin.custom_header || []).map((header) => header.name);
  assert.ok(names.some((name) => name.toLowerCase() === ORIGIN_HEADER.toLowerCase()), `API origin headers: ${names}`);
  const sharedDir = path.join(REPO_ROOT, 'services');
  if (!fs.existsSync(sharedDir)) {
    t.skip('services/ does not exist yet');
    return;
  }
  // Header names are case-insensitive; the services name it as a string literal in their main sources.
  const main = `${path.sep}src${path.sep}main${path.sep}java${path.sep}`;
  const literal = `"${ORIGIN_HEADER.toLowerCase()}"`;
  const found = listFiles(sharedDir, ['.java']).filter((file) => file.includes(main) && fs.readFileSync(file, 'utf8').toLowerCase().includes(literal));
  assert.ok(found.length > 0, `no main Java source under services/ names the ${ORIGIN_HEADER} header`);
});
