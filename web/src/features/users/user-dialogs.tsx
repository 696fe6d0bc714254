'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { UsersRowFragment } from '../../gql/graphql';
import { isConflict } from '../../graphql/error-message';
import { Dialog } from '../../ui/dialog';
import { ErrorAlert } from '../../ui/error-alert';
import { useViewer } from '../viewer/viewer-provider';
import type { UserOptions } from './use-user-options';
import { UserForm } from './user-form';
import {
  EMPTY_USER_FORM,
  FIELD_EDIT_PERMISSIONS,
  createUserInput,
  updateUserInput,
  userFormValues,
  type UserFormField,
} from './user-form-values';
import { fullName } from './user-labels';
import { UsersCloneMutation, UsersCreateMutation, UsersUpdateMutation, UsersUserQuery } from './users.operations';

interface UserDialogProps {
  options: UserOptions;
  onClose(): void;
  /** Called after a change was saved, with the sentence that tells the viewer so. */
  onSaved(message: string): void;
}

const PERSON_FIELDS: UserFormField[] = ['email', 'firstName', 'lastName', 'alias'];
const ACCOUNT_FIELDS: UserFormField[] = [...PERSON_FIELDS, 'agentId', 'locationId', 'chatConcurrency', 'roleIds', 'teamIds'];
const EDIT_FIELDS: UserFormField[] = [...ACCOUNT_FIELDS, 'chatConcurrencyEnabled'];
const anyField = () => true;

/** Adds a user: they are invited by email to set their password. */
export function CreateUserDialog({ options, onClose, onSaved }: UserDialogProps) {
  const [result, create] = useMutation(UsersCreateMutation);
  return (
    <Dialog title="Add user" onClose={onClose}>
      <UserForm
        initial={EMPTY_USER_FORM}
        fields={ACCOUNT_FIELDS}
        options={options}
        editable={anyField}
        error={result.error}
        busy={result.fetching}
        submitLabel="Add user"
        onCancel={onClose}
        onSubmit={async (values) => {
          const { data } = await create({ input: createUserInput(values, options.teams !== null) });
          if (data) onSaved(`Invited ${data.createUser.email}: they get an email with a link to set their password.`);
        }}
      />
    </Dialog>
  );
}

/** Adds a user like another: the new person's own details are typed, the rest is copied. */
export function CloneUserDialog({ source, options, onClose, onSaved }: UserDialogProps & { source: UsersRowFragment }) {
  const [result, clone] = useMutation(UsersCloneMutation);
  return (
    <Dialog title={`Clone ${fullName(source)}`} onClose={onClose}>
      <p className="muted">
        The new user gets the roles, teams, location, skills and chat settings of {fullName(source)}, and an email inviting them to set
        their password.
      </p>
      <UserForm
        initial={EMPTY_USER_FORM}
        fields={PERSON_FIELDS}
        options={options}
        editable={anyField}
        error={result.error}
        busy={result.fetching}
        submitLabel="Clone user"
        onCancel={onClose}
        onSubmit={async ({ email, firstName, lastName, alias }) => {
          const { data } = await clone({ id: source.id, input: { email, firstName, lastName, alias: alias.trim() || null } });
          if (data) onSaved(`Invited ${data.cloneUser.email}, a clone of ${fullName(source)}.`);
        }}
      />
    </Dialog>
  );
}

/**
 * Edits a user as last read from the server. Only changed fields are sent, with the version read:
 * if someone else saved the user meanwhile the server refuses (CONFLICT) and the viewer reloads.
 */
export function EditUserDialog({ userId, options, onClose, onSaved }: UserDialogProps & { userId: string }) {
  const viewer = useViewer();
  const [loaded, reload] = useQuery({ query: UsersUserQuery, variables: { id: userId }, requestPolicy: 'network-only' });
  const [result, update] = useMutation(UsersUpdateMutation);
  // The version the last save was sent with: its error belongs to that version and goes once the user is reloaded.
  const [sentVersion, setSentVersion] = useState<number | null>(null);
  const user = loaded.data?.user;
  const editable = (field: UserFormField) => viewer.can('users.edit') && viewer.can(FIELD_EDIT_PERMISSIONS[field]);
  const error = user && sentVersion === user.version ? result.error : undefined;
  const conflict = isConflict(error);

  return (
    <Dialog title={user ? `Edit ${fullName(user)}` : 'Edit user'} onClose={onClose}>
      {!user ? (
        loaded.error ? (
          <ErrorAlert error={loaded.error} />
        ) : (
          <p className="muted" aria-busy="true">
            Loading…
          </p>
        )
      ) : (
        <UserForm
          // A reload after a conflict starts the form again from what is saved now.
          key={user.version}
          initial={userFormValues(user)}
          fields={EDIT_FIELDS}
          options={options}
          editable={editable}
          error={error}
          busy={result.fetching}
          submitLabel="Save"
          onCancel={onClose}
          onSubmit={async (values) => {
            const input = updateUserInput(userFormValues(user), values);
            if (Object.keys(input).length === 0) return onClose();
            setSentVersion(user.version);
            const { data } = await update({ id: user.id, input, version: user.version });
            if (data) onSaved(`Saved the changes to ${data.updateUser.email}.`);
          }}
        >
          {conflict && (
            <button type="button" onClick={() => reload({ requestPolicy: 'network-only' })}>
              Reload the user (your changes here are discarded)
            </button>
          )}
        </UserForm>
      )}
    </Dialog>
  );
}
