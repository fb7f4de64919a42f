// Every text a person can send main goes through the one text rule (preload/contract/text.ts): this
// walks every channel's input schema down to each string it holds and checks that an invisible
// formatting character (a right-to-left override) is refused there, that single-line fields refuse
// line breaks and multi-line ones take them, and that control characters are refused everywhere. A
// new string field that skips the rule fails here, named by channel and path.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type Channel } from '../../../preload/contract.ts';
import { textProblem } from '../../../preload/contract/text.ts';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  items?: z.ZodType[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

interface Leaf {
  where: string;
  schema: z.ZodType;
}

/** Every string schema inside `schema` (and every schema the walk cannot see into, as `opaque`). */
function walk(schema: z.ZodType, path: string, leaves: Leaf[], opaque: string[]): void {
  const def = defOf(schema);
  const next = (s: z.ZodType | undefined, p = path) => {
    if (s) walk(s, p, leaves, opaque);
  };
  switch (def.type) {
    case 'string':
      leaves.push({ where: path, schema });
      return;
    case 'object':
      for (const [key, value] of Object.entries(def.shape ?? {})) next(value, path ? `${path}.${key}` : key);
      return;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      next(def.innerType);
      return;
    case 'pipe':
      next(def.in);
      next(def.out);
      return;
    case 'array':
      next(def.element, `${path}[]`);
      return;
    case 'record':
      next(def.keyType, `${path}<key>`);
      next(def.valueType, `${path}<value>`);
      return;
    case 'union':
      for (const option of def.options ?? []) next(option);
      return;
    case 'intersection':
      next(def.left);
      next(def.right);
      return;
    case 'tuple':
      (def.items ?? []).forEach((item, i) => {
        next(item, `${path}[${String(i)}]`);
      });
      return;
    case 'lazy':
      opaque.push(path);
      return;
    default:
      // enum, literal, boolean, number, null, transform, ...: no text in them.
      return;
  }
}

const leaves: { channel: Channel; where: string; schema: z.ZodType }[] = [];
const opaque: string[] = [];
for (const channel of Object.keys(contract) as Channel[]) {
  const found: Leaf[] = [];
  const hidden: string[] = [];
  walk(contract[channel].input, '', found, hidden);
  for (const leaf of found) leaves.push({ channel, ...leaf });
  for (const path of hidden) opaque.push(`${channel} ${path}`);
}
// Unique by schema position: a shared schema (Address, Party) is checked once per channel and path.
const name = (l: { channel: string; where: string }) => `${l.channel} ${l.where}`;

/** Plain text, which any free-text field accepts; format fields (ids, dates, usernames) accept neither. */
const PROBES = ['Ann Example', 'Ann Example wrote this for the test'];
/** Values some format field accepts. */
const FORMAT_SAMPLES = [
  '(555) 010-1234',
  '555 010 1234',
  '97401',
  '2026-01-02',
  '2026-01-02T10:30',
  '2026-01-02T10:30:00.000Z',
  '10:30',
  'ann@example.com',
  'annexample',
  'client-new',
  'progress',
  '7f8b6c1e-2d3a-4b5c-8d9e-0f1a2b3c4d5e',
];
const acceptedProbe = (schema: z.ZodType): string | null =>
  PROBES.find((p) => schema.safeParse(p).success) ?? null;
const middle = (probe: string, ch: string) =>
  probe.slice(0, Math.ceil(probe.length / 2)) + ch + probe.slice(Math.ceil(probe.length / 2));
const messages = (schema: z.ZodType, value: string): string[] =>
  schema.safeParse(value).error?.issues.map((i) => i.message) ?? [];

const bidi = ['\u202E', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069'];
const marks = ['\u200E', '\u200F', '\u061C', '\u200B', '\uFEFF', '\u2060', '\u206A'];

const isPassword = (where: string) => /password/i.test(where);
const freeText = leaves.filter((l) => acceptedProbe(l.schema) !== null);

describe('the contract’s text fields', () => {
  it('finds the text in every channel (the walk sees the fields)', () => {
    expect(freeText.length).toBeGreaterThan(80);
    expect(freeText.map(name)).toEqual(
      expect.arrayContaining([
        'clients.create legalFirstName',
        'clients.update guardians[].name',
        'releases.create details.recipient.name',
        'notes.saveDraft sections<value>',
        'setup.createPractice practice.name',
        'auth.signIn password',
      ]),
    );
  });

  it('sees into everything except a draft’s saved form state (opaque JSON, checked when the form is sent)', () => {
    expect(opaque).toEqual(['drafts.save data']);
  });

  it.each(freeText.filter((l) => !isPassword(l.where)).map((l) => [name(l), l] as const))(
    '%s refuses bidi controls, direction marks and invisible characters, saying so',
    (_name, { schema }) => {
      const probe = acceptedProbe(schema) ?? '';
      for (const ch of [...bidi, ...marks]) {
        const value = middle(probe, ch);
        expect(schema.safeParse(value).success, `U+${ch.codePointAt(0)?.toString(16) ?? ''}`).toBe(false);
        expect(messages(schema, value).join(' ')).toMatch(/contains an invisible formatting character/);
      }
      for (const ch of ['\u0000', '\u0007', '\u001B', '\u007F', '\u0085', '\u009B']) {
        expect(
          schema.safeParse(middle(probe, ch)).success,
          `U+${ch.codePointAt(0)?.toString(16) ?? ''}`,
        ).toBe(false);
      }
      // Right-to-left text itself, and ZWNJ (Persian) and ZWJ (emoji), are not refused.
      const rtl = middle(probe, ' \u05D3\u05E0\u05D4 \u0645\u06CC\u200C\u0634\u0648\u062F ');
      const ok = schema.safeParse(rtl).success || schema.safeParse(`${probe}\u200D`).success;
      expect(ok).toBe(true);
    },
  );

  it('single-line fields refuse line breaks and tabs; the multi-line ones are exactly the paragraph fields', () => {
    const multi: string[] = [];
    for (const leaf of freeText.filter((l) => !isPassword(l.where))) {
      const probe = acceptedProbe(leaf.schema) ?? '';
      const withBreak = middle(probe, '\n');
      if (leaf.schema.safeParse(withBreak).success) {
        multi.push(name(leaf));
        expect(leaf.schema.safeParse(middle(probe, '\t')).success, name(leaf)).toBe(true);
        // Windows line ends are stored as \n.
        expect(leaf.schema.safeParse(middle(probe, '\r\n')).data, name(leaf)).toBe(withBreak);
      } else {
        for (const ch of ['\n', '\r', '\t', '\u2028', '\u2029', '\v']) {
          expect(messages(leaf.schema, middle(probe, ch)).join(' '), name(leaf)).toMatch(
            /must be on one line|invisible control character/,
          );
        }
      }
    }
    expect(multi.sort()).toEqual(
      [
        'amendments.accept amendmentText',
        'amendments.create requestText',
        'amendments.deny explanation',
        'amendments.extend reason',
        'amendments.recordRebuttal text',
        'amendments.recordStatement text',
        'clients.setConfidentialCommunications communications.note',
        'denials.decideReview reasons',
        'diagnoses.change reason',
        // Emergency access: the reason, or the nature of a medical emergency (42 CFR 2.51(c)).
        'emergency.open details',
        // A treatment plan's statements are written as sentences and may run to a paragraph.
        'plans.recordReview comment',
        'plans.saveDraft content.interventions[].text',
        'plans.saveDraft content.problems[].goals[].objectives[].text',
        'plans.saveDraft content.problems[].goals[].text',
        'plans.saveDraft content.problems[].text',
        'practice.updateStateLaw stateNotice',
        'restrictions.decide reason',
        'restrictions.record request',
        'restrictions.terminate note',
        'templates.create sections[].help',
        'templates.supersede sections[].help',
        'retention.recordDeletionRequest requestText',
        'clients.create minorSelfConsentBasis',
        'clients.update minorSelfConsentBasis',
        'clients.setStatus reason',
        'consents.record legalBasis',
        'consents.record notes',
        'intake.save medicalHistory',
        'intake.save medications',
        'intake.save presentingConcern',
        'intake.save psychiatricHistory',
        'intake.save risk.protectiveFactors',
        'intake.save risk.safetyPlan',
        'intake.save substanceUse',
        'notes.addAddendum text',
        'notes.saveDraft riskPlan',
        'notes.saveDraft sections<value>',
        'releases.addAuthorization description',
        'releases.create details.reason',
        'releases.create details.recordsNamed',
        'releases.deny explanation',
        'releases.extend reason',
      ].sort(),
    );
  });

  it('passwords refuse control characters only: never shown or printed, any other character is theirs', () => {
    const passwords = freeText.filter((l) => isPassword(l.where));
    expect(passwords.map(name).sort()).toEqual(
      [
        'auth.changePassword currentPassword',
        'auth.changePassword newPassword',
        'auth.recover newPassword',
        'auth.signIn password',
        'backup.redeemSignInCode newPassword',
        'backup.restoreFirstRun newPassword',
        'releases.export password',
        'secondFactor.disable currentPassword',
        'secondFactor.startEnrolment currentPassword',
        'setup.createPractice owner.password',
        'staff.create temporaryPassword',
        'staff.resetPassword temporaryPassword',
      ].sort(),
    );
    for (const leaf of passwords) {
      const probe = acceptedProbe(leaf.schema) ?? '';
      expect(leaf.schema.safeParse(middle(probe, '\u202E')).success, name(leaf)).toBe(true);
      for (const ch of ['\n', '\t', '\u0000', '\u0007', '\u009B']) {
        expect(messages(leaf.schema, middle(probe, ch)).join(' '), name(leaf)).toMatch(
          /invisible control character/,
        );
      }
    }
  });

  it('format fields (ids, dates, usernames, phones) refuse them too', () => {
    const formats = leaves.filter((l) => acceptedProbe(l.schema) === null);
    expect(formats.length).toBeGreaterThan(10);
    let checked = 0;
    for (const leaf of formats) {
      const sample = FORMAT_SAMPLES.find((v) => leaf.schema.safeParse(v).success);
      if (sample === undefined) continue;
      checked += 1;
      // At every position: a format's separators may let a character through between the digits.
      for (const ch of [...bidi, ...marks, '\u0007', '\t', '\n', '\u2028']) {
        for (let at = 1; at < sample.length; at++) {
          const value = sample.slice(0, at) + ch + sample.slice(at);
          expect(leaf.schema.safeParse(value).success, `${name(leaf)} ${JSON.stringify(value)}`).toBe(false);
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('the rule', () => {
  it('names what is wrong', () => {
    expect(textProblem('Ann\u202EExample', 'single')).toBe('invisible');
    expect(textProblem('Ann\u2067Example', 'multi')).toBe('invisible');
    expect(textProblem('Ann\nExample', 'single')).toBe('line-break');
    expect(textProblem('Ann\nExample\twith a tab', 'multi')).toBeNull();
    expect(textProblem('Ann\u0007Example', 'multi')).toBe('control');
    expect(textProblem('Ann\u202EExample', 'secret')).toBeNull();
    expect(textProblem('Ann\u0000Example', 'secret')).toBe('control');
    expect(textProblem('Zoë Ó Súilleabháin-Nguyễn 李小龍', 'single')).toBeNull();
  });
});
