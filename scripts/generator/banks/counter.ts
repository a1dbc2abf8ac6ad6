/**
 * Counter-messaging as municipalities, Socialstyrelsen, embassies and cultural interpreters write it, built
 * from the official facts of the domain brief §5. `about` names the rumour themes a sentence rebuts.
 */
import type { CounterBank } from './types.ts';

export const COUNTER_SV: CounterBank = {
  lang: 'sv',
  titles: [
    'Socialtjänsten kidnappar inte barn',
    'Så arbetar socialtjänsten',
    'Fakta om LVU',
    'Få koll på soc',
    'Var källkritisk när du läser om socialtjänsten',
    'Vad händer efter en orosanmälan?',
    'Frågor och svar om familjehem',
    'Information om svensk socialtjänst',
  ],
  intros: [
    'Socialtjänsten i {city} informerar:',
    'Till dig som är orolig efter det du läst på nätet:',
    'Kulturtolkarna i {place} svarar på vanliga frågor.',
    'Öppet hus med socialtjänsten i {place} på {weekday} kl {hour}.',
    'Den här veckan berättar enheten för barn och unga i {city} om sitt arbete.',
    'Det sprids felaktig information om socialtjänsten i sociala medier.',
    'Vi får många frågor om LVU just nu.',
  ],
  facts: [
    { text: 'Socialtjänsten kidnappar inte barn.', about: ['soc_takes_children'] },
    {
      text: 'Ett barn kan omhändertas mot föräldrarnas vilja bara genom beslut i domstol.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    {
      text: 'Det är förvaltningsrätten som beslutar om vård enligt LVU, inte socialsekreteraren.',
      about: ['no_legal_recourse_secrecy'],
    },
    {
      text: 'De flesta insatser är frivilliga och bygger på samarbete med föräldrarna.',
      about: ['soc_takes_children'],
    },
    { text: 'Tvångsvård är oerhört ovanligt och alltid en sista utväg.', about: ['soc_takes_children'] },
    { text: 'Målet är alltid att barnet ska kunna flytta hem igen.', about: [] },
    {
      text: 'Släktingar och andra nära personer prövas först när ett barn behöver bo någon annanstans.',
      about: ['placed_nonmuslim_lgbt_family'],
    },
    { text: 'Familjehem utreds noga med intervjuer, hembesök och referenser.', about: ['foster_abuse'] },
    {
      text: 'Föräldrar och barn har rätt till ett kostnadsfritt offentligt biträde i LVU-mål.',
      about: ['no_legal_recourse_secrecy'],
    },
    {
      text: 'Beslut går att överklaga och din socialsekreterare kan hjälpa dig med det.',
      about: ['no_legal_recourse_secrecy'],
    },
    {
      text: 'En orosanmälan betyder inte att barnet omhändertas. Oftast leder den till samtal och stöd.',
      about: ['orosanmalan_fear'],
    },
    {
      text: 'Att be om hjälp är aldrig fel. Många familjer får stöd av socialtjänsten för att det ska bli bättre hemma.',
      about: ['orosanmalan_fear'],
    },
    {
      text: 'Antalet egna ansökningar om stöd i Lövgärdet ökade från 3 till 75 när familjerna lärde känna socialkontoret.',
      about: ['orosanmalan_fear'],
    },
    { text: 'Lagen gör ingen skillnad på kön eller religion.', about: ['targets_muslims_immigrants'] },
    {
      text: 'Ett placerat barn har rätt till sin religion, sitt språk och sin kultur.',
      about: ['forced_secularisation'],
    },
    { text: 'Familjehemmet ska respektera barnets tro och matvanor.', about: ['forced_secularisation'] },
    { text: 'Alla som arbetar på socialtjänsten har sekretess.', about: [] },
    {
      text: 'Barn omhändertas på grund av allvarliga risker som våld, missbruk eller försummelse, inte för småsaker.',
      about: ['trivial_pretext'],
    },
    {
      text: 'Ersättningen till familjehem täcker barnets kostnader och uppdraget; den styr inte besluten om placering.',
      about: ['profit_trafficking'],
    },
    {
      text: 'Under 2021 fick 26 200 barn vård utanför hemmet, de flesta genom frivilliga insatser.',
      about: ['soc_takes_children'],
    },
  ],
  ctas: [
    'Läs mer på Koll på soc.',
    'Var källkritisk innan du delar.',
    'Ring kontaktcenter om du har frågor, vi kan ta hjälp av tolk.',
    'Informationen finns på 18 språk.',
    'Välkommen att ställa frågor i kommentarerna.',
    'Vill din förening veta mer? Bjud in oss.',
  ],
};

