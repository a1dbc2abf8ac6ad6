/** The database as Kysely sees it: one interface per table, each declared in that table's module. */
import type { PostClassificationsTable } from './post-classifications.ts';
import type { PostThemesTable } from './post-themes.ts';
import type { PostKeysTable, PostsTable } from './posts.ts';
import type { SourcesTable } from './sources.ts';
import type { ThemesTable } from './themes.ts';

export interface Database {
  themes: ThemesTable;
  sources: SourcesTable;
  post_keys: PostKeysTable;
  posts: PostsTable;
  post_classifications: PostClassificationsTable;
  post_themes: PostThemesTable;
}
