/**
 * Full-text search of posts (column `posts.search_vector`, migration 0008). The vector is built in the post's own
 * language's Postgres text-search configuration from the classifier's normalised text (`normaliseText`: Arabic
 * diacritics, tatweel, alef/yaa/taa marbuta, Persian yeh/kaf, case), and a query goes through the same
 * normalisation and the same configuration, so `بِنْتي` finds `بنتی` and `barnen` finds `barn`.
 * The vector is written when a post's language is stored (setLanguages), because the language is known only then.
 */
import { sql, type RawBuilder } from 'kysely';
import { normaliseText } from '../../classifier/normalise.ts';
import type { Db } from './client.ts';

/** Postgres configurations for our language codes; every other code (fa, prs, so, ti, ckb, kmr, pl, uk, und) is `simple`. */
export const TEXT_SEARCH_CONFIGS: Readonly<Record<string, string>> = {
  sv: 'swedish',
  en: 'english',
  ar: 'arabic',
  tr: 'turkish',
  ru: 'russian',
  da: 'danish',
  nb: 'norwegian',
  nn: 'norwegian',
  fi: 'finnish',
  de: 'german',
  es: 'spanish',
  fr: 'french',
  // Snowball's Serbian stemmer serves the Serbo-Croatian standard languages, Latin and Cyrillic alike.
  sr: 'serbian',
  bs: 'serbian',
  hr: 'serbian',
};

export function searchConfigOf(lang: string | null): string {
  return (lang && TEXT_SEARCH_CONFIGS[lang]) || 'simple';
}

/** Characters of normalised text indexed per post: far below tsvector's 1 MB limit whatever the post holds. */
const MAX_DOCUMENT_CHARS = 200_000;

/** What is searched for a post: title, text and the text read from its images, normalised like the classifier's input. */
export function searchDocument(
  title: string | null,
  text: string,
  imageTexts: readonly string[] = [],
): string {
  return normaliseText([title ?? '', text, ...imageTexts].join('\n')).slice(0, MAX_DOCUMENT_CHARS);
}

/** A free-text query in the same normal form as the documents; empty when nothing searchable is left. */
export function searchQueryText(raw: string): string {
  return normaliseText(raw).slice(0, 500);
}

/** Rebuilds the search vectors of these posts from their stored text, OCR text and language. */
export async function refreshSearchVectors(db: Db, postIds: readonly number[]): Promise<void> {
  if (postIds.length === 0) return;
  const { rows } = await sql<{
    id: number;
    lang: string | null;
    title: string | null;
    text: string;
    ocr: string[];
  }>`
    SELECT p.id, p.lang, p.title, p.text,
           coalesce((SELECT array_agg(m.text ORDER BY m.media_url) FROM post_media_text m
                     WHERE m.post_id = p.id AND m.status = 'done' AND m.text IS NOT NULL), '{}') AS ocr
    FROM posts p WHERE p.id = ANY(${[...postIds]}::bigint[])
  `.execute(db);
  if (rows.length === 0) return;
  await sql`
    UPDATE posts SET search_vector = to_tsvector(t.config::regconfig, t.document)
    FROM unnest(${rows.map((row) => row.id)}::bigint[], ${rows.map((row) => searchConfigOf(row.lang))}::text[],
                ${rows.map((row) => searchDocument(row.title, row.text, row.ocr))}::text[]) AS t(id, config, document)
    WHERE posts.id = t.id
  `.execute(db);
}

/**
 * The condition "post `p` matches the query": the query parsed in each configuration is tested only against the
 * posts of that configuration's languages, so every branch can use the GIN index (a BitmapOr) and a Swedish query
 * is stemmed as Swedish for Swedish posts and kept as written for Persian ones. Null when the query is empty.
 */
export function matchesSearch(raw: string): RawBuilder<boolean> | null {
  const query = searchQueryText(raw);
  if (query.trim() === '') return null;
  const byConfig = new Map<string, string[]>();
  for (const [lang, config] of Object.entries(TEXT_SEARCH_CONFIGS)) {
    byConfig.set(config, [...(byConfig.get(config) ?? []), lang]);
  }
  const mapped = Object.keys(TEXT_SEARCH_CONFIGS);
  const branches = [...byConfig].map(
    ([config, langs]) =>
      sql`(p.lang = ANY(${langs}::text[]) AND p.search_vector @@ websearch_to_tsquery(${config}::regconfig, ${query}))`,
  );
  branches.push(
    sql`((p.lang IS NULL OR NOT (p.lang = ANY(${mapped}::text[])))
         AND p.search_vector @@ websearch_to_tsquery('simple'::regconfig, ${query}))`,
  );
  return sql<boolean>`(${sql.join(branches, sql` OR `)})`;
}