export const COUNTER_AR: CounterBank = {
  lang: 'ar',
  titles: [
    'معلومات عن الخدمات الاجتماعية في السويد',
    'السوسيال لا يخطف الأطفال',
    'حقائق عن قانون LVU',
    'ماذا يحدث بعد البلاغ (orosanmälan)؟',
  ],
  intros: [
    'معلومات من الخدمات الاجتماعية في {city}:',
    'المترجمون الثقافيون في {place} يجيبون على أسئلتكم:',
    'توضيح هام من بلدية {city}:',
    'لقاء مفتوح مع الخدمات الاجتماعية في {place} يوم {weekday} الساعة {hour}.',
    'تنتشر معلومات خاطئة عن السوسيال على وسائل التواصل.',
  ],
  facts: [
    { text: 'السوسيال لا يخطف الأطفال.', about: ['soc_takes_children'] },
    {
      text: 'لا يمكن فصل الطفل عن والديه رغماً عنهم إلا من خلال قرار صادر عن المحكمة.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    {
      text: 'معظم المساعدات التي تقدمها الخدمات الاجتماعية طوعية وبالتعاون مع الأهل.',
      about: ['soc_takes_children'],
    },
    { text: 'الهدف دائماً هو عودة الطفل إلى عائلته.', about: [] },
    {
      text: 'يُنظر أولاً إلى الأقارب، ويتم التحقق من العائلات البديلة بدقة.',
      about: ['placed_nonmuslim_lgbt_family', 'foster_abuse'],
    },
    {
      text: 'يحق للوالدين والطفل الحصول على محامٍ مجاني في قضايا LVU.',
      about: ['no_legal_recourse_secrecy'],
    },
    {
      text: 'يمكن الاعتراض على القرارات، والموظف المسؤول يساعدك في ذلك.',
      about: ['no_legal_recourse_secrecy'],
    },
    {
      text: 'البلاغ (orosanmälan) لا يعني أن الطفل سيؤخذ، وفي أغلب الحالات يؤدي إلى حوار ودعم.',
      about: ['orosanmalan_fear'],
    },
    { text: 'طلب المساعدة من الخدمات الاجتماعية ليس خطراً، بل حق لكل عائلة.', about: ['orosanmalan_fear'] },
    { text: 'القانون لا يميز بين الناس حسب الدين أو الجنس.', about: ['targets_muslims_immigrants'] },
    {
      text: 'من حق الطفل المحافظة على دينه ولغته وثقافته، وعلى العائلة البديلة احترام ذلك بما فيه الطعام الحلال.',
      about: ['forced_secularisation'],
    },
    {
      text: 'لا يؤخذ الأطفال لأسباب بسيطة، بل بسبب خطر جدي على صحتهم ونموهم.',
      about: ['trivial_pretext'],
    },
  ],
  ctas: [
    'المعلومات متوفرة باللغة العربية على موقع Koll på soc.',
    'اتصلوا بنا إذا كان عندكم أي سؤال.',
    'تحققوا من المصدر قبل النشر.',
    'لا تنشروا معلومات غير مؤكدة.',
  ],
};

export const COUNTER_EN: CounterBank = {
  lang: 'en',
  titles: [
    'Statement: disinformation about Swedish social services',
    'Fact check: Swedish social services do not kidnap children',
    'How Swedish social services work',
    'What happens after a report of concern?',
  ],
  intros: [
    'Statement from the Embassy of Sweden:',
    'Fact check:',
    '{city} municipality:',
    'We are aware of posts claiming that Swedish social services kidnap children.',
    'Cultural interpreters in {place} answer your questions.',
  ],
  facts: [
    { text: 'Swedish social services do not kidnap children.', about: ['soc_takes_children'] },
    {
      text: 'A child can only be taken into care against the parents’ will by a court order.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    {
      text: 'Most support is voluntary and given in cooperation with the family.',
      about: ['soc_takes_children'],
    },
    { text: 'The working hypothesis is always that the child will return home.', about: [] },
    {
      text: 'Relatives and close persons are considered first, and foster homes are carefully investigated.',
      about: ['placed_nonmuslim_lgbt_family', 'foster_abuse'],
    },
    {
      text: 'Parents and children have the right to a free public counsel in LVU cases.',
      about: ['no_legal_recourse_secrecy'],
    },
    { text: 'Decisions can be appealed.', about: ['no_legal_recourse_secrecy'] },
    {
      text: 'A report of concern does not mean a child will be removed; most lead to support.',
      about: ['orosanmalan_fear'],
    },
    {
      text: 'The law does not discriminate on the basis of gender or religion.',
      about: ['targets_muslims_immigrants'],
    },
    {
      text: 'Placed children keep the right to their religion, language and culture.',
      about: ['forced_secularisation'],
    },
    {
      text: 'This information is wrong and aims to create tensions and spread mistrust.',
      about: ['soc_takes_children'],
    },
  ],
  ctas: [
    'Check the facts before you share.',
    'Information is available in 18 languages.',
    'Read more on Koll på soc (in English, Swedish and Arabic).',
  ],
};

