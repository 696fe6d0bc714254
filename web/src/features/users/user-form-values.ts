import type { CreateUserInput, UpdateUserInput, UsersRowFragment } from '../../gql/graphql';

/** What the user form holds: text as typed, ids of the chosen location, roles and teams. */
export interface UserFormValues {
  email: string;
  firstName: string;
  lastName: string;
  alias: string;
  agentId: string;
  /** '' for none. */
  locationId: string;
  /** As typed; '' for none. */
  chatConcurrency: string;
  chatConcurrencyEnabled: boolean;
  roleIds: string[];
  teamIds: string[];
}

/** A field of the form, named as the API names it in inputs and in BAD_USER_INPUT errors. */
export type UserFormField = keyof UserFormValues;

/**
 * The permission each field's edit needs besides Edit User (the API's catalogue, USER_FIELD_PERMISSIONS
 * in services/domain). Creating and cloning need only Create Users.
 */
export const FIELD_EDIT_PERMISSIONS: Record<UserFormField, string> = {
  email: 'users.edit.email',
  firstName: 'users.edit.name',
  lastName: 'users.edit.name',
  alias: 'users.edit.alias',
  agentId: 'users.edit.agentId',
  locationId: 'users.edit.location',
  chatConcurrency: 'users.edit.chatConcurrency',
  chatConcurrencyEnabled: 'users.edit.chatConcurrency',
  roleIds: 'users.edit.roles',
  teamIds: 'users.edit.teams',
};

export const EMPTY_USER_FORM: UserFormValues = {
  email: '',
  firstName: '',
  lastName: '',
  alias: '',
  agentId: '',
  locationId: '',
  chatConcurrency: '',
  chatConcurrencyEnabled: false,
  roleIds: [],
  teamIds: [],
};

/** The form filled with a user as the API returned them. */
export function userFormValues(user: UsersRowFragment): UserFormValues {
  return {
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    alias: user.alias,
    agentId: user.agentId ?? '',
    locationId: user.location?.id ?? '',
    chatConcurrency: user.chatConcurrency?.toString() ?? '',
    chatConcurrencyEnabled: user.chatConcurrencyEnabled,
    roleIds: user.roles.map((role) => role.id),
    teamIds: user.teams.map((placement) => placement.team.id),
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text);
// The API checks the range and whole numbers itself, with a message naming the tenant's maximum.
const chatConcurrencyOf = (text: string) => (text.trim() === '' ? null : Number(text));

/** createUser's input; teams only when the form offered them. */
export function createUserInput(values: UserFormValues, withTeams: boolean): CreateUserInput {
  return {
    email: values.email,
    firstName: values.firstName,
    lastName: values.lastName,
    alias: orNull(values.alias),
    agentId: orNull(values.agentId),
    locationId: orNull(values.locationId),
    chatConcurrency: chatConcurrencyOf(values.chatConcurrency),
    roleIds: values.roleIds,
    ...(withTeams ? { teamIds: values.teamIds } : {}),
  };
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));

/**
 * updateUser's input: only the fields that changed, since each changed field needs its own edit
 * permission and an unchanged one must not (a viewer may save a name without being allowed roles).
 */
export function updateUserInput(before: UserFormValues, after: UserFormValues): UpdateUserInput {
  const input: UpdateUserInput = {};
  if (after.email !== before.email) input.email = after.email;
  if (after.firstName !== before.firstName) input.firstName = after.firstName;
  if (after.lastName !== before.lastName) input.lastName = after.lastName;
  // Empty goes back to the default "first last".
  if (after.alias !== before.alias) input.alias = after.alias;
  if (after.agentId !== before.agentId) input.agentId = orNull(after.agentId);
  if (after.locationId !== before.locationId) input.locationId = orNull(after.locationId);
  if (after.chatConcurrency !== before.chatConcurrency) input.chatConcurrency = chatConcurrencyOf(after.chatConcurrency);
  if (after.chatConcurrencyEnabled !== before.chatConcurrencyEnabled) input.chatConcurrencyEnabled = after.chatConcurrencyEnabled;
  if (!sameIds(after.roleIds, before.roleIds)) input.roleIds = after.roleIds;
  if (!sameIds(after.teamIds, before.teamIds)) input.teamIds = after.teamIds;
  return input;
}
