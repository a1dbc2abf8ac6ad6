/** The database as Kysely sees it: one interface per table, each declared in that table's module. */
import type { AnsweredCellsTable } from './answered-cells.ts';
import type { ApiTokensTable } from './api-tokens.ts';
import type { AuditLogTable } from './audit-log.ts';
import type { ClassifierModelsTable } from './classifier-models.ts';
import type { PostClassificationsTable } from './post-classifications.ts';
import type { PostLshBandsTable, PostSignaturesTable } from './post-clusters.ts';
import type { PostLabelsTable } from './post-labels.ts';
import type { PostMediaTextTable } from './post-media-text.ts';
import type { PostPlacesTable } from './post-places.ts';
import type { PostSightingsTable } from './post-sightings.ts';
import type { PostThemesTable } from './post-themes.ts';
import type { PostKeysTable, PostsTable } from './posts.ts';
import type { ReclassifyRunsTable } from './reclassify-runs.ts';
import type { ReportRunsTable } from './report-runs.ts';
import type { SessionsTable } from './sessions.ts';
import type { SnapshotPostsTable, SnapshotsTable } from './snapshots.ts';
import type { SourcesTable } from './sources.ts';
import type { ThemesTable } from './themes.ts';
import type { UsersTable } from './users.ts';

export interface Database {
  themes: ThemesTable;
  sources: SourcesTable;
  post_keys: PostKeysTable;
  post_sightings: PostSightingsTable;
  posts: PostsTable;
  post_signatures: PostSignaturesTable;
  post_lsh_bands: PostLshBandsTable;
  post_classifications: PostClassificationsTable;
  post_themes: PostThemesTable;
  post_places: PostPlacesTable;
  post_labels: PostLabelsTable;
  post_media_text: PostMediaTextTable;
  classifier_models: ClassifierModelsTable;
  reclassify_runs: ReclassifyRunsTable;
  snapshots: SnapshotsTable;
  snapshot_posts: SnapshotPostsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  answered_cells: AnsweredCellsTable;
  report_runs: ReportRunsTable;
}
