import { registerEnumType } from 'type-graphql';
import { enumOf } from '@provision/api-core';
import { CONSENT_CHANNELS, SUBJECT_KINDS } from '@provision/domain';

// OrderStatus is shared with the partner API, so it is registered once, in @provision/api-core.

export const SubjectKindEnum = enumOf(SUBJECT_KINDS);
export const ConsentChannelEnum = enumOf(CONSENT_CHANNELS);

registerEnumType(SubjectKindEnum, {
  name: 'SubjectKind',
  description: 'MEMBER, NON_MEMBER (a guest buyer) or RECEIVER (the receiver of a delivery, a subject too).',
});
registerEnumType(ConsentChannelEnum, { name: 'ConsentChannel', description: 'Where the subject gave the consent.' });
