import type { AddressInfo } from 'node:net';
import { createDataSource, createLogger, enqueueEmail, enqueueEmails, loadConfig, OutboundEmail } from '@switchboard/domain';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { createTestTenant } from '../../api/test/support/test-api';
import { emailProcessor, emailSender, SMTP_CONNECTIONS } from '../src/processors/email.processor';

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
  const sendJob = (emailIds: string[]) => ({ name: 'send', data: { emailIds } }) as never;
  const noQueue = { dispatch: async () => {} };
  const rowOf = (id: string) => db.getRepository(OutboundEmail).findOneByOrFail({ id });

  it('sends each email of a job once, however often the job runs', async () => {
    const sent: string[] = [];
    const process = emailProcessor(db, async (email) => void sent.push(email.id), noQueue);
    const emails = [await newEmail(), await newEmail(), await newEmail()].map((e) => e.id);
    expect(await process(sendJob(emails))).toEqual(emails);
    expect(await process(sendJob(emails))).toEqual([]);
    expect(sent).toEqual(emails);
    for (const id of emails) expect(await rowOf(id)).toMatchObject({ attempts: 1, sentAt: expect.any(Date), lastError: null });
  });

  it('records a failed delivery on its email, still sends the others, and fails the job so it is retried', async () => {
    const [failing, fine] = [await newEmail(), await newEmail()];
    const process = emailProcessor(
      db,
      async (email) => {
        if (email.id === failing.id) throw new Error('SMTP said 451 try later');
      },
      noQueue,
    );
    await expect(process(sendJob([failing.id, fine.id]))).rejects.toThrow('1 of 2 emails could not be sent (retried later): Error: SMTP said 451 try later');
    expect(await rowOf(failing.id)).toMatchObject({ attempts: 1, sentAt: null, lastError: expect.stringContaining('451') });
    expect(await rowOf(fine.id)).toMatchObject({ attempts: 1, sentAt: expect.any(Date) });

    // The retry sends only what is still unsent.
    const retried: string[] = [];
    await emailProcessor(db, async (email) => void retried.push(email.id), noQueue)(sendJob([failing.id, fine.id]));
    expect(retried).toEqual([failing.id]);
    expect(await rowOf(failing.id)).toMatchObject({ attempts: 2, sentAt: expect.any(Date), lastError: null });
  });

  it('skips an email another worker is delivering right now', async () => {
    const email = await newEmail();
    const sent: string[] = [];
    await db.transaction(async (tx) => {
      await tx.query(`SELECT 1 FROM email_outbox WHERE id = $1 FOR UPDATE`, [email.id]);
      expect(await emailProcessor(db, async (e) => void sent.push(e.id), noQueue)(sendJob([email.id]))).toEqual([]);
    });
    expect(sent).toEqual([]);
  });

  it('re-queues unsent emails on the periodic sweep, oldest first', async () => {
    const email = await newEmail();
    // Other test files leave unsent emails in the shared database; this one is older than all of them.
    await db.getRepository(OutboundEmail).update({ id: email.id }, { createdAt: new Date('2000-01-01T00:00:00Z') });
    const queued: string[] = [];
    const process = emailProcessor(db, async () => {}, { dispatch: async (ids) => void queued.push(...ids) });
    await process({ name: 'sweep', data: {} } as never);
    expect(queued[0]).toBe(email.id);
  });

  it('delivers over SMTP, a whole chunk through a few reused connections, and records a recipient the server refuses', async () => {
    const received: { to: string; message: string }[] = [];
    let connections = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => (connections++, callback()),
      onRcptTo: (address, _session, callback) => callback(address.address === 'nobody@example.com' ? new Error('No such mailbox') : undefined),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: (session.envelope.rcptTo[0] as { address: string }).address, message: Buffer.concat(chunks).toString() });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    const sender = emailSender(`smtp://127.0.0.1:${port}`, 'switchboard@example.com', createLogger('test', 'silent'));
    try {
      const addresses = Array.from({ length: 40 }, (_, i) => `agent${i}@example.com`);
      const ids = await db.transaction((tx) =>
        enqueueEmails(tx, [...addresses, 'nobody@example.com'].map((toAddress) => ({ tenantId, kind: 'invitation', toAddress, subject: 'Welcome to Acme', bodyText: 'Set your password' }))),
      );
      const refused = ids.at(-1)!;
      await expect(emailProcessor(db, sender.send, noQueue)(sendJob(ids))).rejects.toThrow('1 of 41 emails could not be sent');

      expect(received.map((r) => r.to).sort()).toEqual([...addresses].sort());
      expect(received[0].message).toContain('Subject: Welcome to Acme');
      expect(received[0].message).toContain('From: switchboard@example.com');
      expect(connections).toBeLessThanOrEqual(SMTP_CONNECTIONS);
      expect(await rowOf(ids[0])).toMatchObject({ attempts: 1, sentAt: expect.any(Date), lastError: null });
      expect(await rowOf(refused)).toMatchObject({ attempts: 1, sentAt: null, lastError: expect.stringContaining('No such mailbox') });
    } finally {
      sender.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
