// ChoiceGroupField in Chromium: a radio group and a checkbox group as a person uses them (click,
// arrow keys, space), what a screen reader is told (legend, descriptions, the error), and the
// choices it refuses (a disabled option, a disabled group).
import { expect, type Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { bundle, noChromium, openPage, startBrowser, type TestPage } from './browser-fixture.ts';

const PAGE = `
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ChoiceGroupField } from '../../../renderer/ui/choice-group-field.tsx';

const LEVELS = [
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate', description: 'Safety plan; closer follow-up.' },
  { value: 'high', label: 'High', tone: 'danger' },
];
const KINDS = [
  { value: 'progress_notes', label: 'Progress notes' },
  { value: 'addenda', label: 'Addenda' },
  { value: 'psychotherapy_notes', label: 'Psychotherapy notes', description: 'Needs its own authorization.', disabled: true },
];

function Page() {
  const [level, setLevel] = useState(null);
  const [kinds, setKinds] = useState(['progress_notes']);
  return (
    <form aria-label="Test form">
      <ChoiceGroupField
        label="Risk level"
        name="level"
        variant="cards"
        options={LEVELS}
        value={level}
        onChange={setLevel}
        error={level === null ? 'Choose a risk level.' : undefined}
        hint="Ask every client."
      />
      <output aria-label="Chosen level">{level ?? 'none'}</output>
      <ChoiceGroupField multiple label="Kinds of record" options={KINDS} value={kinds} onChange={setKinds} />
      <output aria-label="Chosen kinds">{kinds.join(',')}</output>
      <ChoiceGroupField label="Locked" disabled options={LEVELS} value="low" onChange={() => undefined} />
    </form>
  );
}

createRoot(document.getElementById('root')).render(<Page />);
`;

describe.skipIf(noChromium !== null)('ChoiceGroupField', () => {
  let script: string;
  let browser: Browser;
  let view: TestPage;

  beforeAll(async () => {
    script = await bundle(PAGE);
    browser = await startBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    view = await openPage(browser, script);
  });
  afterEach(async () => {
    await view.close();
  });

  it('names a radio group by its legend and tells its hint and error', async () => {
    const group = view.page.getByRole('radiogroup', { name: 'Risk level' });
    await expect(group).toBeVisible();
    await expect(group).toHaveAccessibleDescription('Ask every client. Choose a risk level.');
    await expect(group.getByRole('radio')).toHaveCount(3);
    await expect(group.getByRole('radio', { name: 'Moderate' })).toHaveAccessibleDescription(
      'Safety plan; closer follow-up.',
    );
  });

  it('chooses the option clicked, and the error goes once one is chosen', async () => {
    const group = view.page.getByRole('radiogroup', { name: 'Risk level' });
    await group.getByText('Moderate', { exact: true }).click();
    await expect(group.getByRole('radio', { name: 'Moderate' })).toBeChecked();
    await expect(view.page.getByRole('status', { name: 'Chosen level' })).toHaveText('moderate');
    await expect(view.page.getByText('Choose a risk level.')).toHaveCount(0);
    await expect(group).toHaveAccessibleDescription('Ask every client.');
  });

  it('moves the choice with the arrow keys, as one group', async () => {
    const group = view.page.getByRole('radiogroup', { name: 'Risk level' });
    await group.getByText('Moderate', { exact: true }).click();
    await view.page.keyboard.press('ArrowDown');
    await expect(group.getByRole('radio', { name: 'High' })).toBeChecked();
    await expect(group.getByRole('radio', { name: 'High' })).toBeFocused();
    await expect(group.getByRole('radio', { name: 'Moderate' })).not.toBeChecked();
    await expect(view.page.getByRole('status', { name: 'Chosen level' })).toHaveText('high');
  });

  it('ticks and unticks checkboxes, keeping the others', async () => {
    const group = view.page.getByRole('group', { name: 'Kinds of record' });
    const chosen = view.page.getByRole('status', { name: 'Chosen kinds' });
    await expect(group.getByRole('checkbox', { name: 'Progress notes' })).toBeChecked();
    await group.getByRole('checkbox', { name: 'Addenda' }).focus();
    await view.page.keyboard.press('Space');
    await expect(group.getByRole('checkbox', { name: 'Addenda' })).toBeChecked();
    await expect(chosen).toHaveText('progress_notes,addenda');
    await group.getByText('Progress notes').click();
    await expect(group.getByRole('checkbox', { name: 'Progress notes' })).not.toBeChecked();
    await expect(chosen).toHaveText('addenda');
  });

  it('refuses a disabled option and says why', async () => {
    const locked = view.page.getByRole('checkbox', { name: 'Psychotherapy notes' });
    await expect(locked).toBeDisabled();
    await expect(locked).toHaveAccessibleDescription('Needs its own authorization.');
    await view.page.getByText('Psychotherapy notes').click({ force: true });
    await expect(locked).not.toBeChecked();
    await expect(view.page.getByRole('status', { name: 'Chosen kinds' })).toHaveText('progress_notes');
  });

  it('disables every option of a disabled group', async () => {
    const radios = view.page.getByRole('radiogroup', { name: 'Locked' }).getByRole('radio');
    await expect(radios).toHaveCount(3);
    for (const radio of await radios.all()) await expect(radio).toBeDisabled();
  });
});
