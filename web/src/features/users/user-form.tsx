'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { fieldError } from '../../graphql/error-message';
import { ErrorAlert } from '../../ui/error-alert';
import { Field, SelectField } from '../../ui/field';
import type { UserOptions } from './use-user-options';
import type { UserFormField, UserFormValues } from './user-form-values';
import styles from './users.module.css';

/**
 * The add / edit / clone form. Shows the fields asked for; those the viewer may not change are
 * read-only. A BAD_USER_INPUT error naming one of the shown fields is shown beside it, any other
 * error above the buttons; the values stay as typed either way.
 */
export function UserForm({
  initial,
  fields,
  options,
  editable,
  error,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  initial: UserFormValues;
  fields: readonly UserFormField[];
  options: UserOptions;
  editable(field: UserFormField): boolean;
  error: CombinedError | undefined;
  busy: boolean;
  submitLabel: string;
  onSubmit(values: UserFormValues): void;
  onCancel(): void;
  /** Shown above the buttons, e.g. what to do after a conflict. */
  children?: ReactNode;
}) {
  const [values, setValues] = useState(initial);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <F extends UserFormField>(field: F, value: UserFormValues[F]) => setValues((current) => ({ ...current, [field]: value }));
  const shown = (field: UserFormField) => fields.includes(field);

  const named = fieldError(error);
  const inline = named && shown(named.field as UserFormField) ? named : null;
  const errorOf = (field: UserFormField) => (inline?.field === field ? inline.message : null);
  // Take the viewer to the field the server refused, once per refusal (not on every keystroke after it).
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);

  const text = (field: 'email' | 'firstName' | 'lastName' | 'alias' | 'agentId', label: string, extra: { type?: string; required?: boolean; hint?: string } = {}) =>
    shown(field) && (
      <div className={styles.field}>
        <Field
          label={label}
          name={field}
          type={extra.type ?? 'text'}
          required={extra.required}
          placeholder={extra.hint}
          value={values[field]}
          readOnly={!editable(field)}
          error={errorOf(field)}
          onChange={(e) => set(field, e.target.value)}
        />
      </div>
    );

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(values);
  }

  const readOnlyFields = fields.some((field) => !editable(field));
  // Roles may always be taken away; only roles the viewer's roles may assign can be given.
  const roleChoices = options.roles.map((role) => {
    const unassignable = !!options.assignableRoleIds && !options.assignableRoleIds.has(role.id) && !initial.roleIds.includes(role.id);
    return { id: role.id, label: role.name, unassignable, disabled: unassignable || !editable('roleIds') };
  });
  return (
    // The server checks every field (its messages are the ones to show): no browser pop-ups.
    <form ref={formRef} className={`form ${styles.userForm}`} onSubmit={submit} noValidate>
      {readOnlyFields && <p className="muted">Fields your roles do not let you change are read-only.</p>}
      <div className={styles.grid}>
        {text('email', 'Email', { type: 'email', required: true })}
        {text('agentId', 'Agent id (optional)')}
        {text('firstName', 'First name', { required: true })}
        {text('lastName', 'Last name', { required: true })}
        {text('alias', 'Alias (optional)', { hint: 'First and last name when empty' })}
        {shown('locationId') && (
          <LocationSelect
            value={values.locationId}
            locations={options.locations}
            disabled={!editable('locationId')}
            error={errorOf('locationId')}
            onChange={(value) => set('locationId', value)}
          />
        )}
        {shown('chatConcurrency') && (
          <div className={styles.field}>
            <Field
              label="Chat concurrency (optional)"
              name="chatConcurrency"
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              placeholder="From the chat settings"
              value={values.chatConcurrency}
              readOnly={!editable('chatConcurrency')}
              error={errorOf('chatConcurrency')}
              onChange={(e) => set('chatConcurrency', e.target.value)}
            />
            {shown('chatConcurrencyEnabled') && (
              <>
                <label className={styles.check}>
                  <input
                    type="checkbox"
                    name="chatConcurrencyEnabled"
                    checked={values.chatConcurrencyEnabled}
                    disabled={!editable('chatConcurrencyEnabled')}
                    aria-invalid={errorOf('chatConcurrencyEnabled') ? true : undefined}
                    onChange={(e) => set('chatConcurrencyEnabled', e.target.checked)}
                  />
                  Use it instead of the chat settings
                </label>
                {errorOf('chatConcurrencyEnabled') && <p className="field-error">{errorOf('chatConcurrencyEnabled')}</p>}
              </>
            )}
          </div>
        )}
      </div>
      {shown('roleIds') && (
        <Choices
          legend="Roles"
          choices={roleChoices}
          chosen={values.roleIds}
          error={errorOf('roleIds')}
          note={roleChoices.some((role) => role.unassignable) ? 'Roles your own roles may not assign cannot be given.' : null}
          onChange={(roleIds) => set('roleIds', roleIds)}
        />
      )}
      {shown('teamIds') && options.teams && (
        <Choices
          legend="Teams"
          choices={options.teams.map((team) => ({ id: team.id, label: team.label, disabled: !editable('teamIds') }))}
          chosen={values.teamIds}
          error={errorOf('teamIds')}
          note="New teams are joined as a member, which needs an agent role."
          onChange={(teamIds) => set('teamIds', teamIds)}
        />
      )}
      {!inline && <ErrorAlert error={error} />}
      {children}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

function LocationSelect({
  value,
  locations,
  disabled,
  error,
  onChange,
}: {
  value: string;
  locations: UserOptions['locations'];
  disabled: boolean;
  error: string | null;
  onChange(value: string): void;
}) {
  return (
    <div className={styles.field}>
      <SelectField label="Location" name="locationId" value={value} disabled={disabled} error={error} onChange={(e) => onChange(e.target.value)}>
        <option value="">No location</option>
        {locations.map((location) => (
          <option key={location.id} value={location.id}>
            {location.name}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** A group of checkboxes (roles, teams) with its error read out with the group. */
function Choices({
  legend,
  choices,
  chosen,
  error,
  note,
  onChange,
}: {
  legend: string;
  choices: { id: string; label: string; disabled: boolean }[];
  chosen: string[];
  error: string | null;
  note: string | null;
  onChange(ids: string[]): void;
}) {
  const id = useId();
  const describedBy = [note && `${id}-note`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={styles.choices} aria-describedby={describedBy}>
      <legend className="label">{legend}</legend>
      {note && (
        <p id={`${id}-note`} className={`muted ${styles.sub}`}>
          {note}
        </p>
      )}
      {choices.length === 0 ? (
        <p className="muted">None to choose from.</p>
      ) : (
        <div className={styles.choiceList}>
          {choices.map((choice) => (
            <label key={choice.id} className={styles.check}>
              <input
                type="checkbox"
                checked={chosen.includes(choice.id)}
                disabled={choice.disabled}
                onChange={(e) => onChange(e.target.checked ? [...chosen, choice.id] : chosen.filter((c) => c !== choice.id))}
              />
              {choice.label}
            </label>
          ))}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
