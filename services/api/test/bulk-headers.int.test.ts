import ExcelJS from 'exceljs';
import { addUser, signIn } from './support/test-api';
import { csv, errorLines, SETTLED, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// Blank header cells (spreadsheets export trailing delimiters), through the real upload endpoint and worker.
describe('bulk header rows with blank cells', () => {
  const setup = useBulkTestApi('bulkheaders');

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

// JSON objects bringing keys the first object lacks: each new key is a column from there on, through the real upload
// endpoint and worker.
describe('bulk JSON files whose objects bring new keys', () => {
  const setup = useBulkTestApi('bulklatekeys');

  it('warns of a column that a later object brings and the uploader may not edit', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const role = await api.graphql<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      token,
      variables: {
        input: {
          name: 'Bulk names only',
          label: 'Names',
          color: '#112233',
          permissions: ['users.view', 'users.bulk', 'users.edit', 'users.edit.name'].map((permission) => ({ permission, access: 'EDIT', scope: 'ALL' })),
        },
      },
    });
    expect(role.errors).toBeUndefined();
    const namer = await addUser(api.db, tenant, `namer@${d}.test`, []);
    await api.db.query(`INSERT INTO user_roles (user_id, role_id, tenant_id) VALUES ($1, $2, $3)`, [namer.id, role.data!.createRole.id, tenant.tenantId]);
    const namerToken = await signIn(api, tenant.slug, namer.email);
    for (const name of ['ann', 'bob']) await addUser(api.db, tenant, `${name}@${d}.test`, ['AGENT']);

    const file = JSON.stringify([
      { email: `ann@${d}.test`, first_name: 'Annie' },
      { email: `bob@${d}.test`, status: 'Inactive' },
    ]);
    const upload = await uploadFile(api, namerToken, 'late-status.json', file);
    const job = await waitForJob(api, namerToken, upload.body.id, SETTLED);
    expect({ status: job.status, errors: job.errors.edges.map(({ node }: any) => [node.severity, `${node.row}/${node.columnName}: ${node.message}`]) }).toEqual({
      status: 'VALIDATED',
      errors: [
        ['WARNING', '0/Status: Your roles may not edit the column "Status": rows that change it are refused'],
        ['ERROR', '2/Status: You may not change the column "Status": you need the permission "Settings - Users & Teams - Edit User - Status" (Edit)'],
      ],
    });
  });

  it('counts the fields of keys a later object brings in the preview, in the order the keys came', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    for (const name of ['cy', 'dee']) await addUser(api.db, tenant, `${name}@${d}.test`, ['AGENT']);
    const file = JSON.stringify([
      { email: `cy@${d}.test`, alias: 'Cee' },
      { email: `dee@${d}.test`, status: 'Inactive', first_name: 'Deedee' },
    ]);
    const upload = await uploadFile(api, token, 'late-fields.json', file);
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, errors: errorLines(job) }).toEqual({ status: 'VALIDATED', errors: [] });
    const result = await api.graphql(`query($id: ID!) { bulkJob(id: $id) { preview { updates fields { field count } } } }`, { token, variables: { id: job.id } });
    expect(result.data?.bulkJob.preview).toEqual({
      updates: 2,
      fields: [
        { field: 'Alias', count: 1 },
        { field: 'Status', count: 1 },
        { field: 'First name', count: 1 },
      ],
    });
  });
});
