// Every provider's descriptor, by id. The ids come from profiles.ts (the one list, which core
// reads); this record pairs each with its factory, and its type takes exactly those ids, so a
// profile without a descriptor (or a descriptor without a profile) does not compile. Only the
// engine side imports it: it loads every provider's HTTP code.
import { aireiterDescriptor } from './aireiter/descriptor';
import { jimmyaiDescriptor } from './jimmyai/descriptor';
import { openaiDescriptor } from './openai/descriptor';
import type { ProviderDescriptor } from './providerDescriptor';
import type { ProviderId } from './profiles';

export const providerDescriptors: { readonly [Id in ProviderId]: ProviderDescriptor<Id> } = {
  aireiter: aireiterDescriptor,
  jimmyai: jimmyaiDescriptor,
  openai: openaiDescriptor,
};
