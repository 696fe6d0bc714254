import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type NextFunction, type Request, type Response } from 'express';
import Busboy, { type BusboyInstance } from '@fastify/busboy';
import {
  AppError,
  BULK_FIXED_COLUMNS,
  apiStatus,
  badInput,
  isSchemeError,
  proceedApiStatus,
  unauthenticated,
  uploadFormat,
  whenWritable,
  writeCsv,
  writeXlsx,
  type Actor,
  type BulkJob,
  type BulkJobError,
  type Config,
} from '@switchboard/domain';
import type { Services } from '../services';

const HTTP_STATUS: Record<AppError['code'], number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 };
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

type Handler = (actor: Actor, req: Request, res: Response) => Promise<void>;

/**
 * The bulk user management HTTP API: multipart upload, downloads (template, export, error log) and
 * the seed's JSON API (proceed, job status, job list, error logs), authenticated like GraphQL.
 */
export function bulkRoutes(services: Services, config: Pick<Config, 'bulkUploadDir'>, authenticate: (authorization: unknown) => Promise<Actor | null>) {
  const router = express.Router();
  // Every failure, a route's or a body parser's, reaches sendError through the error handler below.
  const route = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = await authenticate(req.headers.authorization);
      if (!actor) throw unauthenticated('Send a session token or an API secret as a Bearer token');
      await handler(actor, req, res);
    } catch (error) {
      next(error);
    }
  };
  const link = (req: Request, id: string) => `${req.protocol}://${req.get('host')}/api/v1/bulk/users/jobs/${id}`;
  const jobView = async (actor: Actor, req: Request, job: BulkJob) => {
    const [people] = await services.bulkJobs.people(actor.tenantId, [job.id]);
    const errors = await services.bulkJobs.errors(actor, job.id, { first: 200 });
    return {
      id: job.id,
      created_at: job.createdAt.toISOString(),
      process_requested_at: job.processRequestedAt?.toISOString() ?? null,
      filename: job.filename,
      total_rows: job.totalRows,
      valid_rows: job.validRows,
      affected_rows: job.affectedRows,
      failed_rows: job.failedRows,
      status: apiStatus(job.status),
      preview: { creates: job.previewCreates, updates: job.previewUpdates, unchanged: job.previewUnchanged },
      uploaded_user_name: people.uploadedUserName,
      proceed_user_name: people.proceedUserName,
      uploaded_api_user_name: people.uploadedApiUserName,
      proceed_api_user_name: people.proceedApiUserName,
      link: link(req, job.id),
      scheme_errors: errors.nodes.filter(isSchemeError).map(schemeErrorView),
      update_errors: errors.nodes.filter((e) => !isSchemeError(e)).map(updateErrorView),
    };
  };

  router.post(
    '/upload',
    route(async (actor, req, res) => {
      // Before the body: a caller who may not upload has nothing stored.
      services.bulkJobs.assertMayUpload(actor);
      const job = await withReceivedFile(req, config.bulkUploadDir, (upload) => services.bulkJobs.upload(actor, upload));
      res.setHeader('Link', link(req, job.id));
      res.status(201).json(await jobView(actor, req, job));
    }),
  );
  // The seed's PUT: the same form with the job's id replaces that job's file before it is processed.
  router.put(
    '/upload',
    route(async (actor, req, res) => {
      services.bulkJobs.assertMayUpload(actor);
      const job = await withReceivedFile(req, config.bulkUploadDir, (upload) => {
        if (!upload.jobId) throw badInput('id', 'Send the id of the job whose file this replaces in the field "id"');
        return services.bulkJobs.replaceFile(actor, upload.jobId, upload);
      });
      res.setHeader('Link', link(req, job.id));
      res.json(await jobView(actor, req, job));
    }),
  );
  router.post(
    '/proceed',
    express.json({ limit: '10kb' }),
    route(async (actor, req, res) => {
      const ignoreErrors = [true, 1, 'true', '1'].includes(req.body?.ignore_errors ?? req.body?.ignoreErrors);
      const job = await services.bulkJobs.proceed(actor, String(req.body?.id ?? ''), ignoreErrors);
      res.setHeader('Link', link(req, job.id));
      res.json({ id: job.id, status: proceedApiStatus(job), link: link(req, job.id) });
    }),
  );
  router.post(
    '/cancel',
    express.json({ limit: '10kb' }),
    route(async (actor, req, res) => {
      const job = await services.bulkJobs.cancel(actor, String(req.body?.id ?? ''));
      res.json({ id: job.id, status: apiStatus(job.status), link: link(req, job.id) });
    }),
  );
  router.get(
    '/jobs',
    route(async (actor, req, res) => {
      const page = req.query.page === undefined ? 1 : Number(req.query.page);
      const perPage = req.query.per_page === undefined ? 20 : Number(req.query.per_page);
      const { jobs, total } = await services.bulkJobs.listPage(actor, page, perPage);
      res.setHeader('Total', String(total));
      res.setHeader('Per-Page', String(perPage));
      if (page * perPage < total) res.setHeader('Link', `<${req.protocol}://${req.get('host')}/api/v1/bulk/users/jobs?page=${page + 1}&per_page=${perPage}>; rel="next"`);
      res.json(await Promise.all(jobs.map((job) => jobView(actor, req, job))));
    }),
  );
  router.get(
    '/jobs/:id',
    route(async (actor, req, res) => {
      res.json(await jobView(actor, req, await services.bulkJobs.get(actor, String(req.params.id))));
    }),
  );
  router.get(
    '/errors/:kind/:id',
    route(async (actor, req, res) => {
      const kind = req.params.kind;
      if (kind !== 'scheme' && kind !== 'update') throw badInput('kind', 'The error log is "scheme" or "update"');
      const { chunks } = await services.bulkJobs.errorLog(actor, String(req.params.id), kind);
      await sendJsonArray(res, chunks, kind === 'scheme' ? schemeErrorView : updateErrorView);
    }),
  );
  router.get(
    '/jobs/:id/errors.csv',
    route(async (actor, req, res) => {
      const { job, chunks } = await services.bulkJobs.errorLog(actor, String(req.params.id));
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="bulk-errors-${job.id}.csv"`);
      await writeCsv(errorLogRows(chunks), res);
    }),
  );
  router.get(
    '/template',
    route(async (actor, req, res) => {
      const format = String(req.query.format ?? 'csv').toLowerCase();
      const headers = await services.bulkExport.headers(actor);
      if (format === 'json') {
        res.setHeader('content-disposition', 'attachment; filename="bulk_user_manage_template.json"');
        res.json([jsonTemplateRecord(headers)]);
        return;
      }
      await sendSheet(res, format, 'bulk_user_manage_template', oneChunk([headers]));
    }),
  );
  router.get(
    '/export',
    route(async (actor, req, res) => {
      const format = String(req.query.format ?? 'csv').toLowerCase();
      if (format === 'json') throw badInput('format', 'The user list downloads as csv or xlsx');
      await sendSheet(res, format, 'users', services.bulkExport.rows(actor));
    }),
  );
  // Last: a body parser's refusal (express.json above) or a route's failure, answered as JSON.
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => sendError(error, req, res));
  return router;
}

/**
 * The one mapping of a failure to this API's answer: an AppError by its code, a request body that
 * cannot be read as BAD_USER_INPUT, anything else a logged 500 "Internal server error". Always the
 * JSON `{ error: { code, message, field } }`; a download already under way can only be cut.
 */
function sendError(error: unknown, req: Request, res: Response): void {
  const known = error instanceof AppError ? error : bodyParserError(error);
  if (!known) req.log.error({ err: error }, 'bulk API request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (!known) {
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error', field: null } });
    return;
  }
  res.status(HTTP_STATUS[known.code]).json({ error: { code: known.code, message: known.message, field: known.field ?? null } });
}

/** body-parser's refusals (http-errors with a `type` and a 4xx status) as the client's fault, in words of our own. */
function bodyParserError(error: unknown): AppError | null {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status > 499) return null;
  if (type === 'entity.parse.failed') return badInput('body', 'The request body is not valid JSON');
  if (type === 'entity.too.large') return badInput('body', 'The request body is too large');
  return badInput('body', 'The request body could not be read');
}

type ReceivedFile = { filename: string; format: ReturnType<typeof uploadFormat>; storagePath: string; autoProceed: boolean; jobId: string | null };

/** Receives the uploaded file and hands it to `use`, which gives it to a job; if `use` fails, the file goes. */
async function withReceivedFile<T>(req: Request, folder: string, use: (upload: ReceivedFile) => Promise<T>): Promise<T> {
  const upload = await receiveFile(req, folder);
  try {
    return await use(upload);
  } catch (error) {
    await unlink(upload.storagePath).catch(() => undefined);
    throw error;
  }
}

type StoredFile = { filename: string; storagePath: string; truncated: boolean };

/**
 * Streams the multipart field `file` to the upload folder; reads the autoProceed and id fields too.
 * Whatever fails (a body cut short or malformed, a client gone, a full disk, a refused file), the
 * partial file is removed before this rejects: a body the client spoiled as BAD_USER_INPUT.
 */
async function receiveFile(req: Request, folder: string): Promise<ReceivedFile> {
  if (!String(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw badInput('file', 'Send the file as multipart/form-data in the field "file"');
  let busboy: BusboyInstance;
  try {
    busboy = new Busboy({ headers: req.headers as never, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES } });
  } catch (error) {
    throw badInput('file', `Send the file as multipart/form-data with a boundary in the field "file" (${(error as Error).message})`);
  }
  await mkdir(resolve(folder), { recursive: true });
  let stored: Promise<StoredFile> | null = null;
  let file: Readable | null = null;
  let autoProceed = false;
  let jobId: string | null = null;
  let failure: Error | null = null;
  // Set by the body's own failures, so that a write failing after them is not taken for the cause.
  let bodyFailed = false;
  let writeFailure: unknown = null;
  busboy.once('error', () => (bodyFailed = true));
  busboy.on('field', (name, value) => {
    if (name === 'autoProceed' || name === 'auto_proceed') autoProceed = ['true', '1'].includes(String(value).toLowerCase());
    if (name === 'id') jobId = String(value).trim() || null;
  });
  busboy.on('file', (field, part, filename) => {
    // busboy emits a body cut short inside a part on that part: unheard, it would end the process.
    part.on('error', () => undefined);
    if (field !== 'file' || stored || failure) {
      part.resume();
      return;
    }
    let format;
    try {
      format = uploadFormat(filename ?? '');
    } catch (error) {
      failure = error as Error;
      part.resume();
      return;
    }
    const storagePath = join(resolve(folder), `${randomUUID()}.${format.toLowerCase()}`);
    let truncated = false;
    part.on('limit', () => (truncated = true));
    file = part;
    stored = pipeline(part, createWriteStream(storagePath)).then(
      () => ({ filename, storagePath, truncated }),
      async (error: unknown) => {
        if (!bodyFailed) {
          writeFailure = error;
          // The parser would wait for ever on the file stream pipeline destroyed: stop reading the body.
          busboy.destroy(error as Error);
        }
        await unlink(storagePath).catch(() => undefined);
        throw error;
      },
    );
    // Handled here, at once; awaited below on every path.
    stored.catch(() => undefined);
  });
  // Stops the file's writing (if the body stopped under it) and removes whatever was written.
  const discard = async () => {
    file?.destroy();
    const written = await stored?.catch(() => null);
    if (written) await unlink(written.storagePath).catch(() => undefined);
  };
  try {
    await pipeline(req, busboy);
  } catch (error) {
    bodyFailed ||= writeFailure === null;
    await discard();
    if (writeFailure !== null) throw writeFailure;
    throw badInput('file', `The upload is not a complete multipart/form-data body (${(error as Error).message})`);
  }
  try {
    if (failure) throw failure;
    if (!stored) throw badInput('file', 'Send the file in the multipart field "file"');
    const { filename, storagePath, truncated } = await (stored as Promise<StoredFile>);
    if (truncated) throw badInput('file', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
    return { filename, format: uploadFormat(filename), storagePath, autoProceed, jobId };
  } catch (error) {
    await discard();
    throw error;
  }
}

async function sendSheet(res: Response, format: string, name: string, rows: AsyncIterable<string[][]>): Promise<void> {
  if (format === 'csv') {
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
    return writeCsv(rows, res);
  }
  if (format === 'xlsx') {
    res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('content-disposition', `attachment; filename="${name}.xlsx"`);
    return writeXlsx(rows, res);
  }
  throw badInput('format', 'format must be csv, xlsx or json');
}

async function* oneChunk(rows: string[][]): AsyncGenerator<string[][]> {
  yield rows;
}

/** Writes chunks of items to `res` as one JSON array, the bytes res.json would send, without holding them all. */
async function sendJsonArray<T>(res: Response, chunks: AsyncGenerator<T[]>, view: (item: T) => unknown): Promise<void> {
  res.type('json');
  let separator = '[';
  for await (const items of chunks) {
    if (items.length === 0) continue;
    // Kept to the client's pace, as the sheet writers are; once it left, leaving the loop ends the generator.
    if (!(await whenWritable(res))) return;
    res.write(separator + items.map((item) => JSON.stringify(view(item))).join(','));
    separator = ',';
  }
  res.end(separator === '[' ? '[]' : ']');
}

async function* errorLogRows(chunks: AsyncIterable<BulkJobError[]>): AsyncGenerator<string[][]> {
  yield [['Error', 'Column', 'Row', 'Column name', 'Severity']];
  for await (const errors of chunks) {
    yield errors.map((e) => [e.message, e.column?.toString() ?? '', e.row.toString(), e.columnName ?? '', e.severity]);
  }
}

const schemeErrorView = (e: BulkJobError) => ({ message: e.message, column: e.column, row: null });
const updateErrorView = (e: BulkJobError) => ({ message: e.message, column: e.column, row: e.row === 0 ? null : e.row, error_type: e.severity.toLowerCase() });

/** One example object of the seed's JSON template, with the caller's columns. */
function jsonTemplateRecord(headers: readonly string[]): Record<string, unknown> {
  const examples: Record<string, unknown> = {
    email: 'user1@yourcompany.co',
    new_email: '',
    agent_number: 'A-001',
    first_name: 'John',
    last_name: 'Doe',
    alias: '',
    status: 'Active',
    location: '',
    max_chat_limit: 2,
    max_chat_limit_enabled: 0,
  };
  const record: Record<string, unknown> = {};
  for (const column of BULK_FIXED_COLUMNS) if (headers.includes(column.header)) record[column.jsonKey] = examples[column.jsonKey];
  const named = (prefix: string) => headers.filter((h) => h.startsWith(prefix)).map((h) => ({ name: h.slice(prefix.length), value: 0 }));
  if (named('Role: ').length > 0) record.roles = named('Role: ');
  if (named('Team: ').length > 0) record.teams = named('Team: ');
  return record;
}
