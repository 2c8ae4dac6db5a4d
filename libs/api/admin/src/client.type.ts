import { Field, ID, ObjectType } from 'type-graphql';
import type { ClientKind } from '@provision/domain';
import { ClientKindEnum } from './enums.js';

@ObjectType('Client', { description: 'A client id allowed to call the gateway, and the scopes its tokens may carry.' })
export class ClientView {
  @Field()
  clientId!: string;

  @Field(() => ClientKindEnum)
  kind!: ClientKind;

  @Field(() => ID, { nullable: true })
  partnerId!: string | null;

  @Field(() => [String], { description: 'Sorted.' })
  scopes!: string[];

  @Field()
  addedAt!: Date;

  @Field()
  addedBy!: string;

  @Field(() => Date, { nullable: true, description: "Set once revoked; the client's tokens are refused from then on." })
  revokedAt!: Date | null;
}
