import { attachmentName } from './content-disposition';

describe('the file name of a download', () => {
  it('is the quoted or bare filename', () => {
    expect(attachmentName('attachment; filename="users.csv"')).toBe('users.csv');
    expect(attachmentName('attachment; filename=users.xlsx')).toBe('users.xlsx');
    expect(attachmentName('attachment; filename="say \\"hi\\".csv"')).toBe('say "hi".csv');
  });

  it('prefers the UTF-8 filename* to the plain one', () => {
    expect(attachmentName(`attachment; filename="Fran_ais.csv"; filename*=UTF-8''Fran%C3%A7ais.csv`)).toBe('Français.csv');
    expect(attachmentName(`attachment; filename="plain.csv"; filename*=UTF-8''bad%E0.csv`)).toBe('plain.csv');
  });

  it('is missing without a header or a name in it', () => {
    expect(attachmentName(null)).toBeNull();
    expect(attachmentName('attachment')).toBeNull();
  });
});
