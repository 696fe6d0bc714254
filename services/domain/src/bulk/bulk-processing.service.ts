import { rm } from 'node:fs/promises';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { allows } from '../access/effective-permissions';
import type { EventBus } from '../events/event-bus';
import type { EmailDispatcher } from '../jobs/email-queue';
import type { BulkJobDispatcher } from '../jobs/bulk-queue';
import { enqueueEmails } from '../outbox/outbox.service';
import type { RevokeSessions } from '../users/user-lifecycle';
import { lockExtensions } from '../users/user-records';
import { COLUMN_PERMISSIONS, teamColumnErrors, type BulkColumn } from './bulk-columns.rules';
import { loadExistingUsers, loadTenantContext, uploaderActor, type TenantContext } from './bulk-context';
import { BulkJobError } from './bulk-job-error.entity';
import { BulkJob } from './bulk-job.entity';
import { countChangedFields, previewFields, type FieldChangeCounts } from './bulk-preview.rules';
import { planRow, type RowError, type RowPlan } from './bulk-row.rules';
import { batchEmailKeys, sheetBatches, SchemeInvalidError, type SheetRow } from './bulk-sheet';
import { awaitsValidation, bulkSummaryEmail, finalStatus, proceedsWhenValidated, statusesDuring, type BulkPhase } from './bulk-job.rules';
import { createUsers, updateUsers } from './bulk-writes';
import { FIRST_EXTENSION } from '../users/user.rules';

/** Reports progress to the queue (the processor's job.updateProgress). */
export type ProgressReporter = (progress: { processed: number; failed: number }) => Promise<void>;

/** Validates and applies bulk user jobs; called by the worker's processors with a job id only. */
export class BulkProcessingService {
  constructor(
    private readonly db: DataSource,
    private readonly options: { consoleUrl: string; batchSize: number },
    private readonly events: EventBus,
    private readonly emails: EmailDispatcher,
    private readonly revokeSessions: RevokeSessions,
    private readonly dispatcher: BulkJobDispatcher,
  ) {}

