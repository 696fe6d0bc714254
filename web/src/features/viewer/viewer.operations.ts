import { graphql } from '../../gql';

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      tenant { id name slug }
      licenseType
      permissions { permission access scope }
      user { id email firstName lastName alias }
    }
  }
`);
