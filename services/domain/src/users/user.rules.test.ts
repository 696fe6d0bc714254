import { AppError } from '../errors/app-error';
import {
  addedIds,
  aliasOrDefault,
  assertChatConcurrency,
  assertFoundingAdminKeepsAdmin,
  assertNotFoundingAdmin,
  assertRoleCount,
  assertUserTeamsInReach,
  assertValidEmail,
  changedUserFields,
  defaultAlias,
  editPermissionsFor,
  editedSnapshot,
  emailKey,
  pickFields,
  reactivatedStatus,
  requiredText,
  statusChange,
  unassignableRoles,
  validNewUserFields,
  type UserSnapshot,
} from './user.rules';

describe('user rules', () => {
  it('compares emails ignoring case and surrounding spaces', () => {
    expect(emailKey('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });

  it('accepts a plausible email and returns it trimmed', () => {
    expect(assertValidEmail(' ada@example.com ')).toBe('ada@example.com');
  });

  it.each(['ada', 'ada@example', 'ada @example.com', '@example.com', `${'a'.repeat(250)}@example.com`])(
    'refuses "%s" with BAD_USER_INPUT naming the field',
    (email) => {
      let error: unknown;
      try {
        assertValidEmail(email, 'adminEmail');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'adminEmail' });
    },
  );

  it('defaults the alias to first and last name', () => {
    expect(defaultAlias('Ada', 'Lovelace')).toBe('Ada Lovelace');
    expect(defaultAlias('Ada', '')).toBe('Ada');
  });
});

/** The error a function throws, for matching code, field and message. */
function caught(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const ada: UserSnapshot = {
  email: 'ada@example.com',
  agentId: null,
  firstName: 'Ada',
  lastName: 'Lovelace',
  alias: 'Ada Lovelace',
  status: 'ACTIVE',
  location: null,
  chatConcurrency: null,
  chatConcurrencyEnabled: false,
  roles: ['agent'],
  teams: ['care'],
};

describe('new user fields', () => {
  it('trims the fields and defaults the alias to first and last name', () => {
    expect(validNewUserFields({ email: ' ada@example.com ', firstName: ' Ada ', lastName: 'Lovelace', alias: '  ', agentId: '' })).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      alias: 'Ada Lovelace',
      agentId: null,
    });
  });

  it.each([
    ['firstName', { firstName: '  ' }, 'First name must not be empty'],
    ['lastName', { lastName: 'x'.repeat(101) }, 'Last name must be at most 100 characters'],
    ['alias', { alias: 'x'.repeat(101) }, 'Alias must be at most 100 characters'],
    ['agentId', { agentId: 'x'.repeat(101) }, 'Agent id must be at most 100 characters'],
    ['email', { email: 'not-an-email' }, '"not-an-email" is not a valid email address'],
  ])('refuses a bad %s naming the field', (field, change, message) => {
    const error = caught(() => validNewUserFields({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', ...change }));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field, message });
  });

  it('counts length in characters, not UTF-16 units', () => {
    expect(requiredText('😀'.repeat(100), 'firstName', 'First name')).toHaveLength(200);
  });

  it('keeps a given alias', () => {
    expect(aliasOrDefault(' Ada L. ', 'Ada', 'Lovelace')).toBe('Ada L.');
  });
});

describe('limits', () => {
  it('wants 1 to 10 distinct roles', () => {
    expect(() => assertRoleCount(['a'])).not.toThrow();
    expect(() => assertRoleCount(Array.from({ length: 10 }, (_, i) => `r${i}`))).not.toThrow();
    expect(caught(() => assertRoleCount([]))).toMatchObject({ field: 'roleIds', message: 'A user must have 1 to 10 roles (0 given)' });
    expect(caught(() => assertRoleCount(Array.from({ length: 11 }, (_, i) => `r${i}`)))).toMatchObject({ field: 'roleIds' });
    expect(() => assertRoleCount(['a', 'a'])).not.toThrow();
  });

  it("keeps chat concurrency within 1 to the tenant's maximum", () => {
    expect(() => assertChatConcurrency(null, 5)).not.toThrow();
    expect(() => assertChatConcurrency(5, 5)).not.toThrow();
    for (const bad of [0, 6, 2.5]) {
      expect(caught(() => assertChatConcurrency(bad, 5))).toMatchObject({ field: 'chatConcurrency', message: expect.stringContaining('1 to 5') });
    }
  });
});

describe('roles', () => {
  it('lists requested roles the actor may not assign', () => {
    expect(unassignableRoles(['agent', 'admin', 'agent'], new Set(['agent']))).toEqual(['admin']);
  });

  it('finds the ids added by a change', () => {
    expect(addedIds(['a', 'b'], ['b', 'c', 'c'])).toEqual(['c']);
  });

  it('keeps the founding admin an admin', () => {
    expect(() => assertFoundingAdminKeepsAdmin(true, ['admin', 'agent'], 'admin')).not.toThrow();
    expect(() => assertFoundingAdminKeepsAdmin(false, ['agent'], 'admin')).not.toThrow();
    expect(caught(() => assertFoundingAdminKeepsAdmin(true, ['agent'], 'admin'))).toMatchObject({ field: 'roleIds' });
  });

  it('refuses to deactivate the founding admin, naming them', () => {
    const users = [{ id: 'u1', email: 'a@x.test' }, { id: 'founder', email: 'boss@x.test' }];
    expect(() => assertNotFoundingAdmin(users, 'other', 'ids')).not.toThrow();
    expect(caught(() => assertNotFoundingAdmin(users, 'founder', 'ids'))).toMatchObject({
      field: 'ids',
      message: 'boss@x.test is the founding admin of the tenant and cannot be deactivated',
    });
  });
});

describe('edits', () => {
  it('leaves out fields the edit does not name, and clears those given null', () => {
    const before = { ...ada, agentId: 'crm-1', chatConcurrency: 3, chatConcurrencyEnabled: true };
    const after = editedSnapshot(before, { agentId: null, chatConcurrency: null });
    expect(after).toMatchObject({ email: ada.email, agentId: null, chatConcurrency: null, chatConcurrencyEnabled: false });
  });

  it('resets an emptied alias to the (new) first and last name', () => {
    expect(editedSnapshot(ada, { firstName: 'Augusta', alias: '' }).alias).toBe('Augusta Lovelace');
    expect(editedSnapshot(ada, { firstName: 'Augusta' }).alias).toBe('Ada Lovelace');
  });

  it('turns the chat override on with a concurrency, and refuses it without one', () => {
    expect(editedSnapshot(ada, { chatConcurrency: 4 })).toMatchObject({ chatConcurrency: 4, chatConcurrencyEnabled: true });
    expect(caught(() => editedSnapshot(ada, { chatConcurrencyEnabled: true }))).toMatchObject({ field: 'chatConcurrencyEnabled' });
  });

  it('reports only the fields that changed, comparing roles and teams as sets', () => {
    const after = editedSnapshot({ ...ada, roles: ['a', 'b'] }, { roleIds: ['b', 'a'], teamIds: ['care', 'sales'], alias: 'Countess' });
    expect(changedUserFields({ ...ada, roles: ['a', 'b'] }, after)).toEqual(['alias', 'teams']);
    expect(changedUserFields(ada, editedSnapshot(ada, { firstName: 'Ada', email: 'ada@example.com' }))).toEqual([]);
  });

  it('treats a change of case in the email as a change', () => {
    expect(changedUserFields(ada, editedSnapshot(ada, { email: 'Ada@example.com' }))).toEqual(['email']);
  });

  it('asks Edit User plus each changed field’s permission, once each', () => {
    expect(editPermissionsFor(['firstName', 'lastName', 'email'])).toEqual(['users.edit', 'users.edit.name', 'users.edit.email']);
    expect(editPermissionsFor([])).toEqual(['users.edit']);
  });

  it('audits only the changed fields', () => {
    expect(pickFields(ada, ['alias', 'teams'])).toEqual({ alias: 'Ada Lovelace', teams: ['care'] });
  });
});

describe('status changes', () => {
  it('moves only between active (or invited) and deactivated', () => {
    expect(statusChange('ACTIVE', 'ACTIVE')).toBeNull();
    expect(statusChange('ACTIVE', 'DEACTIVATED')).toBe('deactivate');
    expect(statusChange('INVITED', 'DEACTIVATED')).toBe('deactivate');
    expect(statusChange('DEACTIVATED', 'ACTIVE')).toBe('reactivate');
    expect(caught(() => statusChange('INVITED', 'ACTIVE'))).toMatchObject({ field: 'status' });
    expect(caught(() => statusChange('ACTIVE', 'INVITED'))).toMatchObject({ field: 'status' });
  });

  it('returns a reactivated user to INVITED when they never set a password', () => {
    expect(reactivatedStatus(true)).toBe('ACTIVE');
    expect(reactivatedStatus(false)).toBe('INVITED');
  });
});

describe('team reach of user edits', () => {
  const teams = [
    { id: 'care', name: 'Care' },
    { id: 'sales', name: 'Sales' },
  ];

  it('lets a holder for all teams use any team, or none', () => {
    expect(() => assertUserTeamsInReach(null, [], 'users.create', true)).not.toThrow();
  });

  it('makes a team-scoped creator put the user in a team of theirs', () => {
    expect(caught(() => assertUserTeamsInReach(new Set(['care']), [], 'users.create', true))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('put the new user in at least one of those teams'),
    });
    expect(() => assertUserTeamsInReach(new Set(['care']), [], 'users.edit.teams', false)).not.toThrow();
  });

  it('names a team outside the reach', () => {
    expect(caught(() => assertUserTeamsInReach(new Set(['care']), teams, 'users.create', true))).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('"Sales" is not one of them'),
    });
  });
});
