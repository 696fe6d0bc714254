import { addUser, createTestTenant, signIn } from './support/test-api';
import { bulkGet, csv, errorLines, SETTLED, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// How uploaded files are read (delimiters, escapes, long and blank rows), through the real upload endpoint and worker.
describe('bulk user files', () => {
  const setup = useBulkTestApi('bulkfiles');

  it('splits a comma file on commas only and a semicolon file on semicolons only', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const files = {
      'comma.csv': `Email,First name,Last name,Alias,Role: Agent\r\ncomma@${d}.test,Ann,Lee,Ann; the boss,1\r\n`,
      'semicolon.csv': `Email;First name;Last name;Alias;Role: Agent\r\nsemicolon@${d}.test;Bo;Kim, Jr;Bo, the boss;1\r\n`,
    };
    for (const [name, content] of Object.entries(files)) {
      const upload = await uploadFile(api, token, name, content, { autoProceed: 'true' });
      const job = await waitForJob(api, token, upload.body.id, SETTLED);
      expect({ name, status: job.status, errors: errorLines(job) }).toEqual({ name, status: 'COMPLETED', errors: [] });
    }
    const users = await api.db.query(`SELECT email, last_name AS "lastName", alias FROM users WHERE tenant_id = $1 AND email = ANY($2) ORDER BY email`, [
      tenant.tenantId,
      [`comma@${d}.test`, `semicolon@${d}.test`],
    ]);
    expect(users).toEqual([
      { email: `comma@${d}.test`, lastName: 'Lee', alias: 'Ann; the boss' },
      { email: `semicolon@${d}.test`, lastName: 'Kim, Jr', alias: 'Bo, the boss' },
    ]);
  });

  it('uploads an export back unchanged, undoing its formula escapes, in CSV and XLSX', async () => {
    const { api } = setup;
    // A tenant of its own: the other tests' users would make the export's preview depend on their order.
    const own = await createTestTenant(api.db, 'bulkexport');
    const ownToken = await signIn(api, own.slug, own.adminEmail);
    await addUser(api.db, own, `-dash@${own.slug}.test`, ['AGENT']);
    await api.db.query(`UPDATE users SET alias = '@jdoe' WHERE tenant_id = $1 AND email = $2`, [own.tenantId, `-dash@${own.slug}.test`]);
    for (const format of ['csv', 'xlsx']) {
      const exported = Buffer.from(await (await bulkGet(api, ownToken, `/export?format=${format}`)).arrayBuffer());
      if (format === 'csv') expect(exported.toString()).toContain(`'-dash@${own.slug}.test,,,'-dash,Test,'@jdoe,`);
      const upload = await uploadFile(api, ownToken, `export.${format}`, exported);
      const job = await waitForJob(api, ownToken, upload.body.id, SETTLED);
      expect({ format, status: job.status, errors: errorLines(job), preview: job.preview }).toEqual({
        format,
        status: 'VALIDATED',
        errors: [],
        preview: { creates: 0, updates: 0, unchanged: 2 },
      });
    }
  });

  it('refuses a file with a record longer than 1 MB as a scheme error naming its row', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const header = 'Email,First name,Last name,Role: Agent\r\n';
    const unclosedCsv = `${header}ok@${d}.test,Ok,Fine,1\r\nlong@${d}.test,"Lo,Ng,1\r\n${`more@${d}.test,A,B,1\r\n`.repeat(40_000)}`;
    const unclosedJson = `[{"email":"long@${d}.test","first_name":"Lo, ${`{"email":"more@${d}.test"},`.repeat(40_000)}]`;
    const cases: [string, string, string][] = [
      ['long.csv', unclosedCsv, '0/-: Row 2 is longer than 1 MB; check for an unclosed quote'],
      ['long.json', unclosedJson, '0/-: Row 1 is longer than 1 MB; check for an unclosed string'],
    ];
    for (const [name, content, expected] of cases) {
      const upload = await uploadFile(api, token, name, content);
      const job = await waitForJob(api, token, upload.body.id, SETTLED);
      expect({ name, status: job.status, errors: errorLines(job) }).toEqual({ name, status: 'SCHEME_INVALID', errors: [expected] });
    }
  });

  it('refuses role and team headers that differ only in spacing as repeated', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const upload = await uploadFile(api, token, 'repeated.csv', csv([['Email', 'Role: Agent', 'role:agent'], [`rep@${d}.test`, '1', '1']]));
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, errors: errorLines(job) }).toEqual({ status: 'SCHEME_INVALID', errors: ['0/-: The header "role:agent" appears more than once'] });
  });

  it('reports a missing role with a very long name as that row\'s error, its column name cut to fit the log', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const name = 'R'.repeat(150);
    const upload = await uploadFile(api, token, 'long-role.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent', `Role: ${name}`], [`role@${d}.test`, 'Ro', 'Le', '1', '1']]));
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, errors: errorLines(job) }).toEqual({ status: 'VALIDATED', errors: [`1/Role: ${'R'.repeat(113)}…: ${name} must exist`] });
  });

  it('skips blank rows, counting them neither as rows nor as failures, and keeps the rows below at their numbers', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const file = csv([
      ['Email', 'First name', 'Last name', 'Role: Agent'],
      [`blank1@${d}.test`, 'Bl', 'Ank', '1'],
      ['', '', '', ''],
      [`blank2@${d}.test`, '', 'Ank', '1'],
      ['', '', '', ''],
      ['', '', '', ''],
    ]);
    const upload = await uploadFile(api, token, 'blank.csv', file);
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, totalRows: job.totalRows, failedRows: job.failedRows, errors: errorLines(job) }).toEqual({
      status: 'VALIDATED',
      totalRows: 2,
      failedRows: 1,
      errors: ['3/First name: First name must not be empty'],
    });
  });
});
