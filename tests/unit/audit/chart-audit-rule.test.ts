// Who reads a chart's Access history (issue 18): the rule main applies, for every role. The
// integration test (tests/integration/audit/access-history.test.ts) tries it through the router.
import { describe, expect, it } from 'vitest';
import { mayReadChartAudit } from '../../../main/core/access/index.ts';

describe('a chart’s access history', () => {
  it('is open to the owner, whether or not they treat the client', () => {
    expect(mayReadChartAudit('owner', false)).toBe(true);
    expect(mayReadChartAudit('owner', true)).toBe(true);
  });

  it('is open to the client’s primary clinician only, not to other clinicians', () => {
    expect(mayReadChartAudit('clinician', true)).toBe(true);
    expect(mayReadChartAudit('clinician', false)).toBe(false);
  });

  it('is never open to front desk', () => {
    expect(mayReadChartAudit('front_desk', true)).toBe(false);
    expect(mayReadChartAudit('front_desk', false)).toBe(false);
  });
});
