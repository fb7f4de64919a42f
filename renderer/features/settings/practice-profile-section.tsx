// Settings > Practice profile: the owner edits it (practice.update); others see it read-only.
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { formatPhone, PracticeProfileInput, type PracticeProfile } from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { useSession } from '../../app/session.tsx';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { QuerySection } from '../../ui/query-section.tsx';
import { PRACTICE_FIELDS, PracticeFields, type PracticeValues } from '../practice/practice-fields.tsx';
import { US_STATES } from '../practice/us-states.ts';

const PRACTICE_QUERY = ['practice', 'profile'] as const;

const toValues = (p: PracticeProfile): PracticeValues => ({
  name: p.name,
  addressLine1: p.addressLine1,
  addressLine2: p.addressLine2 ?? '',
  city: p.city,
  region: p.region,
  postalCode: p.postalCode,
  phone: p.phone ?? '',
  privacyContact: p.privacyContact ?? '',
});

export function PracticeProfileSection({ editable }: { editable: boolean }) {
  const practice = useQuery({ queryKey: PRACTICE_QUERY, queryFn: () => call('practice.get', {}) });
  return (
    <QuerySection
      title="Practice profile"
      description="Printed on records releases, denials and the notice of privacy practices."
      query={practice}
      loadingLabel="Loading the practice profile…"
    >
      {(loaded) => (editable ? <PracticeForm profile={loaded} /> : <PracticeSummary profile={loaded} />)}
    </QuerySection>
  );
}

function PracticeSummary({ profile }: { profile: PracticeProfile }) {
  const state = US_STATES.find((s) => s.code === profile.region)?.code ?? profile.region;
  return (
    <dl className="facts">
      <div>
        <dt>Name</dt>
        <dd>{profile.name}</dd>
      </div>
      <div>
        <dt>Address</dt>
        <dd>
          {profile.addressLine1}
          {profile.addressLine2 && <>, {profile.addressLine2}</>}
          <br />
          {profile.city}, {state} {profile.postalCode}
        </dd>
      </div>
      <div>
        <dt>Phone</dt>
        <dd>{profile.phone ? formatPhone(profile.phone) : '—'}</dd>
      </div>
      <div>
        <dt>Privacy contact</dt>
        <dd>{profile.privacyContact ?? '—'}</dd>
      </div>
    </dl>
  );
}

function PracticeForm({ profile }: { profile: PracticeProfile }) {
  const queryClient = useQueryClient();
  const { setPracticeName } = useSession();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useForm<PracticeValues, unknown, z.output<typeof PracticeProfileInput>>({
    resolver: zodResolver(PracticeProfileInput),
    defaultValues: toValues(profile),
  });

  const update = useMutation({
    mutationFn: (values: z.output<typeof PracticeProfileInput>) => call('practice.update', values),
    onSuccess: (next) => {
      queryClient.setQueryData(PRACTICE_QUERY, next);
      form.reset(toValues(next));
      setPracticeName(next.name);
      setSaved(true);
    },
    onError: (error) => {
      setProblem(applyServerError(error, form.setError, { fields: PRACTICE_FIELDS }));
    },
  });

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          setProblem(null);
          setSaved(false);
          update.mutate(values);
        })(event);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && !form.formState.isDirty && (
        <Banner tone="success" live>
          The practice profile was saved.
        </Banner>
      )}
      <PracticeFields
        register={form.register}
        errors={form.formState.errors}
        currentRegion={profile.region}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={update.isPending} disabled={!form.formState.isDirty}>
          Save practice profile
        </Button>
        {form.formState.isDirty && (
          <Button
            variant="ghost"
            onClick={() => {
              form.reset(toValues(profile));
            }}
          >
            Discard changes
          </Button>
        )}
      </div>
    </form>
  );
}
