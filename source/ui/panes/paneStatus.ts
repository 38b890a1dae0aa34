import type {SourceStatus} from '../../live/engine.js';
import {formatDuration} from '../../model/duration.js';
import type {Line} from '../widgets/line.js';

/**
 * The line a pane shows about its source: loading, or the error with the age of the data
 * still shown below it (stale data says it is stale), or nothing when all is well.
 */
export function paneStatusLine(status: SourceStatus, empty: boolean, what: string, now = Date.now()): Line | undefined {
	if (status.error) {
		const age = status.fetchedAt === undefined ? '' : ` · showing data from ${formatDuration(now - status.fetchedAt)} ago`;
		return [
			{text: `⚠ ${status.error.message}`, color: status.error.kind === 'unavailable' ? 'gray' : 'yellow'},
			{text: empty ? '' : age, dim: true},
		];
	}
	if (status.loading && empty) return [{text: `Loading ${what}…`, dim: true}];
	if (empty) return [{text: `No ${what}.`, dim: true}];
	return undefined;
}
