// The Resources pane, shown on the dashboard, is rendered again only when what it draws can
// change: its lists, its size or focus, the clock's minute, or while it shows an error (whose
// line tells the data's age). A refresh of the other panes leaves it be.
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
import type {SourceError} from '../../source/aws/errors.js';
import type {Engine} from '../../source/live/engine.js';
import {App} from '../../source/ui/App.js';
import {clientsFor, testEngine} from '../helpers/engine.js';
import {renderAt, stripAnsi, type Rendered} from '../helpers/render.js';

const counted = vi.hoisted(() => ({renders: 0}));

vi.mock('../../source/ui/panes/ResourcesPane.js', async (importOriginal) => {
	const original = await importOriginal<typeof import('../../source/ui/panes/ResourcesPane.js')>();
	return {
		...original,
		ResourcesPane(props: Parameters<typeof original.ResourcesPane>[0]) {
			counted.renders++;
			return original.ResourcesPane(props);
		},
	};
});

const NOW = Date.UTC(2026, 10, 24, 3, 0, 0);
const thing = (name: string) => ({name, type: 'thermostat', attributes: {site: 'lab'}, version: 1});

function seededEngine(): Engine {
	// Never started: the store is changed by hand, so no request is ever sent.
	const engine = testEngine(clientsFor('http://127.0.0.1:9'));
	engine.store.update((state) => ({
		...state,
		sources: {
			...state.sources,
			alarms: {...state.sources.alarms, loading: false, fetchedAt: NOW, rows: []},
			resources: {...state.sources.resources, loading: false, fetchedAt: NOW, things: {complete: true, opened: true, rows: [thing('thermostat-kitchen')]}},
		},
	}));
	return engine;
}

/** A refresh that touches only the Alarms pane, as a poll of DescribeAlarms does. */
function refreshAlarms(engine: Engine, name: string): void {
	engine.store.update((state) => ({
		...state,
		sources: {
			...state.sources,
			alarms: {
				...state.sources.alarms,
				fetchedAt: NOW,
				rows: [{name, kind: 'metric', state: 'OK', stateReason: 'fine', stateTransitionedAt: NOW - 60_000, metricName: 'Connect.Success', statistic: 'Sum', comparisonOperator: 'LessThanThreshold', threshold: 1, period: 60, evaluationPeriods: 1}],
			},
		},
	}));
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

describe('the Resources pane on the dashboard', () => {
	it('is not rendered again by a refresh of the other panes, but is when its lists change or while it shows an error', async () => {
		const engine = seededEngine();
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((text) => stripAnsi(text).includes('thermostat-kitchen'));

		let before = counted.renders;
		refreshAlarms(engine, 'alarm-one');
		await rendered.waitForFrame((text) => stripAnsi(text).includes('alarm-one'));
		expect(counted.renders - before).toBe(0);

		// Its lists changed: it draws the new thing.
		before = counted.renders;
		engine.store.update((state) => ({
			...state,
			sources: {...state.sources, resources: {...state.sources.resources, things: {...state.sources.resources.things, rows: [thing('thermostat-kitchen'), thing('boiler-cellar')]}}},
		}));
		await rendered.waitForFrame((text) => stripAnsi(text).includes('boiler-cellar'));
		expect(counted.renders - before).toBeGreaterThan(0);

		// An error: its line says how old the data is, so every refresh draws it.
		const error: SourceError = {message: 'Rate exceeded', code: 'ThrottlingException', kind: 'throttled', throttled: true, operation: 'iot:ListThings', at: NOW};
		engine.store.update((state) => ({...state, sources: {...state.sources, resources: {...state.sources.resources, error}}}));
		await rendered.waitForFrame((text) => stripAnsi(text).includes('Rate exceeded'));
		before = counted.renders;
		refreshAlarms(engine, 'alarm-two');
		await rendered.waitForFrame((text) => stripAnsi(text).includes('alarm-two'));
		expect(counted.renders - before).toBeGreaterThan(0);
	});

	it('is not rendered while another pane is zoomed, and is when shown again, with the lists of that moment', async () => {
		const engine = seededEngine();
		rendered = renderAt(<App engine={engine} initialPane="alarms" now={NOW} />, {columns: 120, rows: 36});
		await rendered.waitForFrame((text) => stripAnsi(text).includes('thermostat-kitchen'));
		await rendered.press('z');
		await rendered.waitForFrame((text) => !stripAnsi(text).includes('thermostat-kitchen'));
		// Hidden, it is not rendered by a refresh (nor by the focus context the App hands down).
		const before = counted.renders;
		refreshAlarms(engine, 'alarm-zoomed');
		await rendered.waitForFrame((text) => stripAnsi(text).includes('alarm-zoomed'));
		expect(counted.renders - before).toBe(0);
		engine.store.update((state) => ({
			...state,
			sources: {...state.sources, resources: {...state.sources.resources, things: {...state.sources.resources.things, rows: [thing('boiler-cellar')]}}},
		}));
		await rendered.press('z');
		await rendered.waitForFrame((text) => stripAnsi(text).includes('boiler-cellar'));
		expect(stripAnsi(rendered.lastFrame())).not.toContain('thermostat-kitchen');
	});
});
