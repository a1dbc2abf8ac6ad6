/**
 * Unrelated posts that share tokens with the rumours: SOC (security operations centre), soc (sociology),
 * SocGen, السوسيال / سوسیال / socialka meaning welfare money and rent, kidnapping crime news, boycotts of
 * other things, children "forced" to eat broccoli.
 */
import type { UnrelatedBank } from './types.ts';

export const UNRELATED_SV: UnrelatedBank = {
  lang: 'sv',
  items: [
    'Vi söker en SOC-analytiker till vårt säkerhetscenter i {city}. Erfarenhet av SIEM är meriterande.',
    'Någon som har gamla tentor i soc? Sociologi A alltså 😅',
    'Man häktad för kidnappning och grov utpressning i {city}.',
    'Bojkotta amerikanska varor! Tips på svenska alternativ i tråden.',
    'Mina barn tvingades äta broccoli i skolan idag och har inte förlåtit mig än 😂',
    'Vår SOC har haft en lugn natt, inga incidenter.',
    'Hur lång handläggningstid har ni fått på ekonomiskt bistånd i {city}?',
    'Söker lägenhet i {place}, tre rum och kök, gärna nära skolan.',
    'Polisen: kvinna fördes bort med våld i {city}, {num} personer gripna.',
    'Nu bojkottar vi mejerijätten tills bönderna får betalt.',
    'Soc-kursen på distans börjar på {weekday}, någon mer som läser?',
    'Nattlig övning i vår SOC: en simulerad phishing-kampanj.',
    'Dottern vägrade äta broccolin, jag gav upp efter tjugo minuter.',
    'Loppis på {weekday} i {place}! Barnkläder, leksaker och böcker.',
    'Fotbollsträning för barn i {place} varje {weekday}, alla är välkomna.',
  ],
  prefixes: ['Hej! ', 'Fråga: ', 'Hallå {city}! ', 'Hej alla, '],
  suffixes: ['Tack på förhand!', '🙏', 'Dela gärna.', '😊'],
};

export const UNRELATED_EN: UnrelatedBank = {
  lang: 'en',
  items: [
    'Hiring: Tier 2 SOC analyst, hybrid, {city} office.',
    'Our SOC 2 Type II audit is finally done 🎉',
    'Anyone taking SOC 101 this semester? The reading list is brutal.',
    'Police: teenager kidnapped in car park, {num} arrested.',
    'Boycott fast fashion this Black Friday.',
    'My kids were forced to eat broccoli and now they call me a dictator.',
    'SocGen shares fell {num}% this morning.',
    'That kidnapping thriller on Netflix is surprisingly good.',
    'Our SOC caught a ransomware attempt at 3 am. Coffee time.',
    'Is anyone else boycotting the new streaming price hike?',
    'Moving to {city} for a job, any tips on neighbourhoods?',
    'Soc exam tomorrow, wish me luck.',
  ],
  prefixes: ['Quick question: ', 'Hi all, ', 'Honest question: '],
  suffixes: ['Thanks!', 'lol', '🙃', 'Any advice?'],
};

export const UNRELATED_AR: UnrelatedBank = {
  lang: 'ar',
  items: [
    'سؤال: كم يعطي السوسيال للعائلة المكونة من خمسة أشخاص؟',
    'هل يدفع السوسيال الإيجار كاملاً إذا كنت أدرس SFI؟',
    'السوسيال رفض طلب المساعدة المالية (ekonomiskt bistånd) هذا الشهر، شو أعمل؟',
    'متى ينزل راتب السوسيال هذا الشهر؟',
    'الشرطة تعتقل عصابة خطف وابتزاز في {city}.',
    'حملة مقاطعة المنتجات الأمريكية مستمرة، هذه قائمة البدائل.',
    'أولادي يرفضون أكل البروكلي 😂 أي حلول؟',
    'كم يأخذ الموعد في السوسيال في {city}؟',
    'هل يساعد السوسيال في دفع فاتورة الكهرباء؟',
    'مطلوب شقة للإيجار في {place}، ثلاث غرف.',
    'عندي موعد مع السوسيال يوم {weekday} بخصوص الإيجار، شو الأوراق المطلوبة؟',
    'مسلسل عن خطف طفل في رمضان، مين شافه؟',
  ],
  prefixes: ['السلام عليكم، ', 'مرحبا ', 'يا جماعة '],
  suffixes: ['وشكراً', 'الله يجزيكم الخير', '🙏'],
};

export const UNRELATED_FA: UnrelatedBank = {
  lang: 'fa',
  items: [
    'سوسیال این ماه پول را دیر واریز کرد، کسی می‌داند چرا؟',
    'برای کرایه خانه چقدر از سوسیال کمک می‌گیرید؟',
    'کسی می‌داند سوسیال هزینه عینک را می‌دهد؟',
    'دنبال آپارتمان در {city} هستم.',
  ],
  prefixes: ['سلام، '],
  suffixes: ['ممنون', '🙏'],
};

export const UNRELATED_SO: UnrelatedBank = {
  lang: 'so',
  items: [
    'Socialka ma bixiyaa kirada guriga haddii aan shaqo la’aan ahay?',
    'Lacagta socialka goorma ayay soo dhacdaa bishan?',
    'Qof ma yaqaan shaqo {city} ah?',
  ],
  prefixes: ['Asc, '],
  suffixes: ['Mahadsanid'],
};

export const UNRELATED_TR: UnrelatedBank = {
  lang: 'tr',
  items: [
    'Sosyalden kira yardımı alan var mı? Başvuru ne kadar sürdü?',
    'SOC analisti arıyoruz, {city} ofisi.',
    'Sosyal yardım bu ay neden gecikti?',
    'Çocuklar brokoli yemiyor, tarif önerisi olan?',
  ],
  prefixes: ['Merhaba, '],
  suffixes: ['Teşekkürler'],
};

export const UNRELATED_BS: UnrelatedBank = {
  lang: 'bs',
  items: [
    'Koliko socijalna pomoć daje za kiriju u gradu {city}?',
    'Traži se posao u gradu {city}, iskustvo u građevini.',
  ],
  prefixes: ['Pozdrav, '],
  suffixes: ['Hvala'],
};
