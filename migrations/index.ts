/** The explicit, ordered list of migrations. Names sort in the order they must run. */
import type { Migration } from 'kysely';
import * as initialSchema from './20261123-0001-initial-schema.ts';
import * as labelsModelsPlaces from './20261123-0002-labels-models-places.ts';
import * as sourceKinds from './20261123-0003-source-kinds.ts';
import * as duplicatesAndClusters from './20261123-0004-duplicates-and-clusters.ts';
import * as snapshots from './20261123-0005-snapshots.ts';
import * as mediaText from './20261123-0006-media-text.ts';
import * as accounts from './20261123-0007-accounts.ts';
import * as postSearch from './20261123-0008-post-search.ts';
import * as answeredCells from './20261123-0009-answered-cells.ts';
import * as reportRuns from './20261123-0010-report-runs.ts';
import * as rollups from './20261123-0011-rollups.ts';
import * as emerging from './20261123-0012-emerging.ts';
import * as alerts from './20261123-0013-alerts.ts';
import * as privacy from './20261123-0014-privacy.ts';
import * as readPaths from './20261123-0016-read-paths.ts';
import * as partitionPosts from './20261206-0017-partition-posts.ts';
import * as suppressedAuthors from './20261207-0018-suppressed-authors.ts';
import * as bandSampleFlag from './20261207-0019-band-sample-flag.ts';
import * as holdHistory from './20261207-0020-hold-history.ts';
import * as sightingForwardedFrom from './20261207-0021-sighting-forwarded-from.ts';
import * as restrictedCandidates from './20261207-0022-restricted-candidates.ts';

export const migrations: Record<string, Migration> = {
  '20261123-0001-initial-schema': initialSchema,
  '20261123-0002-labels-models-places': labelsModelsPlaces,
  '20261123-0003-source-kinds': sourceKinds,
  '20261123-0004-duplicates-and-clusters': duplicatesAndClusters,
  '20261123-0005-snapshots': snapshots,
  '20261123-0006-media-text': mediaText,
  '20261123-0007-accounts': accounts,
  '20261123-0008-post-search': postSearch,
  '20261123-0009-answered-cells': answeredCells,
  '20261123-0010-report-runs': reportRuns,
  '20261123-0011-rollups': rollups,
  '20261123-0012-emerging': emerging,
  '20261123-0013-alerts': alerts,
  '20261123-0014-privacy': privacy,
  '20261123-0016-read-paths': readPaths,
  '20261206-0017-partition-posts': partitionPosts,
  '20261207-0018-suppressed-authors': suppressedAuthors,
  '20261207-0019-band-sample-flag': bandSampleFlag,
  '20261207-0020-hold-history': holdHistory,
  '20261207-0021-sighting-forwarded-from': sightingForwardedFrom,
  '20261207-0022-restricted-candidates': restrictedCandidates,
};
