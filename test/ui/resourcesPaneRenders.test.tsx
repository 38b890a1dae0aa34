// A hidden pane is not rendered by a refresh: neither through its props (PaneSlot) nor through
// the focus context the App hands every pane (one function for the App's life).
import React from 'react';
import {afterEach, describe, expect, it, vi} from 'vitest';
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
			resources: {
				...state.sources.resources,
				loading: false,
				fetchedAt: NOW,
				things: {complete: true, opened: true, rows: [thing('thermostat-kitchen')]},
			},
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
				rows: [
					{
						name,
						kind: 'metric',
						state: 'OK',
						stateReason: 'fine',
						stateTransitionedAt: NOW - 60_000,
						metricName: 'Connect.Success',
						statistic: 'Sum',
						comparisonOperator: 'LessThanThreshold',
						threshold: 1,
						period: 60,
						evaluationPeriods: 1,
					},
				],
			},
		},
	}));
}

let rendered: Rendered | undefined;
afterEach(() => {
	rendered?.unmount();
	rendered = undefined;
});

describe('the Resources pane behind a zoomed pane', () => {
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
			sources: {
				...state.sources,
				resources: {...state.sources.resources, things: {...state.sources.resources.things, rows: [thing('boiler-cellar')]}},
			},
		}));
		await rendered.press('z');
		await rendered.waitForFrame((text) => stripAnsi(text).includes('boiler-cellar'));
		expect(stripAnsi(rendered.lastFrame())).not.toContain('thermostat-kitchen');
	});
});
