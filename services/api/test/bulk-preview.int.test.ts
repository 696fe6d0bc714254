import { addUser } from './support/test-api';
import { csv, errorLines, SETTLED, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// The preview's fields (which fields the updates change, in how many rows), through the real upload endpoint and worker.
describe('bulk user preview fields', () => {
  const setup = useBulkTestApi('bulkpreview');

  const HEADER = ['Email', 'First name', 'Last name', 'Alias', 'Status', 'Role: Agent'];

  /** The job's status and preview, fields included, as GraphQL answers them. */
  async function preview(id: string): Promise<{ status: string; preview: unknown }> {
    const { api, token } = setup;
    const result = await api.graphql<{ bulkJob: { status: string; preview: unknown } }>(
      `query($id: ID!) { bulkJob(id: $id) { status preview { creates updates unchanged fields { field count } } } }`,
      { token, variables: { id } },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.bulkJob;
  }

  it('counts, per field, the rows whose update changes it, in the upload\'s column order', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    for (const name of ['ann', 'bob', 'cy', 'dee', 'gus']) await addUser(api.db, tenant, `${name}@${d}.test`, ['AGENT']);
    const file = csv([
      HEADER,
      [`ann@${d}.test`, '', '', '', 'Inactive', ''],
      [`bob@${d}.test`, '', '', '', 'inactive', ''],
      [`cy@${d}.test`, '', '', 'Cee', '', ''],
      [`dee@${d}.test`, '', '', '', 'Active', '1'],
      [`new@${d}.test`, 'New', 'Person', '', 'Active', '1'],
      // Not valid, so not in the preview: it would change Status.
      [`gus@${d}.test`, '', '', '', 'Maybe', ''],
    ]);
    const upload = await uploadFile(api, token, 'preview.csv', file);
    expect(upload.status).toBe(201);
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, errors: errorLines(job) }).toEqual({
      status: 'VALIDATED',
      errors: ['6/Status: Status must be "Active", "Inactive", or empty'],
    });
    expect(await preview(job.id)).toEqual({
      status: 'VALIDATED',
      preview: { creates: 1, updates: 3, unchanged: 1, fields: [{ field: 'Alias', count: 1 }, { field: 'Status', count: 2 }] },
    });
    // The job's row keeps one entry a field, whatever the row count.
    const [{ stored }] = await api.db.query(`SELECT preview_fields AS stored FROM bulk_jobs WHERE id = $1`, [job.id]);
    expect(stored).toEqual([{ field: 'Alias', count: 1 }, { field: 'Status', count: 2 }]);
  });

  it('counts a replaced file afresh: the old file\'s fields go', async () => {
    const { api, tenant, token } = setup;
    const d = tenant.slug;
    for (const name of ['eve', 'fay']) await addUser(api.db, tenant, `${name}@${d}.test`, ['AGENT']);
    const first = await uploadFile(api, token, 'first.csv', csv([HEADER, [`eve@${d}.test`, '', '', 'Evie', 'Inactive', ''], [`fay@${d}.test`, '', '', '', 'Inactive', '']]));
    expect((await waitForJob(api, token, first.body.id, SETTLED)).status).toBe('VALIDATED');
    expect(await preview(first.body.id)).toMatchObject({ preview: { updates: 2, fields: [{ field: 'Alias', count: 1 }, { field: 'Status', count: 2 }] } });

    // Status now comes first in the file, and Alias changes in no row.
    const header = ['Email', 'Status', 'Last name', 'Alias'];
    const second = await uploadFile(api, token, 'second.csv', csv([header, [`eve@${d}.test`, 'Inactive', 'Stone', ''], [`fay@${d}.test`, '', 'Stone', '']]), { id: first.body.id }, 'PUT');
    expect(second.status).toBe(200);
    expect((await waitForJob(api, token, first.body.id, SETTLED)).status).toBe('VALIDATED');
    expect(await preview(first.body.id)).toEqual({
      status: 'VALIDATED',
      preview: { creates: 0, updates: 2, unchanged: 0, fields: [{ field: 'Status', count: 1 }, { field: 'Last name', count: 2 }] },
    });

    // A file that only creates changes no field.
    const third = await uploadFile(api, token, 'third.csv', csv([HEADER, [`gil@${d}.test`, 'Gil', 'Moss', '', '', '1']]), { id: first.body.id }, 'PUT');
    expect(third.status).toBe(200);
    expect((await waitForJob(api, token, first.body.id, SETTLED)).status).toBe('VALIDATED');
    expect(await preview(first.body.id)).toEqual({ status: 'VALIDATED', preview: { creates: 1, updates: 0, unchanged: 0, fields: [] } });
  });
});
