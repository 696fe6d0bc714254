import { createDataSource, enqueueEmail, loadConfig, OutboundEmail } from '@switchboard/domain';
import type { DataSource } from 'typeorm';
import { createTestTenant } from '../../api/test/support/test-api';
import { emailProcessor } from '../src/processors/email.processor';

// The processor against the real outbox table, as the BullMQ worker calls it.
describe('email processor', () => {
  let db: DataSource;
  let tenantId: string;

  beforeAll(async () => {
    db = createDataSource({ databaseUrl: loadConfig().databaseUrl, poolSize: 2 });
    await db.initialize();
    tenantId = (await createTestTenant(db, 'mail')).tenantId;
  });
  afterAll(() => db.destroy());

  const newEmail = () =>
    db.transaction((tx) => enqueueEmail(tx, { tenantId, kind: 'invitation', toAddress: 'ada@example.com', subject: 'Welcome', bodyText: 'Hi' }));
  const sendJob = (emailId: string) => ({ name: 'send', data: { emailId } }) as never;

  it('sends an email once, however often its job runs', async () => {
    const sent: string[] = [];
    const process = emailProcessor(db, async (email) => void sent.push(email.id), async () => {});
    const email = await newEmail();
    expect(await process(sendJob(email.id))).toBe('sent');
    expect(await process(sendJob(email.id))).toBe('already-sent');
    expect(sent).toEqual([email.id]);
    expect((await db.getRepository(OutboundEmail).findOneByOrFail({ id: email.id })).sentAt).not.toBeNull();
  });

  it('records a failed delivery on the email and fails the job so it is retried', async () => {
    const process = emailProcessor(db, async () => { throw new Error('SMTP said 451 try later'); }, async () => {});
    const email = await newEmail();
    await expect(process(sendJob(email.id))).rejects.toThrow('451');
    const row = await db.getRepository(OutboundEmail).findOneByOrFail({ id: email.id });
    expect(row).toMatchObject({ attempts: 1, sentAt: null, lastError: expect.stringContaining('451') });
  });

  it('re-queues unsent emails on the periodic sweep, oldest first', async () => {
    const email = await newEmail();
    // Other test files leave unsent emails in the shared database; this one is older than all of them.
    await db.getRepository(OutboundEmail).update({ id: email.id }, { createdAt: new Date('2000-01-01T00:00:00Z') });
    const queued: string[] = [];
    const process = emailProcessor(db, async () => {}, async (id) => void queued.push(id));
    await process({ name: 'sweep', data: {} } as never);
    expect(queued).toContain(email.id);
  });
});
