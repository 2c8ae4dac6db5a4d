import { Field, ObjectType } from 'type-graphql';

@ObjectType('CatalogEntry', { description: 'An entry of the item or purpose catalog.' })
export class CatalogEntryView {
  @Field({ description: 'Hierarchical dotted key.' })
  key!: string;

  @Field(() => String, { nullable: true })
  parent!: string | null;

  @Field()
  labelEn!: string;

  @Field()
  labelKo!: string;

  @Field({ description: 'Whether the entry can appear in a grant (group entries cannot).' })
  grantable!: boolean;

  @Field(() => String, { nullable: true, description: 'Items only: `general` or `unique-identifier` (encrypted at rest).' })
  sensitivity!: string | null;
}
