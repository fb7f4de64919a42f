// US English in everything a person reads: the renderer's text, the contract's messages and labels,
// main's error messages, the release documents and letters main writes, the app menu and dialogs.
// The TypeScript parser finds the text (string literals, template text, JSX text), so identifiers,
// comments, imports, CSS class names, SQL and log event names are not read; stored values (audit
// actions, enum keys, column names) are single keys and are skipped as such. A failure names each
// British spelling by file and line.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

/** British spellings and their US forms. Whole words, any case; add to the list as you find them. */
export const BRITISH_SPELLINGS: Readonly<Record<string, string>> = {
  colour: 'color',
  colours: 'colors',
  coloured: 'colored',
  behaviour: 'behavior',
  behaviours: 'behaviors',
  behavioural: 'behavioral',
  organisation: 'organization',
  organisations: 'organizations',
  organise: 'organize',
  organised: 'organized',
  organising: 'organizing',
  authorise: 'authorize',
  authorised: 'authorized',
  authorises: 'authorizes',
  authorising: 'authorizing',
  authorisation: 'authorization',
  authorisations: 'authorizations',
  unauthorised: 'unauthorized',
  licence: 'license',
  licences: 'licenses',
  recognise: 'recognize',
  recognised: 'recognized',
  recognises: 'recognizes',
  unrecognised: 'unrecognized',
  realise: 'realize',
  realised: 'realized',
  summarise: 'summarize',
  summarised: 'summarized',
  summarises: 'summarizes',
  minimise: 'minimize',
  minimised: 'minimized',
  maximise: 'maximize',
  prioritise: 'prioritize',
  customise: 'customize',
  customised: 'customized',
  optimise: 'optimize',
  finalise: 'finalize',
  finalised: 'finalized',
  categorise: 'categorize',
  categorised: 'categorized',
  emphasise: 'emphasize',
  specialise: 'specialize',
  specialised: 'specialized',
  standardised: 'standardized',
  synchronise: 'synchronize',
  synchronised: 'synchronized',
  apologise: 'apologize',
  criticise: 'criticize',
  utilise: 'utilize',
  itemised: 'itemized',
  anonymised: 'anonymized',
  pseudonymised: 'pseudonymized',
  digitised: 'digitized',
  hospitalised: 'hospitalized',
  hospitalisation: 'hospitalization',
  hospitalisations: 'hospitalizations',
  optimisation: 'optimization',
  stabilised: 'stabilized',
  analyse: 'analyze',
  analysed: 'analyzed',
  analysing: 'analyzing',
  paralyse: 'paralyze',
  cancelled: 'canceled',
  cancelling: 'canceling',
  centre: 'center',
  centres: 'centers',
  centred: 'centered',
  programme: 'program',
  programmes: 'programs',
  defence: 'defense',
  offence: 'offense',
  offences: 'offenses',
  pretence: 'pretense',
  judgement: 'judgment',
  judgements: 'judgments',
  acknowledgement: 'acknowledgment',
  enrol: 'enroll',
  enrols: 'enrolls',
  enrolment: 'enrollment',
  instalment: 'installment',
  fulfil: 'fulfill',
  fulfils: 'fulfills',
  fulfilment: 'fulfillment',
  skilful: 'skillful',
  wilful: 'willful',
  practise: 'practice',
  practised: 'practiced',
  practising: 'practicing',
  catalogue: 'catalog',
  catalogues: 'catalogs',
  analogue: 'analog',
  favour: 'favor',
  favours: 'favors',
  favourite: 'favorite',
  favourable: 'favorable',
  honour: 'honor',
  honoured: 'honored',
  neighbour: 'neighbor',
  labour: 'labor',
  humour: 'humor',
  endeavour: 'endeavor',
  labelled: 'labeled',
  labelling: 'labeling',
  travelled: 'traveled',
  travelling: 'traveling',
  modelled: 'modeled',
  modelling: 'modeling',
  signalled: 'signaled',
  signalling: 'signaling',
  journalled: 'journaled',
  totalled: 'totaled',
  counselling: 'counseling',
  counsellor: 'counselor',
  counsellors: 'counselors',
  focussed: 'focused',
  benefitted: 'benefited',
  grey: 'gray',
  greyed: 'grayed',
  'per cent': 'percent',
  whilst: 'while',
  amongst: 'among',
  ageing: 'aging',
  enquiry: 'inquiry',
  enquiries: 'inquiries',
  fortnight: 'two weeks',
  postcode: 'ZIP code',
  cheque: 'check',
  metre: 'meter',
  metres: 'meters',
  litre: 'liter',
  fibre: 'fiber',
  theatre: 'theater',
  paediatric: 'pediatric',
  paediatrician: 'pediatrician',
  anaemia: 'anemia',
  diarrhoea: 'diarrhea',
  oestrogen: 'estrogen',
  manoeuvre: 'maneuver',
  sceptical: 'skeptical',
  mould: 'mold',
  storey: 'story',
  tyre: 'tire',
  aluminium: 'aluminum',
  dialogue: 'dialog (in the UI)',
};

/** Where people read text: the renderer, the contract, main's core and its shell (menus, dialogs). */
const SCANNED = ['renderer', 'preload/contract', 'preload/contract.ts', 'main/core', 'main/electron'];

