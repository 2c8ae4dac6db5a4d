import { Directive, Field } from 'type-graphql';
import { ITEM_CATALOG, type ItemKey } from '@provision/domain';
import { personalDirective } from '@provision/api-core';

/**
 * The description every `@personal` field carries, built from the item catalog: IDE hovers and
 * generated client types then say which item the field is and that it may be null with an error.
 */
export function personalFieldDescription(item: ItemKey, note?: string): string {
  const entry = ITEM_CATALOG.get(item);
  if (entry === undefined) throw new RangeError(`unknown item "${item}"`);
  const { label } = entry;
  return [
    `Personal data: ${label.en} (${label.ko}), item \`${item}\`.`,
    ...(note === undefined ? [] : [note]),
    'Released only for the purpose the operation declares with @purpose and only as agreement, consent, provision window and token scope allow;',
    'otherwise null, with an error at this path whose `extensions.code` is `PROVISION_DENIED` and `extensions.reason` a `DenialReason`.',
  ].join(' ');
}

/**
 * Declares a nullable String field that carries one personal item: `@personal(item: …)` plus the
 * description above. The value is never filled by the view: the personal-data guard releases it.
 */
export function PersonalField(item: ItemKey, note?: string): PropertyDecorator {
  const field = Field(() => String, { nullable: true, description: personalFieldDescription(item, note) });
  const tag = Directive(`@${personalDirective.name}(item: ${JSON.stringify(item)})`);
  return (prototype, property) => {
    field(prototype, property);
    tag(prototype, property);
  };
}
