import { graphql } from '../../gql';

export const CredentialsPageQuery = graphql(`
  query CredentialsPage {
    apiCredentials {
      id
      name
      secretPrefix
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

/** The roles a new credential may act with. */
export const CredentialsRoleOptions = graphql(`
  query CredentialsRoleOptions {
    roles {
      id
      name
    }
  }
`);

export const CredentialsCreate = graphql(`
  mutation CredentialsCreate($name: String!, $roleIds: [ID!]) {
    createApiCredential(name: $name, roleIds: $roleIds) {
      id
      name
      secret
    }
  }
`);

export const CredentialsRevoke = graphql(`
  mutation CredentialsRevoke($id: ID!) {
    revokeApiCredential(id: $id) {
      id
      revokedAt
    }
  }
`);
