import { AppError } from '../errors/app-error';
import { assertValidEmail, defaultAlias, emailKey } from './user.rules';

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
