import { apiStatus, assertCancellable, assertProceedable, assertReplaceable, finalStatus, uploadFormat } from './bulk-job.rules';

describe('bulk job rules', () => {
  it('proceeds only a validated job, and one with row errors only when they are ignored', () => {
    expect(() => assertProceedable({ status: 'VALIDATING', failedRows: 0, validRows: 1 }, false)).toThrow('Only a validated job can be processed');
    expect(() => assertProceedable({ status: 'VALIDATED', failedRows: 2, validRows: 3 }, false)).toThrow('2 rows have errors');
    expect(() => assertProceedable({ status: 'VALIDATED', failedRows: 2, validRows: 3 }, true)).not.toThrow();
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
  });
});