  /**
   * Reads the file and checks every row with the shared rules, recording errors and the preview
   * (creates, updates with the fields they change, unchanged). Changes no user. A job not waiting
   * for validation is left alone.
   */
  async validate(jobId: string, report: ProgressReporter): Promise<void> {
    const jobs = this.db.getRepository(BulkJob);
    const job = await jobs.findOneBy({ id: jobId });
    if (!job || !awaitsValidation(job)) return;
    await this.db.transaction(async (tx) => {
      await tx.delete(BulkJobError, { jobId });
      // A replaced file's preview goes with it: this run counts the new file from its first row.
      await tx.update(BulkJob, { id: jobId }, { status: 'VALIDATING', processedRows: 0, previewFields: [] });
    });
    await this.announce(job);
    const actor = await uploaderActor(this.db.manager, job);
    if (!actor) return this.fail(job.id, 'validate', 'The uploader can no longer make changes');
    const context = await loadTenantContext(this.db.manager, actor);
    const counts = { total: 0, failed: 0, creates: 0, updates: 0, unchanged: 0 };
    const fieldCounts: FieldChangeCounts = new Map();
    // The columns checked so far, each when it first appears: a JSON file's objects may bring new keys as the file
    // goes on. Its header only grows, so a batch's last row has every column up to there.
    let columns: readonly BulkColumn[] = [];
    try {
      for await (const rows of sheetBatches(job.storagePath, job.format, this.options.batchSize)) {
        const added = newColumns(columns, rows[rows.length - 1].columns);
        if (added.length > 0) {
          columns = rows[rows.length - 1].columns;
          // Which team a column means depends on the tenant's teams: a name several teams share names none.
          // All the columns so far, since a new one may name the same team as an earlier one.
          const teamErrors = teamColumnErrors(columns, context.teams);
          if (teamErrors.length > 0) throw new SchemeInvalidError(teamErrors);
          await this.db.getRepository(BulkJobError).insert(columnWarnings(jobId, added, context));
        }
        const existing = await loadExistingUsers(this.db.manager, job.tenantId, batchEmailKeys(rows));
        const errors: Omit<BulkJobError, 'id'>[] = [];
        for (const row of rows) {
          const { plan, errors: rowErrors } = checkRow(row, { ...context, existing });
          counts.total += 1;
          if (!plan) {
            counts.failed += 1;
            errors.push(...errorRows(jobId, row.row, rowErrors));
          } else {
            counts[plan.kind === 'create' ? 'creates' : plan.kind === 'update' ? 'updates' : 'unchanged'] += 1;
            if (plan.kind === 'update') countChangedFields(fieldCounts, plan.changed);
          }
        }
        if (errors.length > 0) await this.db.getRepository(BulkJobError).insert(errors);
        await jobs.update({ id: jobId }, { processedRows: counts.total, totalRows: counts.total, failedRows: counts.failed });
        await this.progress(job, report, counts.total, counts.failed);
      }
    } catch (error) {
      if (!(error instanceof SchemeInvalidError)) throw error;
      await this.db.transaction(async (tx) => {
        await tx.delete(BulkJobError, { jobId });
        await tx.getRepository(BulkJobError).insert(
          error.errors.map((e) => ({ jobId, row: 0, column: e.column, columnName: null, message: e.message, severity: 'ERROR' as const })),
        );
        await tx.update(BulkJob, { id: jobId, status: 'VALIDATING' }, { status: 'SCHEME_INVALID', validatedAt: new Date(), totalRows: 0, validRows: 0, failedRows: 0 });
      });
      await removeUpload(job.storagePath);
      return this.announce(job);
    }
    // Locked, so a proceed asked meanwhile is either seen here (autoProceed) or sees the job validated.
    const proceeds = await this.db.transaction(async (tx) => {
      const current = await tx.getRepository(BulkJob).findOne({ where: { id: jobId }, lock: { mode: 'pessimistic_write' } });
      // Only a job still validating moves on: one cancelled meanwhile stays cancelled.
      if (current?.status !== 'VALIDATING') return false;
      const rows = { totalRows: counts.total, validRows: counts.total - counts.failed, failedRows: counts.failed };
      const proceeds = proceedsWhenValidated({ ...current, ...rows });
      await tx.update(
        BulkJob,
        { id: jobId },
        {
          ...rows,
          status: proceeds ? 'PROCESSING' : 'VALIDATED',
          validatedAt: new Date(),
          previewCreates: counts.creates,
          previewUpdates: counts.updates,
          previewUnchanged: counts.unchanged,
          previewFields: previewFields(fieldCounts, columns),
          ...(proceeds ? { processRequestedAt: new Date(), processedRows: 0 } : {}),
        },
      );
      return proceeds;
    });
    if (proceeds) await this.dispatcher.apply(jobId);
    await this.announce(job);
  }

  /**
   * Applies the valid rows in batches, each one transaction that also moves the checkpoint: a
   * retried or resumed job skips the rows a committed batch applied, so each row applies once.
   */
  async apply(jobId: string, report: ProgressReporter): Promise<void> {
    const job = await this.db.getRepository(BulkJob).findOneBy({ id: jobId });
    if (!job || job.status !== 'PROCESSING') return;
    const actor = await uploaderActor(this.db.manager, job);
    if (!actor) return this.fail(job.id, 'apply', 'The uploader can no longer make changes');
    const context = await loadTenantContext(this.db.manager, actor);
    const [{ name: tenantName }]: { name: string }[] = await this.db.query(`SELECT name FROM tenants WHERE id = $1`, [job.tenantId]);
    // Users are never deleted and keep their extension, so after a batch no number below its
    // highest is free: the next batch searches from there, not from the first extension again.
    let freeExtensionsFrom = FIRST_EXTENSION;
    let analyzed = false;
    // The next batch is read and parsed while the current one's transaction runs.
    for await (const rows of readAhead(sheetBatches(job.storagePath, job.format, this.options.batchSize))) {
      if (rows[rows.length - 1].row <= job.appliedThroughRow) continue;
      const outcome = await this.db.transaction((tx) => this.applyBatch(tx, actor, context, tenantName, jobId, rows, freeExtensionsFrom));
      if (!outcome) return;
      freeExtensionsFrom = outcome.freeExtensionsFrom;
      if (!analyzed) {
        // The first batch may have grown a tenant of a few users into thousands. Until statistics
        // say so (autovacuum analyzes a minute later at best), the planner sees a tiny tenant and
        // finds emails and extensions by scanning all its users, every batch.
        await this.db.query(`ANALYZE users, user_roles, team_memberships, invitations, email_outbox`);
        analyzed = true;
      }
      await this.emails.dispatch(outcome.emailIds);
      if (outcome.deactivated.length > 0) await this.events.publish('auth.revoked', { tenantId: job.tenantId, userIds: outcome.deactivated });
      if (outcome.rolesChanged.length > 0) await this.events.publish('access.changed', { tenantId: job.tenantId, userIds: outcome.rolesChanged });
      for (const event of outcome.presenceEvents) await this.events.publish('presence.changed', event);
      await this.progress(job, report, outcome.processed, outcome.failed);
    }
    await this.finish(actor, jobId);
  }

