import { request, type IncomingHttpHeaders } from 'node:http';
import { readdirSync } from 'node:fs';
import { addUser, createTestTenant, signIn, type TestTenant } from './support/test-api';
import { bulkGet, csv, origin, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// The bulk HTTP API as a client sees it on the wire: bodies cut short or refused, JSON errors, long error logs.
describe('bulk HTTP API', () => {
  const setup = useBulkTestApi('bulkhttp');
  const BOUNDARY = 'sb-test-boundary';
  const filePart = (field: string, filename: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\nEmail,First name,Last name\r\n`;

  const uploads = () => new Set(readdirSync(setup.api.config.bulkUploadDir));
  const added = (before: Set<string>) => [...uploads()].filter((name) => !before.has(name));

  /** A raw upload: `chunks` are written one by one; `end` ends the body (chunked) or, if false, it stays open. */
  function rawUpload(token: string, chunks: string[], options: { end: boolean; method?: string; contentType?: string }) {
    const req = request(`${origin(setup.api)}/api/v1/bulk/users/upload`, {
      method: options.method ?? 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': options.contentType ?? `multipart/form-data; boundary=${BOUNDARY}` },
    });
    const response = new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      });
      req.on('error', reject);
    });
    for (const chunk of chunks) req.write(chunk);
    if (options.end) req.end();
    return { req, response };
  }

  /** Polls until `check` passes (or throws its last failure after `ms`). */
  async function eventually(check: () => void, ms = 5000) {
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        return check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  const stillServes = async () => expect((await bulkGet(setup.api, setup.token, '/jobs')).status).toBe(200);

  it('answers a multipart body that ends without its closing boundary with 400 JSON, stays up and keeps no file', async () => {
    const { token } = setup;
    // Cut short inside the file, inside a file part it ignores, and after a part with a refused file name.
    const bodies = [
      [filePart('file', 'cut.csv'), 'cut@example.test,Cut,Short\r\n'.repeat(2000)],
      [filePart('other', 'other.csv'), 'x@example.test,X,Y\r\n'],
      [`${filePart('file', 'users.txt')}a,b,c\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="second.csv"\r\n\r\nEmail\r\n`],
    ];
    for (const body of bodies) {
      const before = uploads();
      const { status, headers, body: answer } = await rawUpload(token, body, { end: true }).response;
      expect({ status, type: headers['content-type'] }).toEqual({ status: 400, type: expect.stringContaining('application/json') });
      expect(JSON.parse(answer)).toEqual({ error: { code: 'BAD_USER_INPUT', field: 'file', message: expect.any(String) } });
      await stillServes();
      expect(added(before)).toEqual([]);
    }
  });

  it('removes the partial file of an upload whose client goes away mid-body', async () => {
    const before = uploads();
    const { req, response } = rawUpload(setup.token, [filePart('file', 'gone.csv'), 'gone@example.test,Gone,Away\r\n'.repeat(5000)], { end: false });
    response.catch(() => undefined);
    await eventually(() => expect(added(before)).toHaveLength(1));
    req.destroy();
    await eventually(() => expect(added(before)).toEqual([]));
    await stillServes();
  });

  it('refuses the user list to a caller who may not view users, or may view them but not bulk, with a JSON answer, not a cut download', async () => {
    const { api, tenant, token } = setup;
    await addUser(api.db, tenant, `viewless@${tenant.slug}.test`, ['AGENT']);
    const agent = await signIn(api, tenant.slug, `viewless@${tenant.slug}.test`);
    const role = await api.graphql<{ createRole: { id: string } }>(`mutation($input: RoleInput!) { createRole(input: $input) { id } }`, {
      token,
      variables: { input: { name: 'Viewer only', label: 'Viewer', color: '#445566', permissions: [{ permission: 'users.view', access: 'EDIT', scope: 'ALL' }] } },
    });
    expect(role.errors).toBeUndefined();
    const viewerUser = await addUser(api.db, tenant, `viewer@${tenant.slug}.test`, []);
    await api.db.query(`INSERT INTO user_roles (user_id, role_id, tenant_id) VALUES ($1, $2, $3)`, [viewerUser.id, role.data!.createRole.id, tenant.tenantId]);
    const viewer = await signIn(api, tenant.slug, `viewer@${tenant.slug}.test`);
    for (const [caller, missing] of [
      [agent, 'View Users'],
      [viewer, 'Bulk'],
    ]) {
      for (const format of ['csv', 'xlsx']) {
        const response = await bulkGet(api, caller, `/export?format=${format}`);
        expect({ format, status: response.status, body: await response.json() }).toEqual({
          format,
          status: 403,
          body: { error: { code: 'FORBIDDEN', field: null, message: expect.stringContaining(missing) } },
        });
      }
    }
  });

  it('refuses an upload from a caller without the bulk permission before reading the body, storing nothing', async () => {
    const { api, tenant } = setup;
    await addUser(api.db, tenant, `agent@${tenant.slug}.test`, ['AGENT']);
    const agent = await signIn(api, tenant.slug, `agent@${tenant.slug}.test`);
    const jobs = async () => (await api.db.query(`SELECT count(*)::int AS n FROM bulk_jobs WHERE tenant_id = $1`, [tenant.tenantId]))[0].n;
    const jobsBefore = await jobs();
    for (const method of ['POST', 'PUT']) {
      const before = uploads();
      // The body stays open: the answer must come without it, and nothing of it may reach the folder.
      const { req, response } = rawUpload(agent, [filePart('file', 'agent.csv'), 'a@example.test,A,B\r\n'.repeat(2000)], { end: false, method });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer before the body ended')), 5000)));
      const { status, body } = await Promise.race([response, timeout]).finally(() => clearTimeout(timer));
      expect({ method, status, body: JSON.parse(body) }).toEqual({ method, status: 403, body: { error: { code: 'FORBIDDEN', field: null, message: expect.any(String) } } });
      expect(added(before)).toEqual([]);
      req.destroy();
    }
    const posted = await uploadFile(api, agent, 'agent.csv', csv([['Email'], [`x@${tenant.slug}.test`]]));
    expect(posted.status).toBe(403);
    expect(await jobs()).toBe(jobsBefore);
  });

  it('answers a body that cannot be read with 400 JSON: malformed or oversized JSON, a multipart type without a boundary', async () => {
    const { api, token } = setup;
    const post = (path: string, contentType: string, body: string) =>
      fetch(`${origin(api)}/api/v1/bulk/users${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body });
    const cases: [string, Response][] = [
      ['malformed', await post('/proceed', 'application/json', '{"id": "x",')],
      ['too large', await post('/cancel', 'application/json', JSON.stringify({ id: 'x'.repeat(20_000) }))],
      ['no boundary', await post('/upload', 'multipart/form-data', 'whatever')],
    ];
    for (const [name, response] of cases) {
      const text = await response.text();
      expect({ name, status: response.status, type: response.headers.get('content-type') }).toEqual({ name, status: 400, type: expect.stringContaining('application/json') });
      expect(JSON.parse(text)).toEqual({ error: { code: 'BAD_USER_INPUT', field: expect.any(String), message: expect.any(String) } });
      expect(text).not.toMatch(/SyntaxError|at \S+ \(/);
    }
  });

  it('downloads a long error log whole and in file order, as CSV and as the streamed JSON update errors, in a few queries', async () => {
    const { api, tenant, token } = setup;
    const rows = Array.from({ length: 3000 }, (_, i) => [`bad${i}@${tenant.slug}.test`, 'Bad', 'Status', 'Maybe']);
    const upload = await uploadFile(api, token, 'statuses.csv', csv([['Email', 'First name', 'Last name', 'Status'], ...rows]));
    const job = await waitForJob(api, token, upload.body.id, ['VALIDATED', 'SCHEME_INVALID', 'FAILED'], 60_000);
    expect({ status: job.status, failedRows: job.failedRows }).toEqual({ status: 'VALIDATED', failedRows: 3000 });
    const message = 'Status must be "Active", "Inactive", or empty';

    api.queries.count = 0;
    const log = await bulkGet(api, token, `/jobs/${job.id}/errors.csv`);
    const lines = (await log.text()).split('\r\n');
    // Authentication, the access check and a read per 1,000 errors: no page counts, no re-checks per page.
    expect(api.queries.count).toBeLessThanOrEqual(12);
    expect(lines.pop()).toBe('');
    expect(lines.length).toBe(3001);
    expect(lines[0]).toBe('Error,Column,Row,Column name,Severity');
    expect(lines[1]).toBe(`"${message.replace(/"/g, '""')}",4,1,Status,ERROR`);
    expect(lines[3000]).toBe(`"${message.replace(/"/g, '""')}",4,3000,Status,ERROR`);
    expect(lines.slice(1).map((line) => Number(line.split(',').at(-3)))).toEqual(rows.map((_, i) => i + 1));

    api.queries.count = 0;
    const response = await bulkGet(api, token, `/errors/update/${job.id}`);
    expect(response.headers.get('content-type')).toContain('application/json');
    // Written as it is read, not built whole first.
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    const updates = (await response.json()) as { message: string; column: number; row: number; error_type: string }[];
    expect(api.queries.count).toBeLessThanOrEqual(12);
    expect(updates.length).toBe(3000);
    expect(updates[0]).toEqual({ message, column: 4, row: 1, error_type: 'error' });
    expect(updates[2999]).toEqual({ message, column: 4, row: 3000, error_type: 'error' });
    expect(updates.map((e) => e.row)).toEqual(rows.map((_, i) => i + 1));
    // The same objects, in the same order, as the job's own first page of errors.
    const view = (await (await bulkGet(api, token, `/jobs/${job.id}`)).json()) as { update_errors: unknown[]; scheme_errors: unknown[] };
    expect(updates.slice(0, 200)).toEqual(view.update_errors);
    expect(view.scheme_errors).toEqual([]);

    const scheme = await bulkGet(api, token, `/errors/scheme/${job.id}`);
    expect({ status: scheme.status, text: await scheme.text() }).toEqual({ status: 200, text: '[]' });
  });

  describe('an export whose client goes away after its first bytes', () => {
    // The export reads 2,000 users a query: this many make a download of many reads.
    const USERS = 30_000;
    let tenant: TestTenant;
    let token: string;
    beforeAll(async () => {
      // A tenant of its own, so that the other tests' users lists stay short.
      tenant = await createTestTenant(setup.api.db, 'bulkgone');
      token = await signIn(setup.api, tenant.slug, tenant.adminEmail);
      await setup.api.db.query(
        `INSERT INTO users (tenant_id, email, email_key, first_name, last_name, alias, extension, version)
         SELECT $1, 'user' || i || '@' || $2, 'user' || i || '@' || $2, 'User', 'No ' || i, 'user' || i, 10000 + i, 1
           FROM generate_series(1, $3::int) AS i`,
        [tenant.tenantId, `${tenant.slug}.test`, USERS],
      );
    });

    /** Counts the chunks the api's export reads and notes when its reading ends (the generator's finally). */
    function watchExportReading() {
      const service = setup.api.server.services.bulkExport;
      const rows = service.rows;
      const reading = { chunks: 0, ended: false, restore: () => void (service.rows = rows) };
      service.rows = async function* (actor) {
        try {
          for await (const chunk of rows.call(service, actor)) {
            reading.chunks++;
            yield chunk;
          }
        } finally {
          reading.ended = true;
        }
      };
      return reading;
    }

    /** Starts an export and destroys the socket as soon as its first body bytes arrive; resolves then, with the status. */
    function abortAfterFirstChunk(format: string) {
      return new Promise<number>((resolve, reject) => {
        const req = request(`${origin(setup.api)}/api/v1/bulk/users/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
        req.on('response', (res) =>
          res.once('data', () => {
            req.destroy();
            resolve(res.statusCode ?? 0);
          }),
        );
        req.on('error', reject);
        req.end();
      });
    }

    it.each(['csv', 'xlsx'])('stops reading users and stays up when the client leaves a %s export', async (format) => {
      const reading = watchExportReading();
      try {
        expect(await abortAfterFirstChunk(format)).toBe(200);
        // Left hanging, the export would keep its reading open for ever, or read every user for nobody.
        await eventually(() => expect(reading.ended).toBe(true));
        expect(reading.chunks).toBeLessThan(USERS / 2000 / 2);
      } finally {
        reading.restore();
      }
      await stillServes();
      const whole = await bulkGet(setup.api, token, `/export?format=csv`);
      expect((await whole.text()).split('\r\n').length).toBe(USERS + 3);
    });
  });
});
