import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { requirePermission } from '../access/actor';
import { recordAudit } from '../audit/audit.service';
import type { EventBus } from '../events/event-bus';
import type { BulkJobDispatcher } from '../jobs/bulk-queue';
import { badInput, notFound } from '../errors/app-error';
import { isUuid } from '../shared/ids';
import { decodeCursor, encodeCursor, pageSize, type Page, type PageRequest } from '../shared/pagination';
import { BulkJobError } from './bulk-job-error.entity';
import { BULK_JOB_STATUSES, BulkJob, type BulkFileFormat, type BulkJobStatus } from './bulk-job.entity';
import { assertCancellable, assertProceedable, assertReplaceable, awaitsValidation, visibleJobs } from './bulk-job.rules';
import { removeUpload } from './bulk-processing.service';

/** A stored upload, before its job exists. */
export interface NewBulkUpload {
  filename: string;
  format: BulkFileFormat;
  storagePath: string;
  autoProceed: boolean;
}

/** Which jobs bulkJobs lists. */
export interface BulkJobFilter {
  from?: Date | null;
  to?: Date | null;
  status?: BulkJobStatus | null;
}

/** What a job records of its (current) file and of who uploaded it. */
function uploadFields(actor: Actor, upload: NewBulkUpload) {
  return {
    uploadedByUserId: actor.userId,
    uploadedByCredentialId: actor.credentialId,
    filename: upload.filename.slice(0, 255),
    format: upload.format,
    storagePath: upload.storagePath,
    autoProceed: upload.autoProceed,
  };
}

/** A part of a job's error log: the scheme errors (the file's own, row 0), the others (rows' errors, warnings), or all. */
export type BulkErrorLogPart = 'scheme' | 'update' | 'all';

/** Which errors are scheme errors, in SQL over the alias `e` (isSchemeError says the same of one error). */
const SCHEME_ERROR = `e.row = 0 AND e.severity = 'ERROR'`;
/** Errors per read of a downloaded error log. */
const ERROR_LOG_CHUNK = 1000;

/** Who uploaded and who asked to process a job, by name, for the seed's JSON API. */
export interface BulkJobPeople {
  uploadedUserName: string | null;
  uploadedApiUserName: string | null;
  proceedUserName: string | null;
  proceedApiUserName: string | null;
}

