import ExcelJS from 'exceljs';
import { csv, errorLines, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// Blank header cells (spreadsheets export trailing delimiters), through the real upload endpoint and worker.
describe('bulk header rows with blank cells', () => {
  const setup = useBulkTestApi('bulkheaders');

  // Every status a job can rest in: a test fails on the wrong one at once instead of timing out.
  const SETTLED = ['VALIDATED', 'SCHEME_INVALID', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'];

  it('applies a CSV file whose every line ends with empty cells', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const file = `Email,First name,Last name,Role: Agent,,\r\ntrail1@${d}.test,Ann,Lee,1,,\r\ntrail2@${d}.test,Bo,Kim,1,,\r\n`;
    const upload = await uploadFile(api, token, 'trailing.csv', file, { autoProceed: 'true' });
    expect(upload.status).toBe(201);
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, affectedRows: job.affectedRows, errors: errorLines(job) }).toEqual({ status: 'COMPLETED', affectedRows: 2, errors: [] });
    const users = await api.db.query(`SELECT email, first_name AS "firstName" FROM users WHERE tenant_id = $1 AND email LIKE 'trail%' ORDER BY email`, [tenant.tenantId]);
    expect(users).toEqual([
      { email: `trail1@${d}.test`, firstName: 'Ann' },
      { email: `trail2@${d}.test`, firstName: 'Bo' },
    ]);
  });

  it('refuses, in CSV and XLSX alike, only the rows with a value under a blank header cell', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const rows = (format: string) => [
      ['Email', '', 'First name', 'Last name', 'Role: Agent', '', ''],
      [`${format}-ok@${d}.test`, '', 'Ann', 'Lee', '1', '', ''],
      [`${format}-between@${d}.test`, 'x', 'Bo', 'Kim', '1', '', ''],
      [`${format}-after@${d}.test`, '', 'Cy', 'Ng', '1', '', 'y'],
    ];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Users');
    // Blank cells left unwritten, as a spreadsheet saves them.
    for (const row of rows('xlsx')) sheet.addRow(row.map((cell) => (cell === '' ? null : cell)));
    const files: [string, string | Buffer][] = [
      ['blanks.csv', csv(rows('csv'))],
      ['blanks.xlsx', Buffer.from(await workbook.xlsx.writeBuffer())],
    ];
    for (const [name, content] of files) {
      const upload = await uploadFile(api, token, name, content);
      expect(upload.status).toBe(201);
      const job = await waitForJob(api, token, upload.body.id, SETTLED);
      expect({ name, status: job.status, errors: errorLines(job), preview: job.preview }).toEqual({
        name,
        status: 'VALIDATED',
        errors: ['2/-: Column 2 has a value but no header', '3/-: Column 7 has a value but no header'],
        preview: { creates: 1, updates: 0, unchanged: 0 },
      });
    }
  });
});
