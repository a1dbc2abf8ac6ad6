/** Fills a phrase template's {slots} with language-specific places, weekdays, numbers and soc words. */
import {
  ALL_PLACES,
  BIG_NUMBERS,
  CITIES,
  MONEY,
  WEEKDAYS,
  placeSpellings,
  type GenLanguage,
  type Place,
} from './locale.ts';
import { weightedPicker, type Rng } from './rng.ts';

/** Words a rumour bank supplies for {soc} and {kids}. */
export interface RumourWords {
  soc: readonly string[];
  kids: readonly string[];
}

const pickPlace = weightedPicker(
  ALL_PLACES,
  ALL_PLACES.map((place) => place.weight),
);
const pickCity = weightedPicker(
  CITIES,
  CITIES.map((place) => place.weight),
);
const HOURS = ['13:00', '14:00', '15:00', '16:00', '17:00', '18:00', '19:00', '20:00', '21:00'];
const SLOT = /\{(\w+)\}/gu;

const spell = (place: Place, lang: GenLanguage, rng: Rng): string => rng.pick(placeSpellings(place, lang));

export interface FillOptions {
  /** Words for {soc} and {kids} (rumour banks only). */
  words?: RumourWords;
  /** When given, a slot keeps its first value across every template filled with this map (one post). */
  memo?: Map<string, string>;
}

/** Replaces every {slot}; throws on a slot it does not know (a typo in a bank). */
export function fillTemplate(
  template: string,
  lang: GenLanguage,
  rng: Rng,
  options: FillOptions = {},
): string {
  return template.replace(SLOT, (_match, name: string) => {
    const remembered = options.memo?.get(name);
    if (remembered !== undefined) return remembered;
    const value = slotValue(name, template, lang, rng, options.words);
    options.memo?.set(name, value);
    return value;
  });
}

function slotValue(name: string, template: string, lang: GenLanguage, rng: Rng, words?: RumourWords): string {
  switch (name) {
    case 'place':
      return spell(pickPlace(rng), lang, rng);
    case 'city':
      return spell(pickCity(rng), lang, rng);
    case 'weekday':
      return rng.pick(WEEKDAYS[lang]);
    case 'hour':
      return rng.pick(HOURS);
    case 'num':
      return String(rng.int(3, 5));
    case 'age':
      return String(rng.int(2, 14));
    case 'bignum':
      return rng.pick(BIG_NUMBERS[lang]);
    case 'money':
      return rng.pick(MONEY[lang]);
    case 'soc':
      if (words) return rng.pick(words.soc);
      break;
    case 'kids':
      if (words) return rng.pick(words.kids);
      break;
  }
  throw new Error(`unknown template slot {${name}} in: ${template}`);
}
