/** The `classifier_models` table: trained models with their version, evaluation and which one is active. */
import { sql, type Selectable } from 'kysely';
import type { Db } from './client.ts';

export interface ClassifierModelsTable {
  version: string;
  kind: string;
  taxonomy_version: string;
  created_at: Date;
  trained_on: unknown;
  metrics: unknown;
  model: unknown;
  active: boolean;
  activated_at: Date | null;
}
export type ClassifierModelRow = Selectable<ClassifierModelsTable>;

export interface NewClassifierModel {
  version: string;
  kind: string;
  taxonomyVersion: string;
  trainedOn: unknown;
  metrics: unknown;
  model: unknown;
}

/** Stores a model, inactive; storing the same version again replaces it (a retrain with identical inputs). */
export async function saveModel(db: Db, model: NewClassifierModel): Promise<void> {
  const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;
  await db
    .insertInto('classifier_models')
    .values({
      version: model.version,
      kind: model.kind,
      taxonomy_version: model.taxonomyVersion,
      created_at: sql<Date>`now()`,
      trained_on: json(model.trainedOn),
      metrics: json(model.metrics),
      model: json(model.model),
      active: false,
      activated_at: null,
    })
    .onConflict((oc) =>
      oc.column('version').doUpdateSet({
        trained_on: json(model.trainedOn),
        metrics: json(model.metrics),
        model: json(model.model),
      }),
    )
    .execute();
}

/** Makes `version` the one active model, atomically. */
export async function activateModel(db: Db, version: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('classifier_models').set({ active: false }).where('active', '=', true).execute();
    const result = await trx
      .updateTable('classifier_models')
      .set({ active: true, activated_at: sql<Date>`now()` })
      .where('version', '=', version)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new Error(`no stored model with version ${version}`);
  });
}

export async function getModel(db: Db, version: string): Promise<ClassifierModelRow | undefined> {
  return db.selectFrom('classifier_models').selectAll().where('version', '=', version).executeTakeFirst();
}

export async function activeModel(db: Db): Promise<ClassifierModelRow | undefined> {
  return db.selectFrom('classifier_models').selectAll().where('active', '=', true).executeTakeFirst();
}

/** Version of the active stored model, or undefined when none is (the shipped model is then in force). */
export async function activeModelVersion(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('classifier_models')
    .select('version')
    .where('active', '=', true)
    .executeTakeFirst();
  return row?.version;
}

/** Stored models without their weights; `features` and `lexicon_version` say what their features were read with. */
export async function listModels(
  db: Db,
): Promise<
  (Omit<ClassifierModelRow, 'model'> & { features: string | null; lexicon_version: string | null })[]
> {
  return db
    .selectFrom('classifier_models')
    .select([
      'version',
      'kind',
      'taxonomy_version',
      'created_at',
      'trained_on',
      'metrics',
      'active',
      'activated_at',
      sql<string | null>`model->'data'->>'features'`.as('features'),
      sql<string | null>`model->'data'->>'lexiconVersion'`.as('lexicon_version'),
    ])
    .orderBy('created_at', 'desc')
    .execute();
}