export const COUNTER_TR: CounterBank = {
  lang: 'tr',
  titles: ['İsveç sosyal hizmetleri hakkındaki mesnetsiz söylenti'],
  intros: ['İsveç Başkonsolosluğu açıklaması:', '{city} belediyesinden bilgilendirme:'],
  facts: [
    { text: 'İsveç sosyal hizmetleri çocukları kaçırmaz.', about: ['soc_takes_children'] },
    {
      text: 'Bir çocuk ailesinin isteğine karşı ancak mahkeme kararıyla koruma altına alınabilir.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    {
      text: 'Sosyal hizmetlerin desteği büyük ölçüde gönüllülük esasına dayanır.',
      about: ['soc_takes_children'],
    },
    { text: 'Yasa din veya cinsiyet ayrımı yapmaz.', about: ['targets_muslims_immigrants'] },
    {
      text: 'Koruyucu aileye yerleştirilen çocuk dinini, dilini ve kültürünü koruma hakkına sahiptir.',
      about: ['forced_secularisation'],
    },
    {
      text: 'Kararlara itiraz edilebilir ve ücretsiz avukat hakkı vardır.',
      about: ['no_legal_recourse_secrecy'],
    },
  ],
  ctas: ['Paylaşmadan önce kaynağı kontrol edin.', 'Sorularınız için belediyeyi arayabilirsiniz.'],
};

export const COUNTER_FA: CounterBank = {
  lang: 'fa',
  titles: ['اطلاعاتی درباره سوسیال در سوئد'],
  intros: ['اطلاعیه اداره خدمات اجتماعی {city}:', 'مترجمان فرهنگی در {place} به پرسش‌های شما پاسخ می‌دهند.'],
  facts: [
    { text: 'سوسیال بچه‌ها را نمی‌رباید.', about: ['soc_takes_children'] },
    {
      text: 'فقط دادگاه می‌تواند تصمیم بگیرد که کودکی برخلاف خواست والدین از خانواده جدا شود.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    { text: 'بیشتر کمک‌ها داوطلبانه و با همکاری خانواده است.', about: ['soc_takes_children'] },
    { text: 'گزارش نگرانی (orosanmälan) به معنای گرفتن کودک نیست.', about: ['orosanmalan_fear'] },
    { text: 'قانون بین ادیان فرقی نمی‌گذارد.', about: ['targets_muslims_immigrants'] },
  ],
  ctas: ['اطلاعات به زبان فارسی در informationsverige.se موجود است.', 'قبل از پخش، منبع را بررسی کنید.'],
};

export const COUNTER_SO: CounterBank = {
  lang: 'so',
  titles: ['Macluumaad ku saabsan adeegga bulshada ee Iswiidhan'],
  intros: [
    'Turjumaanka dhaqanka ee {place} ayaa ka jawaabaya su’aalahaaga:',
    'Ogeysiis ka yimid degmada {city}:',
  ],
  facts: [
    { text: 'Socialku ma xado carruurta.', about: ['soc_takes_children'] },
    {
      text: 'Ilmo waxaa looga qaadi karaa waalidkiis iyagoo diidan oo keliya go’aan maxkamadeed.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    { text: 'Inta badan caawimaadku waa ikhtiyaari.', about: ['soc_takes_children'] },
    {
      text: 'Warbixinta walaaca (orosanmälan) macnaheedu maaha in ilmaha la qaadayo.',
      about: ['orosanmalan_fear'],
    },
    { text: 'Sharcigu ma kala saaro diinta.', about: ['targets_muslims_immigrants'] },
  ],
  ctas: ['Hubi xogta ka hor intaadan wadaagin.', 'Wac xafiiska haddii aad su’aal qabto.'],
};

export const COUNTER_BS: CounterBank = {
  lang: 'bs',
  titles: ['Informacije o socijalnoj službi u Švedskoj'],
  intros: ['Obavještenje opštine {city}:'],
  facts: [
    { text: 'Socijalna služba ne otima djecu.', about: ['soc_takes_children'] },
    {
      text: 'Dijete se može smjestiti van porodice protiv volje roditelja samo odlukom suda.',
      about: ['soc_takes_children', 'no_legal_recourse_secrecy'],
    },
    { text: 'Većina pomoći je dobrovoljna.', about: ['soc_takes_children'] },
  ],
  ctas: ['Provjerite izvor prije dijeljenja.'],
};
