import { Field, ObjectType } from 'type-graphql';

@ObjectType('Person', { description: 'The person behind an admin action: OpenID Connect subject and name at sign-in.' })
export class PersonView {
  @Field({ description: "The issuer's stable subject identifier (`sub`)." })
  sub!: string;

  @Field(() => String, { nullable: true, description: 'The `name` claim at sign-in.' })
  name!: string | null;
}

/** The person of a record's `<role>_by_sub` and `<role>_by_name` columns; null when no person acted (a machine client, the seed). */
export function personView(sub: string | null, name: string | null): PersonView | null {
  return sub === null ? null : { sub, name };
}
