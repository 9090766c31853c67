// Reasons in the page's language. The API says why a peer or a suggestion fits in English
// sentences (its language for API clients, and what the suggestion job stores), made from a
// fixed set of templates: jobs/suggestion_reasons.py `describe_reason` and
// resolvers/ranking.py `reasons`. Each template is matched here by an anchored pattern, its
// parts (counts, names, category, outcome) taken out and put into the i18n sentence
// `reason.*`. Names (cohorts, departments, managers) are carried over as they are. A sentence
// no pattern knows is shown as it came: better English than nothing.
// tests/unit/test_reason_texts.py renders every template in Python and checks each is known.
import { enumLabel } from './format.js';
import { dictionaries, lang, t } from './i18n.js';

// `_CATEGORY_WORDS` in jobs/suggestion_reasons.py; other categories are their enum value
// lower-cased with spaces ("SICK_LEAVE" -> "sick leave").
const CATEGORY_WORDS = { IT_SUPPORT: 'IT support' };
let categoryByWord = null;

function categoryOf(word) {
  if (!categoryByWord) {
    const values = Object.keys(dictionaries.sv).filter((k) => k.startsWith('category.')).map((k) => k.slice(9));
    categoryByWord = new Map(values.map((v) => [CATEGORY_WORDS[v] || v.replace(/_/g, ' ').toLowerCase(), v]));
  }
  return categoryByWord.get(word);
}

const plural = (key, n, params = {}) => t(`reason.${key}.${n === 1 ? 'one' : 'other'}`, { n, ...params });

// Mid-sentence the category label starts in lower case ("problem med sjukskrivning och
// hälsa"), unless it starts with an abbreviation ("IT-stöd").
const midSentence = (label) => (/^\p{Lu}\p{Ll}/u.test(label) ? label[0].toLowerCase() + label.slice(1) : label);

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December']; // ranking.MONTHS

function monthName(index) {
  const locale = lang() === 'sv' ? 'sv-SE' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2000, index, 1));
}

// What became of the problems: both modules' variants. Each: pattern → text or null.
const OUTCOMES = [
  [/^resolved it$/, () => t('reason.outcome.resolvedIt')],
  [/^resolved both$/, () => t('reason.outcome.resolvedBoth')],
  [/^resolved all$/, () => t('reason.outcome.resolvedAll')],
  [/^resolved all (?<n>\d+)$/, (g) => t('reason.outcome.resolvedAllN', g)],
  [/^resolved (?<n>\d+)$/, (g) => t('reason.outcome.resolvedN', g)],
  [/^partly resolved (?<n>\d+)$/, (g) => t('reason.outcome.partlyN', g)],
  [/^resolved (?<n>\d+), partly resolved (?<partly>\d+)$/, (g) => t('reason.outcome.resolvedAndPartly', g)],
  [/^partly resolved it$/, () => t('reason.outcome.partlyIt')],
  [/^did not resolve it$/, () => t('reason.outcome.notIt')],
  [/^none resolved$/, () => t('reason.outcome.noneResolved')],
  [/^resolved none of them$/, () => t('reason.outcome.noneOfThem')],
];

function handled({ n, what, outcome }) {
  const count = Number(n);
  let problems;
  if (what === 'similar') problems = plural('similarProblems', count);
  else {
    const category = categoryOf(what);
    if (!category) return null;
    if (category === 'OTHER') problems = plural('otherProblems', count);
    else {
      // In English the word the API used; in Swedish the label the pages show elsewhere.
      const label = lang() === 'en' ? what : midSentence(enumLabel('category', category));
      problems = plural('categoryProblems', count, { category: label });
    }
  }
  const said = translateWith(OUTCOMES, outcome);
  return said == null ? null : t('reason.handled', { problems, outcome: said });
}

// ranking.consented_reason: no count, no outcome, by the handler's consent.
function ownTeam({ what }) {
  const category = categoryOf(what);
  if (!category) return null;
  const label = lang() === 'en' ? what : midSentence(enumLabel('category', category));
  return t('reason.ownTeam', { category: label });
}

// "A, B and C" (ranking._names) with the language's "and"; only the last " and " joins.
function names(list) {
  const at = list.lastIndexOf(' and ');
  return at < 0 ? list : list.slice(0, at) + t('reason.and') + list.slice(at + 5);
}

// Most specific first: "X can introduce you" would take any sentence ending that way.
const SENTENCES = [
  [/^(?<n>\d+) contacts? in common$/, (g) => plural('commonContacts', Number(g.n))],
  [/^you were both in (?<names>.+)$/, (g) => t('reason.bothIn', { names: names(g.names) })],
  [/^attended (?<n>\d+) sessions? together$/, (g) => plural('sessions', Number(g.n))],
  [/^handled confidential (?<what>.+) cases in their own team and agreed to be asked$/, ownTeam],
  [/^handled (?<n>\d+) (?<what>.+?) problems?, (?<outcome>.+)$/, handled],
  [/^(?<n>\d+) years? as a manager$/, (g) => plural('years', Number(g.n))],
  [/^works in (?<department>.+)$/, (g) => t('reason.worksIn', g)],
  [new RegExp(`^most recently in (?<month>${MONTHS.join('|')}) (?<year>\\d{4})$`),
    (g) => t('reason.mostRecently', { month: monthName(MONTHS.indexOf(g.month)), year: g.year })],
  [/^same department: (?<department>.+)$/, (g) => t('reason.sameDepartment', g)],
  [/^different department: (?<department>.+)$/, (g) => t('reason.otherDepartment', g)],
  [/^you already know each other$/, () => t('reason.knowEachOther')],
  [/^you both know (?<name>.+)$/, (g) => t('reason.bothKnow', g)],
  [/^(?<name>.+) can introduce you$/, (g) => t('reason.canIntroduce', g)],
];

function translateWith(table, text) {
  for (const [pattern, render] of table) {
    const found = pattern.exec(text);
    if (found) {
      const said = render({ ...found.groups });
      if (said != null) return said;
    }
  }
  return null;
}

// The reason in the page's language, or null when it is not one of the known sentences.
export const knownReason = (text) => translateWith(SENTENCES, String(text));

// The reason in the page's language; an unknown one as it is.
export function reasonText(text) {
  return knownReason(text) ?? String(text);
}
