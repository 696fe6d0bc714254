'use client';

import { useRouter } from 'next/navigation';
import { useId, useState, type DragEvent } from 'react';
import { ErrorAlert } from '../../ui/error-alert';
import { ACCEPTED_FILES, uploadBulkFile } from './bulk-files';
import styles from './bulk.module.css';

/**
 * Step 2: a drop zone that is the file input's label: a click, or Enter on the focused input, browses.
 * The file is uploaded as soon as it is chosen and validated on the server; nothing changes until
 * the job is proceeded with, so the job's page opens to show what it would do.
 */
export function BulkUpload() {
  const router = useRouter();
  const errorId = useId();
  const [dragging, setDragging] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(file: File | undefined) {
    if (!file || uploading) return;
    setError(null);
    setUploading(file.name);
    try {
      router.push(`/bulk/${await uploadBulkFile(file)}`);
    } catch (refused) {
      setError((refused as Error).message);
      setUploading(null);
    }
  }

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files[0]);
  };

  return (
    <section className={`panel ${styles.step}`} aria-labelledby="bulk-step-upload">
      <h2 id="bulk-step-upload">Step 2: Upload the file</h2>
      <p className="muted">The file is checked first: you see the users it would create or update, and any errors, before anything changes.</p>
      <label
        className={styles.dropZone}
        data-dragging={dragging}
        data-busy={uploading !== null}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        // Moving over the zone's own text is not leaving it.
        onDragLeave={(event) => !event.currentTarget.contains(event.relatedTarget as Node | null) && setDragging(false)}
        onDrop={onDrop}
      >
        <span>
          Drag and drop the file here, or <strong>browse your files</strong>
        </span>
        <span className="muted">CSV, XLSX or JSON</span>
        <input
          className="visually-hidden"
          type="file"
          accept={ACCEPTED_FILES}
          disabled={uploading !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => {
            void upload(event.target.files?.[0]);
            // Choosing the same file again after fixing it must fire onChange again.
            event.target.value = '';
          }}
        />
      </label>
      {uploading && (
        <p className="muted" role="status">
          Uploading {uploading}…
        </p>
      )}
      <div id={errorId}>
        <ErrorAlert error={error} />
      </div>
    </section>
  );
}
