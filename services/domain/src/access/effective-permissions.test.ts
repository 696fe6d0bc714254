import { allows, effectivePermissions, licenseType, type RoleGrant } from './effective-permissions';
import { DEFAULT_ROLES } from './default-roles';
import { PERMISSIONS } from './permission-catalogue';

const grant = (roleName: string, permission: string, access: RoleGrant['access'], scope: RoleGrant['scope']): RoleGrant => ({
  roleId: `${roleName}-id`,
  roleName,
  permission,
  access,
  scope,
});

describe('effectivePermissions', () => {
  it('takes the highest level and the widest scope across roles, and says which roles grant it', () => {
    const permissions = effectivePermissions([
      grant('Manager', 'monitoring.agents', 'VIEW', 'ASSIGNED_TEAMS'),
      grant('Manager Data', 'monitoring.agents', 'EDIT', 'ASSIGNED_QUEUES'),
      grant('Auditor', 'monitoring.agents', 'VIEW', 'ALL'),
    ]);
    const monitoring = permissions.get('monitoring.agents')!;
    expect(monitoring.access).toBe('EDIT');
    expect(monitoring.scope).toBe('ALL');
    expect(monitoring.grantedBy.map((g) => g.roleName)).toEqual(['Manager', 'Manager Data', 'Auditor']);
  });

  it('ignores keys that are not in the catalogue', () => {
    const permissions = effectivePermissions([grant('Old', 'legacy.thing', 'EDIT', 'ALL')]);
    expect(permissions.size).toBe(0);
  });

  it('lets EDIT include VIEW but not the other way round', () => {
    const permissions = effectivePermissions([grant('A', 'teams', 'VIEW', 'ALL'), grant('A', 'roles', 'EDIT', 'ALL')]);
    expect(allows(permissions, 'teams', 'VIEW')).toBe(true);
    expect(allows(permissions, 'teams', 'EDIT')).toBe(false);
    expect(allows(permissions, 'roles', 'VIEW')).toBe(true);
    expect(allows(permissions, 'users.view')).toBe(false);
  });
});

describe('licenseType', () => {
  it('is ADMIN with any admin permission, MANAGER with any manager permission, else AGENT', () => {
    expect(licenseType(['adapter.work', 'users.view', 'roles'])).toBe('ADMIN');
    expect(licenseType(['adapter.work', 'users.view'])).toBe('MANAGER');
    expect(licenseType(['adapter.work'])).toBe('AGENT');
    expect(licenseType([])).toBe('AGENT');
  });
});

describe('default roles', () => {
  it('grant only permissions of the catalogue, at scopes each permission allows', () => {
    const byKey = new Map(PERMISSIONS.map((p) => [p.key as string, p]));
    for (const role of DEFAULT_ROLES) {
      for (const g of role.grants) {
        const definition = byKey.get(g.permission);
        expect(definition).toBeDefined();
        expect(definition!.scopes).toContain(g.scope);
      }
    }
  });

  it('give the Admin every non-agent permission and the Agent only the adapter', () => {
    const admin = DEFAULT_ROLES.find((r) => r.key === 'ADMIN')!;
    const agent = DEFAULT_ROLES.find((r) => r.key === 'AGENT')!;
    expect(licenseType(admin.grants.map((g) => g.permission))).toBe('ADMIN');
    expect(admin.grants.some((g) => g.permission.startsWith('adapter.'))).toBe(false);
    expect(agent.grants.every((g) => g.permission.startsWith('adapter.'))).toBe(true);
  });

  it('keep names within 20 characters and labels within 16', () => {
    for (const role of DEFAULT_ROLES) {
      expect(role.name.length).toBeLessThanOrEqual(20);
      expect(role.label.length).toBeLessThanOrEqual(16);
    }
  });
});
