import type {SourceStatus} from '../../live/engine.js';
import type {Line} from '../widgets/line.js';

/**
 * The line a pane shows about its source: loading, or the error (with the data kept
 * below it, marked stale by the header's age), or nothing when all is well.
 */
export function paneStatusLine(status: SourceStatus, empty: boolean, what: string): Line | undefined {
	if (status.error) return [{text: `⚠ ${status.error.message}`, color: 'yellow'}];
	if (status.loading && empty) return [{text: `Loading ${what}…`, dim: true}];
	if (empty) return [{text: `No ${what}.`, dim: true}];
	return undefined;
}