/**
 * A key, not prose: one lowercase word ('cancelled' as a stored status), or a token with a
 * separator ('note.draftSave', 'legal_order', 'client-row__phone', './a.ts'). A capitalized word
 * ('Cancelled') is a label, and is read.
 */
const KEY = /^(?:[a-z][\w$]*|[\w$@./:#-]*[._/:#-][\w$@./:#-]*)?$/;

export interface Hit {
  file: string;
  line: number;
  word: string;
  text: string;
}

const pattern = new RegExp(
  `(?<![\\p{L}\\p{N}])(${Object.keys(BRITISH_SPELLINGS)
    .map((w) => w.replace(/ /g, '\\s+'))
    .join('|')})(?![\\p{L}\\p{N}])`,
  'giu',
);

/** The British spellings in one piece of text. */
export function britishIn(text: string): string[] {
  return [...text.matchAll(pattern)].map((m) => m[1] ?? '');
}

/** Calls whose arguments are not read by people: SQL, log events, class-name joins, lookups. */
const UNREAD_CALLS = new Set([
  'log',
  'cx',
  'require',
  'prepare',
  'pragma',
  'exec',
  'raw',
  'ref',
  'getElementById',
]);

function calleeName(node: ts.CallExpression | ts.TaggedTemplateExpression): string {
  const callee = ts.isCallExpression(node) ? node.expression : node.tag;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}

/** Whether people never read this literal: a module path, a class name, SQL, a log event. */
function unread(node: ts.Node): boolean {
  for (let at = node.parent; !ts.isSourceFile(at); at = at.parent) {
    if (ts.isImportDeclaration(at) || ts.isExportDeclaration(at) || ts.isImportTypeNode(at)) return true;
    if (ts.isJsxAttribute(at) && ['className', 'id', 'htmlFor', 'key', 'type'].includes(at.name.getText()))
      return true;
    if (ts.isTaggedTemplateExpression(at) && calleeName(at) === 'sql') return true;
    if (ts.isCallExpression(at) && UNREAD_CALLS.has(calleeName(at))) return true;
    if (ts.isCallExpression(at) && at.expression.kind === ts.SyntaxKind.ImportKeyword) return true;
    if (ts.isStatement(at)) break;
  }
  return false;
}

/** Every British spelling in the text of one TypeScript source, with its line. */
export function scanSource(file: string, source: string): Hit[] {
  const kind = file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const hits: Hit[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      text = node.text;
    else if (ts.isJsxText(node)) text = node.getText(sf);
    if (text !== null && !KEY.test(text.trim()) && !unread(node)) {
      for (const word of britishIn(text)) {
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        hits.push({ file, line, word, text: text.trim().slice(0, 80) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}

function sourcesUnder(path: string): string[] {
  const full = join(root, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => join(full, f));
}

/** Every British spelling in everything the app shows or writes for people. */
export function scanApp(): Hit[] {
  return SCANNED.flatMap(sourcesUnder).flatMap((file) =>
    scanSource(relative(root, file), readFileSync(file, 'utf8')),
  );
}

const described = (hits: Hit[]): string =>
  hits
    .map(
      (h) =>
        `${h.file}:${String(h.line)}: "${h.word}" (US: ${BRITISH_SPELLINGS[h.word.toLowerCase()] ?? '?'}) in “${h.text}”`,
    )
    .join('\n');

describe('US English in what people read', () => {
  it('finds no British spelling in the app’s text', () => {
    const hits = scanApp();
    expect(hits, `British spellings:\n${described(hits)}`).toEqual([]);
  });

  it('catches a British word planted in JSX text, a label, a template and an error message', () => {
    const planted = [
      'export const A = () => <p>Choose a colour</p>;',
      "export const B = { label: 'Behaviour', status: 'Cancelled' };",
      'export const C = (n: number) => `${String(n)} per cent done`;',
      "throw new AppError('FORBIDDEN', 'You are not authorised to do this.');",
      'export const D = <Button title="Labelled">The appointment was CANCELLED</Button>;',
    ].join('\n');
    const hits = scanSource('planted.tsx', planted);
    expect(hits.map((h) => [h.line, h.word.toLowerCase()])).toEqual([
      [1, 'colour'],
      [2, 'behaviour'],
      [2, 'cancelled'],
      [3, 'per cent'],
      [4, 'authorised'],
      [5, 'labelled'],
      [5, 'cancelled'],
    ]);
    expect(described(hits)).toContain('planted.tsx:4: "authorised" (US: authorized)');
  });

  it('leaves alone what people do not read, and words that only contain a British one', () => {
    const unseen = [
      "import { colour } from './colour-picker.ts';",
      "const Picker = lazy(() => import('./colour-picker.tsx'));",
      '// The behaviour here is documented.',
      'export const E = <div className="grey-panel centre" />;',
      'const F = sql`SELECT colour FROM behaviour`;',
      "logger.log('info', 'programme.cancelled');",
      "export const G = { action: 'release.authorised', status: 'cancelled' };",
      "export const H = 'The decentred greyhound recolouring';",
      'const behaviour = 1;',
    ].join('\n');
    expect(scanSource('unseen.tsx', unseen)).toEqual([]);
  });
});
