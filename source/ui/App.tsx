import {Box, Text, useApp, useInput} from 'ink';
import React, {useEffect, useMemo, useReducer, useState, useSyncExternalStore} from 'react';
import type {PaneId} from '../config.js';
import type {Engine, LiveState, SourceStatus} from '../live/engine.js';
import {sortAlarms} from '../model/alarms.js';
import {Header} from './Header.js';
import {Help} from './Help.js';
import {commandFor, keyNames, type CommandId} from './keymap.js';
import {AlarmsPane} from './panes/AlarmsPane.js';
import {LogsPane} from './panes/LogsPane.js';
import {MetricsPane} from './panes/MetricsPane.js';
import {ResourcesPane} from './panes/ResourcesPane.js';
import {StatusBar} from './StatusBar.js';
import {TabBar} from './TabBar.js';
import {initialUiState, reduceUi, type UiState} from './uiState.js';
import {useTerminalSize} from './useTerminalSize.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
export const DASHBOARD_COLUMNS = 120;
export const DASHBOARD_ROWS = 36;

export type AppProps = {
	engine: Engine;
	initialPane: PaneId;
	windowMs: number;
	/** Injected clock for tests; defaults to a 1 s ticking Date.now(). */
	now?: number;
};

function useClock(fixed: number | undefined): number {
	const [now, setNow] = useState(() => fixed ?? Date.now());
	useEffect(() => {
		if (fixed !== undefined) return;
		const timer = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, [fixed]);
	return fixed ?? now;
}

function statusOf(live: LiveState, pane: PaneId): SourceStatus {
	return pane === 'resources' ? live.things : live[pane];
}

export function App({engine, initialPane, windowMs, now: fixedNow}: AppProps) {
	const live = useSyncExternalStore(engine.store.subscribe, engine.store.getSnapshot);
	const {columns, rows} = useTerminalSize();
	const now = useClock(fixedNow);
	const {exit} = useApp();
	const alarms = useMemo(() => sortAlarms(live.alarms.rows), [live.alarms.rows]);
	const counts: Record<PaneId, number> = {
		alarms: alarms.length,
		metrics: live.metrics.series.length,
		logs: live.logs.events.length,
		resources: live.things.rows.length,
	};
	const height = rows - 1;
	const dashboard = columns >= DASHBOARD_COLUMNS && rows >= DASHBOARD_ROWS;
	const [ui, dispatch] = useReducer(
		(state: UiState, action: {command: CommandId; pageSize: number; counts: Record<PaneId, number>}) =>
			reduceUi(state, action.command, {counts: action.counts, pageSize: action.pageSize}),
		initialPane,
		initialUiState,
	);

	useInput((input, key) => {
		for (const name of keyNames(input, key)) runCommand(commandFor(name, ui.focus));
	});

	function runCommand(command: CommandId | undefined) {
		if (!command) return;
		switch (command) {
			case 'app.quit': {
				exit();
				return;
			}
			case 'app.refresh': {
				engine.refreshNow();
				return;
			}
			case 'app.pause': {
				engine.togglePause();
				return;
			}
			case 'app.faster': {
				engine.stepInterval(-1);
				return;
			}
			case 'app.slower': {
				engine.stepInterval(1);
				return;
			}
			default: {
				dispatch({command, counts, pageSize: Math.max(1, height - 6)});
			}
		}
	}

	if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
		return (
			<Box width={columns} height={height} alignItems="center" justifyContent="center" flexDirection="column">
				<Text bold>terminal too small (need {MIN_COLUMNS}x{MIN_ROWS})</Text>
				<Text dimColor>
					now {columns}x{rows}; q quits
				</Text>
			</Box>
		);
	}

	const bodyHeight = height - 2;
	const pane = (id: PaneId, width: number, paneHeight: number) => {
		const focused = id === ui.focus;
		switch (id) {
			case 'alarms': {
				return (
					<AlarmsPane key={id} alarms={live.alarms} rows={alarms} width={width} height={paneHeight} focused={focused} cursor={ui.cursors.alarms} now={now} />
				);
			}
			case 'metrics': {
				return (
					<MetricsPane key={id} metrics={live.metrics} windowMs={windowMs} width={width} height={paneHeight} focused={focused} cursor={ui.cursors.metrics} now={now} />
				);
			}
			case 'logs': {
				return (
					<LogsPane
						key={id}
						logs={live.logs}
						width={width}
						height={paneHeight}
						focused={focused}
						cursor={Math.min(ui.cursors.logs, Math.max(0, live.logs.events.length - 1))}
						following={ui.following}
					/>
				);
			}
			case 'resources': {
				return <ResourcesPane key={id} things={live.things} width={width} height={paneHeight} focused={focused} cursor={ui.cursors.resources} />;
			}
		}
	};

	let body: React.ReactNode;
	if (ui.help) {
		body = <Help width={columns} height={bodyHeight} />;
	} else if (dashboard && !ui.zoomed) {
		const left = Math.floor(columns / 2);
		const top = Math.floor(bodyHeight / 2);
		body = (
			<Box flexDirection="column" height={bodyHeight}>
				<Box height={top}>
					{pane('alarms', left, top)}
					{pane('metrics', columns - left, top)}
				</Box>
				<Box height={bodyHeight - top}>
					{pane('logs', left, bodyHeight - top)}
					{pane('resources', columns - left, bodyHeight - top)}
				</Box>
			</Box>
		);
	} else if (ui.zoomed) {
		body = pane(ui.focus, columns, bodyHeight);
	} else {
		body = (
			<Box flexDirection="column" height={bodyHeight}>
				<TabBar focus={ui.focus} width={columns} />
				{pane(ui.focus, columns, bodyHeight - 1)}
			</Box>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header live={live} alarms={alarms} focusStatus={statusOf(live, ui.focus)} width={columns} now={now} />
			{body}
			<StatusBar pane={ui.focus} width={columns} />
		</Box>
	);
}
