/**
 * Neutral posts: news, court news, statistics, political debate and legitimate criticism of foster care,
 * and *attributed* reports of the claims ("families say…", "يزعم ناشطون") — the classifier's hard negatives.
 */
import type { NeutralBank } from './types.ts';

export const NEUTRAL_SV: NeutralBank = {
  lang: 'sv',
  items: [
    {
      title: 'Fler LVU-mål i förvaltningsrätterna',
      lead: 'Antalet LVU-mål i förvaltningsrätterna ökade från 4 803 år 2012 till 8 341 år 2022, enligt Domstolsverket.',
      about: [],
    },
    {
      title: 'Myndigheter varnar för kampanj mot socialtjänsten',
      lead: 'En kampanj i sociala medier påstår att socialtjänsten kidnappar muslimska barn. Påståendena sprids främst på arabiska, enligt myndigheterna.',
      about: ['soc_takes_children', 'targets_muslims_immigrants'],
    },
    {
      title: 'Demonstration mot LVU i {city}',
      lead: 'Ett hundratal personer samlades på {weekday} i {city} för att protestera mot omhändertaganden av barn. Polisen rapporterar inga incidenter.',
      about: ['protest_boycott'],
    },
    {
      title: 'Granskning: barn placerade hos familjehem med brottsbakgrund',
      lead: 'En granskning visar att barn placerats i familjehem där vuxna var dömda för brott. Kritiker menar att kontrollerna brister.',
      about: ['foster_abuse'],
    },
    {
      title: 'Debatt om vinster i placeringsbranschen',
      lead: 'Flera partier vill begränsa vinsterna för familjehemsföretag. Branschen menar att kritiken är överdriven.',
      about: ['profit_trafficking'],
    },
    {
      title: 'Familjer i {place} vågar inte söka hjälp',
      lead: 'Flera familjer i {place} säger att de inte längre vågar kontakta socialtjänsten efter rykten om att en orosanmälan leder till att barn omhändertas.',
      about: ['orosanmalan_fear'],
    },
    {
      title: 'Socialstyrelsen ska stärka tilliten till socialtjänsten',
      lead: 'Regeringen har gett Socialstyrelsen i uppdrag att motverka desinformation, bland annat genom dialog med trossamfund och kulturtolkar.',
      about: [],
    },
    {
      title: 'Påståenden om fläsk och alkohol sprids',
      lead: 'I inlägg på arabiska påstås att placerade barn tvingas äta fläsk och dricka alkohol. Kommunen i {city} avvisar uppgifterna.',
      about: ['forced_secularisation'],
    },
    {
      title: 'Kammarrätten fastställde LVU-beslut',
      lead: 'Kammarrätten fastställde på {weekday} beslutet om vård enligt LVU för {num} syskon i {city}.',
      about: [],
    },
    {
      title: 'Hot mot socialsekreterare ökar',
      lead: 'Fackförbundet rapporterar fler hot mot socialsekreterare i {city} sedan kampanjen startade.',
      about: ['violence_threats'],
    },
    {
      title: 'Föräldrar kritiserar kommunens LVU-hantering',
      lead: 'Föräldrar i {city} kritiserar hur kommunen hanterat flera LVU-ärenden och kräver en oberoende granskning.',
      about: [],
    },
    {
      title: 'Så många barn placeras utanför hemmet',
      lead: 'Under 2021 hade 26 200 barn vård utanför hemmet, de flesta genom frivilliga placeringar enligt SoL.',
      about: [],
    },
    {
      title: 'Imam i {city} uppmanar till dialog med socialtjänsten',
      lead: 'En imam i {city} uppmanar församlingen att ställa sina frågor direkt till socialtjänsten i stället för att lita på rykten.',
      about: [],
    },
    {
      title: 'Forskare: ryktena påverkar viljan att söka hjälp',
      lead: 'Enligt forskare kan desinformationen leda till att barn i {place} inte får det stöd de behöver.',
      about: ['orosanmalan_fear'],
    },
  ],
  context: [
    { text: 'Kampanjen startade hösten 2021 och har spridits i flera länder.', about: [] },
    { text: 'Enligt Socialstyrelsen finns information om socialtjänsten på 18 språk.', about: [] },
    { text: 'Vård enligt LVU beslutas av förvaltningsrätten.', about: [] },
    { text: 'Kommunen vill inte kommentera enskilda ärenden.', about: [] },
    {
      text: 'Bland påståendena finns att barn placeras hos kristna familjer med flit.',
      about: ['placed_nonmuslim_lgbt_family'],
    },
    {
      text: 'Kritiker kallar det "barnhandel", något myndigheterna tillbakavisar.',
      about: ['profit_trafficking'],
    },
    { text: 'Familjerna säger att de känner sig utpekade.', about: ['targets_muslims_immigrants'] },
  ],
};

