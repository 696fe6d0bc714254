import { useId } from 'react';
import styles from './bulk.module.css';

/** A labelled progress bar with its percentage in text (screen readers hear "x of y rows" too). */
export function BulkProgressBar({ label, processed, total }: { label: string; processed: number; total: number }) {
  const labelId = useId();
  const percent = total > 0 ? Math.min(100, Math.floor((processed / total) * 100)) : 0;
  return (
    <div className={styles.progress}>
      <span id={labelId}>{label}</span>
      <div
        className={styles.track}
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% (${processed} of ${total} rows)`}
      >
        <div className={styles.fill} style={{ width: `${percent}%` }} />
      </div>
      <span className={styles.percent} aria-hidden="true">
        {percent}%
      </span>
      <span className="muted">
        {processed} of {total} rows
      </span>
    </div>
  );
}
