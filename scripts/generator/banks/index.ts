/** Every phrase bank, by stance and language. A language without a bank for a stance never gets that stance. */
import type { GenLanguage } from '../locale.ts';
import {
  COUNTER_AR,
  COUNTER_BS,
  COUNTER_EN,
  COUNTER_FA,
  COUNTER_SO,
  COUNTER_SV,
  COUNTER_TR,
} from './counter.ts';
import { NEUTRAL_AR, NEUTRAL_EN, NEUTRAL_FA, NEUTRAL_SO, NEUTRAL_SV, NEUTRAL_TR } from './neutral.ts';
import { RUMOUR_AR } from './rumour-ar.ts';
import { RUMOUR_EN } from './rumour-en.ts';
import { RUMOUR_FA, RUMOUR_SO, RUMOUR_TR } from './rumour-minor.ts';
import { RUMOUR_BS, RUMOUR_CKB, RUMOUR_FR, RUMOUR_KMR } from './rumour-other.ts';
import { RUMOUR_SV } from './rumour-sv.ts';
import type { CounterBank, NeutralBank, RumourBank, UnrelatedBank } from './types.ts';
import {
  UNRELATED_AR,
  UNRELATED_BS,
  UNRELATED_EN,
  UNRELATED_FA,
  UNRELATED_SO,
  UNRELATED_SV,
  UNRELATED_TR,
} from './unrelated.ts';

export type {
  CounterBank,
  Hashtag,
  NeutralBank,
  NewsItem,
  RumourBank,
  Statement,
  UnrelatedBank,
} from './types.ts';

const byLang = <B extends { lang: GenLanguage }>(...banks: B[]): Partial<Record<GenLanguage, B>> =>
  Object.fromEntries(banks.map((bank) => [bank.lang, bank]));

export const RUMOUR_BANKS = byLang<RumourBank>(
  RUMOUR_AR,
  RUMOUR_SV,
  RUMOUR_EN,
  RUMOUR_FA,
  RUMOUR_SO,
  RUMOUR_TR,
  RUMOUR_BS,
  RUMOUR_CKB,
  RUMOUR_KMR,
  RUMOUR_FR,
);
export const COUNTER_BANKS = byLang<CounterBank>(
  COUNTER_SV,
  COUNTER_AR,
  COUNTER_EN,
  COUNTER_TR,
  COUNTER_FA,
  COUNTER_SO,
  COUNTER_BS,
);
export const NEUTRAL_BANKS = byLang<NeutralBank>(
  NEUTRAL_SV,
  NEUTRAL_EN,
  NEUTRAL_AR,
  NEUTRAL_TR,
  NEUTRAL_FA,
  NEUTRAL_SO,
);
export const UNRELATED_BANKS = byLang<UnrelatedBank>(
  UNRELATED_SV,
  UNRELATED_EN,
  UNRELATED_AR,
  UNRELATED_FA,
  UNRELATED_SO,
  UNRELATED_TR,
  UNRELATED_BS,
);
