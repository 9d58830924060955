import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a page of a connection sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field(() => Boolean, { description: 'True when another page follows; request it with after: endCursor.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Always false: pagination is forward only.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge, or null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge, or null when the page is empty.' })
  endCursor!: string | null;
}

export function pageInfo(cursors: readonly string[], hasNextPage: boolean): PageInfo {
  return {
    hasNextPage,
    hasPreviousPage: false,
    startCursor: cursors[0] ?? null,
    endCursor: cursors[cursors.length - 1] ?? null,
  };
}
