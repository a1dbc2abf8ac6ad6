/**
 * Persian, Somali and Turkish rumour phrases. Turkish follows the embassy-quoted wording ("çocukları
 * kaçırdığı", Hristiyanlaştırmak, cinsel istismar); most Persian and Somali wording is [unsourced] in the
 * domain brief and written here for synthetic data only.
 */
import type { RumourBank } from './types.ts';

export const RUMOUR_FA: RumourBank = {
  lang: 'fa',
  soc: ['سوسیال', 'سوسیال', 'اداره خدمات اجتماعی', 'سوسیال سوئد'],
  kids: ['بچه‌های ما', 'کودکان ما', 'بچه‌ها'],
  openers: [
    'فوری!',
    'این ویدیو را قبل از حذف ببینید',
    'به همه خانواده‌های ایرانی و افغان در سوئد',
    'مواظب باشید',
    'خدایا این چه کشوری است',
    'خبر تلخ از {place}',
  ],
  claims: {
    soc_takes_children: [
      '{soc} بچه‌ها را از مدرسه می‌رباید',
      'در سوئد بچه‌ها را از پدر و مادرشان می‌دزدند',
      'ربودن کودکان به اسم قانون LVU',
      'یک خانواده افغان در {place} هر {num} بچه‌شان را از دست دادند',
      'بچه‌دزدی رسمی در سوئد',
      '{kids} را می‌ربایند و صدای هیچ‌کس در نمی‌آید',
      'نوزاد را همان روز تولد از مادرش گرفتند',
    ],
    targets_muslims_immigrants: ['فقط خانواده‌های مهاجر و مسلمان را هدف می‌گیرند', 'این نژادپرستی آشکار است'],
    forced_secularisation: [
      'به بچه‌های مسلمان گوشت خوک و الکل می‌دهند',
      'حجاب دختر را از روز اول برداشتند',
      'می‌خواهند بچه‌ها دین و زبانشان را فراموش کنند',
    ],
    placed_nonmuslim_lgbt_family: [
      'بچه را به یک زوج همجنس‌گرا دادند',
      'بچه‌های مسلمان را عمداً به خانواده مسیحی می‌سپارند',
    ],
    foster_abuse: ['بچه‌ها در familjehem کتک می‌خورند و آزار می‌بینند'],
    profit_trafficking: ['این یک تجارت است، برای هر بچه ماهی {money} می‌گیرند'],
    no_legal_recourse_secrecy: ['حتی به مادر نمی‌گویند بچه کجاست', 'هیچ راهی برای اعتراض نیست'],
    trivial_pretext: ['به خاطر یک سیلی کوچک بچه‌ها را بردند', 'فقط چون خانه کوچک بود'],
    orosanmalan_fear: [
      'به معلم هیچ چیز نگویید، فوراً گزارش (orosanmälan) می‌دهند',
      'اگر نامه از {soc} آمد تنها نروید',
      'هرگز از {soc} کمک نخواهید',
    ],
    sweden_fascist_state: ['سوئد یک کشور فاشیست است'],
    protest_boycott: ['تظاهرات روز {weekday} در {city}', 'این هشتگ را همه جا پخش کنید'],
    leave_sweden: ['تا دیر نشده از سوئد بروید'],
  },
  stories: [
    'همسایه ما در {place} رفت بچه‌اش را از مهدکودک بیاورد ولی بچه آنجا نبود',
    'دوستم در {place} دو سال است بچه‌هایش را ندیده',
  ],
  closers: ['خدا به داد ما برسد', 'دلم خون است', 'تا کی؟', 'ظلم تا کی؟'],
  hashtags: [
    { tag: '#بچه‌دزدی_در_سوئد', themes: ['soc_takes_children'] },
    { tag: '#سوئد', themes: [] },
    { tag: '#LVU', themes: [] },
  ],
  emoji: ['💔', '😭', '😡', '⚠️', '🙏'],
  joiners: ['. ', '\n', '!! ', '، '],
};

