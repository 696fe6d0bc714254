import { existsSync } from 'node:fs';
import { addUser, signIn } from './support/test-api';
import { bulkPost, csv, errorLines, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// Validation through the real upload endpoint and the worker's real validate Worker.
describe('bulk user validation', () => {
  const setup = useBulkTestApi('bulkval');

  beforeAll(async () => {
    const { api, tenant } = setup;
    await api.db.query(`INSERT INTO locations (tenant_id, name) VALUES ($1, 'Mexico')`, [tenant.tenantId]);
    await api.db.query(`INSERT INTO teams (tenant_id, name, version) VALUES ($1, 'Support', 1)`, [tenant.tenantId]);
    await addUser(api.db, tenant, `kept@${tenant.slug}.test`, ['AGENT']);
    await addUser(api.db, tenant, `other@${tenant.slug}.test`, ['AGENT']);
  });

  const HEADER = ['Email', 'New email', 'First name', 'Last name', 'Status', 'Location', 'Chat concurrency', 'Chat concurrency status', 'Role: Agent', 'Role: Ghost', 'Team: Support', 'Team: Nowhere'];
  const row = (email: string, cells: Partial<Record<string, string>> = {}) =>
    HEADER.map((h) => cells[h] ?? ({ Email: email, 'First name': 'Ann', 'Last name': 'Lee', 'Role: Agent': '1' } as Record<string, string>)[h] ?? '');

  it('reports each error in the seed words, naming row and column, and previews the valid rows', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const file = csv([
      HEADER,
      row(`new1@${d}.test`, { 'Team: Support': '1', Location: 'mexico', 'Chat concurrency': '3' }),
      row('not-an-email'),
      row(`nofirst@${d}.test`, { 'First name': '' }),
      row(`nolast@${d}.test`, { 'Last name': '' }),
      row(`status@${d}.test`, { Status: 'Maybe' }),
      row(`loc@${d}.test`, { Location: 'Atlantis' }),
      row(`chat@${d}.test`, { 'Chat concurrency': '99' }),
      row(`chatstatus@${d}.test`, { 'Chat concurrency status': '2' }),
      row(`flag@${d}.test`, { 'Role: Agent': '5' }),
      row(`ghost@${d}.test`, { 'Role: Ghost': '1' }),
      row(`nowhere@${d}.test`, { 'Team: Nowhere': '1' }),
      row(`NEW1@${d}.test`),
      row(`other@${d}.test`, { 'New email': tenant.adminEmail, 'First name': '', 'Last name': '', 'Role: Agent': '' }),
      row(`noroles@${d}.test`, { 'Role: Agent': '' }),
      row(`kept@${d}.test`.replace('kept', 'kept2'), { 'Role: Agent': '0' }),
      row(`kept@${d}.test`, { 'First name': '', 'Last name': '', 'Role: Agent': '' }),
    ]);
    const upload = await uploadFile(api, token, 'mixed.csv', file);
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ status: 'created', link: expect.stringContaining(`/api/v1/bulk/users/jobs/${upload.body.id}`) });
    const job = await waitForJob(api, token, upload.body.id, ['VALIDATED']);
    expect(errorLines(job)).toEqual([
      '2/Email: "not-an-email" is not a valid email address',
      '3/First name: First name must not be empty',
      '4/Last name: Last name must not be empty',
      '5/Status: Status must be "Active", "Inactive", or empty',
      '6/Location: Location must match an existing location or be Null',
      '7/Chat concurrency: Chat concurrency must be within 1 to 10 range (99 given)',
      '8/Chat concurrency status: Chat concurrency status must be 0, 1, or empty',
      '9/Role: Agent: Agent must be 0, 1, or empty',
      '10/Role: Ghost: Ghost must exist',
      '11/Team: Nowhere: Nowhere must exist',
      '12/Email: The email must be unique (row 1 has it too)',
      '13/New email: The email must be unique',
      '14/Role: Agent: A user must have 1 to 10 roles (0 given)',
      '15/Role: Agent: A user must have 1 to 10 roles (0 given)',
    ]);
    expect(job).toMatchObject({ totalRows: 16, validRows: 2, failedRows: 14, preview: { creates: 1, updates: 0, unchanged: 1 }, affectedRows: 0 });
    // Nothing is applied by validation.
    expect(await api.db.query(`SELECT 1 FROM users WHERE email_key = $1`, [`new1@${d}.test`])).toHaveLength(0);

    const refused = await bulkPost(api, token, '/proceed', { id: job.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('14 rows have errors');
  });

  it('cancels a validated job, removing its file, and refuses to cancel it again', async () => {
    const { api, tenant, token } = setup;
    const upload = await uploadFile(api, token, 'cancel.csv', csv([['Email', 'First name', 'Last name', 'Role: Agent'], [`c@${tenant.slug}.test`, 'C', 'D', '1']]));
    await waitForJob(api, token, upload.body.id, ['VALIDATED']);
    const [{ storagePath }] = await api.db.query(`SELECT storage_path AS "storagePath" FROM bulk_jobs WHERE id = $1`, [upload.body.id]);
    const cancel = `mutation($id: ID!) { cancelBulkUserJob(id: $id) { status completedAt } }`;
    const cancelled = await api.graphql(cancel, { token, variables: { id: upload.body.id } });
    expect(cancelled.data?.cancelBulkUserJob).toEqual({ status: 'CANCELLED', completedAt: expect.any(String) });
    expect(existsSync(storagePath)).toBe(false);
    const again = await api.graphql(cancel, { token, variables: { id: upload.body.id } });
    expect(again.errors?.[0]).toMatchObject({ message: 'A job can be cancelled only before processing (this one is CANCELLED)', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('replaces a validated job\'s file with the seed API\'s PUT, validating the new one, and refuses once it is processing', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    const header = ['Email', 'First name', 'Last name', 'Role: Agent'];
    const first = await uploadFile(api, token, 'first.csv', csv([header, [`put1@${d}.test`, '', 'Lee', '1']]));
    const validated = await waitForJob(api, token, first.body.id, ['VALIDATED']);
    expect(validated).toMatchObject({ failedRows: 1 });
    const [{ storagePath: oldPath }] = await api.db.query(`SELECT storage_path AS "storagePath" FROM bulk_jobs WHERE id = $1`, [first.body.id]);

    const fixed = csv([header, [`put1@${d}.test`, 'Ann', 'Lee', '1'], [`put2@${d}.test`, 'Bo', 'Kim', '1']]);
    const replaced = await uploadFile(api, token, 'fixed.csv', fixed, { id: first.body.id }, 'PUT');
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: first.body.id, filename: 'fixed.csv', status: 'created', update_errors: [] });
    const again = await waitForJob(api, token, first.body.id, ['VALIDATED']);
    expect(again).toMatchObject({ filename: 'fixed.csv', totalRows: 2, validRows: 2, failedRows: 0, preview: { creates: 2, updates: 0, unchanged: 0 } });
    expect(existsSync(oldPath)).toBe(false);

    const missingId = await uploadFile(api, token, 'fixed.csv', fixed, {}, 'PUT');
    expect(missingId).toMatchObject({ status: 400, body: { error: { field: 'id', message: 'Send the id of the job whose file this replaces in the field "id"' } } });
    await bulkPost(api, token, '/proceed', { id: first.body.id });
    await waitForJob(api, token, first.body.id, ['COMPLETED']);
    const late = await uploadFile(api, token, 'late.csv', fixed, { id: first.body.id }, 'PUT');
    expect(late).toMatchObject({ status: 400, body: { error: { message: "A job's file can be replaced only before processing (this one is COMPLETED)" } } });
  });

  it('refuses a row for a user outside the team-scoped uploader\'s teams', async () => {
    const { api, tenant, token } = setup;
    const role = await api.graphql<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      token,
      variables: {
        input: {
          name: 'Bulk team',
          label: 'BulkTeam',
          color: '#223344',
          permissions: ['users.view', 'users.bulk', 'users.edit', 'users.edit.name'].map((permission) => ({ permission, access: 'EDIT', scope: 'ASSIGNED_TEAMS' })),
        },
      },
    });
    expect(role.errors).toBeUndefined();
    const email = `scoped@${tenant.slug}.test`;
    const scoped = await addUser(api.db, tenant, email, []);
    await api.db.query(`INSERT INTO user_roles (user_id, role_id, tenant_id) VALUES ($1, $2, $3)`, [scoped.id, role.data!.createRole.id, tenant.tenantId]);
    const [{ id: teamId }] = await api.db.query(`SELECT id FROM teams WHERE tenant_id = $1 AND name = 'Support'`, [tenant.tenantId]);
    const member = await addUser(api.db, tenant, `member@${tenant.slug}.test`, ['AGENT']);
    await api.db.query(
      `INSERT INTO team_memberships (team_id, user_id, tenant_id, role) VALUES ($1, $2, $4, 'MANAGER'), ($1, $3, $4, 'MEMBER')`,
      [teamId, scoped.id, member.id, tenant.tenantId],
    );
    const scopedToken = await signIn(api, tenant.slug, email);
    const upload = await uploadFile(api, scopedToken, 'scope.csv', csv([['Email', 'First name'], [`member@${tenant.slug}.test`, 'Mem'], [`other@${tenant.slug}.test`, 'Oth']]));
    const job = await waitForJob(api, scopedToken, upload.body.id, ['VALIDATED']);
    expect(errorLines(job)).toEqual([
      `2/Email: Your permission "Settings - Users & Teams - Edit User" reaches only the teams you manage and their sub-teams: other@${tenant.slug}.test is not in one of them`,
    ]);
    expect(job.preview).toEqual({ creates: 0, updates: 1, unchanged: 0 });
  });

  it('refuses a file with an unknown or repeated header, or no Email column, as a scheme error', async () => {
    const { api, token } = setup;
    const cases: [string, string[]][] = [
      ['Email,First name,Shoe size\r\na@b.co,A,1\r\n', ['0/-: Unknown column "Shoe size"']],
      ['Email, first NAME ,First name\r\na@b.co,A,B\r\n', ['0/-: The header "First name" appears more than once']],
      ['First name,Last name\r\nA,B\r\n', ['0/-: The file must have an Email column']],
    ];
    for (const [file, expected] of cases) {
      const upload = await uploadFile(api, token, 'scheme.csv', file);
      const job = await waitForJob(api, token, upload.body.id, ['SCHEME_INVALID']);
      expect(errorLines(job)).toEqual(expected);
      const proceed = await api.graphql(`mutation($id: ID!) { proceedBulkUserJob(id: $id) { status } }`, { token, variables: { id: job.id } });
      expect(proceed.errors?.[0].message).toContain('Only a validated job can be processed');
    }
  });

  it('refuses, per row, changes to a column the uploader may not edit, and warns about the column', async () => {
    const { api, tenant, token } = setup;
    const roles = await api.graphql<{ createRole: { id: string } }>(
      `mutation($input: RoleInput!) { createRole(input: $input) { id } }`,
      {
        token,
        variables: {
          input: {
            name: 'Bulk names',
            label: 'Bulk',
            color: '#112233',
            permissions: ['users.view', 'users.bulk', 'users.edit', 'users.edit.name'].map((permission) => ({ permission, access: 'EDIT', scope: 'ALL' })),
          },
        },
      },
    );
    expect(roles.errors).toBeUndefined();
    const email = `namer@${tenant.slug}.test`;
    const namer = await addUser(api.db, tenant, email, []);
    await api.db.query(`INSERT INTO user_roles (user_id, role_id, tenant_id) VALUES ($1, $2, $3)`, [namer.id, roles.data!.createRole.id, tenant.tenantId]);
    const namerToken = await signIn(api, tenant.slug, email);
    const kept = `kept@${tenant.slug}.test`;
    const file = csv([
      ['Email', 'First name', 'Status'],
      [kept, 'Renamed', ''],
      [kept.replace('kept', 'kept'), '', 'Inactive'],
    ]);
    const upload = await uploadFile(api, namerToken, 'perm.csv', file);
    const job = await waitForJob(api, namerToken, upload.body.id, ['VALIDATED']);
    expect(errorLines(job)).toEqual([
      '0/Status: Your roles may not edit the column "Status": rows that change it are refused',
      '2/Email: The email must be unique (row 1 has it too)',
    ]);
    const second = await uploadFile(api, namerToken, 'perm2.csv', csv([['Email', 'Status'], [kept, 'Inactive']]));
    const job2 = await waitForJob(api, namerToken, second.body.id, ['VALIDATED']);
    expect(errorLines(job2)).toEqual([
      '0/Status: Your roles may not edit the column "Status": rows that change it are refused',
      '1/Status: You may not change the column "Status": you need the permission "Settings - Users & Teams - Edit User - Status" (Edit)',
    ]);
    expect(job.errors.edges[0].node.severity).toBe('WARNING');
  });
});