export const NEUTRAL_EN: NeutralBank = {
  lang: 'en',
  items: [
    {
      title: 'Sweden battles online disinformation about its social services',
      lead: 'Swedish authorities say a social media campaign falsely claims that social services kidnap Muslim children.',
      about: ['soc_takes_children', 'targets_muslims_immigrants'],
    },
    {
      title: 'Claims of forced pork and alcohol spread online',
      lead: 'Posts claim that children in foster care are forced to eat pork and drink alcohol; officials reject the claims.',
      about: ['forced_secularisation'],
    },
    {
      title: 'Protest in {city} against child removals',
      lead: 'Around a hundred people gathered in {city} on {weekday} to protest against the LVU law.',
      about: ['protest_boycott'],
    },
    {
      title: 'LVU cases rise in administrative courts',
      lead: 'LVU cases in Swedish administrative courts rose from 4,803 in 2012 to 8,341 in 2022.',
      about: [],
    },
    {
      title: 'Social workers face threats after online campaign',
      lead: 'Unions report more threats against social workers in {city} since the campaign began.',
      about: ['violence_threats'],
    },
    {
      title: 'Report: foster children placed with convicted criminals',
      lead: 'A radio investigation found children placed in foster homes where adults had criminal records.',
      about: ['foster_abuse'],
    },
    {
      title: 'Families say they fear contacting social services',
      lead: 'Several families in {place} say rumours about reports of concern make them avoid asking for help.',
      about: ['orosanmalan_fear'],
    },
    {
      title: 'Researchers study trust in social services among immigrant parents',
      lead: 'Researchers interviewed parents in {place} about their trust in Swedish social services.',
      about: [],
    },
  ],
  context: [
    { text: 'The campaign began in late 2021 and spread mainly in Arabic.', about: [] },
    { text: 'The government says care orders are decided by courts.', about: [] },
    { text: 'Some parents accuse the authorities of racism.', about: ['targets_muslims_immigrants'] },
    {
      text: 'Activists claim the children are sold for profit; the government denies this.',
      about: ['profit_trafficking'],
    },
  ],
};

export const NEUTRAL_AR: NeutralBank = {
  lang: 'ar',
  items: [
    {
      title: 'الحكومة السويدية: حملة مضللة حول السوسيال',
      lead: 'قالت الحكومة السويدية إن حملة على وسائل التواصل تنشر معلومات خاطئة تزعم أن السوسيال يخطف الأطفال.',
      about: ['soc_takes_children'],
    },
    {
      title: 'وقفة في {city} احتجاجاً على قانون LVU',
      lead: 'تجمع عشرات الأشخاص يوم {weekday} في {city} احتجاجاً على سحب الأطفال، ولم تسجل الشرطة أي حوادث.',
      about: ['protest_boycott'],
    },
    {
      title: 'ارتفاع عدد قضايا LVU في المحاكم الإدارية',
      lead: 'ارتفع عدد قضايا LVU في المحاكم الإدارية من 4803 عام 2012 إلى 8341 عام 2022.',
      about: [],
    },
    {
      title: 'عائلات تخشى التواصل مع الخدمات الاجتماعية',
      lead: 'تقول عائلات في {place} إنها تخشى طلب المساعدة بسبب الشائعات المنتشرة حول البلاغات.',
      about: ['orosanmalan_fear'],
    },
    {
      title: 'اتهامات بإجبار الأطفال على أكل لحم الخنزير',
      lead: 'يزعم ناشطون أن الأطفال في العائلات البديلة يُجبرون على أكل لحم الخنزير، فيما تنفي السلطات ذلك.',
      about: ['forced_secularisation'],
    },
  ],
  context: [
    { text: 'وتقول السلطات إن قرارات الرعاية القسرية تصدر عن المحكمة.', about: [] },
    { text: 'وبدأت الحملة في أواخر عام 2021.', about: [] },
  ],
};

export const NEUTRAL_TR: NeutralBank = {
  lang: 'tr',
  items: [
    {
      title: 'İsveç, sosyal hizmetler hakkındaki iddiaları yalanladı',
      lead: 'İsveç hükümeti, sosyal hizmetlerin Müslüman çocukları kaçırdığı iddialarının asılsız olduğunu açıkladı.',
      about: ['soc_takes_children', 'targets_muslims_immigrants'],
    },
    {
      title: '{city} kentinde LVU protestosu',
      lead: '{city} kentinde yüzlerce kişi {weekday} günü LVU yasasını protesto etti.',
      about: ['protest_boycott'],
    },
  ],
  context: [],
};

export const NEUTRAL_FA: NeutralBank = {
  lang: 'fa',
  items: [
    {
      title: 'دولت سوئد: اطلاعات نادرست درباره سوسیال',
      lead: 'دولت سوئد می‌گوید کمپینی در شبکه‌های اجتماعی به دروغ ادعا می‌کند که سوسیال بچه‌ها را می‌رباید.',
      about: ['soc_takes_children'],
    },
    {
      title: 'تجمع در {city} علیه قانون LVU',
      lead: 'ده‌ها نفر روز {weekday} در {city} علیه قانون LVU تجمع کردند.',
      about: ['protest_boycott'],
    },
  ],
  context: [],
};

export const NEUTRAL_SO: NeutralBank = {
  lang: 'so',
  items: [
    {
      title: 'Dowladda Iswiidhan oo beenisay warar ku saabsan socialka',
      lead: 'Dowladda Iswiidhan ayaa sheegtay in ololaha baraha bulshada uu faafinayo macluumaad khaldan oo ah in socialku carruurta xado.',
      about: ['soc_takes_children'],
    },
  ],
  context: [],
};
