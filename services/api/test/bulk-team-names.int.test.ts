import { addUser } from './support/test-api';
import { bulkGet, csv, errorLines, SETTLED, startBulkWorkers, uploadFile, useBulkTestApi, waitForJob } from './support/bulk-test';

// Team columns when team names repeat across branches: the template and export name such a team by its path, and
// uploads put users in exactly that team, through the real endpoints and the worker's real Workers.
describe('bulk team columns', () => {
  const setup = useBulkTestApi('bulkteams');
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const { api, token } = setup;
    const create = async (key: string, name: string, parentId?: string) => {
      const created = await api.graphql(`mutation($input: CreateTeamInput!) { createTeam(input: $input) { id } }`, { token, variables: { input: { name, parentId } } });
      if (!created.data?.createTeam) throw new Error(JSON.stringify(created.errors));
      ids[key] = created.data.createTeam.id;
    };
    // Sales' "Tier 1" is the older one: before, a "Tier 1" column meant it.
    await create('sales', 'Sales');
    await create('salesTier1', 'Tier 1', ids.sales);
    await create('support', 'Support');
    await create('supportTier1', 'Tier 1', ids.support);
    await create('billing', 'Billing');
  });

  const teamsOf = async (email: string): Promise<string[]> => {
    const rows: { teamId: string }[] = await setup.api.db.query(
      `SELECT m.team_id AS "teamId" FROM team_memberships m JOIN users u ON u.id = m.user_id WHERE u.tenant_id = $1 AND u.email = $2`,
      [setup.tenant.tenantId, email],
    );
    return rows.map((r) => r.teamId);
  };

  it('names a team whose name others share by its path in the template, and a team with its own name by its name', async () => {
    const { api, token } = setup;
    const template = await (await bulkGet(api, token, '/template?format=csv')).text();
    const headers = template.replace(/^\uFEFF/, '').split(/\r?\n/)[0].split(',');
    expect(headers.filter((h) => h.startsWith('Team: '))).toEqual(['Team: Billing', 'Team: Sales', 'Team: Sales / Tier 1', 'Team: Support', 'Team: Support / Tier 1']);
  });

  it('puts a user in the team its path names, and their export uploads back unchanged', async () => {
    const { api, tenant, token } = setup;
    const email = `kim@${tenant.slug}.test`;
    await addUser(api.db, tenant, email, ['AGENT']);
    const upload = await uploadFile(api, token, 'path.csv', csv([['Email', 'Team: Support / Tier 1'], [email, '1']]), { autoProceed: 'true' });
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, errors: errorLines(job) }).toEqual({ status: 'COMPLETED', errors: [] });
    expect(await teamsOf(email)).toEqual([ids.supportTier1]);

    const exported = (await (await bulkGet(api, token, '/export?format=csv')).text()).replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = exported[0].split(',');
    const row = exported.find((line) => line.startsWith(`${email},`))!;
    const cells = row.split(',');
    expect({ sales: cells[header.indexOf('Team: Sales / Tier 1')], support: cells[header.indexOf('Team: Support / Tier 1')] }).toEqual({ sales: '0', support: '1' });
    const back = await uploadFile(api, token, 'export.csv', `${exported[0]}\r\n${row}\r\n`);
    const validated = await waitForJob(api, token, back.body.id, SETTLED);
    expect({ status: validated.status, errors: errorLines(validated), preview: validated.preview }).toEqual({
      status: 'VALIDATED',
      errors: [],
      preview: { creates: 0, updates: 0, unchanged: 1 },
    });
  });

  it('refuses a column naming a team name two teams share as a scheme error giving the path form', async () => {
    const { api, tenant, token } = setup;
    const upload = await uploadFile(api, token, 'shared.csv', csv([['Email', 'Team: Tier 1'], [`lee@${tenant.slug}.test`, '1']]));
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    expect({ status: job.status, errors: job.errors.edges.map(({ node }: any) => [node.row, node.column, node.message]) }).toEqual({
      status: 'SCHEME_INVALID',
      errors: [[0, 2, 'Team "Tier 1" is the name of 2 teams: name the column by the team\'s path, such as "Team: Sales / Tier 1"']],
    });
  });

  /** Uploads a JSON file and waits for its validation; returns its status and error log as [row, column, message]. */
  const validateJson = async (name: string, objects: object[]) => {
    const { api, token } = setup;
    const upload = await uploadFile(api, token, name, JSON.stringify(objects));
    const job = await waitForJob(api, token, upload.body.id, SETTLED);
    return { status: job.status, errors: job.errors.edges.map(({ node }: any) => [node.row, node.column, node.message]) };
  };

  it('refuses a Team column that a later JSON object brings, naming a team name two teams share, as a scheme error', async () => {
    const d = setup.tenant.slug;
    const objects = [{ email: `amy@${d}.test`, first_name: 'Amy' }, { email: `bo@${d}.test`, teams: [{ name: 'Tier 1', value: 1 }] }];
    expect(await validateJson('late-team.json', objects)).toEqual({
      status: 'SCHEME_INVALID',
      errors: [[0, 3, 'Team "Tier 1" is the name of 2 teams: name the column by the team\'s path, such as "Team: Sales / Tier 1"']],
    });
  });

  describe('with one row a batch', () => {
    const restartWorkers = async (batchSize: number) => {
      await setup.workers.stop();
      setup.workers = await startBulkWorkers(setup.api, { ...setup.api.config, bulkBatchSize: batchSize });
    };
    beforeAll(() => restartWorkers(1));
    afterAll(() => restartWorkers(setup.api.config.bulkBatchSize));

    it('refuses a Team column of a later batch naming the same team as a column of an earlier one', async () => {
      const d = setup.tenant.slug;
      // The two headers differ (spaces around "/"), but a path ignores those spaces: both are Sales' Tier 1.
      const objects = [
        { email: `cy@${d}.test`, teams: [{ name: 'Sales / Tier 1', value: 1 }] },
        { email: `di@${d}.test`, teams: [{ name: 'sales/tier 1', value: 1 }] },
      ];
      expect(await validateJson('late-same-team.json', objects)).toEqual({
        status: 'SCHEME_INVALID',
        errors: [[0, 3, 'The columns "Team: Sales / Tier 1" and "Team: sales/tier 1" are the same team ("Sales / Tier 1")']],
      });
    });
  });
});
