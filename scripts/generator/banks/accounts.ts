/**
 * Fake accounts and channels: channel names per stance and language (with the owner handle of official and
 * news channels) and name stems for people's handles. All invented; URLs built from them use example.invalid.
 */
import type { Stance } from '../../../classifier/types.ts';
import type { GenLanguage } from '../locale.ts';

export type Platform =
  'facebook' | 'telegram' | 'tiktok' | 'youtube' | 'x' | 'instagram' | 'linkedin' | 'web' | 'news' | 'forum';

export const PLATFORM_LABEL: Record<Platform, string> = {
  facebook: 'Facebook-grupp',
  telegram: 'Telegram-kanal',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  x: 'X',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  web: 'Webbsida',
  news: 'Nyhetssajt',
  forum: 'Forum',
};

/** Platform, name ({city} expands), and for official and news channels the owner's handle. */
export type ChannelSpec = readonly [Platform, string, string?];
type Table<T> = Record<Stance, Partial<Record<GenLanguage, readonly T[]>>>;

/** Channel names; {city} is expanded into a few cities each. Official pages use "Facebook-sida". */
export const CHANNELS: Table<ChannelSpec> = {
  rumour: {
    ar: [
      ['facebook', 'العرب في السويد'],
      ['facebook', 'الجالية العربية في {city}'],
      ['facebook', 'أمهات عربيات في السويد'],
      ['facebook', 'سوريون في {city}'],
      ['telegram', 'أطفالنا في السويد'],
      ['telegram', 'أخبار الجالية في السويد'],
      ['tiktok', 'بث مباشر: أوقفوا خطف أطفالنا'],
      ['youtube', 'قناة الحقيقة في السويد'],
      ['x', 'hashtaggflöde #أوقفوا_خطف_أطفالنا'],
    ],
    sv: [
      ['facebook', 'Svenska familjer i {city}'],
      ['facebook', 'Föräldrar mot LVU'],
      ['facebook', 'Vi som bor i {city}'],
      ['telegram', 'Sanningen om soc'],
      ['tiktok', 'Mammor i {city}'],
      ['x', 'hashtaggflöde #LVU'],
    ],
    en: [
      ['facebook', 'Justice for Swedish Families'],
      ['facebook', 'Parents United Worldwide'],
      ['x', 'hashtag feed #SwedenKidnapsChildren'],
      ['youtube', 'The Nordic Truth Channel'],
      ['telegram', 'Europe Family Watch'],
    ],
    fa: [
      ['telegram', 'ایرانیان سوئد'],
      ['facebook', 'افغان‌های سوئد'],
      ['instagram', 'مادران در سوئد'],
    ],
    so: [
      ['facebook', 'Soomaalida Iswiidhan'],
      ['facebook', 'Hooyooyinka {city}'],
      ['tiktok', 'Warar Iswiidhan'],
      ['youtube', 'Somali Sweden TV'],
    ],
    tr: [
      ['facebook', 'İsveç’teki Türkler'],
      ['facebook', 'Gurbetçiler {city}'],
      ['youtube', 'İsveç Gündem TV'],
    ],
    bs: [['facebook', 'Bosanci u Švedskoj']],
    ckb: [['facebook', 'کوردانی سوید']],
    kmr: [['facebook', 'Kurdên Swêdê']],
    fr: [
      ['facebook', 'Familles musulmanes d’Europe'],
      ['x', 'fil #Suède'],
    ],
  },
  counter: {
    sv: [
      ['facebook', 'Socialtjänsten i {city}', 'socialtjansten_{city}'],
      ['instagram', 'Få koll på soc – {city}', 'kollpasoc_{city}'],
      ['web', 'Socialstyrelsen', 'socialstyrelsen_info'],
      ['web', 'Koll på soc', 'kollpasoc'],
      ['x', 'Kommunen informerar – {city}', 'kommunen_{city}'],
    ],
    ar: [
      ['facebook', 'الخدمات الاجتماعية في {city}', 'socialtjansten_{city}_ar'],
      ['facebook', 'المترجمون الثقافيون في {city}', 'kulturtolkar_{city}'],
      ['web', 'Koll på soc (العربية)', 'kollpasoc_ar'],
    ],
    en: [
      ['x', 'Embassy of Sweden', 'swedish_embassy_info'],
      ['web', 'Government Offices of Sweden', 'gov_se_info'],
      ['web', 'Nordic Fact Check', 'nordic_factcheck'],
    ],
    tr: [
      ['web', 'İsveç Başkonsolosluğu İstanbul', 'isvec_konsolosluk'],
      ['x', 'İsveç Büyükelçiliği', 'isvec_buyukelcilik'],
    ],
    fa: [
      ['web', 'Informationsverige (فارسی)', 'infosverige_fa'],
      ['facebook', 'مترجمان فرهنگی {city}', 'kulturtolk_fa_{city}'],
    ],
    so: [['facebook', 'Turjumaanada dhaqanka {city}', 'turjumaan_{city}']],
    bs: [['facebook', 'Opština {city}', 'opstina_{city}']],
  },
  neutral: {
    sv: [
      ['news', 'Nordost Nyheter', 'nordost_nyheter'],
      ['news', 'Västkustens Tidning', 'vastkustens_tidning'],
      ['news', 'Radio Järva', 'radio_jarva'],
      ['news', 'Lokalbladet {city}', 'lokalbladet_{city}'],
      ['x', 'Reporter, Lokalbladet', 'reporter_lokalbladet'],
    ],
    en: [
      ['news', 'The Nordic Wire', 'nordicwire'],
      ['news', 'Europe Daily Brief', 'eudailybrief'],
      ['x', 'Nordic correspondent', 'nordic_correspondent'],
    ],
    ar: [
      ['news', 'أخبار السويد اليوم', 'akhbar_sweden'],
      ['news', 'نوافذ الشمال', 'nawafidh'],
    ],
    tr: [['news', 'Kuzey Haber', 'kuzeyhaber']],
    fa: [['news', 'خبرنامه سوئد', 'khabarname_se']],
    so: [['news', 'Wargeyska Waqooyi', 'wargeys_waqooyi']],
  },
  unrelated: {
    sv: [
      ['facebook', 'Köp & sälj {city}'],
      ['linkedin', 'Jobb i IT-säkerhet'],
      ['forum', 'Studentforum'],
      ['x', 'Lokalt i {city}'],
    ],
    en: [
      ['forum', 'r/sysadmin-like board'],
      ['linkedin', 'Cybersecurity Jobs Nordics'],
      ['x', 'Parenting talk'],
      ['forum', 'Student Lounge'],
    ],
    ar: [
      ['facebook', 'أسئلة العرب في السويد'],
      ['facebook', 'سكن وإيجار في {city}'],
      ['telegram', 'وظائف في السويد'],
    ],
    fa: [['telegram', 'پرسش و پاسخ ایرانیان سوئد']],
    so: [['facebook', 'Su’aalaha Soomaalida Iswiidhan']],
    tr: [['facebook', 'İsveç’te yaşam']],
    bs: [['facebook', 'Bosanci u Švedskoj – oglasi']],
  },
};