/** Bulk user jobs as the api sees them: upload, proceed, cancel, read; users.bulk guards them all, its scope limits which. */
export class BulkJobsService {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
    private readonly dispatcher: BulkJobDispatcher,
  ) {}

  /** FORBIDDEN unless the actor may upload (or replace) files: the api asks before receiving one, so a refused caller has nothing stored. */
  assertMayUpload(actor: Actor): void {
    requirePermission(actor, 'users.bulk', 'EDIT');
  }

  /** Records an upload and queues its validation. */
  async upload(actor: Actor, upload: NewBulkUpload): Promise<BulkJob> {
    this.assertMayUpload(actor);
    const job = await this.db.transaction(async (tx) => {
      const job = await tx.getRepository(BulkJob).save(
        tx.getRepository(BulkJob).create({ tenantId: actor.tenantId, ...uploadFields(actor, upload) }),
      );
      await recordAudit(tx, actor, { action: 'bulk.upload', targetType: 'bulk_job', targetId: job.id, after: { filename: job.filename }, bulkJobId: job.id });
      return job;
    });
    await this.dispatcher.validate(job.id, job.storagePath);
    return job;
  }

  /**
   * Puts a new file in a job before it is processed (the seed API's PUT upload): the old file, its
   * errors and its preview go, and the new one is validated as if just uploaded, with the
   * permissions of whoever replaced it.
   */
  async replaceFile(actor: Actor, id: string, upload: NewBulkUpload): Promise<BulkJob> {
    this.assertMayUpload(actor);
    await this.get(actor, id);
    const { job, oldPath } = await this.db.transaction(async (tx) => {
      const job = await tx.getRepository(BulkJob).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      assertReplaceable(job);
      const before = { filename: job.filename };
      const oldPath = job.storagePath;
      Object.assign(job, uploadFields(actor, upload), {
        status: 'CREATED',
        totalRows: 0,
        validRows: 0,
        failedRows: 0,
        previewCreates: 0,
        previewUpdates: 0,
        previewUnchanged: 0,
        previewFields: [],
        processedRows: 0,
        validatedAt: null,
        // A proceed asked for the old file (uploadFields reset autoProceed) does not carry over.
        ignoreErrors: false,
        processRequestedAt: null,
      });
      await tx.delete(BulkJobError, { jobId: id });
      await tx.getRepository(BulkJob).save(job);
      await recordAudit(tx, actor, { action: 'bulk.replace', targetType: 'bulk_job', targetId: id, before, after: { filename: job.filename }, bulkJobId: id });
      return { job, oldPath };
    });
    await removeUpload(oldPath);
    await this.dispatcher.validate(id, job.storagePath);
    await this.events.publish('bulk.progress', { tenantId: actor.tenantId, jobId: id });
    return job;
  }

  /** One job of the actor's tenant that they may see (visibleJobs); NOT_FOUND otherwise. */
  async get(actor: Actor, id: string): Promise<BulkJob> {
    const visible = visibleJobs(actor, requirePermission(actor, 'users.bulk', 'VIEW'));
    const job = isUuid(id) ? await this.db.getRepository(BulkJob).findOneBy({ id, tenantId: actor.tenantId, ...visible }) : null;
    if (!job) throw notFound('Bulk job');
    return job;
  }

  /** The tenant's jobs the actor may see, newest first, as a cursor page. */
  async list(actor: Actor, filter: BulkJobFilter, page: PageRequest): Promise<Page<BulkJob>> {
    const visible = visibleJobs(actor, requirePermission(actor, 'users.bulk', 'VIEW'));
    if (filter.status && !BULK_JOB_STATUSES.includes(filter.status)) throw badInput('status', 'Unknown status');
    const size = pageSize(page.first);
    const query = this.db
      .getRepository(BulkJob)
      .createQueryBuilder('job')
      .where({ tenantId: actor.tenantId, ...visible })
      .orderBy('job.createdAt', 'DESC')
      .addOrderBy('job.id', 'DESC');
    if (filter.from) query.andWhere('job.createdAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('job.createdAt < :to', { to: filter.to });
    if (filter.status) query.andWhere('job.status = :status', { status: filter.status });
    const totalCount = await query.getCount();
    if (page.after) {
      const [createdAt, id] = decodeCursor(page.after, 2) as [string, string];
      query.andWhere('(job.createdAt, job.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query.take(size + 1).getMany();
    const nodes = rows.slice(0, size);
    const last = nodes[nodes.length - 1];
    return { nodes, totalCount, hasNextPage: rows.length > size, endCursor: last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
  }

  /** The seed API's numbered pages (page from 1) of the jobs the actor may see, newest first, with the total. */
  async listPage(actor: Actor, page: number, perPage: number): Promise<{ jobs: BulkJob[]; total: number }> {
    const visible = visibleJobs(actor, requirePermission(actor, 'users.bulk', 'VIEW'));
    if (!Number.isInteger(page) || page < 1) throw badInput('page', 'page must be 1 or more');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 200) throw badInput('per_page', 'per_page must be between 1 and 200');
    const [jobs, total] = await this.db.getRepository(BulkJob).findAndCount({
      where: { tenantId: actor.tenantId, ...visible },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * perPage,
      take: perPage,
    });
    return { jobs, total };
  }

  /** A job's error log in file order (row 0, the file itself, first), as a cursor page. */
  async errors(actor: Actor, jobId: string, page: PageRequest, scheme?: boolean): Promise<Page<BulkJobError>> {
    await this.get(actor, jobId);
    const size = pageSize(page.first);
    const after = page.after ? (decodeCursor(page.after, 1)[0] as string) : '0';
    const where = scheme === undefined ? '' : scheme ? `AND ${SCHEME_ERROR}` : `AND NOT (${SCHEME_ERROR})`;
    const [{ count }]: { count: number }[] = await this.db.query(`SELECT count(*)::int AS count FROM bulk_job_errors e WHERE e.job_id = $1 ${where}`, [jobId]);
    const rows = await this.db
      .getRepository(BulkJobError)
      .createQueryBuilder('e')
      .where(`e.jobId = :jobId AND e.id > :after ${where}`, { jobId, after })
      .orderBy('e.id')
      .take(size + 1)
      .getMany();
    const nodes = rows.slice(0, size);
    const last = nodes[nodes.length - 1];
    return { nodes, totalCount: count, hasNextPage: rows.length > size, endCursor: last ? encodeCursor([last.id]) : null };
  }

  /**
   * A job's whole error log for a download, in file order (row, then as logged; the scheme
   * errors, or the others, when `part` says so). Access is checked once, here, before the first
   * chunk; the chunks are then read by keyset on (row, id), which the (job_id, row) index serves,
   * without counts, so each read and the memory stay flat however long the log is.
   */
  async errorLog(actor: Actor, jobId: string, part: BulkErrorLogPart = 'all'): Promise<{ job: BulkJob; chunks: AsyncGenerator<BulkJobError[]> }> {
    const job = await this.get(actor, jobId);
    return { job, chunks: this.errorLogChunks(job.id, part) };
  }

  private async *errorLogChunks(jobId: string, part: BulkErrorLogPart): AsyncGenerator<BulkJobError[]> {
    let after: BulkJobError | null = null;
    for (;;) {
      const query = this.db.getRepository(BulkJobError).createQueryBuilder('e').where('e.jobId = :jobId', { jobId });
      if (part !== 'all') query.andWhere(part === 'scheme' ? SCHEME_ERROR : `NOT (${SCHEME_ERROR})`);
      if (after) query.andWhere('(e.row, e.id) > (:row, :id)', { row: after.row, id: after.id });
      const rows: BulkJobError[] = await query.orderBy('e.row').addOrderBy('e.id').limit(ERROR_LOG_CHUNK).getMany();
      if (rows.length > 0) yield rows;
      if (rows.length < ERROR_LOG_CHUNK) return;
      after = rows[rows.length - 1];
    }
  }

  /**
   * Starts applying a validated job (its valid rows only, when `ignoreErrors`). Asked before
   * validation has ended, it is recorded as the autoProceed upload option is, and the job starts
   * applying as it validates if proceedsWhenValidated says so.
   */
  async proceed(actor: Actor, id: string, ignoreErrors: boolean): Promise<BulkJob> {
    requirePermission(actor, 'users.bulk', 'EDIT');
    await this.get(actor, id);
    // The row lock orders this against validation's end, which reads autoProceed under the same lock.
    const job = await this.db.transaction(async (tx) => {
      const job = await tx.getRepository(BulkJob).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      // Kept as a request: processRequestedAt is set if and when validation lets the job proceed.
      if (awaitsValidation(job)) Object.assign(job, { autoProceed: true, ignoreErrors });
      else {
        assertProceedable(job, ignoreErrors);
        Object.assign(job, { status: 'PROCESSING', ignoreErrors, processRequestedAt: new Date(), processedRows: 0 });
      }
      await tx.getRepository(BulkJob).save(job);
      await recordAudit(tx, actor, { action: 'bulk.proceed', targetType: 'bulk_job', targetId: id, after: { ignoreErrors }, bulkJobId: id });
      return job;
    });
    if (job.status === 'PROCESSING') await this.dispatcher.apply(id);
    await this.events.publish('bulk.progress', { tenantId: actor.tenantId, jobId: id });
    return job;
  }

  /** Cancels a job that has not started applying. */
  async cancel(actor: Actor, id: string): Promise<BulkJob> {
    requirePermission(actor, 'users.bulk', 'EDIT');
    await this.get(actor, id);
    const job = await this.db.transaction(async (tx) => {
      const job = await tx.getRepository(BulkJob).findOneOrFail({ where: { id }, lock: { mode: 'pessimistic_write' } });
      assertCancellable(job);
      Object.assign(job, { status: 'CANCELLED', completedAt: new Date() });
      await tx.getRepository(BulkJob).save(job);
      await recordAudit(tx, actor, { action: 'bulk.cancel', targetType: 'bulk_job', targetId: id, bulkJobId: id });
      return job;
    });
    await removeUpload(job.storagePath);
    await this.events.publish('bulk.progress', { tenantId: actor.tenantId, jobId: id });
    return job;
  }

  /**
   * The job now and after every change (announced over Redis by any worker, or checked each
   * second while it runs), until it ends or the consumer stops.
   */
  async *watch(actor: Actor, id: string): AsyncGenerator<BulkJob> {
    let job = await this.get(actor, id);
    let wake: (() => void) | null = null;
    const unsubscribe = await this.events.subscribe('bulk.progress', (event) => {
      if (event.jobId === id) wake?.();
    });
    try {
      yield job;
      while (!ENDED.includes(job.status)) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 1000).unref();
        });
        wake = null;
        const next = await this.get(actor, id);
        if (fingerprint(next) !== fingerprint(job)) yield next;
        job = next;
      }
    } finally {
      await unsubscribe();
    }
  }

  /** Whether each job's error log has entries (errors or column warnings), in one statement for a page of jobs. */
  async haveErrorLogs(tenantId: string, jobIds: readonly string[]): Promise<boolean[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT j.id FROM bulk_jobs j
        WHERE j.id = ANY($1::uuid[]) AND j.tenant_id = $2 AND EXISTS (SELECT 1 FROM bulk_job_errors e WHERE e.job_id = j.id)`,
      [jobIds, tenantId],
    );
    const logged = new Set(rows.map((row) => row.id));
    return jobIds.map((id) => logged.has(id));
  }

  /** Names of the uploader and of whoever asked to process, per job of the tenant, in `jobIds` order (one query). */
  async people(tenantId: string, jobIds: readonly string[]): Promise<BulkJobPeople[]> {
    const rows: ({ id: string } & BulkJobPeople)[] = await this.db.query(
      `SELECT j.id,
              NULLIF(concat_ws(' ', uu.first_name, uu.last_name), '') AS "uploadedUserName", uc.name AS "uploadedApiUserName",
              NULLIF(concat_ws(' ', pu.first_name, pu.last_name), '') AS "proceedUserName", pc.name AS "proceedApiUserName"
         FROM bulk_jobs j
         LEFT JOIN users uu ON uu.id = j.uploaded_by_user_id
         LEFT JOIN api_credentials uc ON uc.id = j.uploaded_by_credential_id
         LEFT JOIN LATERAL (SELECT actor_user_id, actor_credential_id FROM audit_events a
                             WHERE a.bulk_job_id = j.id AND a.action = 'bulk.proceed' ORDER BY a.id DESC LIMIT 1) p ON true
         LEFT JOIN users pu ON pu.id = p.actor_user_id
         LEFT JOIN api_credentials pc ON pc.id = p.actor_credential_id
        WHERE j.id = ANY($1::uuid[]) AND j.tenant_id = $2`,
      [jobIds, tenantId],
    );
    const byId = new Map(rows.map(({ id, ...people }) => [id, people]));
    const nobody = { uploadedUserName: null, uploadedApiUserName: null, proceedUserName: null, proceedApiUserName: null };
    return jobIds.map((id) => byId.get(id) ?? nobody);
  }
}

const ENDED: BulkJobStatus[] = ['SCHEME_INVALID', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'];

function fingerprint(job: BulkJob): string {
  return [job.status, job.processedRows, job.totalRows, job.affectedRows, job.failedRows].join('/');
}
