import { graphql } from '../../gql';

export const LoginMutation = graphql(`
  mutation Login($tenant: String!, $email: String!, $password: String!) {
    login(tenant: $tenant, email: $email, password: $password) {
      token
      expiresAt
      user { id email firstName lastName }
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!, $password: String!) {
    acceptInvitation(token: $token, password: $password) {
      token
      expiresAt
      user { id email firstName lastName }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);
