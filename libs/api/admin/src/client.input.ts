import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { ClientKind } from '@provision/domain';
import { ClientKindEnum } from './enums.js';
import { SLUG } from './partner.input.js';

/** The most scopes one client may hold: the fixed scopes plus one `pii:` scope per catalog item, with room. */
const MAX_SCOPES = 50;
const SCOPE_TEXT = /^[a-z]+:[A-Za-z.:-]{1,60}$/;

@InputType()
export class AddClientInput {
  @Field({ description: 'The JWT client id: 3–64 lowercase letters, digits or dashes; never reused, even once revoked.' })
  @Matches(SLUG, { message: 'clientId must be 3-64 lowercase letters, digits or dashes' })
  clientId!: string;

  @Field(() => ClientKindEnum)
  kind!: ClientKind;

  @Field(() => ID, { nullable: true, description: 'The partner a PARTNER client acts for; must be absent for SHOP and ADMIN.' })
  @IsOptional()
  @IsUUID('all', { message: 'partnerId must be a partner id' })
  partnerId?: string | null;

  @Field(() => [String], {
    description:
      'Scopes its tokens may carry. PARTNER: `partner:read` and `pii:<item>` of items some agreement version grants the partner; SHOP: `shop:read`, `shop:write`; ADMIN: `admin:read`, `admin:write`.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES)
  @Matches(SCOPE_TEXT, { each: true, message: 'each scope must look like `area:name`' })
  scopes!: string[];
}

@InputType()
export class ChangeClientScopesInput {
  @Field()
  @Matches(SLUG, { message: 'clientId must be 3-64 lowercase letters, digits or dashes' })
  clientId!: string;

  @Field(() => [String], { description: 'The complete new set of scopes (same rules as addClient).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPES)
  @Matches(SCOPE_TEXT, { each: true, message: 'each scope must look like `area:name`' })
  scopes!: string[];

  @Field({ description: 'Why; kept in the permission history.' })
  @Length(1, 500)
  reason!: string;
}

@InputType()
export class RevokeClientInput {
  @Field()
  @Matches(SLUG, { message: 'clientId must be 3-64 lowercase letters, digits or dashes' })
  clientId!: string;

  @Field({ description: 'Why; kept in the permission history.' })
  @Length(1, 500)
  reason!: string;
}
