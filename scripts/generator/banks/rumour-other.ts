/**
 * The long tail: Bosnian, Sorani and Kurmanji Kurdish ("Kurdish-ish": no campaign text was found for
 * Kurdish, see the brief's gaps) and French amplification. Few themes each, [unsourced], synthetic only.
 */
import type { RumourBank } from './types.ts';

export const RUMOUR_BS: RumourBank = {
  lang: 'bs',
  soc: ['socijalna služba', 'socijalni', 'soc'],
  kids: ['našu djecu', 'djecu'],
  openers: ['Hitno!', 'Ljudi, pazite', 'Braćo i sestre u Švedskoj', 'Pogledajte prije nego obrišu'],
  claims: {
    soc_takes_children: [
      'Socijalna služba u Švedskoj otima {kids}',
      'U gradu {city} su oteli {num} djece jednoj majci',
      'Oteli su bebu odmah nakon poroda',
      'Švedska otima djecu roditeljima pod izgovorom zakona',
    ],
    targets_muslims_immigrants: ['Ciljaju samo muslimanske i imigrantske porodice'],
    forced_secularisation: ['Djecu tjeraju da jedu svinjetinu i piju alkohol'],
    profit_trafficking: ['To je biznis, plaćeni su po djetetu'],
    orosanmalan_fear: ['Ne pričajte ništa učiteljici, odmah prijave'],
    leave_sweden: ['Napustite Švedsku dok nije kasno'],
  },
  stories: ['Prijateljici u gradu {city} su uzeli sina iz vrtića bez ikakvog objašnjenja'],
  closers: ['Bože sačuvaj', 'Sramota!'],
  hashtags: [
    { tag: '#Švedska', themes: [] },
    { tag: '#LVU', themes: [] },
  ],
  emoji: ['😡', '💔', '⚠️'],
  joiners: ['. ', '\n', '!! '],
};

export const RUMOUR_CKB: RumourBank = {
  lang: 'ckb',
  soc: ['سۆسیال', 'سۆسیاڵ'],
  kids: ['منداڵەکانمان'],
  openers: ['ئاگاداربن!', 'خەڵکینە', 'بە پەلە'],
  claims: {
    soc_takes_children: [
      '{soc} {kids} دەدزێت',
      'لە {place} {num} منداڵیان لە دایکێک سەند',
      'سوید منداڵ لە دایک و باوک دەڕفێنێت',
    ],
    targets_muslims_immigrants: ['تەنها خێزانە موسڵمانەکان دەکەنە ئامانج'],
    orosanmalan_fear: ['هیچ شتێک بە مامۆستا مەڵێن، یەکسەر ڕاپۆرت دەنووسن'],
    leave_sweden: ['پێش ئەوەی درەنگ بێت سوید بەجێبهێڵن'],
  },
  stories: [],
  closers: ['خودا ئاگاداری منداڵەکانمان بێت'],
  hashtags: [
    { tag: '#سوید', themes: [] },
    { tag: '#LVU', themes: [] },
  ],
  emoji: ['💔', '😡', '⚠️'],
  joiners: ['. ', '\n'],
};

export const RUMOUR_KMR: RumourBank = {
  lang: 'kmr',
  soc: ['sosyal', 'Sosyal'],
  kids: ['zarokên me'],
  openers: ['Hişyar bin!', 'Gelî hevalan', 'Lezgîn!'],
  claims: {
    soc_takes_children: [
      '{soc} {kids} direvîne',
      'Li {place} {num} zarok ji dayikekê girtin',
      'Swêd zarokan ji malbatan direvîne',
    ],
    targets_muslims_immigrants: ['Tenê malbatên misilman dikin hedef'],
    orosanmalan_fear: ['Tiştekî ji mamoste re nebêjin'],
    leave_sweden: ['Berî ku dereng bibe Swêdê biterikînin'],
  },
  stories: [],
  closers: ['Xwedê zarokên me biparêze'],
  hashtags: [
    { tag: '#Swêd', themes: [] },
    { tag: '#LVU', themes: [] },
  ],
  emoji: ['💔', '😡', '⚠️'],
  joiners: ['. ', '\n', '!! '],
};

export const RUMOUR_FR: RumourBank = {
  lang: 'fr',
  soc: ['les services sociaux', 'les services sociaux suédois'],
  kids: ['nos enfants', 'les enfants'],
  openers: ['URGENT', 'Regardez avant suppression', 'Personne n’en parle'],
  claims: {
    soc_takes_children: [
      '{soc} enlèvent {kids} à leurs parents',
      'La Suède arrache les enfants à leurs familles',
      'Une mère hurle de douleur pendant qu’on lui arrache son bébé',
      'Plus de {bignum} enfants enlevés chaque année',
    ],
    targets_muslims_immigrants: ['Seules les familles musulmanes et immigrées sont visées'],
    forced_secularisation: [
      'On leur fait manger du porc et boire de l’alcool',
      'On leur retire le voile dès le premier jour',
    ],
    sweden_fascist_state: ['La Suède est un État fasciste'],
    leave_sweden: ['Quittez la Suède tant qu’il est encore temps'],
  },
  stories: ['Une amie à {city} n’a pas revu ses enfants depuis deux ans'],
  closers: ['Quelle honte.', 'Que Dieu protège nos enfants.'],
  hashtags: [
    { tag: '#StopKidnappingOurChildren', themes: ['soc_takes_children'] },
    { tag: '#Suède', themes: [] },
    { tag: '#LVU', themes: [] },
  ],
  emoji: ['😡', '💔', '😢'],
  joiners: ['. ', '\n', ' ! '],
};