  private async applyBatch(
    tx: EntityManager,
    actor: Actor,
    context: TenantContext,
    tenantName: string,
    jobId: string,
    rows: SheetRow[],
    freeExtensionsFrom: number,
  ) {
    // The job row lock makes a duplicate run wait, then see the moved checkpoint and skip.
    const job = await tx.getRepository(BulkJob).findOne({ where: { id: jobId }, lock: { mode: 'pessimistic_write' } });
    if (!job || job.status !== 'PROCESSING') return null;
    const pending = rows.filter((r) => r.row > job.appliedThroughRow);
    if (pending.length === 0) return { emailIds: [], deactivated: [], rolesChanged: [], presenceEvents: [], processed: job.processedRows, failed: job.failedRows, freeExtensionsFrom };
    await lockExtensions(tx, actor.tenantId);
    const existing = await loadExistingUsers(tx, actor.tenantId, batchEmailKeys(pending), { lock: true });
    const known: { row: number }[] = await tx.query(
      `SELECT DISTINCT "row" FROM bulk_job_errors WHERE job_id = $1 AND severity = 'ERROR' AND "row" BETWEEN $2 AND $3`,
      [jobId, pending[0].row, pending[pending.length - 1].row],
    );
    const failedBefore = new Set(known.map((k) => k.row));
    const plans: RowPlan[] = [];
    const newErrors: Omit<BulkJobError, 'id'>[] = [];
    for (const row of pending) {
      if (failedBefore.has(row.row)) continue;
      const { plan, errors } = checkRow(row, { ...context, existing });
      // Validated rows that fail now (the data changed since) are logged at apply time.
      if (!plan) newErrors.push(...errorRows(jobId, row.row, errors));
      else plans.push(plan);
    }
    const creates = plans.flatMap((p) => (p.kind === 'create' ? [p.after] : []));
    const updates = plans.flatMap((p) => (p.kind === 'update' ? [p] : []));
    const created = await createUsers(tx, actor, jobId, { consoleUrl: this.options.consoleUrl, tenantName }, creates, freeExtensionsFrom);
    const { deactivated, rolesChanged, presenceEvents } = await updateUsers(tx, actor, jobId, updates, this.revokeSessions);
    if (newErrors.length > 0) await tx.getRepository(BulkJobError).insert(newErrors);
    const failed = job.failedRows + new Set(newErrors.map((e) => e.row)).size;
    const processed = job.processedRows + pending.length;
    await tx.update(
      BulkJob,
      { id: jobId },
      { appliedThroughRow: pending[pending.length - 1].row, affectedRows: job.affectedRows + creates.length + updates.length, failedRows: failed, processedRows: processed },
    );
    const highest = created.extensions.at(-1);
    return { emailIds: created.emailIds, deactivated, rolesChanged, presenceEvents, processed, failed, freeExtensionsFrom: highest === undefined ? freeExtensionsFrom : highest + 1 };
  }

