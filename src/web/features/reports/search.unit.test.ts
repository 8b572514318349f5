import { describe, expect, it } from 'vitest';
import { statusQuery, validateReportsSearch } from './search.ts';

describe('the search params of /reports', () => {
  it('keeps the status filters the dashboards link to', () => {
    for (const status of ['due', 'overdue', 'returned'] as const) {
      expect(validateReportsSearch({ tab: 'mine', status })).toEqual({ tab: 'mine', status });
    }
    expect(validateReportsSearch({ status: 'approved' })).toEqual({ status: 'approved' });
  });

  it('drops what it does not know', () => {
    expect(validateReportsSearch({ tab: 'all', status: 'late', formId: 'x', agreementId: -1 })).toEqual({});
    expect(validateReportsSearch({ tab: 'new', agreementId: '12', formId: 3 })).toEqual({
      tab: 'new',
      agreementId: 12,
      formId: 3,
    });
  });

  it('turns overdue and due into the list’s own filters', () => {
    expect(statusQuery('overdue')).toEqual({ overdue: 'true' });
    expect(statusQuery('due')).toEqual({ due: 'true' });
    expect(statusQuery('returned')).toEqual({ status: 'returned' });
    expect(statusQuery(undefined)).toEqual({});
  });
});