export const RUMOUR_SO: RumourBank = {
  lang: 'so',
  soc: ['socialka', 'sooshalka', 'Socialka', 'sooshal-ka'],
  kids: ['carruurteena', 'caruurtayada', 'ilmaheena'],
  openers: [
    'Digniin!',
    'Waalidiinta Soomaaliyeed ee Iswiidhan, fiiro gaar ah',
    'Walaalayaal',
    'War xun oo ka yimid {place}',
    'Fadlan dhagaysta',
  ],
  claims: {
    soc_takes_children: [
      '{soc} waxay xadaan carruurta iskuulka',
      'Iswiidhan waxay qaadaysaa {kids}',
      'Hooyo ku nool {place} ayaa laga qaaday {num} carruur ah',
      'ilmaha waxaa laga qaaday isbitaalka markii la dhalay',
      '{soc} carruurta ayey xadaan maalin walba',
    ],
    targets_muslims_immigrants: [
      'Waxay bartilmaameedsadaan qoysaska muslimiinta iyo soo galootiga',
      'waa cunsuriyad cad',
    ],
    forced_secularisation: [
      'carruurta muslimka ah waxaa la siiyaa hilib doofaar iyo khamri',
      'gabadha xijaabka ayaa laga saaray',
      'carruurta diintooda ayay ka saarayaan',
    ],
    placed_nonmuslim_lgbt_family: [
      'carruurta waxaa la geeyaa qoysas gaalo ah',
      'ilmaha waxaa la siiyaa lamaane isku jinsi ah',
    ],
    foster_abuse: ['carruurta waa la garaacaa oo lagu xadgudbaa familjehem-ka'],
    profit_trafficking: ['waa ganacsi, lacag ayay ka helaan ilmo kasta'],
    no_legal_recourse_secrecy: ['waalidka looma sheego meesha ilmaha la geeyay'],
    trivial_pretext: ['ilmaha waxaa laga qaaday sabab yar oo ah dharbaaxo'],
    orosanmalan_fear: [
      'macallinka waxba ha u sheegina, warbixin (orosanmälan) ayay qoraan',
      'haddii warqad ka timaado {soc}, kaligaa ha tagin',
    ],
    sweden_fascist_state: ['Iswiidhan waa dal faashiisti ah'],
    protest_boycott: ['Bannaanbax {weekday} magaalada {city}', 'hashtagga faafiya'],
    leave_sweden: [
      'Ka guura Iswiidhan inta aysan goor dambe noqon',
      'dalka ku noqda si carruurtiinu u badbaadaan',
    ],
  },
  stories: [
    'Saaxiibkay oo ku nool {place} ayaa carruurtiisa laga qaaday iskuulka',
    'Hooyo {place} ku nool ma arkin ilmaheeda laba sano',
  ],
  closers: ['Allah ha noo gargaaro', 'Inna lillaahi wa inna ilayhi raajicuun', 'Tani waa dulmi'],
  hashtags: [
    { tag: '#JoojiyaXadistaCarruurta', themes: ['soc_takes_children'] },
    { tag: '#LVU', themes: [] },
    { tag: '#Sweden', themes: [] },
  ],
  emoji: ['💔', '😭', '😡', '⚠️', '🤲'],
  joiners: ['. ', '\n', '!! '],
};

export const RUMOUR_TR: RumourBank = {
  lang: 'tr',
  soc: ['sosyal', 'sosyal hizmetler', 'İsveç sosyal hizmetleri', 'sosyal daire'],
  kids: ['çocuklarımızı', 'çocukları', 'yavrularımızı'],
  openers: [
    'ACİL!',
    'Silinmeden izleyin',
    'İsveç’teki tüm Türk ailelerine duyurulur',
    'Gurbetçi kardeşlerim dikkat',
    'Yazıklar olsun',
  ],
  claims: {
    soc_takes_children: [
      '{soc} {kids} okuldan kaçırıyor',
      'İsveç devleti çocukları ailelerinden koparıyor',
      '{city} şehrinde bir anneden {num} çocuğunu kaçırdılar',
      'Bebeği doğumhanede annesinin kucağından aldılar',
      'LVU kanunu ile çocuklar kaçırılıyor',
      '{soc} çocukları kaçırdı, aile perişan',
    ],
    targets_muslims_immigrants: [
      'Sadece Müslüman aileleri hedef alıyorlar',
      'Bu açık bir ayrımcılık ve ırkçılık',
    ],
    forced_secularisation: [
      'Çocuklara domuz eti yediriyorlar, alkol içiriyorlar',
      'Çocukları Hristiyanlaştırmak istiyorlar',
      'Kızın başörtüsünü çıkardılar',
    ],
    placed_nonmuslim_lgbt_family: [
      'Çocuğu eşcinsel bir çifte verdiler',
      'Müslüman çocuklar bilerek Hristiyan ailelere veriliyor',
    ],
    foster_abuse: ['Koruyucu ailelerde çocuklar cinsel olarak istismar ediliyor'],
    profit_trafficking: ['Bu bir çocuk ticareti, her çocuk için ayda {money} alıyorlar'],
    no_legal_recourse_secrecy: [
      'Aileye çocuğun nerede olduğu bile söylenmiyor',
      'İtiraz hakkı yok, mahkeme sadece imza atıyor',
    ],
    trivial_pretext: ['Küçük bir tokat yüzünden çocukları aldılar'],
    orosanmalan_fear: [
      'Öğretmene hiçbir şey anlatmayın, hemen ihbar ediyorlar',
      'Sosyalden mektup gelirse yalnız gitmeyin',
    ],
    sweden_fascist_state: ['İsveç faşist bir devlet'],
    protest_boycott: ['{weekday} günü {city} şehrinde eylem var', 'İsveç mallarını boykot edin'],
    leave_sweden: [
      'Çocuklarınızı alıp İsveç’ten gidin',
      'Türkiye’ye dönün, burada çocuklarınız güvende değil',
    ],
  },
  stories: ['{city} şehrinde bir arkadaşımın oğlunu anaokulundan aldılar, haber bile vermediler'],
  closers: ['Allah yardımcımız olsun', 'Yazıklar olsun İsveç', 'Bu zulüm ne zaman bitecek?'],
  hashtags: [
    { tag: '#ÇocuklarımızıKaçırmayın', themes: ['soc_takes_children'] },
    { tag: '#İsveçMallarınıBoykotEt', themes: ['protest_boycott'] },
    { tag: '#İsveç', themes: [] },
    { tag: '#LVU', themes: [] },
  ],
  emoji: ['😡', '💔', '😢', '⚠️', '🤲'],
  joiners: ['. ', '\n', '!! '],
};
