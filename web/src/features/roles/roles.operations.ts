import { graphql } from '../../gql';

// Every field the page shows or sends back of a role; mutations return it too, so the editor
// starts again from what the server stored.
export const RolesRoleFields = graphql(`
  fragment RolesRoleFields on Role {
    id
    name
    label
    color
    isDefault
    licenseType
    permissionsEditable
    userCount
    version
    permissions { permission access scope }
    assignableRoles { id }
  }
`);

export const RolesPageQuery = graphql(`
  query RolesPage {
    roles { ...RolesRoleFields }
    permissions { key name hasLevels scopes licenseClass }
  }
`);

export const RolesCreateMutation = graphql(`
  mutation RolesCreate($input: RoleInput!) {
    createRole(input: $input) { ...RolesRoleFields }
  }
`);

export const RolesUpdateMutation = graphql(`
  mutation RolesUpdate($id: ID!, $input: RoleInput!, $version: Int!) {
    updateRole(id: $id, input: $input, version: $version) { ...RolesRoleFields }
  }
`);

export const RolesDeleteMutation = graphql(`
  mutation RolesDelete($id: ID!, $confirm: Boolean) {
    deleteRole(id: $id, confirm: $confirm)
  }
`);

export const RolesReorderMutation = graphql(`
  mutation RolesReorder($ids: [ID!]!) {
    reorderRoles(ids: $ids) { id }
  }
`);

export const RolesUserSearchQuery = graphql(`
  query RolesUserSearch($text: String!) {
    users(filter: { text: $text }, first: 20) {
      totalCount
      edges { node { id email firstName lastName roles { id name } } }
    }
  }
`);

export const RolesExplainAccessQuery = graphql(`
  query RolesExplainAccess($userId: ID!, $permission: String!) {
    explainAccess(userId: $userId, permission: $permission) {
      granted
      access
      scope
      permission { key name hasLevels }
      grantedBy { access scope role { id name } }
    }
  }
`);
