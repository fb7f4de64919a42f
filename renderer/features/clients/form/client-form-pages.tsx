// Register a client (#/clients/new) and edit one (#/clients/<id>/edit): load what the form needs
// (the clinicians, the record, any saved draft), then show the form.
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { call } from '../../../api.ts';
import { useSignedIn } from '../../../app/session.tsx';
import { mergeDraft } from '../../../lib/form-values.ts';
import { draftQuery } from '../../../lib/use-form-draft.ts';
import { Banner } from '../../../ui/banner.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { LoadingState } from '../../../ui/spinner.tsx';
import { legalName } from '../client-format.tsx';
import { cliniciansIn, clientQuery, directoryQuery } from '../client-queries.ts';
import { chartHref, listHref } from '../client-routes.ts';
import { ClientForm } from './client-form.tsx';
import {
  EMPTY_GUARDIAN,
  emptyClient,
  newClientResolver,
  updateClientResolver,
  valuesFromRecord,
  type ClientFormValues,
} from './client-form-values.ts';

function withDraft(base: ClientFormValues, draft: unknown): ClientFormValues {
  const merged = mergeDraft(base, draft);
  return { ...merged, guardians: merged.guardians.map((g) => mergeDraft(EMPTY_GUARDIAN, g)) };
}

function FormPage({
  title,
  description,
  back,
  children,
}: {
  title: string;
  description: string;
  back: { href: string; label: string };
  children: ReactNode;
}) {
  return (
    <div className="page">
      <a className="back-link" href={back.href}>
        <ArrowLeft aria-hidden="true" size={16} />
        {back.label}
      </a>
      <PageHeader title={title} description={description} />
      {children}
    </div>
  );
}

function Problem({ title, error }: { title: string; error: Error }) {
  return (
    <Banner tone="danger" title={title} live>
      {error.message}
    </Banner>
  );
}

export function RegisterClientPage() {
  const { session } = useSignedIn();
  const directory = useQuery(directoryQuery);
  const draft = useQuery(draftQuery('client-new'));
  const back = { href: listHref, label: 'Clients' };
  const description =
    'Demographics, contact preferences, insurance and the primary clinician. Your typing is saved as a draft as you go.';

  if (directory.isError || draft.isError)
    return (
      <FormPage title="Register a client" description={description} back={back}>
        <Problem title="The form could not be opened" error={(directory.error ?? draft.error) as Error} />
      </FormPage>
    );
  if (!directory.data || draft.data === undefined)
    return (
      <FormPage title="Register a client" description={description} back={back}>
        <LoadingState label="Opening the form…" />
      </FormPage>
    );

  const clinicians = cliniciansIn(directory.data);
  const me = session.user.role === 'front_desk' ? '' : session.user.id;
  const base = emptyClient(me || (clinicians.length === 1 ? (clinicians[0]?.id ?? '') : ''));
  return (
    <FormPage title="Register a client" description={description} back={back}>
      <ClientForm
        initial={draft.data ? withDraft(base, draft.data.data) : base}
        base={base}
        restoredAt={draft.data?.savedAt ?? null}
        draftKey="client-new"
        resolver={newClientResolver}
        submit={(input) => call('clients.create', input)}
        clinicians={clinicians}
        clinical={session.user.role !== 'front_desk'}
        cancelHref={listHref}
        submitLabel="Register client"
        autoFocus
      />
    </FormPage>
  );
}

export function EditClientPage({ clientId }: { clientId: string }) {
  const { session } = useSignedIn();
  const client = useQuery(clientQuery(clientId));
  const directory = useQuery(directoryQuery);
  const key = `client-edit:${clientId}`;
  const draft = useQuery(draftQuery(key));
  const back = {
    href: chartHref(clientId),
    label: client.data ? legalName(client.data) : 'Back to the chart',
  };
  const title = client.data ? `Edit ${legalName(client.data)}` : 'Edit client';
  const description = 'Changes are recorded in the audit log. Your typing is saved as a draft as you go.';

  const error = client.error ?? directory.error ?? draft.error;
  if (error)
    return (
      <FormPage title={title} description={description} back={back}>
        <Problem title="The form could not be opened" error={error} />
      </FormPage>
    );
  if (!client.data || !directory.data || draft.data === undefined)
    return (
      <FormPage title={title} description={description} back={back}>
        <LoadingState label="Opening the form…" />
      </FormPage>
    );

  const base = valuesFromRecord(client.data);
  return (
    <FormPage title={title} description={description} back={back}>
      <ClientForm
        initial={draft.data ? withDraft(base, draft.data.data) : base}
        base={base}
        restoredAt={draft.data?.savedAt ?? null}
        draftKey={key}
        resolver={updateClientResolver(clientId)}
        submit={(input) => call('clients.update', input)}
        clinicians={cliniciansIn(directory.data)}
        clinical={session.user.role !== 'front_desk'}
        cancelHref={chartHref(clientId)}
        submitLabel="Save changes"
        autoFocus={false}
      />
    </FormPage>
  );
}
