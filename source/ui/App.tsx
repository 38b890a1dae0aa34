import path from 'node:path';
import {Box, Text, useApp, useInput} from 'ink';
import React, {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {PaneId} from '../config.js';
import type {Engine, LiveState, SourceStatus} from '../live/engine.js';
import {emptyLogBuffer, type LogBuffer} from '../model/logBuffer.js';
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
	/** Injected clock for tests; defaults to Date.now() (see usePaneClock, useClock). */
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

/**
 * The panes' clock ("in ALARM for 3m20s", data ages) is read when the App renders: on new
 * data, on a key. Only when nothing has redrawn it for 15 s (paused, a long interval) does a
 * tick redraw it; a steady refresh costs one frame per cycle and no more.
 */
const PANE_CLOCK_TICK = 15_000;

function usePaneClock(fixed: number | undefined): number {
	const [, setTick] = useState(0);
	const readAt = useRef(0);
	useEffect(() => {
		if (fixed !== undefined) return;
		const timer = setInterval(() => {
			if (Date.now() - readAt.current >= PANE_CLOCK_TICK) setTick((value) => value + 1);
		}, PANE_CLOCK_TICK / 3);
		return () => clearInterval(timer);
	}, [fixed]);
	if (fixed !== undefined) return fixed;
	readAt.current = Date.now();
	return readAt.current;
}

type PaneSlotProps = PaneProps & {id: PaneId; visible: boolean};

/** What each pane reads of the live state: it renders again only when one of these changed. */
const PANE_DEPS: Record<PaneId, (live: LiveState) => readonly unknown[]> = {
	alarms: (live) => [live.sources.alarms, live.interval],
	metrics: (live) => [live.sources.metrics, live.sources.alarms, live.interval],
	logs: (live) => [live.sources.logs, live.paused, live.logJump, live.interval],
	resources: (live) => [live.sources.resources, live.interval],
};

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The live state as a pane other than Logs gets it: the log buffer left out, so a pane that
 * did not render again (its data unchanged) does not hold on to a buffer the Logs pane has
 * replaced since (~7 MB under a flood).
 */
const withoutLogs = (() => {
	let last: {live: LiveState; view: LiveState} | undefined;
	let stub: LiveState['sources']['logs'] | undefined;
	return (live: LiveState): LiveState => {
		if (last?.live === live) return last.view;
		stub ??= {...live.sources.logs, buffer: emptyLogBuffer(1), received: 0, rate: 0};
		const view = {...live, sources: {...live.sources, logs: stub}};
		last = {live, view};
		return view;
	};
})();

/**
 * A pane and its error boundary. A hidden pane (behind the help, a zoom, another tab) is not
 * drawn, so it is not rendered either: it keeps its last tree until it is shown again, when
 * it renders with the data of that moment. Opening the help at 100,000 things and 1,000
 * alarms so costs the help, not four panes re-laid out at the full screen size. A shown pane
 * renders again when what it reads changed (PANE_DEPS), its size or focus did, or its clock
 * moved into the next PANE_CLOCK_TICK: the Logs pane's poll every 2 s redraws the Logs pane
 * and the header, not the alarms, metrics and resources beside it.
 */
const PaneSlot = React.memo(
	function PaneSlot({id, visible: _visible, ...props}: PaneSlotProps) {
		const Pane = PANE_COMPONENTS[id];
		return (
			<PaneBoundary title={PANE_TITLES[id]} width={props.width} height={props.height} focused={props.focused}>
				<Pane {...props} />
			</PaneBoundary>
		);
	},
	(previous, next) => {
		if (previous.id !== next.id || previous.engine !== next.engine) return false;
		if (!next.visible) return true;
		return (
			previous.visible &&
			previous.width === next.width &&
			previous.height === next.height &&
			previous.focused === next.focused &&
			Math.floor(previous.now / PANE_CLOCK_TICK) === Math.floor(next.now / PANE_CLOCK_TICK) &&
			sameDeps(PANE_DEPS[next.id](previous.live), PANE_DEPS[next.id](next.live))
		);
	},
);

/**
 * React keeps the props and state of the render before last in its second fiber tree until
 * that tree renders again: after a poll, the previous log buffer, with every event the poll
 * pushed out. Under a flood that is all 10,000 events (~7 MB), and a poll that keeps part of
 * the buffer still leaves the rest reachable for nothing until the next refresh. Once a poll
 * has pushed out at least a quarter of the buffer, one more render of the same data, right
 * after, lets it go; a small append (a quiet fleet) costs no extra render.
 */
const RELEASE_DROPPED_FRACTION = 0.25;

function useReleaseReplacedLogs(buffer: LogBuffer): void {
	const previous = useRef(buffer);
	const [, release] = useState(0);
	useEffect(() => {
		const before = previous.current;
		previous.current = buffer;
		const pushedOut = Math.min(before.length, buffer.first - before.first);
		if (pushedOut > 0 && pushedOut >= before.capacity * RELEASE_DROPPED_FRACTION) release((count) => count + 1);
	}, [buffer]);
}

function statusOf(live: LiveState, pane: PaneId): SourceStatus {
	return live.sources[pane];
}

export function App({engine, initialPane, onSnapshot, initialZoom = false, now: fixedNow, bell = false}: AppProps) {
	const live = useSyncExternalStore(engine.store.subscribe, engine.store.getSnapshot);
	useAlarmBell(live.sources.alarms.enteredAlarm, bell);
	useReleaseReplacedLogs(live.sources.logs.buffer);
	const {columns, rows} = useTerminalSize();
	const now = usePaneClock(fixedNow);
	const {exit} = useApp();
	const [ui, setUi] = useState(() => ({...initialUiState(initialPane), zoomed: initialZoom}));
	// Keys that arrive in one chunk ("2j") are handled before React renders again: each must
	// see the focus the previous one left, so commands reduce this ref and then render.
	const uiNow = useRef(ui);
	// The same function every render (it reads the ref): the panes' focus context, which holds
	// a function of it, does not change, so it re-renders no pane.
	const dispatch = useCallback((command: CommandId) => {
		const next = reduceUi(uiNow.current, command);
		if (next === uiNow.current) return;
		uiNow.current = next;
		setUi(next);
	}, []);
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
			const {focus, help} = uiNow.current;
			const command = commandFor(name, focus);
			// The focused pane first (its lists, details, filters); then the global commands.
			if (!help && paneHandlers.get(focus)?.({name, command})) continue;
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

	const focusPane = useCallback((target: PaneId) => dispatch(`pane.${target}`), [dispatch]);

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
	// One tree for every layout: panes keep their place (and their state: a detail view, a
	// cursor) when the layout changes; the ones not shown are display="none".
	const grid = dashboard && !ui.zoomed && !ui.help;
	const single = !grid && !ui.help;
	const tabs = single && !ui.zoomed;
	const left = Math.floor(columns / 2);
	const top = Math.floor(bodyHeight / 2);
	const geometry = (id: PaneId, row: 0 | 1, column: 0 | 1) => {
		if (grid) return {width: column === 0 ? left : columns - left, height: row === 0 ? top : bodyHeight - top, visible: true};
		return {width: columns, height: tabs ? bodyHeight - 1 : bodyHeight, visible: single && id === ui.focus};
	};
	const pane = (id: PaneId, row: 0 | 1, column: 0 | 1) => {
		const {width, height: paneHeight, visible} = geometry(id, row, column);
		return (
			<Box key={id} display={visible ? 'flex' : 'none'}>
				<PaneSlot id={id} visible={visible} engine={engine} live={id === 'logs' ? live : withoutLogs(live)} width={width} height={paneHeight} focused={id === ui.focus} now={now} />
			</Box>
		);
	};
	const rowVisible = (ids: PaneId[]) => grid || (single && ids.includes(ui.focus));
	const body = (
		<Box flexDirection="column" height={bodyHeight}>
			{tabs ? <TabBar key="tabs" focus={ui.focus} width={columns} /> : null}
			{ui.help ? <Help key="help" width={columns} height={bodyHeight} /> : null}
			<Box key="top" display={rowVisible(['alarms', 'metrics']) ? 'flex' : 'none'}>
				{pane('alarms', 0, 0)}
				{pane('metrics', 0, 1)}
			</Box>
			<Box key="bottom" display={rowVisible(['logs', 'resources']) ? 'flex' : 'none'}>
				{pane('logs', 1, 0)}
				{pane('resources', 1, 1)}
			</Box>
		</Box>
	);

	return (
		<PaneInputProvider registry={paneHandlers}>
			<PaneFocusProvider focusPane={focusPane}>
			<Box flexDirection="column" width={columns} height={height}>
				<Header live={live} focusStatus={statusOf(live, ui.focus)} width={columns} now={fixedNow} />
				{body}
				<StatusBar pane={ui.focus} width={columns} message={message?.text} messageIsError={message?.error} />
			</Box>
			</PaneFocusProvider>
		</PaneInputProvider>
	);
}
