import path from 'node:path';
import {Box, Text, useApp, useInput} from 'ink';
import React, {useEffect, useReducer, useRef, useState, useSyncExternalStore} from 'react';
import type {PaneId} from '../config.js';
import type {Engine, LiveState, SourceStatus} from '../live/engine.js';
import {Header} from './Header.js';
import {Help} from './Help.js';
import {commandFor, keyNames, type CommandId} from './keymap.js';
import {AlarmsPane} from './panes/AlarmsPane.js';
import {LogsPane} from './panes/LogsPane.js';
import {MetricsPane} from './panes/MetricsPane.js';
import type {PaneProps} from './panes/paneProps.js';
import {ResourcesPane} from './panes/ResourcesPane.js';
import {PaneFocusProvider} from './paneFocus.js';
import {PaneInputProvider, type PaneKeyHandler} from './paneInput.js';
import {StatusBar} from './StatusBar.js';
import {PaneBoundary} from './PaneBoundary.js';
import {PANE_TITLES, TabBar} from './TabBar.js';
import {useAlarmBell} from './useAlarmBell.js';
import {initialUiState, reduceUi} from './uiState.js';
import {useTerminalSize} from './useTerminalSize.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
export const DASHBOARD_COLUMNS = 120;
export const DASHBOARD_ROWS = 36;

export type AppProps = {
	engine: Engine;
	initialPane: PaneId;
	/** The `s` key: saves a snapshot of the engine at this screen size, naming the files. */
	onSnapshot?: (size: {columns: number; rows: number}) => Promise<{json: string; directory: string}>;
	/** Start with the pane zoomed (screenshots of one pane). */
	initialZoom?: boolean;
	/** Injected clock for tests; defaults to a 1 s ticking Date.now(). */
	now?: number;
	/** Ring the terminal bell when an alarm enters ALARM (`--bell`). */
	bell?: boolean;
};

const PANE_COMPONENTS: Record<PaneId, (props: PaneProps) => React.ReactNode> = {
	alarms: AlarmsPane,
	metrics: MetricsPane,
	logs: LogsPane,
	resources: ResourcesPane,
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
	return live.sources[pane];
}

export function App({engine, initialPane, onSnapshot, initialZoom = false, now: fixedNow, bell = false}: AppProps) {
	const live = useSyncExternalStore(engine.store.subscribe, engine.store.getSnapshot);
	useAlarmBell(live.sources.alarms.enteredAlarm, bell);
	const {columns, rows} = useTerminalSize();
	const now = useClock(fixedNow);
	const {exit} = useApp();
	const [ui, dispatch] = useReducer(reduceUi, initialPane, (pane) => ({...initialUiState(pane), zoomed: initialZoom}));
	const paneHandlers = useRef(new Map<PaneId, PaneKeyHandler>()).current;
	const [message, setMessage] = useState<{text: string; error: boolean}>();
	useEffect(() => {
		if (!message || message.text.endsWith('…')) return;
		const timer = setTimeout(() => setMessage(undefined), 15_000);
		return () => clearTimeout(timer);
	}, [message]);
	const height = rows - 1;
	const dashboard = columns >= DASHBOARD_COLUMNS && rows >= DASHBOARD_ROWS;

	useInput((input, key) => {
		for (const name of keyNames(input, key)) {
			const command = commandFor(name, ui.focus);
			// The focused pane first (its lists, details, filters); then the global commands.
			if (!ui.help && paneHandlers.get(ui.focus)?.({name, command})) continue;
			runGlobal(command);
		}
	});

	function runGlobal(command: CommandId | undefined) {
		switch (command) {
			case undefined: {
				return;
			}
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
			case 'app.snapshot': {
				if (!onSnapshot) return;
				setMessage({text: 'Saving snapshot…', error: false});
				onSnapshot({columns, rows}).then(
					(saved) => setMessage({text: `Saved ${path.basename(saved.json, '.json')}.json .txt .svg in ${saved.directory}`, error: false}),
					(error: unknown) => setMessage({text: error instanceof Error ? error.message : String(error), error: true}),
				);
				return;
			}
			default: {
				dispatch(command);
			}
		}
	}

	const focusPane = (target: PaneId) => dispatch(`pane.${target}`);

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
		const Pane = PANE_COMPONENTS[id];
		const focused = id === ui.focus;
		return (
			<PaneBoundary key={id} title={PANE_TITLES[id]} width={width} height={paneHeight} focused={focused}>
				<Pane engine={engine} live={live} width={width} height={paneHeight} focused={focused} now={now} />
			</PaneBoundary>
		);
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
		<PaneInputProvider registry={paneHandlers}>
			<PaneFocusProvider focusPane={focusPane}>
			<Box flexDirection="column" width={columns} height={height}>
				<Header live={live} focusStatus={statusOf(live, ui.focus)} width={columns} now={now} />
				{body}
				<StatusBar pane={ui.focus} width={columns} message={message?.text} messageIsError={message?.error} />
			</Box>
			</PaneFocusProvider>
		</PaneInputProvider>
	);
}
