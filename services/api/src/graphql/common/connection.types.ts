import { Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A cursor connection type (`edges { node }`, `pageInfo`, `totalCount`) for one node type. */
export function Connection<T extends object>(Node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => Node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int)
    totalCount: number;
  }
  return ConnectionType;
}

/** Turns a domain page into a connection. */
export function toConnection<T>(page: { nodes: T[]; totalCount: number; hasNextPage: boolean; endCursor: string | null }): ConnectionShape<T> {
  return {
    edges: page.nodes.map((node) => ({ node })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}