  /** Marks the job done and emails a summary to every active holder of the user-list permission. */
  private async finish(actor: Actor, jobId: string): Promise<void> {
    const outcome = await this.db.transaction(async (tx) => {
      const job = await tx.getRepository(BulkJob).findOne({ where: { id: jobId }, lock: { mode: 'pessimistic_write' } });
      if (!job || job.status !== 'PROCESSING') return null;
      const status = finalStatus(job.failedRows);
      await tx.update(BulkJob, { id: jobId }, { status, completedAt: new Date() });
      const holders: { email: string }[] = await tx.query(
        `SELECT DISTINCT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN role_permissions rp ON rp.role_id = ur.role_id
          WHERE u.tenant_id = $1 AND u.status = 'ACTIVE' AND rp.permission = 'users.view'`,
        [actor.tenantId],
      );
      const summary = bulkSummaryEmail({ ...job, status });
      const emailIds = await enqueueEmails(tx, holders.map((h) => ({ tenantId: actor.tenantId, kind: 'bulk-summary', toAddress: h.email, ...summary })));
      return { job, emailIds };
    });
    if (!outcome) return;
    await removeUpload(outcome.job.storagePath);
    await this.emails.dispatch(outcome.emailIds);
    await this.announce(outcome.job);
  }

  /** Marks a job FAILED with a message for the uploader (after its last retry, or when it cannot run). */
  async fail(jobId: string, phase: BulkPhase, message: string): Promise<void> {
    const job = await this.db.getRepository(BulkJob).findOneBy({ id: jobId });
    if (!job) return;
    // Conditional, so a job that moved on meanwhile (validated and applying, cancelled) is left alone.
    const ended = await this.db
      .getRepository(BulkJob)
      .update({ id: jobId, status: In(statusesDuring(phase)) }, { status: 'FAILED', failureMessage: message, completedAt: new Date() });
    if (!ended.affected) return;
    await removeUpload(job.storagePath);
    await this.announce(job);
  }

  private async progress(job: Pick<BulkJob, 'id' | 'tenantId'>, report: ProgressReporter, processed: number, failed: number): Promise<void> {
    await report({ processed, failed });
    await this.announce(job);
  }

  private announce(job: Pick<BulkJob, 'id' | 'tenantId'>): Promise<void> {
    return this.events.publish('bulk.progress', { tenantId: job.tenantId, jobId: job.id });
  }
}

/** Deletes an ended job's uploaded file; the error log and counters stay in the database. */
export async function removeUpload(path: string): Promise<void> {
  await rm(path, { force: true });
}

function checkRow(row: SheetRow, context: Parameters<typeof planRow>[2]): { plan: RowPlan | null; errors: RowError[] } {
  if (row.errors.length > 0) return { plan: null, errors: row.errors };
  return planRow(row.columns, row.cells, context);
}

function errorRows(jobId: string, row: number, errors: readonly RowError[]): Omit<BulkJobError, 'id'>[] {
  return errors.map((e) => ({ jobId, row, column: e.column?.index ?? null, columnName: e.column?.header ?? null, message: e.message, severity: 'ERROR' as const }));
}

/** The columns of `columns` that `known` does not have (by position). */
function newColumns(known: readonly BulkColumn[], columns: readonly BulkColumn[]): BulkColumn[] {
  const knownPositions = new Set(known.map((c) => c.index));
  return columns.filter((c) => !knownPositions.has(c.index));
}

/** A warning (row 0) for every column of the file the uploader may not edit: rows changing it will fail. */
function columnWarnings(jobId: string, columns: readonly BulkColumn[], context: TenantContext): Omit<BulkJobError, 'id'>[] {
  return columns
    .filter((c) => COLUMN_PERMISSIONS[c.kind] && !allows(context.permissions, COLUMN_PERMISSIONS[c.kind]!, 'EDIT'))
    .map((c) => ({
      jobId,
      row: 0,
      column: c.index,
      columnName: c.header,
      message: `Your roles may not edit the column "${c.header}": rows that change it are refused`,
      severity: 'WARNING' as const,
    }));
}

/** Yields what `source` yields, asking it for the next item before the caller works on the current one. */
async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  try {
    let next = iterator.next();
    for (;;) {
      const result = await next;
      if (result.done) return;
      next = iterator.next();
      // Awaited on the next turn; until then a failure must not count as unhandled.
      next.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
