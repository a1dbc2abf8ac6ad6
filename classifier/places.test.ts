import { describe, expect, test } from 'vitest';
import placesJson from './data/places.json' with { type: 'json' };
import { placesSchema } from './places-schema.ts';
import { detectPlaces, municipalityName, placeCodes, placeSpellingKeys, PLACES_VERSION } from './places.ts';

const file = placesSchema.parse(placesJson);

/** `code` for a municipality, `code/District` for a district. */
const found = (text: string) =>
  detectPlaces(text).map((m) => (m.district ? `${m.code}/${m.district}` : m.code));

describe('detectPlaces', () => {
  test.each([
    // Swedish: case, diacritics, genitive, multi-word names
    ['sv', 'Soc tog barnen i Malmö igår', ['1280']],
    ['sv caps', 'MALMÖ: SOC TAR BARN', ['1280']],
    ['sv genitive', 'Malmös socialtjänst svarar', ['1280']],
    ['sv genitive', 'Göteborgs stad och Stockholms kommun', ['1480', '0180']],
    ['sv multi-word', 'Familjen flyttade från Upplands Väsby till Lilla Edet', ['0114', '1462']],
    ['sv hyphen', 'Dals-Ed, Upplands-Bro och Malung-Sälen', ['1438', '0139', '2023']],
    ['sv hyphen as space', 'socialtjänsten i Dals Ed', ['1438']],
    ['sv multi-word genitive', 'Upplands Väsbys socialnämnd', ['0114']],
    ['sv compound', 'Göteborgspolisen larmades, malmöbor oroas', ['1480', '1280']],
    ['sv abbreviation', 'demo i Sthlm och Gbg', ['0180', '1480']],
    ['sv dedup, order', 'Malmö, Göteborg och Malmö igen', ['1280', '1480']],
    ['sv county is no municipality', 'Stockholms län och Uppsala län', []],
    ['sv §6', 'Mölndal, Trollhättan, Umeå och Skövde informerar', ['1481', '1488', '2480', '1496']],
    ['sv §6', 'Robertsfors, Nordmaling, Katrineholm, Borlänge', ['2409', '2401', '0483', '2081']],
    [
      'sv §6',
      'Gällivare, Nyköping, Norrköping, Uppsala, Jönköping',
      ['2523', '0480', '0581', '0380', '0680'],
    ],
    // ASCII-folded Swedish as people type it
    ['folded', 'malmo goteborg norrkoping', ['1280', '1480', '0581']],
    ['folded', 'Vasteras, Orebro, Jonkoping, Linkoping', ['1980', '1880', '0680', '0580']],
    ['folded digraph', 'Malmoe och Goeteborg', ['1280', '1480']],
    ['folded genitive', 'Goteborgs socialtjanst', ['1480']],
    // English
    ['en exonym', 'Social services in Gothenburg took my kids', ['1480']],
    ['en possessive', "Gothenburg's social services", ['1480']],
    ['en', 'Protest in Stockholm and Malmo today', ['0180', '1280']],
    ['en idiom', 'Stockholm syndrome is real', []],
    ['en county', 'Stockholm County Council', []],
    // Arabic: letter variants, clitics, hashtags
    ['ar', 'السوسيال في مالمو يخطف الأطفال', ['1280']],
    ['ar clitic ب', 'مظاهرة بمالمو', ['1280']],
    ['ar clitic و', 'ستوكهولم ومالمو', ['0180', '1280']],
    ['ar clitic ل', 'سافروا لمالمو', ['1280']],
    ['ar clitic ف', 'فمالمو', ['1280']],
    ['ar clitics وب', 'وبمالمو', ['1280']],
    ['ar clitics لل', 'للمالمو', ['1280']],
    ['ar article', 'في المالمو', ['1280']],
    ['ar Gothenburg spellings', 'غوتنبرغ جوتنبرج يوتبوري', ['1480']],
    ['ar alef forms', 'أوبسالا', ['0380']],
    ['ar bare alef', 'اوبسالا', ['0380']],
    ['ar hamza-under alef', 'إسكيلستونا', ['0484']],
    ['ar tashkeel', 'مَالْمُو', ['1280']],
    ['ar tatweel', 'ستوكـــهولم', ['0180']],
    ['ar taa marbuta', 'سودرتالية', ['0181']],
    ['ar hashtag', '#مالمو', ['1280']],
    ['ar hashtag phrase', '#أوقفوا_خطف_أطفالنا في #ستوكهولم', ['0180']],
    ['ar yeh/kaf', 'رينكبي', ['0180/Rinkeby']],
    // Persian: yeh/kaf, ZWNJ
    ['fa', 'سوسیال در مالمو بچه‌ها را می‌برد', ['1280']],
    ['fa', 'در گوتنبرگ و استکهلم', ['1480', '0180']],
    ['fa', 'یوتبوری', ['1480']],
    ['fa', 'اوپسالا', ['0380']],
    ['fa yeh/kaf', 'رینکبی', ['0180/Rinkeby']],
    ['fa ZWNJ suffix', 'رینکبی‌ها', ['0180/Rinkeby']],
    ['fa ZWNJ inside', 'استک\u200cهلم', ['0180']],
    // Somali (Latin, ASCII)
    ['so', 'Socialka Malmo waxay qaadeen carruurta', ['1280']],
    ['so', 'magaalada Stokholm iyo Goteborg', ['0180', '1480']],
    ['so', 'Upsala iyo Borlenge', ['0380', '2081']],
    ['so long vowels', 'malaayiin carruur ah', []],
    // Hashtags
    ['hashtag', '#Malmö', ['1280']],
    ['hashtag camelCase', '#SocKidnapparGöteborg', ['1480']],
    ['hashtag multi-word', '#Lilla_Edet', ['1462']],
    // Districts map to their municipality
    ['district', 'Hon bor i Rinkeby', ['0180/Rinkeby']],
    ['district genitive', 'Rinkebys förskola', ['0180/Rinkeby']],
    ['district compound', 'Rinkebyskolan och Järvaveckan', ['0180/Rinkeby', '0180/Järva']],
    [
      'district + municipality',
      'Tensta, Husby och Akalla i Stockholm',
      ['0180/Tensta', '0180/Husby', '0180/Akalla', '0180'],
    ],
    [
      'district sv',
      'Bergsjön, Kortedala, Gamlestan, Lövgärdet',
      ['1480/Bergsjön', '1480/Kortedala', '1480/Gamlestaden', '1480/Lövgärdet'],
    ],
    [
      'district sv',
      'Hjällbo, Hammarkullen, Biskopsgården',
      ['1480/Hjällbo', '1480/Hammarkullen', '1480/Biskopsgården'],
    ],
    ['district ambiguous', 'Familjer i Angered oroar sig', ['1480/Angered']],
    [
      'district multi-word',
      'demonstration på Mynttorget och Sergels torg',
      ['0180/Mynttorget', '0180/Sergels torg'],
    ],
    ['district', 'moskén i Fisksätra', ['0182/Fisksätra']],
    [
      'district',
      'Rosengård, Holma, Kroksbäck och på Seved',
      ['1280/Rosengård', '1280/Holma', '1280/Kroksbäck', '1280/Seved'],
    ],
    ['district', 'Gottsunda och Gränby', ['0380/Gottsunda', '0380/Gränby']],
    ['district', 'Brandkärr, Navestad, Hageby', ['0480/Brandkärr', '0581/Navestad', '0581/Hageby']],
    [
      'district',
      'Ronna, Hovsjö, Vivalla, Skäggetorp',
      ['0181/Ronna', '0181/Hovsjö', '1880/Vivalla', '0580/Skäggetorp'],
    ],
    ['district', 'i Araby', ['0780/Araby']],
    [
      'district vs municipality',
      'Hässleholmen i Borås, inte Hässleholm',
      ['1490/Hässleholmen', '1490', '1293'],
    ],
    ['district', 'en flicka i Huskvarna', ['0680/Huskvarna']],
    ['district ar', 'في روزنغورد', ['1280/Rosengård']],
    // False friends: no place in ordinary prose
    ['false friend', 'Det kan vara bra', []],
    ['false friend', 'vi ska vara där', []],
    ['false friend', 'Vara glad!', []],
    ['false friend', 'on the mark', []],
    ['false friend', 'Mark ringde igår', []],
    ['false friend', "in Mark's opinion", []],
    ['false friend', 'a message from Mark', []],
    ['false friend', 'Kil i trä', []],
    ['false friend', 'cyklarna står i boden', []],
    ['false friend', 'en lund med ekar', []],
    ['false friend', 'Nora och Ale kom hem', []],
    ['false friend', 'the Salem witch trials', []],
    ['false friend', 'Are you sure?', []],
    ['false friend', 'He was angered by it. Angered by the news', []],
    ['false friend', 'berg och dalar, en skara barn', []],
    ['false friend', 'Ange ditt namn', []],
    ['false friend', 'vi åt lax', []],
    ['false friend', 'husbygge i trä', []],
    ['false friend in a hashtag', '#DetKanVaraBra', []],
    ['a name only starting a hashtag', '#MarkMyWords soc tar barn', []],
    ['an uncapitalised hashtag of a false friend', '#ale är gott', []],
    ['a word the name only begins', 'sjöborre och sjöborrar på Sjöbotten', []],
    ['a word the name only begins', 'Holmarna och järvarna', []],
    ['an inflection, not a compound', 'han nackades', []],
    ['compound tails that are words', 'Nackaborna och Sjöboskolan', ['0182', '1265']],
    ['false friend fa', 'موهای بلوند', []],
    ['false friend fa', 'دختر لوند', []],
    // False friends with context
    ['context', 'socialtjänsten i Vara kommun', ['1470']],
    ['context', 'familjen från Mark', ['1463']],
    ['context', 'Marks kommun', ['1463']],
    ['context', 'Jag bor i Lund', ['1281']],
    ['context', 'Boden kommun', ['2582']],
    ['context', 'soc i Sala och i Mora', ['1981', '2062']],
    ['context', 'i Sälen', ['2023']],
    ['context ar', 'في لوند', ['1281']],
    ['hashtag', '#Lund', ['1281']],
    ['hashtag', '#VaraKommun', ['1470']],
    ['only the folded spelling is ambiguous', 'Åre och Laxå', ['2321', '1860']],
    ['written spelling beats a derived one', 'Håbo kommun och Habo kommun', ['0305', '0643']],
  ])('%s: %s', (_kind, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  test('a match carries the municipality name and the words as written', () => {
    expect(detectPlaces('Soc i Rinkeby och بمالمو')).toEqual([
      { code: '0180', name: 'Stockholm', district: 'Rinkeby', matched: 'Rinkeby' },
      { code: '1280', name: 'Malmö', district: null, matched: 'بمالمو' },
    ]);
  });

  test('placeCodes: unique municipality codes in order', () => {
    expect(placeCodes('Rinkeby, Stockholm, Angered i Göteborg, Tensta')).toEqual(['0180', '1480']);
    expect(placeCodes('')).toEqual([]);
  });

  test('every municipality is found by its official name with context', () => {
    const missed = file.municipalities.filter(
      (m) => !placeCodes(`Socialtjänsten i ${m.name} kommun`).includes(m.code),
    );
    expect(missed.map((m) => m.name)).toEqual([]);
  });
});

describe('data/places.json', () => {
  test('version matches the compiled detector', () => {
    expect(PLACES_VERSION).toBe(file.version);
  });

  test('290 municipalities with unique 4-digit codes in their county', () => {
    const codes = file.municipalities.map((m) => m.code);
    expect(codes).toHaveLength(290);
    expect(new Set(codes).size).toBe(290);
    for (const m of file.municipalities) {
      expect(m.code).toMatch(/^\d{4}$/);
      expect(m.code.slice(0, 2)).toBe(m.county);
    }
  });

  test.each([
    ['0180', 'Stockholm'],
    ['1280', 'Malmö'],
    ['1480', 'Göteborg'],
    ['0380', 'Uppsala'],
    ['1481', 'Mölndal'],
    ['1488', 'Trollhättan'],
    ['0581', 'Norrköping'],
    ['0480', 'Nyköping'],
    ['2480', 'Umeå'],
    ['1496', 'Skövde'],
    ['2409', 'Robertsfors'],
    ['2401', 'Nordmaling'],
    ['0483', 'Katrineholm'],
    ['2081', 'Borlänge'],
    ['0680', 'Jönköping'],
    ['2523', 'Gällivare'],
    ['0182', 'Nacka'],
    ['0181', 'Södertälje'],
    ['1880', 'Örebro'],
    ['0580', 'Linköping'],
    ['0780', 'Växjö'],
    ['1490', 'Borås'],
    ['1283', 'Helsingborg'],
    ['1281', 'Lund'],
    ['0114', 'Upplands Väsby'],
    ['1438', 'Dals-Ed'],
    ['2584', 'Kiruna'],
  ])('kommunkod %s is %s', (code, name) => {
    expect(municipalityName(code)).toBe(name);
  });

  test('every district points to an existing municipality', () => {
    const codes = new Set(file.municipalities.map((m) => m.code));
    expect(file.districts.filter((d) => !codes.has(d.municipality))).toEqual([]);
  });

  test('every alias is non-empty and every unconfirmed spelling is an alias', () => {
    for (const place of [...file.municipalities, ...file.districts]) {
      const aliases = Object.values(place.aliases ?? {}).flat();
      for (const alias of aliases) expect(alias.trim()).not.toBe('');
      for (const u of place.unconfirmed ?? []) expect(aliases).toContain(u);
    }
  });

  test('no spelling names two municipalities unless marked ambiguous', () => {
    const places = [...file.municipalities, ...file.districts];
    const spellings = (p: (typeof places)[number]) => [p.name, ...Object.values(p.aliases ?? {}).flat()];
    // As the compiler does: a derived ASCII form never takes a spelling as listed from another place.
    const written = new Set(
      places.flatMap(spellings).flatMap((s) => placeSpellingKeys(s, { derived: false })),
    );
    const owners = new Map<string, { code: string; ambiguous: boolean }[]>();
    for (const place of places) {
      const code = 'code' in place ? place.code : place.municipality;
      const listed = new Set(
        Array.isArray(place.ambiguous) ? place.ambiguous.flatMap((s) => placeSpellingKeys(s)) : [],
      );
      const own = new Set(spellings(place).flatMap((s) => placeSpellingKeys(s, { derived: false })));
      const keys = spellings(place)
        .flatMap((s) => placeSpellingKeys(s))
        .filter((key) => own.has(key) || !written.has(key));
      for (const key of new Set(keys)) {
        const ambiguous = place.ambiguous === true || listed.has(key);
        owners.set(key, [...(owners.get(key) ?? []), { code, ambiguous }]);
      }
    }
    const clashes = [...owners].filter(
      ([, list]) => new Set(list.map((o) => o.code)).size > 1 && list.some((o) => !o.ambiguous),
    );
    expect(clashes.map(([key]) => key)).toEqual([]);
  });

  test('ambiguous spellings and the context words are listed in the file', () => {
    const ambiguous = file.municipalities.filter((m) => m.ambiguous === true).map((m) => m.name);
    expect(ambiguous).toEqual(
      expect.arrayContaining([
        'Vara',
        'Mark',
        'Ale',
        'Kil',
        'Boden',
        'Lund',
        'Sala',
        'Mora',
        'Nora',
        'Salem',
      ]),
    );
    expect(file.context.before).toEqual(expect.arrayContaining(['i', 'från']));
    expect(file.context.after).toContain('kommun');
  });
});
