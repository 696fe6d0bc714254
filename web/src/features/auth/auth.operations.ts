import { gql } from 'urql';

// Typed by hand against schema.graphql until the console's codegen exists.

export interface SignedInUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

export const LoginMutation = gql<
  { login: { token: string; user: SignedInUser } },
  { tenant: string; email: string; password: string }
>`
  mutation Login($tenant: String!, $email: String!, $password: String!) {
    login(tenant: $tenant, email: $email, password: $password) {
      token
      user { id email firstName lastName }
    }
  }
`;

export const MeQuery = gql<{ me: { tenant: { id: string; name: string }; user: (SignedInUser & { alias: string }) | null } }, Record<string, never>>`
  query Me {
    me {
      tenant { id name }
      user { id email firstName lastName alias }
    }
  }
`;

export const LogoutMutation = gql<{ logout: boolean }, Record<string, never>>`
  mutation Logout {
    logout
  }
`;
