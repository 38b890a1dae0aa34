import {Box, useApp, useStdout} from 'ink';
import React, {useEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {PaneId} from './paneIds.js';
import type {Engine, LiveState, SourceStatus} from '../live/engine.js';
import {emptyLogBuffer, type LogBuffer} from '../model/logBuffer.js';
import type {SnapshotFiles} from '../snapshot/write.js';
import {Header} from './Header.js';
import {Help} from './Help.js';
import type {InputKey} from './inputParser.js';
import {MIN_COLUMNS, MIN_ROWS, screenLayout} from './layout.js';
import {AlarmsPane} from './panes/AlarmsPane.js';
import {LogsPane} from './panes/LogsPane.js';
import {MetricsPane} from './panes/MetricsPane.js';
import type {PaneProps} from './panes/paneProps.js';
import {ResourcesPane} from './panes/ResourcesPane.js';
import {savedMessage} from './snapshotActions.js';
import {StatusBar} from './StatusBar.js';
import {StyledLine} from './widgets/StyledLine.js';
import {PaneBoundary} from './PaneBoundary.js';
import {PANE_TITLES, TabBar} from './TabBar.js';
import {useAlarmBell} from './useAlarmBell.js';
import {dataNeeds, initialUiState, paneMode, reduceKey, unavailableCommands, type Effect, type PaneUi, type UiState} from './uiState.js';
import {useKeyInput} from './useKeyInput.js';
import {readTerminalSize, useTerminalSize} from './useTerminalSize.js';

export {DASHBOARD_COLUMNS, DASHBOARD_ROWS, MIN_COLUMNS, MIN_ROWS} from './layout.js';

export type AppProps = {
	engine: Engine;
	initialPane: PaneId;
	/** The `s` key: saves a snapshot of the engine at this screen size, naming the files. */
	/** The `s` key: saves the screen as drawn and every pane's data, resolving to the files written (absolute paths). */
	onSnapshot?: () => Promise<SnapshotFiles>;
	/** Start with the pane zoomed (screenshots of one pane). */
	initialZoom?: boolean;
	/** Start from this UI state (a screen drawn again as the user had it: filters, details). */
	initialUi?: UiState;
	/** Injected clock for tests; defaults to Date.now() (see usePaneClock, useClock). */
	now?: number;
	/** Ring the terminal bell when an alarm enters ALARM (`--bell`). */
	bell?: boolean;
};

// Each pane gets its own slice of the UI state; the table is typed loosely to index it by id.
const PANE_COMPONENTS: Record<PaneId, (props: PaneProps<never>) => React.ReactNode> = {
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

type PaneSlotProps = PaneProps<PaneUi[PaneId]> & {id: PaneId; visible: boolean};

/** What each pane reads of the live state: it renders again only when one of these changed. */
const PANE_DEPS: Record<PaneId, (live: LiveState) => readonly unknown[]> = {
	alarms: (live) => [live.sources.alarms, live.interval, live.sources.changes, live.sources.health],
	metrics: (live) => [live.sources.metrics, live.sources.alarms, live.interval],
	logs: (live) => [live.sources.logs, live.paused, live.interval],
	resources: (live) => [live.sources.resources, live.interval, live.sources.changes.resource, live.sources.fleet],
};

const sameDeps = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * The live state as a pane other than Logs gets it: the log buffer left out, so a pane that
 * did not render again (its data unchanged) does not hold on to a buffer the Logs pane has
 * replaced since (megabytes under a flood: docs/performance.md).
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
 * renders again when what it reads changed (PANE_DEPS, its UI state), its size or focus did, or its clock
 * moved into the next PANE_CLOCK_TICK: the Logs pane's poll every 2 s redraws the Logs pane
 * and the header, not the alarms, metrics and resources beside it.
 */
const PaneSlot = React.memo(
	function PaneSlot({id, visible: _visible, ...props}: PaneSlotProps) {
		const Pane = PANE_COMPONENTS[id];
		return (
			<PaneBoundary title={PANE_TITLES[id]} width={props.width} height={props.height} focused={props.focused}>
				<Pane {...(props as PaneProps<never>)} />
			</PaneBoundary>
		);
	},
	(previous, next) => {
		if (previous.id !== next.id || previous.windowMs !== next.windowMs) return false;
		if (!next.visible) return true;
		return (
			previous.visible &&
			previous.width === next.width &&
			previous.height === next.height &&
			previous.focused === next.focused &&
			previous.ui === next.ui &&
			Math.floor(previous.now / PANE_CLOCK_TICK) === Math.floor(next.now / PANE_CLOCK_TICK) &&
			sameDeps(PANE_DEPS[next.id](previous.live), PANE_DEPS[next.id](next.live))
		);
	},
);

/**
 * React keeps the props and state of the render before last in its second fiber tree until
 * that tree renders again: after a poll, the previous log buffer, with every event the poll
 * pushed out. Under a flood that is all 10,000 events (megabytes), and a poll that keeps part of
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

const ignore = () => undefined;

export function App({engine, initialPane, onSnapshot, initialZoom = false, initialUi, now: fixedNow, bell = false}: AppProps) {
	const live = useSyncExternalStore(engine.store.subscribe, engine.store.getSnapshot);
	useAlarmBell(live.sources.alarms.enteredAlarm, bell);
	useReleaseReplacedLogs(live.sources.logs.buffer);
	const size = useTerminalSize();
	const {stdout} = useStdout();
	const now = usePaneClock(fixedNow);
	const {exit} = useApp();
	const {windowMs} = engine.context.options;
	// The one UI state, above the layout: no resize, zoom or help loses a filter, a cursor or a detail.
	const [ui, setUi] = useState(() => initialUi ?? initialUiState(initialPane, initialZoom));
	// The state the last key left, ahead of the render that shows it.
	const uiNow = useRef(ui);
	const [message, setMessage] = useState<{text: string; error: boolean}>();
	useEffect(() => {
		if (!message || message.text.endsWith('…')) return;
		const timer = setTimeout(() => setMessage(undefined), 15_000);
		return () => clearTimeout(timer);
	}, [message]);

	function run(effect: Effect) {
		switch (effect.type) {
			case 'quit': {
				exit();
				return;
			}
			case 'snapshot': {
				if (!onSnapshot) return;
				setMessage({text: 'Saving snapshot…', error: false});
				onSnapshot().then(
					(saved) => setMessage({text: savedMessage(saved, readTerminalSize(stdout).columns), error: false}),
					(error: unknown) => setMessage({text: error instanceof Error ? error.message : String(error), error: true}),
				);
				return;
			}
			case 'metrics.write': {
				// The status bar names the file written (or why not), from the store.
				engine.run(effect).then(() => {
					const written = engine.store.getSnapshot().sources.metrics.written;
					if (written) setMessage({text: written.message, error: written.error});
				}, ignore);
				return;
			}
			default: {
				// An action's failure is data in the store (the pane says it), never an exception here.
				engine.run(effect).catch(ignore);
			}
		}
	}

	// Each key of a read is applied to the state the key before it left, against the store and
	// the screen as they are now; one render follows.
	useKeyInput((keys: InputKey[]) => {
		const context = {live: engine.store.getSnapshot(), size: readTerminalSize(stdout), now: fixedNow ?? Date.now(), windowMs};
		let next = uiNow.current;
		const effects: Effect[] = [];
		for (const key of keys) {
			const step = reduceKey(next, key, context);
			next = step.ui;
			effects.push(...step.effects);
			if (step.effects.some((effect) => effect.type === 'quit')) break;
		}
		uiNow.current = next;
		setUi(next);
		for (const effect of effects) run(effect);
	});

	// What the screen shows decides what must be loaded (a sub-tab's first page, the next page
	// near the end, the rows on screen described, an open detail's data).
	useEffect(() => {
		for (const need of dataNeeds(live, ui, size, now)) run(need);
	}, [live, ui, size, now]);

	const layout = screenLayout(size, ui);
	const {columns, rows} = size;
	const {height, bodyHeight} = layout;
	if (layout.small) {
		return (
			<Box width={columns} height={height} alignItems="center" justifyContent="center" flexDirection="column">
				{/* Styled lines keep bold and dim without colour (NO_COLOR), as the rest of the screen does. */}
				<StyledLine line={[{text: `terminal too small (need ${MIN_COLUMNS}x${MIN_ROWS})`, bold: true}]} width={Math.min(columns, 40)} />
				<StyledLine line={[{text: `now ${columns}x${rows}; q quits`, dim: true}]} width={Math.min(columns, 40)} />
			</Box>
		);
	}

	// One tree for every layout; the panes not shown are display="none" (and not rendered).
	const grid = layout.grid;
	const single = !grid && !ui.help.open;
	const pane = (id: PaneId) => {
		const {width, height: paneHeight, visible} = layout.panes[id];
		return (
			<Box key={id} display={visible ? 'flex' : 'none'}>
				<PaneSlot
					id={id}
					visible={visible}
					live={id === 'logs' ? live : withoutLogs(live)}
					ui={ui[id]}
					width={width}
					height={paneHeight}
					focused={id === ui.focus}
					now={now}
					windowMs={windowMs}
				/>
			</Box>
		);
	};
	const rowVisible = (ids: PaneId[]) => grid || (single && ids.includes(ui.focus));
	const body = (
		<Box flexDirection="column" height={bodyHeight}>
			{layout.tabs ? <TabBar key="tabs" focus={ui.focus} fleet={ui.resources.fleet === true} width={columns} /> : null}
			{ui.help.open ? <Help key="help" focus={ui.focus} scroll={ui.help.scroll} width={columns} height={bodyHeight} /> : null}
			<Box key="top" display={rowVisible(['alarms', 'metrics']) ? 'flex' : 'none'}>
				{pane('alarms')}
				{pane('metrics')}
			</Box>
			<Box key="bottom" display={rowVisible(['logs', 'resources']) ? 'flex' : 'none'}>
				{pane('logs')}
				{pane('resources')}
			</Box>
		</Box>
	);

	return (
		<Box flexDirection="column" width={columns} height={height}>
			<Header live={live} focusStatus={statusOf(live, ui.focus)} width={columns} now={fixedNow} />
			{body}
			<StatusBar
				pane={ui.focus}
				mode={paneMode(ui)}
				unavailable={new Set(unavailableCommands(ui, live, size, now).keys())}
				width={columns}
				message={message?.text}
				messageIsError={message?.error}
				notice={ui.notice}
			/>
		</Box>
	);
}
