/**
 * The accessibility statement (tillgänglighetsredogörelse) in the structure DIGG asks public bodies to follow:
 * who stands behind the service, how accessible it is, what is not, how to tell us, how to complain (DIGG), and how
 * we tested. Open without login like any public statement; it shows no data.
 */
import type { Locale } from '../locale.ts';
import { html, type SafeHtml } from './html.ts';
import { renderLayout, type Account } from './layout.ts';

/** When the statement was last reviewed against the tests in test/integration/dashboard-a11y.test.ts. */
const REVIEWED = '2026-11-23';
const DIGG_REPORT = 'https://www.digg.se/tdosanmalan';

const TEXT: Record<Locale, { title: string; body: SafeHtml }> = {
  sv: {
    title: 'Tillgänglighetsredogörelse',
    body: html`
      <p>
        Den organisation som driver Ryktesradar står bakom den här tjänsten. Vi vill att så många som möjligt
        ska kunna använda den. Här beskriver vi hur Ryktesradar uppfyller lagen (2018:1937) om tillgänglighet
        till digital offentlig service, vilka kända brister som finns och hur du kan rapportera brister till
        oss så att vi kan åtgärda dem.
      </p>
      <h2>Hur tillgänglig är tjänsten?</h2>
      <p>
        Tjänsten är <strong>delvis förenlig</strong> med lagen om tillgänglighet till digital offentlig
        service, på grund av de brister som beskrivs nedan. Alla sidor kan användas med enbart tangentbord,
        och varje diagram har en datatabell och en nedladdning av sina data.
      </p>
      <h2>Vad kan du göra om du inte kan använda delar av tjänsten?</h2>
      <p>
        Om du behöver innehåll i ett annat format, till exempel en rapport som tillgänglig text i stället för
        PDF, kontakta den som administrerar Ryktesradar i din organisation. Alla listor och trender kan också
        hämtas som CSV eller JSON.
      </p>
      <h2>Rapportera brister i tjänstens tillgänglighet</h2>
      <p>
        Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs
        på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela den som administrerar
        Ryktesradar i din organisation så att vi får veta att problemet finns.
      </p>
      <h2>Tillsyn</h2>
      <p>
        Myndigheten för digital förvaltning (Digg) ansvarar för tillsynen över lagen om tillgänglighet till
        digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du
        <a href="${DIGG_REPORT}" rel="noopener noreferrer">kontakta Digg och påtala det</a>.
      </p>
      <h2>Teknisk information om tjänstens tillgänglighet</h2>
      <p>
        Tjänsten är delvis förenlig med nivå AA i standarden Web Content Accessibility Guidelines (WCAG) 2.1,
        på grund av de brister som beskrivs nedan.
      </p>
      <h3>Innehåll som inte är tillgängligt</h3>
      <ul>
        <li>
          Diagrammen är bilder (canvas). Samma siffror finns i en datatabell under varje diagram och kan
          laddas ner; diagrammet i sig går inte att läsa med skärmläsare (WCAG 1.1.1).
        </li>
        <li>
          Insamlade inlägg visas som de skrevs, på många språk. Deras språk anges när tjänsten har kunnat
          avgöra det, men inte alltid på textens del-språk (WCAG 3.1.2). Innehåll från tredje part som vi inte
          har beställt eller kontrollerar omfattas inte av lagen.
        </li>
        <li>
          PDF-rapporter skapas automatiskt och har inte granskats med skärmläsare. Samma innehåll finns på
          rapportsidan och som CSV/JSON.
        </li>
        <li>
          Tjänsten har inte granskats manuellt av användare med hjälpmedel; brister som automatiska test inte
          hittar kan finnas.
        </li>
      </ul>
      <h2>Hur vi testat tjänsten</h2>
      <p>
        Varje sida testas automatiskt med axe-core (WCAG 2.1 nivå A och AA) i en riktig webbläsare (Chromium),
        och tangentbordsnavigering (hoppa till innehållet, menyn, inloggning) testas med enbart tangentbord.
        Testen körs vid varje ändring av tjänsten. Redogörelsen uppdaterades senast den ${REVIEWED}.
      </p>
    `,
  },
  en: {
    title: 'Accessibility statement',
    body: html`
      <p>
        The organisation that runs Ryktesradar stands behind this service. We want as many people as possible
        to be able to use it. This statement describes how Ryktesradar meets the Swedish Act (2018:1937) on
        accessibility to digital public services, its known shortcomings, and how you can report problems to
        us so that we can fix them.
      </p>
      <h2>How accessible is the service?</h2>
      <p>
        The service is <strong>partially compliant</strong> with the Act on accessibility to digital public
        services, because of the shortcomings described below. Every page can be used with the keyboard alone,
        and every chart has a data table and a download of its data.
      </p>
      <h2>What can you do if you cannot use parts of the service?</h2>
      <p>
        If you need content in another format, for example a report as accessible text instead of PDF, contact
        the person who administers Ryktesradar in your organisation. Every list and trend can also be
        downloaded as CSV or JSON.
      </p>
      <h2>Reporting accessibility problems</h2>
      <p>
        We keep working to improve accessibility. If you find a problem that is not described on this page, or
        think that we do not meet the requirements of the Act, tell the person who administers Ryktesradar in
        your organisation so that we learn about it.
      </p>
      <h2>Enforcement</h2>
      <p>
        The Agency for Digital Government (Digg) is responsible for enforcing the Act on accessibility to
        digital public services. If you are not satisfied with how we handle your comments, you can
        <a href="${DIGG_REPORT}" rel="noopener noreferrer">contact Digg and report it</a>.
      </p>
      <h2>Technical information about the service's accessibility</h2>
      <p>
        The service is partially compliant with level AA of the Web Content Accessibility Guidelines (WCAG)
        2.1, because of the shortcomings described below.
      </p>
      <h3>Content that is not accessible</h3>
      <ul>
        <li>
          Charts are images (canvas). The same figures are in a data table below each chart and can be
          downloaded; the chart itself cannot be read by a screen reader (WCAG 1.1.1).
        </li>
        <li>
          Collected posts are shown as written, in many languages. Their language is marked when the service
          could tell it, but not always for every part of a text (WCAG 3.1.2). Third-party content that we
          neither commissioned nor control is not covered by the Act.
        </li>
        <li>
          PDF reports are generated automatically and have not been checked with a screen reader. The same
          content is on the report page and in CSV/JSON.
        </li>
        <li>
          The service has not been reviewed manually by users of assistive technology; problems that automated
          tests cannot find may exist.
        </li>
      </ul>
      <h2>How we tested the service</h2>
      <p>
        Every page is tested automatically with axe-core (WCAG 2.1 levels A and AA) in a real browser
        (Chromium), and keyboard navigation (skip link, menu, login) is tested with the keyboard alone. The
        tests run on every change to the service. This statement was last updated on ${REVIEWED}.
      </p>
    `,
  },
};

const CONTACT: Record<Locale, { heading: string; lead: string }> = {
  sv: { heading: 'Kontakt för tillgänglighet', lead: 'E-post:' },
  en: { heading: 'Accessibility contact', lead: 'Email:' },
};

export function renderAccessibility(model: {
  locale: Locale;
  path: string;
  account: Account | null;
  /** ACCESSIBILITY_CONTACT: where users report barriers; without it the statement points to the administrator. */
  contact?: string | undefined;
}): string {
  const text = TEXT[model.locale];
  const contact = CONTACT[model.locale];
  return renderLayout({
    locale: model.locale,
    title: text.title,
    active: 'accessibility',
    account: model.account,
    main: html`${text.body}
    ${
      model.contact
        ? html`<h2>${contact.heading}</h2>
            <p>${contact.lead} <a href="mailto:${model.contact}">${model.contact}</a></p>`
        : ''
    }`,
    path: model.path,
  });
}
