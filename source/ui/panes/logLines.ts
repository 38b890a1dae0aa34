// One log event as a row of the Logs pane, and the small formatters its title shares.
import {formatDuration, formatTime} from '../../model/duration.js';
import type {LogEvent} from '../../model/types.js';
import {cell, type Line} from '../widgets/line.js';

const LEVEL_COLORS: Record<string, string> = {ERROR: 'red', WARN: 'yellow', DEBUG: 'gray'};

export function clockTime(epochMs: number): string {
	return formatTime(epochMs, 'second');
}

/** `2s`, `1.5s`, `10m`, `1h`, `2m30s`: a setting as a user would have typed it. */
export function settingText(ms: number): string {
	if (ms < 60_000 && ms % 1000 !== 0) return `${Math.round(ms / 100) / 10}s`;
	return formatDuration(ms).replace(/(?<=[dhm])00[hms]$/, '');
}

export function logLine(event: LogEvent, width: number, selected: boolean): Line {
	const marker = {text: selected ? '›' : ' ', color: 'cyan', bold: true};
	// No timestamp came: the event's time is unknown, never "now".
	const time = {text: `${event.timeUnknown ? '--:--:--' : clockTime(event.timestamp)} `, dim: true};
	const color = event.level ? LEVEL_COLORS[event.level] : undefined;
	// JSON that is no IoT event (no event type) would leave the columns blank: show its text.
	if (!event.json || event.eventType === undefined) {
		if (event.message === '') return [marker, time, {text: '(no message)', dim: true, inverse: selected}];
		return [marker, time, {text: event.message, inverse: selected, color: selected ? undefined : color}];
	}
	// A missing level or status is unknown: never INFO, never a success.
	const level = event.level ?? '?';
	// A half-width dashboard pane drops the topic and marks only failures, so that the reason
	// stays in view.
	const narrow = width < 80;
	const clientWidth = narrow ? 12 : Math.min(24, Math.max(10, Math.floor(width * 0.15)));
	const topicWidth = Math.min(36, Math.max(10, Math.floor(width * 0.22)));
	const failed = event.status === 'Failure';
	return [
		marker,
		time,
		{text: `${cell(level, 5)} `, color, bold: level === 'ERROR', dim: event.level === undefined},
		{text: `${cell(event.eventType, 21)} `, inverse: selected, color: selected ? undefined : color},
		{text: `${cell(event.clientId ?? '', clientWidth)} `},
		...(narrow
			? [{text: failed ? '✖ ' : '  ', color: 'red'}]
			: [
					{text: `${cell(event.topicName ?? '', topicWidth)} `, dim: true},
					{text: `${cell(event.status ?? '?', 7)} `, color: failed ? 'red' : undefined, dim: event.status === undefined},
				]),
		{text: event.reason ?? '', dim: true},
	];
}

