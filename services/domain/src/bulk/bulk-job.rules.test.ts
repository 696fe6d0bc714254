import {
  apiStatus,
  assertCancellable,
  assertProceedable,
  assertReplaceable,
  awaitsValidation,
  finalStatus,
  proceedApiStatus,
  proceedsWhenValidated,
  statusesDuring,
  uploadFormat,
  visibleJobs,
} from './bulk-job.rules';

describe('bulk job rules', () => {
  it('proceeds only a validated job, and one with row errors only when they are ignored', () => {
    expect(() => assertProceedable({ status: 'VALIDATING', failedRows: 0, validRows: 1 }, false)).toThrow('Only a validated job can be processed');
    expect(() => assertProceedable({ status: 'VALIDATED', failedRows: 2, validRows: 3 }, false)).toThrow('2 rows have errors');
    expect(() => assertProceedable({ status: 'VALIDATED', failedRows: 2, validRows: 3 }, true)).not.toThrow();
  });

  it('keeps a proceed asked during validation for its end, which applies under the same rule', () => {
    expect(['CREATED', 'VALIDATING', 'VALIDATED'].map((status) => awaitsValidation({ status: status as never }))).toEqual([true, true, false]);
    const asked = { autoProceed: true, ignoreErrors: false, totalRows: 3, failedRows: 0 };
    expect(proceedsWhenValidated(asked)).toBe(true);
    expect(proceedsWhenValidated({ ...asked, autoProceed: false })).toBe(false);
    expect(proceedsWhenValidated({ ...asked, failedRows: 1 })).toBe(false);
    expect(proceedsWhenValidated({ ...asked, failedRows: 1, ignoreErrors: true })).toBe(true);
    expect(proceedsWhenValidated({ ...asked, totalRows: 0 })).toBe(false);
  });

  it('shows a team-scoped holder of Bulk User Management only their own jobs', () => {
    expect(visibleJobs({ userId: 'u1', credentialId: null }, 'ALL')).toEqual({});
    expect(visibleJobs({ userId: 'u1', credentialId: null }, 'ASSIGNED_TEAMS')).toEqual({ uploadedByUserId: 'u1' });
    expect(visibleJobs({ userId: null, credentialId: 'c1' }, 'ASSIGNED_TEAMS')).toEqual({ uploadedByCredentialId: 'c1' });
  });

  it("ends a job on a phase's failure only while the job is in that phase", () => {
    expect(statusesDuring('validate')).toEqual(['CREATED', 'VALIDATING']);
    expect(statusesDuring('apply')).toEqual(['PROCESSING']);
  });

  it('cancels only before processing', () => {
    expect(() => assertCancellable({ status: 'VALIDATED' })).not.toThrow();
    expect(() => assertCancellable({ status: 'PROCESSING' })).toThrow('only before processing');
  });

  it('replaces a file only after validation and before processing', () => {
    expect(() => assertReplaceable({ status: 'VALIDATED' })).not.toThrow();
    expect(() => assertReplaceable({ status: 'SCHEME_INVALID' })).not.toThrow();
    expect(() => assertReplaceable({ status: 'VALIDATING' })).toThrow('still being validated');
    expect(() => assertReplaceable({ status: 'PROCESSING' })).toThrow('only before processing (this one is PROCESSING)');
    expect(() => assertReplaceable({ status: 'CANCELLED' })).toThrow('only before processing');
  });

  it('names formats, final statuses and the seed API words', () => {
    expect(['a.CSV', 'b.xlsx', 'c.json'].map(uploadFormat)).toEqual(['CSV', 'XLSX', 'JSON']);
    expect(() => uploadFormat('d.txt')).toThrow('.csv, .xlsx or .json');
    expect([finalStatus(0), finalStatus(1)]).toEqual(['COMPLETED', 'COMPLETED_WITH_ERRORS']);
    expect(apiStatus('VALIDATED')).toBe('valid_scheme');
    expect(apiStatus('PROCESSING')).toBe('in_progress');
    // The seed's proceed answer reads "valid_scheme": the job as the request found it.
    expect([proceedApiStatus({ status: 'PROCESSING' }), proceedApiStatus({ status: 'VALIDATING' })]).toEqual(['valid_scheme', 'validating']);
  });
});
