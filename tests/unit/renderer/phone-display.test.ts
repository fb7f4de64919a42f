// Every phone number the renderer shows goes through formatPhone: a JSX expression that renders a
// phone field as stored ({client.phone}, {g.phone ?? '—'}, {c.voicemailNumber}) fails, naming its
// file and line. The TypeScript parser finds them, so a phone passed to a form field is not one.
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/** Field names that hold a phone number in the contract. */
const PHONE_FIELD = /^(phone|pcpPhone|voicemailNumber|textNumber)$/;

const isPhoneField = (node: ts.Node): boolean =>
  (ts.isPropertyAccessExpression(node) || ts.isPropertyAccessChain(node)) && PHONE_FIELD.test(node.name.text);

/** Whether the expression shows the stored value: the field itself, or the field `??`/`||` a fallback. */
function showsRaw(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return showsRaw(node.expression);
  if (isPhoneField(node)) return true;
  if (ts.isBinaryExpression(node)) {
    const op = node.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
      return showsRaw(node.left) || showsRaw(node.right);
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return showsRaw(node.right);
  }
  if (ts.isConditionalExpression(node)) return showsRaw(node.whenTrue) || showsRaw(node.whenFalse);
  return false;
}

/** Where one TSX source renders a phone number as stored. */
export function rawPhones(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    // Only children of an element are shown; an attribute (a key, a form value) is not.
    if (
      ts.isJsxExpression(node) &&
      node.expression &&
      !ts.isJsxAttribute(node.parent) &&
      showsRaw(node.expression)
    ) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      found.push(`${file}:${String(line)}: ${node.getText(sf)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('phone numbers on screen', () => {
  it('are shown through formatPhone everywhere in the renderer', () => {
    const dir = join(root, 'renderer');
    const found = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) => rawPhones(relative(root, join(dir, f)), readFileSync(join(dir, f), 'utf8')));
    expect(found, `Phone numbers shown as stored:\n${found.join('\n')}`).toEqual([]);
  });

  it('catches a planted raw phone, alone or with a fallback, and leaves formatted ones and attributes alone', () => {
    const planted = [
      'const A = <dd>{client.phone}</dd>;',
      "const B = <dd>{client.phone ?? '—'}</dd>;",
      'const C = <span>{g?.voicemailNumber}</span>;',
      "const D = <dd>{ok ? client.emergencyContact.phone : 'None'}</dd>;",
      'const E = <dd>{formatPhone(client.phone)}</dd>;',
      "const F = <dd>{client.phone ? formatPhone(client.phone) : '—'}</dd>;",
      'const G = <li key={g.phone}>{g.name}</li>;',
    ].join('\n');
    expect(rawPhones('planted.tsx', planted).map((f) => f.split(':')[1])).toEqual(['1', '2', '3', '4']);
  });
});
