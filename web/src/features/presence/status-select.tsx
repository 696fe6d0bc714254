import { SelectField } from '../../ui/field';

/** A required status picker: "Choose a status", then `choices` by name. */
export function StatusSelect({
  label,
  error,
  choices,
  value,
  onChange,
}: {
  label: string;
  error: string | null;
  choices: readonly { id: string; name: string }[];
  value: string;
  onChange(statusId: string): void;
}) {
  return (
    <SelectField label={label} error={error} required value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="" disabled>
        Choose a status
      </option>
      {choices.map((status) => (
        <option key={status.id} value={status.id}>
          {status.name}
        </option>
      ))}
    </SelectField>
  );
}
