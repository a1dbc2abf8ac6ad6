/** The report's words in Swedish and English (the page, its PDF and the weekly email's subject). */
export const REPORT_TEXT = {
  sv: {
    title: 'Lägesrapport: rykten om socialtjänsten',
    period: 'Period',
    comparedWith: 'jämförs med',
    generated: 'Skapad',
    filters: 'Urval',
    allPosts: 'alla inlägg',
    theme: 'tema',
    themeColumn: 'Tema',
    language: 'språk',
    place: 'kommun',
    show: 'Visa',
    from: 'Från',
    to: 'Till',
    matrixBy: 'Matris per',
    byLang: 'språk',
    byPlace: 'kommun',
    pdf: 'Ladda ner som PDF',
    summary: 'Sammanfattning',
    summaryLine: (posts: string, rumours: string, counters: string) =>
      `${posts} inlägg i perioden, varav ${rumours} rykten och ${counters} motbudskap.`,
    summaryThemeLine: (posts: string, rumours: string, counters: string) =>
      `${posts} inlägg om temat i perioden: ${rumours} rykten och ${counters} motbudskap. Nyheter och andra ` +
      'inlägg som rapporterar om temat räknas inte här; dataexporten med samma filter listar dem.',
    method: 'Metod',
    methodText: (version: string) =>
      `Inläggen kommer från offentliga källor (nedan). Språket avgörs automatiskt för varje inlägg; där det inte ` +
      `går redovisas det som obestämt (und). Hållning (rykte, motbudskap, neutral, orelaterad) och teman avgörs av ` +
      `klassificeraren (modellversion ${version}) utifrån inläggets ord och fraser, tränad på en märkt korpus ` +
      `i flera språk; de matchade termerna visas som belägg. Ett rykte räknas under de teman det sprider, ` +
      `ett motbudskap under de teman det bemöter. Siffrorna är antal inlägg, inte räckvidd.`,
    sampleNote: (n: string) =>
      `Underlaget innehåller ${n} genererade exempelinlägg (Exempeldata), inte verkliga inlägg; ` +
      'ta bort dem med npx ryktesradar demo --remove.',
    privacy:
      'Författare visas bara som pseudonymer (nycklad hash). Inlägg som hotar eller pekar ut enskilda anställda ' +
      '(temat violence_threats) ingår inte i rapporten.',
    sources: 'Källor',
    moreSources: (n: string) => `och ${n} källor till`,
    kinds: 'Källtyper',
    languages: 'Språk',
    und: 'obestämt',
    posts: 'Inlägg',
    themeTrend: 'Ryktesinlägg per tema',
    stanceTrend: 'Rykten och motbudskap',
    rumours: 'Rykten',
    counters: 'Motbudskap',
    bucket: { day: 'Dag', week: 'Vecka (måndag)' },
    noData: 'Inga inlägg i perioden.',
    download: 'Ladda ner data',
    matrix: 'Målmatris',
    matrixNote:
      'Ryktesinlägg per tema; inom parentes motbudskap om temat i samma cell. ⚠ = ökande rykte utan motbudskap ' +
      'och utan markering som besvarat; ✓ = markerat som besvarat.',
    topThemes: 'Största teman',
    topNote: 'Ryktesinlägg jämfört med föregående period av samma längd.',
    previous: 'Föregående period',
    change: 'Förändring',
    examples: 'Exempel på inlägg',
    examplesNote:
      'De rykten och motbudskap som spridits mest (flest sökträffar i källorna, sedan visningar).',
    stance: { rumour: 'Rykte', counter: 'Motbudskap' },
    author: 'Författare (pseudonym)',
    sightings: 'Sedd',
    views: 'visningar',
    source: 'Källa',
    link: 'Länk till inlägget',
  },
  en: {
    title: 'Situation report: rumours about Swedish social services',
    period: 'Period',
    comparedWith: 'compared with',
    generated: 'Generated',
    filters: 'Selection',
    allPosts: 'all posts',
    theme: 'theme',
    themeColumn: 'Theme',
    language: 'language',
    place: 'municipality',
    show: 'Show',
    from: 'From',
    to: 'To',
    matrixBy: 'Matrix by',
    byLang: 'language',
    byPlace: 'municipality',
    pdf: 'Download as PDF',
    summary: 'Summary',
    summaryLine: (posts: string, rumours: string, counters: string) =>
      `${posts} posts in the period, of which ${rumours} rumours and ${counters} counter-messages.`,
    summaryThemeLine: (posts: string, rumours: string, counters: string) =>
      `${posts} posts about the theme in the period: ${rumours} rumours and ${counters} counter-messages. News ` +
      'and other posts that report the theme are not counted here; the data export with the same filters lists them.',
    method: 'Method',
    methodText: (version: string) =>
      `Posts come from public sources (below). Each post's language is detected automatically; where it cannot be, ` +
      `it is reported as undetermined (und). Stance (rumour, counter-message, neutral, unrelated) and themes are ` +
      `decided by the classifier (model version ${version}) from the post's words and phrases, trained on a ` +
      `labelled corpus in several languages; the matched terms are shown as evidence. A rumour counts under ` +
      `the themes it spreads, a counter-message under the themes it rebuts. Figures are post counts, not reach.`,
    sampleNote: (n: string) =>
      `The data include ${n} generated sample posts (Exempeldata), not real posts; ` +
      'remove them with npx ryktesradar demo --remove.',
    privacy:
      'Authors are shown as pseudonyms only (keyed hash). Posts that threaten or single out individual staff ' +
      '(theme violence_threats) are left out of the report.',
    sources: 'Sources',
    moreSources: (n: string) => `and ${n} more sources`,
    kinds: 'Source kinds',
    languages: 'Languages',
    und: 'undetermined',
    posts: 'Posts',
    themeTrend: 'Rumour posts per theme',
    stanceTrend: 'Rumours and counter-messages',
    rumours: 'Rumours',
    counters: 'Counter-messages',
    bucket: { day: 'Day', week: 'Week (Monday)' },
    noData: 'No posts in the period.',
    download: 'Download data',
    matrix: 'Targeting matrix',
    matrixNote:
      'Rumour posts per theme; in brackets the counter-messages about the theme in the same cell. ⚠ = rising rumour ' +
      'without a counter-message and not marked answered; ✓ = marked answered.',
    topThemes: 'Largest themes',
    topNote: 'Rumour posts compared with the previous period of the same length.',
    previous: 'Previous period',
    change: 'Change',
    examples: 'Example posts',
    examplesNote:
      'The rumours and counter-messages that spread most (most sightings across sources, then views).',
    stance: { rumour: 'Rumour', counter: 'Counter-message' },
    author: 'Author (pseudonym)',
    sightings: 'Seen',
    views: 'views',
    source: 'Source',
    link: 'Link to the post',
  },
} as const;

export type ReportText = (typeof REPORT_TEXT)['sv' | 'en'];
