// Settings > Second factor (owner): who must use a second factor at sign-in. A person who must and
// has none sets one up right after their password at their next sign-in.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  SECOND_FACTOR_POLICY_LABELS,
  SecondFactorPolicy,
  type SecondFactorPolicy as Policy,
} from '../../../preload/contract.ts';
import { call } from '../../api.ts';
import { applyServerError, type FormProblem } from '../../lib/form-errors.ts';
import { Banner } from '../../ui/banner.tsx';
import { Button } from '../../ui/button.tsx';
import { ChoiceGroupField } from '../../ui/choice-group-field.tsx';
import { ProblemBanner } from '../../ui/problem-banner.tsx';
import { QuerySection } from '../../ui/query-section.tsx';
import { MY_FACTOR_QUERY, POLICY_QUERY, policyQuery } from './queries.ts';

const DESCRIPTIONS: Record<Policy, string> = {
  off: 'Anyone may set one up in My account.',
  'owner-and-clinicians': 'Front desk may set one up; the owner and clinicians must.',
  everyone: 'Everyone must, front desk included.',
};

export function SecondFactorPolicySection() {
  const policy = useQuery(policyQuery);
  return (
    <QuerySection
      title="Second factor at sign-in"
      description="A code from an authenticator app, asked after the password. Changes apply at each person’s next sign-in."
      query={policy}
      loadingLabel="Loading the second-factor policy…"
    >
      {(loaded) => <PolicyForm current={loaded.policy} />}
    </QuerySection>
  );
}

function PolicyForm({ current }: { current: Policy }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState<Policy>(current);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (policy: Policy) => call('secondFactor.setPolicy', { policy }),
    onSuccess: (next) => {
      queryClient.setQueryData(POLICY_QUERY, next);
      void queryClient.invalidateQueries({ queryKey: MY_FACTOR_QUERY });
      setSaved(true);
    },
    onError: (error) => {
      setProblem(applyServerError(error, () => undefined, { fields: [] }));
    },
  });
  return (
    <form
      className="form"
      noValidate
      aria-label="Second-factor policy"
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(null);
        setSaved(false);
        save.mutate(value);
      }}
    >
      <ProblemBanner problem={problem} />
      {saved && value === current && (
        <Banner tone="success" live>
          Saved: {SECOND_FACTOR_POLICY_LABELS[current]}.
        </Banner>
      )}
      <ChoiceGroupField
        label="Who must use a second factor"
        variant="list"
        value={value}
        onChange={(next) => {
          setValue(next);
          setSaved(false);
        }}
        options={SecondFactorPolicy.options.map((p) => ({
          value: p,
          label: SECOND_FACTOR_POLICY_LABELS[p],
          description: DESCRIPTIONS[p],
        }))}
      />
      <div className="form__actions">
        <Button type="submit" variant="primary" busy={save.isPending} disabled={value === current}>
          Save policy
        </Button>
      </div>
    </form>
  );
}
