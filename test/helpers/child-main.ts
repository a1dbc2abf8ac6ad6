/** Entry of test/helpers/child-process.ts: the given parts on the environment's config, stopped by SIGTERM. */
import { startCollector } from '../../collectors/main.ts';
import { loadConfig } from '../../core/config.ts';
import type { Stoppable } from '../../core/lifecycle.ts';
import { createLogger } from '../../core/logger.ts';
import { openResources } from '../../core/resources.ts';
import { runUntilSignal } from '../../cli/run-until-signal.ts';
import { startAnalysisWorker } from '../../workers/main.ts';

const config = loadConfig();
const resources = openResources(config, createLogger(config.log.level));
const parts: Stoppable[] = [];
if (process.argv.includes('worker')) parts.push(await startAnalysisWorker(resources));
if (process.argv.includes('collector')) parts.push(await startCollector(resources));
resources.logger.info({ parts: process.argv.slice(2) }, 'child ready');
await runUntilSignal(resources, parts);
resources.logger.info('child stopped');
