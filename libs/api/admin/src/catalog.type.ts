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

@ObjectType('StatuteEntry', { description: 'An act, or one of its articles that can be cited as a legal basis.' })
export class StatuteEntryView {
  @Field({ description: 'Dotted key: the act, then `art-<n>` (e.g. `criminal-procedure-act.art-215`).' })
  key!: string;

  @Field(() => String, { nullable: true, description: 'The act an article belongs to.' })
  parent!: string | null;

  @Field()
  labelEn!: string;

  @Field()
  labelKo!: string;

  @Field({ description: 'Whether a record may cite it (articles can, acts cannot).' })
  citable!: boolean;

  @Field(() => String, { nullable: true, description: 'Articles: the purpose a provision under it is recorded with (e.g. `statutory.investigation`).' })
  purpose!: string | null;
}
