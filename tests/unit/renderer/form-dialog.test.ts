// FormDialog with useFormMutation in Chromium, against a stand-in for main that answers when the
// test says: one call however often the form is submitted while it runs, main's refusal shown as
// main worded it (on the field it names, and in the banner), never what a crash said, and the
// dialog closing once main agrees.
import { expect, type Browser } from '@playwright/test';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { bundle, noChromium, openPage, startBrowser, type TestPage } from './browser-fixture.ts';

const PAGE = `
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useForm } from 'react-hook-form';
import { call } from '../../../renderer/api.ts';
import { useFormMutation } from '../../../renderer/lib/use-form-mutation.ts';
import { Field, TextInput } from '../../../renderer/ui/field.tsx';
import { FormDialog } from '../../../renderer/ui/form-dialog.tsx';

// main, as the test plays it: every call waits until the test answers it.
const calls = [];
window.stillwater = {
  call: (channel, input) =>
    new Promise((resolve, reject) => {
      calls.push({ channel, input, resolve, reject });
    }),
  on: () => () => undefined,
};
window.testMain = {
  calls: () => calls.map(({ channel, input }) => ({ channel, input })),
  answer: (result) => calls.at(-1).resolve(result),
  crash: (message) => calls.at(-1).reject(new Error(message)),
};

function RenameDialog({ onClose, onSaved }) {
  const form = useForm({ defaultValues: { name: 'Dana Sample' } });
  const save = useFormMutation({
    mutationFn: (values) => call('staff.rename', values),
    onSuccess: (_result, values) => onSaved(values.name),
    form: { setError: form.setError, fields: ['name'] },
  });
  return (
    <FormDialog
      title="Rename colleague"
      onClose={onClose}
      mutation={save}
      onSubmit={form.handleSubmit(save.submit)}
      problemTitle="The name was not changed"
      submitLabel="Save name"
    >
      <Field label="Name" error={form.formState.errors.name?.message}>
        <TextInput {...form.register('name')} data-autofocus />
      </Field>
    </FormDialog>
  );
}

function App() {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState(null);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>Rename</button>
      {saved && <p role="status">Saved as {saved}</p>}
      {open && (
        <RenameDialog
          onClose={() => setOpen(false)}
          onSaved={(name) => {
            setSaved(name);
            setOpen(false);
          }}
        />
      )}
    </>
  );
}

createRoot(document.getElementById('root')).render(
  <QueryClientProvider client={new QueryClient()}>
    <App />
  </QueryClientProvider>,
);
`;

interface Call {
  channel: string;
  input: unknown;
}

describe.skipIf(noChromium !== null)('FormDialog and useFormMutation', () => {
  let script: string;
  let browser: Browser;
  let view: TestPage;

  const calls = () => view.page.evaluate<Call[]>('window.testMain.calls()');
  const answer = (result: unknown) => view.page.evaluate(`window.testMain.answer(${JSON.stringify(result)})`);
  const dialog = () => view.page.getByRole('dialog', { name: 'Rename colleague' });

  beforeAll(async () => {
    script = await bundle(PAGE);
    browser = await startBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });
  beforeEach(async () => {
    view = await openPage(browser, script);
    await view.page.getByRole('button', { name: 'Rename' }).click();
    await expect(dialog()).toBeVisible();
  });
  afterEach(async () => {
    await view.close();
  });

  it('sends one call however often the form is submitted while it runs, then closes', async () => {
    // Two submits in the same moment, before the page has drawn the busy button.
    await view.page.evaluate(`{
      const form = document.querySelector('dialog form');
      form.requestSubmit();
      form.requestSubmit();
    }`);
    await expect.poll(calls).toHaveLength(1);
    const save = dialog().getByRole('button', { name: 'Save name' });
    await expect(save).toBeDisabled();
    await dialog().getByLabel('Name').press('Enter');
    await view.page.waitForTimeout(300);
    expect(await calls()).toEqual([{ channel: 'staff.rename', input: { name: 'Dana Sample' } }]);

    await answer({ ok: true, value: null });
    await expect(dialog()).toHaveCount(0);
    await expect(view.page.getByRole('status')).toHaveText('Saved as Dana Sample');
  });

  it('shows main’s refusal as main worded it, on the field it names, and keeps what was typed', async () => {
    await dialog().getByLabel('Name').fill('Dana Two');
    await dialog().getByRole('button', { name: 'Save name' }).click();
    await expect.poll(calls).toHaveLength(1);
    await answer({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Someone on the staff already has that name.',
        fields: [{ path: 'name', message: 'Choose another name.' }],
      },
    });

    const banner = dialog().getByRole('alert');
    await expect(banner).toContainText('The name was not changed');
    await expect(banner).toContainText('Someone on the staff already has that name.');
    const name = dialog().getByLabel('Name');
    await expect(name).toHaveValue('Dana Two');
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription('Choose another name.');
    await expect(dialog().getByRole('button', { name: 'Save name' })).toBeEnabled();

    // Trying again clears the old refusal while main answers.
    await dialog().getByRole('button', { name: 'Save name' }).click();
    await expect.poll(calls).toHaveLength(2);
    await expect(banner).toHaveCount(0);
    await answer({ ok: true, value: null });
    await expect(view.page.getByRole('status')).toHaveText('Saved as Dana Two');
  });

  it('never shows what a crash said, only that main could not be reached', async () => {
    await dialog().getByRole('button', { name: 'Save name' }).click();
    await expect.poll(calls).toHaveLength(1);
    await view.page.evaluate(
      `window.testMain.crash('TypeError: boom\\n    at renameStaff (main/core/staff/service.ts:41:7)')`,
    );
    const banner = dialog().getByRole('alert');
    await expect(banner).toContainText('Stillwater could not reach its secure core.');
    await expect(dialog()).not.toContainText('service.ts');
    await expect(dialog()).not.toContainText('boom');
    await expect(dialog().getByLabel('Name')).toHaveValue('Dana Sample');
  });

  it('closes on Cancel without calling main', async () => {
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog()).toHaveCount(0);
    expect(await calls()).toEqual([]);
  });
});
