import ExcelJS from 'exceljs';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { addUser, createTestTenant, signIn } from './support/test-api';
import { bulkGet, bulkPost, csv, errorLines, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// Apply, downloads and the seed's JSON API, through the real endpoints and the worker's real Workers.
describe('bulk user apply', () => {
  const setup = useBulkTestApi('bulkapp');

  beforeAll(async () => {
    const { api, tenant } = setup;
    await api.db.query(`INSERT INTO locations (tenant_id, name) VALUES ($1, 'Mexico')`, [tenant.tenantId]);
    await api.db.query(`INSERT INTO teams (tenant_id, name, version) VALUES ($1, 'Support', 1)`, [tenant.tenantId]);
    await addUser(api.db, tenant, `old@${tenant.slug}.test`, ['AGENT']);
    await addUser(api.db, tenant, `same@${tenant.slug}.test`, ['AGENT']);
  });

  const usersOf = (emails: string[]) =>
    setup.api.db.query(
      `SELECT u.email, u.first_name AS "firstName", u.status, u.extension, u.chat_concurrency AS "chatConcurrency", l.name AS location,
              ARRAY(SELECT r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE ur.user_id = u.id ORDER BY r.name) AS roles,
              ARRAY(SELECT t.name FROM team_memberships m JOIN teams t ON t.id = m.team_id WHERE m.user_id = u.id) AS teams
         FROM users u LEFT JOIN locations l ON l.id = u.location_id WHERE u.tenant_id = $1 AND u.email = ANY($2) ORDER BY u.email`,
      [setup.tenant.tenantId, emails],
    );

  it('applies the valid rows of a mixed file with ignoreErrors: users, audit, invitations, summary and error log', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const file = csv([
      ['Email', 'First name', 'Last name', 'Location', 'Chat concurrency', 'Role: Agent', 'Role: Manager', 'Team: Support'],
      [`new-a@${d}.test`, 'Ada', 'A', 'Mexico', '2', '1', '', '1'],
      [`new-b@${d}.test`, 'Bob', 'B', '', '', '1', '1', ''],
      [`old@${d}.test`, 'Olga', '', 'Null', '', '', '1', '1'],
      [`same@${d}.test`, '', '', '', '', '1', '', ''],
      [`bad@${d}.test`, '', 'C', '', '', '1', '', ''],
    ]);
    const upload = await uploadFile(api, token, 'mixed.csv', file);
    const validated = await waitForJob(api, token, upload.body.id, ['VALIDATED']);
    expect(validated).toMatchObject({ totalRows: 5, validRows: 4, failedRows: 1, preview: { creates: 2, updates: 1, unchanged: 1 } });

    const proceed = await api.graphql(`mutation($id: ID!) { proceedBulkUserJob(id: $id, ignoreErrors: true) { status processRequestedAt progress { processed total } } }`, {
      token,
      variables: { id: upload.body.id },
    });
    // Apply steps over every row of the file, the failed one too: its progress counts to 5, not to the 4 valid rows.
    expect(proceed.data?.proceedBulkUserJob).toMatchObject({ status: 'PROCESSING', progress: { processed: 0, total: 5 } });
    const job = await waitForJob(api, token, upload.body.id, ['COMPLETED_WITH_ERRORS']);
    expect(job).toMatchObject({ affectedRows: 3, failedRows: 1, uploadedBy: expect.any(String), completedAt: expect.any(String), progress: { processed: 5, total: 5 } });
    expect(errorLines(job)).toEqual(['5/First name: First name must not be empty']);

    const users = await usersOf([`new-a@${d}.test`, `new-b@${d}.test`, `old@${d}.test`]);
    expect(users).toEqual([
      { email: `new-a@${d}.test`, firstName: 'Ada', status: 'INVITED', extension: expect.any(Number), chatConcurrency: 2, location: 'Mexico', roles: ['Agent'], teams: ['Support'] },
      { email: `new-b@${d}.test`, firstName: 'Bob', status: 'INVITED', extension: expect.any(Number), chatConcurrency: null, location: null, roles: ['Agent', 'Manager'], teams: [] },
      { email: `old@${d}.test`, firstName: 'Olga', status: 'ACTIVE', extension: expect.any(Number), chatConcurrency: null, location: null, roles: ['Agent', 'Manager'], teams: ['Support'] },
    ]);
    const extensions: { extension: number }[] = await api.db.query(`SELECT extension FROM users WHERE tenant_id = $1 ORDER BY extension`, [tenant.tenantId]);
    expect(extensions.map((e) => e.extension)).toEqual(extensions.map((_, i) => 1000 + i));

    const audit: { action: string; n: number }[] = await api.db.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE bulk_job_id = $1 GROUP BY action ORDER BY action`,
      [job.id],
    );
    expect(audit).toEqual([
      { action: 'bulk.proceed', n: 1 },
      { action: 'bulk.upload', n: 1 },
      { action: 'user.create', n: 2 },
      { action: 'user.update', n: 1 },
    ]);
    const emails: { kind: string; toAddress: string }[] = await api.db.query(
      `SELECT kind, to_address AS "toAddress" FROM email_outbox WHERE tenant_id = $1 ORDER BY kind, to_address`,
      [tenant.tenantId],
    );
    expect(emails.filter((e) => e.kind === 'invitation').map((e) => e.toAddress)).toEqual([`new-a@${d}.test`, `new-b@${d}.test`]);
    expect(emails.filter((e) => e.kind === 'bulk-summary').map((e) => e.toAddress)).toContain(tenant.adminEmail);

    const log = await bulkGet(api, token, `/jobs/${job.id}/errors.csv`);
    expect(log.status).toBe(200);
    expect(await log.text()).toBe('Error,Column,Row,Column name,Severity\r\nFirst name must not be empty,2,5,First name,ERROR\r\n');
  });

  it('gives new users the lowest free extensions, the gaps first', async () => {
    const { api } = setup;
    const gaps = await createTestTenant(api.db, 'bulkext');
    const gapsToken = await signIn(api, gaps.slug, gaps.adminEmail);
    // The admin has 1000; a user at 1003 leaves 1001 and 1002 free.
    const far = await addUser(api.db, gaps, `far@${gaps.slug}.test`, ['AGENT']);
    await api.db.query(`UPDATE users SET extension = 1003 WHERE id = $1`, [far.id]);
    const rows = ['x', 'y', 'z'].map((name) => [`${name}@${gaps.slug}.test`, name, 'New', '1']);
    const upload = await uploadFile(api, gapsToken, 'gaps.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent'], ...rows]), { autoProceed: 'true' });
    await waitForJob(api, gapsToken, upload.body.id, ['COMPLETED']);
    const created: { extension: number }[] = await api.db.query(`SELECT extension FROM users WHERE tenant_id = $1 AND last_name = 'New' ORDER BY extension`, [
      gaps.tenantId,
    ]);
    expect(created.map((u) => u.extension)).toEqual([1001, 1002, 1004]);
    await api.db.query(`UPDATE email_outbox SET sent_at = now() WHERE tenant_id = $1 AND sent_at IS NULL`, [gaps.tenantId]);
  });

  it('pushes the progress of a job over bulkJobProgress until it ends', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const rows = Array.from({ length: 300 }, (_, i) => [`sub${i}@${d}.test`, 'Sub', `${i}`, '1']);
    const upload = await uploadFile(api, token, 'sub.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent'], ...rows]), { autoProceed: 'true' });
    const client = createClient({ url: api.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
    const seen: { status: string; affectedRows: number }[] = [];
    await new Promise<void>((resolve, reject) =>
      client.subscribe<{ bulkJobProgress: { status: string; affectedRows: number } }>(
        { query: `subscription($id: ID!) { bulkJobProgress(id: $id) { status affectedRows progress { processed total } } }`, variables: { id: upload.body.id } },
        { next: (result) => (result.data ? seen.push(result.data.bulkJobProgress) : reject(new Error(JSON.stringify(result.errors)))), error: reject, complete: resolve },
      ),
    );
    await client.dispose();
    expect(seen[seen.length - 1]).toEqual({ status: 'COMPLETED', affectedRows: 300, progress: { processed: 300, total: 300 } });
    expect(seen.length).toBeGreaterThan(1);
  });

  it('reads CSV with BOM, semicolons and quotes, XLSX and JSON alike', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const semicolon = '\uFEFF' + csv([['email', ' FIRST NAME ', 'Last name', 'Alias', 'Role: agent'], [`semi@${d}.test`, 'Sam', 'Semi', 'Sam "the; man"', '1']], ';');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Users');
    sheet.addRow(['Email', 'First name', 'Last name', 'Role: Agent']);
    sheet.addRow([`xl@${d}.test`, 'Xena', 'Excel', 1]);
    workbook.addWorksheet('Ignored').addRow(['Nonsense']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const json = JSON.stringify([
      { email: `js@${d}.test`, first_name: 'Jay', last_name: 'Son', max_chat_limit: 3, max_chat_limit_enabled: 1, roles: [{ name: 'Agent', value: 1 }], teams: [{ name: 'Support', value: 1 }] },
    ]);
    for (const [name, content] of [['semi.csv', semicolon], ['users.xlsx', xlsx], ['users.json', json]] as const) {
      const upload = await uploadFile(api, token, name, content, { autoProceed: 'true' });
      const job = await waitForJob(api, token, upload.body.id, ['COMPLETED'], 20_000);
      expect({ name, affectedRows: job.affectedRows, errors: errorLines(job) }).toEqual({ name, affectedRows: 1, errors: [] });
    }
    const users = await usersOf([`semi@${d}.test`, `xl@${d}.test`, `js@${d}.test`]);
    expect(users.map((u: any) => [u.email, u.firstName, u.roles, u.teams, u.chatConcurrency])).toEqual([
      [`js@${d}.test`, 'Jay', ['Agent'], ['Support'], 3],
      [`semi@${d}.test`, 'Sam', ['Agent'], [], null],
      [`xl@${d}.test`, 'Xena', ['Agent'], [], null],
    ]);
    const [alias] = await api.db.query(`SELECT alias FROM users WHERE email = $1`, [`semi@${d}.test`]);
    expect(alias.alias).toBe('Sam "the; man"');
  });

  it('downloads the template in three formats and an export that uploads back unchanged, formulas escaped', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    await addUser(api.db, tenant, `formula@${d}.test`, ['AGENT']);
    await api.db.query(`UPDATE users SET first_name = '=HYPERLINK("x")' WHERE email = $1`, [`formula@${d}.test`]);
    const template = await bulkGet(api, token, '/template?format=csv');
    const header = (await template.text()).split('\r\n')[0];
    expect(header.startsWith('Email,New email,Agent Id,First name,Last name,Alias,Status,Location,Chat concurrency,Chat concurrency status,Role: Admin')).toBe(true);
    expect(header).toContain('Team: Support');
    const jsonTemplate = (await (await bulkGet(api, token, '/template?format=json')).json()) as Record<string, unknown>[];
    expect(jsonTemplate[0]).toMatchObject({ email: 'user1@yourcompany.co', agent_number: 'A-001', max_chat_limit: 2, roles: expect.arrayContaining([{ name: 'Agent', value: 0 }]) });
    const xlsxTemplate = await bulkGet(api, token, '/template?format=xlsx');
    expect(xlsxTemplate.headers.get('content-type')).toContain('spreadsheetml');

    const exported = await (await bulkGet(api, token, '/export?format=csv')).text();
    expect(exported).toContain(`formula@${d}.test,,,"'=HYPERLINK(""x"")"`);
    const upload = await uploadFile(api, token, 'export.csv', exported.replace(`"'=HYPERLINK(""x"")"`, 'Formula'));
    const job = await waitForJob(api, token, upload.body.id, ['VALIDATED']);
    expect(errorLines(job)).toEqual([]);
    expect(job.preview).toMatchObject({ creates: 0, updates: 1 });
    const xlsxExport = await bulkGet(api, token, '/export?format=xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsxExport.arrayBuffer()) as never);
    expect(book.worksheets[0].getRow(1).getCell(1).value).toBe('Email');
  });

  it('runs the seed JSON API sequence with an API credential: upload, status, proceed, list, error logs', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const created = await api.graphql<{ createApiCredential: { secret: string } }>(
      `mutation($roleIds: [ID!]) { createApiCredential(name: "bulk-script", roleIds: $roleIds) { secret } }`,
      { token, variables: { roleIds: [tenant.roleIds.ADMIN] } },
    );
    const secret = created.data!.createApiCredential.secret;
    const file = JSON.stringify([
      { email: `api1@${d}.test`, first_name: 'Api', last_name: 'One', status: 'Active', roles: [{ name: 'Agent', value: 1 }] },
      { email: `api2@${d}.test`, first_name: 'Api', last_name: 'Two', max_chat_limit: 50, roles: [{ name: 'Agent', value: 1 }] },
    ]);
    const upload = await uploadFile(api, secret, '100row.json', file);
    expect(upload).toMatchObject({ status: 201, body: { status: 'created', filename: '100row.json', uploaded_api_user_name: 'bulk-script', uploaded_user_name: null } });
    const id = upload.body.id;
    await waitForJob(api, secret, id, ['VALIDATED']);
    const status = (await (await bulkGet(api, secret, `/jobs/${id}`)).json()) as { update_errors: unknown[] };
    expect(status).toMatchObject({ id, status: 'valid_scheme', total_rows: 2, failed_rows: 1, scheme_errors: [] });
    expect(status.update_errors).toEqual([{ message: 'Chat concurrency must be within 1 to 10 range (50 given)', column: expect.any(Number), row: 2, error_type: 'error' }]);

    const refused = await bulkPost(api, secret, '/proceed', { id });
    expect(refused.status).toBe(400);
    const proceed = await bulkPost(api, secret, '/proceed', { id, ignore_errors: true });
    expect(proceed.body).toMatchObject({ id, status: 'valid_scheme', link: expect.stringContaining(id) });
    await waitForJob(api, secret, id, ['COMPLETED_WITH_ERRORS']);
    const done = await (await bulkGet(api, secret, `/jobs/${id}`)).json();
    expect(done).toMatchObject({ status: 'completed_with_errors', affected_rows: 1, proceed_api_user_name: 'bulk-script', process_requested_at: expect.any(String) });

    const list = await bulkGet(api, secret, '/jobs?page=1&per_page=2');
    expect(Number(list.headers.get('total'))).toBeGreaterThan(2);
    expect(list.headers.get('link')).toContain('page=2');
    const jobs = (await list.json()) as { id: string }[];
    expect(jobs).toHaveLength(2);
    expect(jobs[0].id).toBe(id);
    expect(await (await bulkGet(api, secret, `/errors/scheme/${id}`)).json()).toEqual([]);
    expect(await (await bulkGet(api, secret, `/errors/update/${id}`)).json()).toHaveLength(1);

    const scheme = await uploadFile(api, secret, 'bad.json', JSON.stringify([{ email: 'x@y.co', shoe: 1 }]));
    await waitForJob(api, secret, scheme.body.id, ['SCHEME_INVALID']);
    expect(await (await bulkGet(api, secret, `/errors/scheme/${scheme.body.id}`)).json()).toEqual([{ message: 'Unknown column "shoe"', column: 2, row: null }]);
    const anonymous = await fetch(`${api.url.replace(/\/graphql$/, '')}/api/v1/bulk/users/jobs/${id}`);
    expect(anonymous.status).toBe(401);
  });
});
