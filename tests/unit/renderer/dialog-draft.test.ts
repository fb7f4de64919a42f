// A draft dialog (useDialogDraft with FormDialog) in Chromium, against a stand-in for main that
// answers every call at once and remembers the draft: what was typed goes to main when a lock asks
// for it (flushPendingSaves, as session.saveNow does) even before the autosave's pause; a draft
// comes back when the dialog opens again; Esc, Close and Cancel with text ask "Discard?" in the
// dialog, where Esc or "Keep editing" goes back to the text; "Discard", a save, or closing with
// nothing typed deletes the draft before the dialog goes.
import { expect, type Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { bundle, noChromium, openPage, startBrowser, type TestPage } from './browser-fixture.ts';

const PAGE = `
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { call } from '../../../renderer/api.ts';
import { flushPendingSaves } from '../../../renderer/lib/pending-saves.ts';
import { useDialogDraft, useDraftDialog, useSavedDraft, withDraft } from '../../../renderer/lib/use-dialog-draft.ts';
import { useFormMutation } from '../../../renderer/lib/use-form-mutation.ts';
import { Field, TextArea } from '../../../renderer/ui/field.tsx';
import { FormDialog } from '../../../renderer/ui/form-dialog.tsx';

const KEY = 'denial:0f0c6a52-3b1e-4d8e-9a57-2f4c1b7e9d10';
// main, as the test plays it: drafts kept in memory, every call logged and answered at once.
const calls = [];
let stored = null;
window.stillwater = {
  call: async (channel, input) => {
    calls.push({ channel, input });
    if (channel === 'drafts.save') {
      stored = { data: input.data, savedAt: '2026-03-02T15:41:00.000Z' };
      return { ok: true, value: { savedAt: stored.savedAt } };
    }
    if (channel === 'drafts.get') return { ok: true, value: stored };
    if (channel === 'drafts.discard') {
      stored = null;
      return { ok: true, value: null };
    }
    return { ok: true, value: null };
  },
  on: () => () => undefined,
};
window.testMain = {
  calls: () => calls.map((c) => c.channel + ' ' + JSON.stringify(c.input.data ?? null)),
  stored: () => stored,
  lockNow: () => flushPendingSaves(250),
};

function ExplainDialog({ onClose }) {
  const saved = useSavedDraft(KEY);
  return saved === undefined ? null : <ExplainForm saved={saved} onClose={onClose} />;
}

function ExplainForm({ saved, onClose }) {
  const form = useForm({ defaultValues: withDraft({ explanation: '' }, saved) });
  const draft = useDialogDraft(form, KEY, saved);
  const deny = useFormMutation({
    mutationFn: (values) => call('releases.deny', values),
    onSuccess: () => {
      void draft.discard().then(onClose);
    },
  });
  return (
    <FormDialog
      title="Deny this request"
      onClose={onClose}
      draft={draft}
      mutation={deny}
      onSubmit={form.handleSubmit(deny.submit)}
      submitLabel="Deny request"
    >
      <Field label="Explanation">
        <TextArea {...form.register('explanation')} rows={3} />
      </Field>
    </FormDialog>
  );
}

function App() {
  const dialog = useDraftDialog(KEY);
  return (
    <>
      <button type="button" onClick={dialog.show}>Deny</button>
      {dialog.open && <ExplainDialog onClose={dialog.close} />}
    </>
  );
}

// A lock, as session.tsx does it: the last saves, then every screen starts over.
function Root() {
  const [epoch, setEpoch] = useState(0);
  window.testMain.lock = async () => {
    await flushPendingSaves(250);
    setEpoch((e) => e + 1);
  };
  return <App key={epoch} />;
}

createRoot(document.getElementById('root')).render(
  <QueryClientProvider client={new QueryClient()}>
    <Root />
  </QueryClientProvider>,
);
`;

const TEXT = 'The records asked for were compiled for a lawsuit (synthetic)';

describe.skipIf(noChromium !== null)('a draft dialog', () => {
  let script: string;
  let browser: Browser;
  let view: TestPage;

  const calls = () => view.page.evaluate<string[]>('window.testMain.calls()');
  const stored = () => view.page.evaluate<unknown>('window.testMain.stored()');
  const dialog = () => view.page.getByRole('dialog', { name: 'Deny this request' });
  const explanation = () => dialog().getByLabel('Explanation');
  const question = () => dialog().getByText('Discard what you typed?');

  beforeAll(async () => {
    script = await bundle(PAGE);
    browser = await startBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    view = await openPage(browser, script);
    await view.page.getByRole('button', { name: 'Deny' }).click();
    await expect(explanation()).toBeVisible();
  });
  afterEach(async () => {
    await view.close();
  });

  it('hands main the last keystrokes when a lock asks, before the autosave pause is over', async () => {
    await explanation().pressSequentially(TEXT, { delay: 2 });
    await view.page.evaluate('window.testMain.lockNow()');
    expect(await stored()).toMatchObject({ data: { explanation: TEXT } });
  });

  it('opens again by itself after a lock, with the draft, and says so', async () => {
    await explanation().pressSequentially(TEXT, { delay: 2 });
    await view.page.evaluate('window.testMain.lock()');
    await expect(explanation()).toHaveValue(TEXT);
    await expect(dialog().getByText('What you entered before is back')).toBeVisible();
    // A restored draft is something to lose: closing asks.
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect(question()).toBeVisible();
  });

  it('asks before Esc, Close or Cancel drops typed text; Esc and "Keep editing" go back to it', async () => {
    await explanation().fill(TEXT);
    await explanation().press('Escape');
    await expect(question()).toBeVisible();
    await expect(explanation()).toBeHidden();
    await expect(dialog().getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await view.page.keyboard.press('Escape');
    await expect(question()).toHaveCount(0);
    await expect(explanation()).toBeFocused();
    await expect(explanation()).toHaveValue(TEXT);

    await dialog().getByRole('button', { name: 'Close' }).click();
    await dialog().getByRole('button', { name: 'Keep editing' }).click();
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect(question()).toBeVisible();
    await dialog().getByRole('button', { name: 'Discard' }).click();
    await expect(dialog()).toHaveCount(0);
    expect(await stored()).toBeNull();
    expect((await calls()).at(-1)).toBe('drafts.discard null');

    // Opened again: empty.
    await view.page.getByRole('button', { name: 'Deny' }).click();
    await expect(explanation()).toHaveValue('');
  });

  it('closes at once with nothing typed, deleting a draft typed and erased meanwhile', async () => {
    await explanation().fill('x');
    await view.page.evaluate('window.testMain.lockNow()');
    await explanation().fill('');
    await explanation().press('Escape');
    await expect(dialog()).toHaveCount(0);
    expect(await stored()).toBeNull();
  });

  it('deletes the draft once the form is sent, then closes', async () => {
    await explanation().fill(TEXT);
    await view.page.evaluate('window.testMain.lockNow()');
    await dialog().getByRole('button', { name: 'Deny request' }).click();
    await expect(dialog()).toHaveCount(0);
    expect(await stored()).toBeNull();
    const log = await calls();
    expect(log.indexOf('drafts.discard null')).toBeGreaterThan(log.indexOf('releases.deny null'));
  });
});