/** Name stems for people's handles (official and news accounts are their channel's owner). */
export const HANDLE_STEMS: Record<'rumour' | 'unrelated', Partial<Record<GenLanguage, readonly string[]>>> = {
  rumour: {
    ar: [
      'amal',
      'fatima',
      'rania',
      'layla',
      'noor',
      'huda',
      'zainab',
      'ahmad',
      'mohammed',
      'yousef',
      'khaled',
      'omar',
      'hussein',
      'samir',
      'umm_omar',
      'umm_yousef',
      'umm_ahmad',
      'abu_khaled',
      'abu_ali',
      'abu_omar',
      'mamma_amal',
      'mamma_rania',
      'mamma_huda',
    ],
    sv: ['anna', 'johan', 'sara', 'mikael', 'lina', 'erik', 'jenny', 'patrik', 'sanningen', 'mamma', 'ulf'],
    en: ['truthseeker', 'freedom_mom', 'justice4kids', 'nordic_watch', 'newsjunkie', 'awake', 'patriot'],
    fa: ['reza', 'maryam', 'ali', 'zahra', 'hamid', 'shirin', 'farhad', 'negar'],
    so: ['hodan', 'abdi', 'faadumo', 'mahad', 'ayaan', 'hassan', 'sahra', 'liban'],
    tr: ['ayse', 'mehmet', 'fatma', 'ahmet', 'elif', 'murat', 'zeynep', 'emre'],
    bs: ['amra', 'senad', 'lejla', 'emir', 'selma'],
    ckb: ['dilan', 'rebaz', 'shilan', 'zana'],
    kmr: ['berfin', 'azad', 'rojda', 'baran'],
    fr: ['sophie', 'karim', 'nadia', 'yanis'],
  },
  unrelated: {
    sv: ['kalle', 'maja', 'socanalytiker', 'student', 'pappa'],
    en: ['secops_dan', 'socprof', 'mumof3', 'it_jobs'],
    ar: ['adam', 'yara', 'sami', 'dina'],
    fa: ['saeed', 'mina'],
    so: ['ubah', 'farah'],
    tr: ['kerem', 'derya'],
    bs: ['haris', 'aida'],
  },
};

export const HANDLE_PREFIXES: Partial<Record<GenLanguage, readonly string[]>> = {
  so: ['', 'hooyo_'],
  tr: ['', 'gurbetci_'],
};
