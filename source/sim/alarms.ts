// Metric and composite alarms, evaluated the way CloudWatch evaluates them: at every minute
// boundary, the last EvaluationPeriods periods of the metric, M of N breaching (DatapointsToAlarm),
// the comparison, TreatMissingData. Evaluation is lazy: `evaluate()` (called on every request
// and by tests after advancing the clock) runs every minute boundary since the last one, in
// order, so an idle simulator costs nothing. A history item is written on every transition
// and on every configuration change.

import {SimError, type SimClock} from './contract.js';
import {MINUTE} from './scenario.js';
import {ALARM_STATES, evalRule, parseAlarmRule, ruleNames, type RuleNode} from './compositeRule.js';
import {runQueries, type MetricDataQueryInput} from './metricMath.js';
import {fromAwsDimensions, isKnownStat, type AwsDimension, type MetricStore, type Series} from './metrics.js';

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type ComparisonOperator =
	| 'GreaterThanThreshold'
	| 'GreaterThanOrEqualToThreshold'
	| 'LessThanThreshold'
	| 'LessThanOrEqualToThreshold'
	| 'LessThanLowerOrGreaterThanUpperThreshold'
	| 'GreaterThanUpperThreshold'
	| 'LessThanLowerThreshold';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** PutMetricAlarm's input, as the SDK sends it. */
export type MetricAlarmInput = {
	AlarmName: string;
	AlarmDescription?: string;
	ActionsEnabled?: boolean;
	OKActions?: string[];
	AlarmActions?: string[];
	InsufficientDataActions?: string[];
	MetricName?: string;
	Namespace?: string;
	Statistic?: string;
	ExtendedStatistic?: string;
	Dimensions?: AwsDimension[];
	Period?: number;
	Unit?: string;
	EvaluationPeriods: number;
	DatapointsToAlarm?: number;
	Threshold?: number;
	ComparisonOperator: ComparisonOperator | string;
	TreatMissingData?: TreatMissingData | string;
	EvaluateLowSampleCountPercentile?: string;
	Metrics?: MetricDataQueryInput[];
	ThresholdMetricId?: string;
	Tags?: Array<{Key: string; Value: string}>;
};

export type CompositeAlarmInput = {
	AlarmName: string;
	AlarmRule: string;
	AlarmDescription?: string;
	ActionsEnabled?: boolean;
	OKActions?: string[];
	AlarmActions?: string[];
	InsufficientDataActions?: string[];
	Tags?: Array<{Key: string; Value: string}>;
};

type AlarmStatus = {
	arn: string;
	createdAt: number;
	configUpdatedAt: number;
	state: AlarmStateValue;
	reason: string;
	reasonData?: string;
	updatedAt: number;
	transitionedAt: number;
};

export type MetricAlarm = AlarmStatus & {type: 'MetricAlarm'; config: MetricAlarmInput};
export type CompositeAlarm = AlarmStatus & {type: 'CompositeAlarm'; config: CompositeAlarmInput; rule: RuleNode};
export type Alarm = MetricAlarm | CompositeAlarm;

export type HistoryItem = {
	AlarmName: string;
	AlarmType: 'MetricAlarm' | 'CompositeAlarm';
	/** Epoch ms. */
	timestamp: number;
	HistoryItemType: 'StateUpdate' | 'ConfigurationUpdate' | 'Action';
	HistorySummary: string;
	HistoryData: string;
};

export type AlarmModel = {
	/** Creates or updates a metric alarm (validated like PutMetricAlarm). `createdAt` backdates it (seeding). */
	putMetricAlarm(input: MetricAlarmInput, options?: {createdAt?: number}): void;
	putCompositeAlarm(input: CompositeAlarmInput, options?: {createdAt?: number}): void;
	deleteAlarms(names: string[]): void;
	/** Evaluates every minute boundary up to the clock's now that has not been evaluated yet. */
	evaluate(): void;
	/** SetAlarmState: the state holds until the next evaluation. */
	setAlarmState(name: string, state: AlarmStateValue, reason: string, reasonData?: string): void;
	get(name: string): Alarm | undefined;
	/** All alarms, sorted by name. */
	metricAlarms(): MetricAlarm[];
	compositeAlarms(): CompositeAlarm[];
	/** History items, oldest first. */
	history(): HistoryItem[];
	/** AWS output shapes (timestamps as epoch seconds). */
	describeMetricAlarm(alarm: MetricAlarm): Record<string, unknown>;
	describeCompositeAlarm(alarm: CompositeAlarm): Record<string, unknown>;
	arnOf(name: string): string;
};

export type AlarmModelOptions = {
	clock: SimClock;
	metrics: MetricStore;
	region?: string;
	accountId?: string;
	/** Minute boundaries before this are never evaluated (the start of the metric history). */
	evaluateFrom?: number;
	/** Cap on stored history items (oldest dropped). */
	maxHistory?: number;
};

const OPERATORS: Record<string, {test: (v: number, t: number) => boolean; words: string}> = {
	GreaterThanThreshold: {test: (v, t) => v > t, words: 'greater than'},
	GreaterThanOrEqualToThreshold: {test: (v, t) => v >= t, words: 'greater than or equal to'},
	LessThanThreshold: {test: (v, t) => v < t, words: 'less than'},
	LessThanOrEqualToThreshold: {test: (v, t) => v <= t, words: 'less than or equal to'},
};
/** Anomaly-detection alarms (ThresholdMetricId): against the band's edges at the datapoint's time. */
const BAND_OPERATORS: Record<string, {test: (v: number, lower: number, upper: number) => boolean; words: string}> = {
	LessThanLowerOrGreaterThanUpperThreshold: {test: (v, lower, upper) => v < lower || v > upper, words: 'outside the band'},
	GreaterThanUpperThreshold: {test: (v, _lower, upper) => v > upper, words: 'greater than the upper threshold of the band'},
	LessThanLowerThreshold: {test: (v, lower) => v < lower, words: 'less than the lower threshold of the band'},
};
const TREAT_MISSING = ['missing', 'notBreaching', 'breaching', 'ignore'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `26/11/24 02:51:00`, the date format of CloudWatch's state reasons (dd/MM/yy, UTC). */
function reasonDate(ms: number): string {
	const d = new Date(ms);
	return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `2026-11-24T02:51:00.000+0000`, the date format of StateReasonData and HistoryData. */
function dataDate(ms: number): string {
	return new Date(ms).toISOString().replace('Z', '+0000');
}

function formatNumber(v: number): string {
	return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

function longDate(ms: number): string {
	const d = new Date(ms);
	const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
	const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
	return `${days[d.getUTCDay()]} ${pad(d.getUTCDate())} ${months[d.getUTCMonth()]}, ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

function required(value: unknown, name: string): void {
	if (value === undefined || value === null || value === '') {
		throw new SimError('MissingRequiredParameterException', `The parameter ${name} is required.`);
	}
}

function invalid(name: string, value: unknown): SimError {
	return new SimError('InvalidParameterValueException', `The value ${String(value)} for parameter ${name} is invalid.`);
}

function validateMetricAlarm(input: MetricAlarmInput): void {
	required(input.AlarmName, 'AlarmName');
	if (typeof input.AlarmName !== 'string' || input.AlarmName.length > 255) throw invalid('AlarmName', input.AlarmName);
	required(input.EvaluationPeriods, 'EvaluationPeriods');
	required(input.ComparisonOperator, 'ComparisonOperator');
	if (!Number.isInteger(input.EvaluationPeriods) || input.EvaluationPeriods < 1)
		throw invalid('EvaluationPeriods', input.EvaluationPeriods);
	const banded = input.ThresholdMetricId !== undefined;
	if (!(banded ? BAND_OPERATORS : OPERATORS)[input.ComparisonOperator]) throw invalid('ComparisonOperator', input.ComparisonOperator);
	if (
		input.DatapointsToAlarm !== undefined &&
		(!Number.isInteger(input.DatapointsToAlarm) || input.DatapointsToAlarm < 1 || input.DatapointsToAlarm > input.EvaluationPeriods)
	) {
		throw new SimError('ValidationException', 'DatapointsToAlarm must be less than or equal to EvaluationPeriods.');
	}
	if (input.TreatMissingData !== undefined && !TREAT_MISSING.includes(input.TreatMissingData))
		throw invalid('TreatMissingData', input.TreatMissingData);
	if (banded) {
		if (input.Threshold !== undefined)
			throw new SimError('ValidationException', 'Threshold and ThresholdMetricId cannot both be specified.');
		if (!input.Metrics?.some((q) => q.Id === input.ThresholdMetricId && /ANOMALY_DETECTION_BAND/i.test(q.Expression ?? ''))) {
			throw new SimError('ValidationException', 'ThresholdMetricId must name an ANOMALY_DETECTION_BAND expression in Metrics.');
		}
	} else {
		required(input.Threshold, 'Threshold');
		if (typeof input.Threshold !== 'number' || !Number.isFinite(input.Threshold)) throw invalid('Threshold', input.Threshold);
	}
	if (input.Metrics && input.Metrics.length > 0) {
		if (input.MetricName || input.Namespace || input.Statistic) {
			throw new SimError(
				'InvalidParameterCombinationException',
				'The parameters MetricName, Namespace and Statistic cannot be specified together with Metrics.',
			);
		}
		// An anomaly-detection alarm returns its metric and its band.
		if (input.Metrics.filter((q) => q.ReturnData !== false).length !== (banded ? 2 : 1)) {
			throw new SimError(
				'ValidationException',
				banded
					? 'Exactly two elements of the metrics list should return data: the metric and the band.'
					: 'Exactly one element of the metrics list should return data.',
			);
		}
		return;
	}
	required(input.MetricName, 'MetricName');
	required(input.Namespace, 'Namespace');
	required(input.Period, 'Period');
	if (!input.Statistic && !input.ExtendedStatistic) {
		throw new SimError('MissingRequiredParameterException', 'One of the parameters Statistic and ExtendedStatistic is required.');
	}
	if (input.Statistic && input.ExtendedStatistic) {
		throw new SimError('InvalidParameterCombinationException', 'The parameters Statistic and ExtendedStatistic are mutually exclusive.');
	}
	if (input.Statistic && !['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(input.Statistic))
		throw invalid('Statistic', input.Statistic);
	if (input.ExtendedStatistic && !isKnownStat(input.ExtendedStatistic)) throw invalid('ExtendedStatistic', input.ExtendedStatistic);
	const p = input.Period!;
	if (!Number.isInteger(p) || !(p === 10 || p === 20 || p === 30 || (p >= 60 && p % 60 === 0))) throw invalid('Period', p);
	if (p * input.EvaluationPeriods > 7 * 24 * 3600) {
		throw new SimError('ValidationException', 'The evaluation range (EvaluationPeriods * Period) must not exceed 7 days.');
	}
}

export function createAlarmModel(options: AlarmModelOptions): AlarmModel {
	const {clock, metrics} = options;
	const region = options.region ?? 'us-east-1';
	const accountId = options.accountId ?? '123456789012';
	const maxHistory = options.maxHistory ?? 200_000;
	const alarms = new Map<string, Alarm>();
	let historyItems: HistoryItem[] = [];
	let lastEvaluated = Math.floor((options.evaluateFrom ?? clock.now()) / MINUTE) * MINUTE;
	let sortedCache: {metric: MetricAlarm[]; composite: CompositeAlarm[]} | undefined;

	const arnOf = (name: string) => `arn:aws:cloudwatch:${region}:${accountId}:alarm:${name}`;

	function addHistory(item: HistoryItem) {
		historyItems.push(item);
		if (historyItems.length > maxHistory) historyItems = historyItems.slice(historyItems.length - Math.floor(maxHistory * 0.9));
	}

	function transition(alarm: Alarm, at: number, state: AlarmStateValue, reason: string, reasonData?: string) {
		const old = alarm.state;
		const oldReason = alarm.reason;
		alarm.updatedAt = at;
		alarm.reason = reason;
		alarm.reasonData = reasonData;
		if (old === state) return;
		alarm.state = state;
		alarm.transitionedAt = at;
		const newState: Record<string, unknown> = {stateValue: state, stateReason: reason};
		if (reasonData) newState.stateReasonData = JSON.parse(reasonData);
		addHistory({
			AlarmName: alarm.config.AlarmName,
			AlarmType: alarm.type,
			timestamp: at,
			HistoryItemType: 'StateUpdate',
			HistorySummary: `Alarm updated from ${old} to ${state}`,
			HistoryData: JSON.stringify({version: '1.0', oldState: {stateValue: old, stateReason: oldReason}, newState}),
		});
	}

	function configHistory(alarm: Alarm, at: number, created: boolean) {
		const described = alarm.type === 'MetricAlarm' ? describeMetricAlarm(alarm) : describeCompositeAlarm(alarm);
		addHistory({
			AlarmName: alarm.config.AlarmName,
			AlarmType: alarm.type,
			timestamp: at,
			HistoryItemType: 'ConfigurationUpdate',
			HistorySummary: `Alarm "${alarm.config.AlarmName}" ${created ? 'created' : 'updated'}`,
			HistoryData: JSON.stringify(
				created ? {version: '1.0', type: 'Create', createdAlarm: described} : {version: '1.0', type: 'Update', updatedAlarm: described},
			),
		});
	}

	function periodSeries(alarm: MetricAlarm, start: number, end: number): Series {
		const c = alarm.config;
		if (c.Metrics && c.Metrics.length > 0) {
			try {
				const result = runQueries(metrics, c.Metrics, start, end).find((r) => r.returnData && r.id !== c.ThresholdMetricId);
				return result?.series ?? {timestamps: [], values: []};
			} catch {
				return {timestamps: [], values: []};
			}
		}
		return metrics.statSeries(
			{namespace: c.Namespace ?? '', metricName: c.MetricName ?? '', dimensions: fromAwsDimensions(c.Dimensions)},
			c.Statistic ?? c.ExtendedStatistic ?? 'Average',
			c.Period ?? 60,
			start,
			end,
		);
	}

	function alarmPeriod(alarm: MetricAlarm): number {
		const c = alarm.config;
		if (c.Metrics && c.Metrics.length > 0) {
			const q = c.Metrics.find((m) => m.ReturnData !== false && m.Id !== c.ThresholdMetricId);
			return q?.Period ?? q?.MetricStat?.Period ?? 60;
		}
		return c.Period ?? 60;
	}

	/** An anomaly-detection alarm's band by period start: its two edges, lower first. */
	function bandOf(alarm: MetricAlarm, start: number, end: number): Map<number, {lower: number; upper: number}> | undefined {
		const c = alarm.config;
		if (c.ThresholdMetricId === undefined || !c.Metrics) return undefined;
		const band = new Map<number, {lower: number; upper: number}>();
		try {
			const edges = runQueries(metrics, c.Metrics, start, end).filter((r) => r.id === c.ThresholdMetricId);
			if (edges.length < 2) return band;
			const other = new Map<number, number>();
			edges[1].series.timestamps.forEach((t, i) => other.set(t, edges[1].series.values[i]));
			edges[0].series.timestamps.forEach((t, i) => {
				const a = edges[0].series.values[i];
				const b = other.get(t);
				if (b !== undefined) band.set(t, {lower: Math.min(a, b), upper: Math.max(a, b)});
			});
		} catch {
			// A band that cannot be computed: nothing breaches it.
		}
		return band;
	}

	function evaluateMetricAlarm(alarm: MetricAlarm, at: number) {
		const c = alarm.config;
		const periodMs = alarmPeriod(alarm) * 1000;
		const n = c.EvaluationPeriods;
		const m = c.DatapointsToAlarm ?? n;
		const end = Math.floor(at / periodMs) * periodMs;
		const start = end - n * periodMs;
		const series = periodSeries(alarm, start, end);
		const byTime = new Map<number, number>();
		series.timestamps.forEach((t, i) => byTime.set(t, series.values[i]));
		// Most recent period first.
		const points: Array<{t: number; v: number | undefined}> = [];
		for (let i = 1; i <= n; i++) {
			const t = end - i * periodMs;
			points.push({t, v: byTime.get(t)});
		}
		const band = bandOf(alarm, start, end);
		const threshold = c.Threshold ?? 0;
		const bandOp = BAND_OPERATORS[c.ComparisonOperator];
		const op = band
			? {
					test: (v: number, _threshold: number, t?: number) => {
						const edges = t === undefined ? undefined : band.get(t);
						return edges !== undefined && bandOp.test(v, edges.lower, edges.upper);
					},
					words: bandOp.words,
				}
			: OPERATORS[c.ComparisonOperator];
		const against = band ? 'the band' : `the threshold (${formatNumber(threshold)})`;
		const treat = c.TreatMissingData ?? 'missing';
		const present = points.filter((p): p is {t: number; v: number} => p.v !== undefined);
		const missingCount = n - present.length;
		const stat = c.Statistic ?? c.ExtendedStatistic ?? 'Average';
		const reasonData = JSON.stringify({
			version: '1.0',
			queryDate: dataDate(at),
			startDate: dataDate(start),
			...(c.Metrics ? {} : {statistic: stat, period: periodMs / 1000}),
			recentDatapoints: present.map((p) => p.v).reverse(),
			...(band ? {} : {threshold}),
			evaluatedDatapoints: present.map((p) => ({timestamp: dataDate(p.t), value: p.v})),
		});
		const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
		const list = (ps: Array<{t: number; v: number}>) => ps.map((p) => `${formatNumber(p.v)} (${reasonDate(p.t)})`).join(', ');

		if (present.length === 0) {
			if (treat === 'ignore') {
				alarm.updatedAt = at;
				return;
			}
			if (treat === 'missing') {
				transition(
					alarm,
					at,
					'INSUFFICIENT_DATA',
					`Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`,
					reasonData,
				);
				return;
			}
			const breaching = treat === 'breaching';
			const state: AlarmStateValue = breaching && n >= m ? 'ALARM' : 'OK';
			transition(
				alarm,
				at,
				state,
				`Threshold Crossed: no datapoints were received for ${plural(n, 'period')} and ${plural(n, 'missing datapoint')} ${n === 1 ? 'was' : 'were'} treated as [${breaching ? 'Breaching' : 'NonBreaching'}].`,
				reasonData,
			);
			return;
		}
		const bad = present.filter((p) => op.test(p.v, threshold, p.t));
		const badCount = bad.length + (treat === 'breaching' ? missingCount : 0);
		if (badCount >= m) {
			const shown = bad.length > 0 ? bad : present;
			const reason =
				n === 1
					? `Threshold Crossed: 1 datapoint [${list(shown)}] was ${op.words}${band ? '' : ` ${against}`}.`
					: `Threshold Crossed: ${badCount} out of the last ${n} datapoints [${list(shown)}] ${badCount === 1 ? 'was' : 'were'} ${op.words}${band ? '' : ` ${against}`} (minimum ${plural(m, 'datapoint')} for ${alarm.state === 'ALARM' ? 'OK' : alarm.state} -> ALARM transition).`;
			transition(alarm, at, 'ALARM', reason, reasonData);
		} else {
			const good = present.filter((p) => !op.test(p.v, threshold, p.t));
			const reason =
				n === 1
					? `Threshold Crossed: 1 datapoint [${list(good)}] was not ${op.words}${band ? '' : ` ${against}`}.`
					: `Threshold Crossed: ${good.length} out of the last ${n} datapoints [${list(good)}] ${good.length === 1 ? 'was' : 'were'} not ${op.words}${band ? '' : ` ${against}`} (minimum ${plural(m, 'datapoint')} for ${alarm.state === 'OK' ? 'ALARM' : alarm.state} -> OK transition).`;
			transition(alarm, at, 'OK', reason, reasonData);
		}
	}

	function evaluateComposite(alarm: CompositeAlarm, at: number): boolean {
		const stateOf = (name: string) => alarms.get(name)?.state;
		const value = evalRule(alarm.rule, stateOf);
		const state: AlarmStateValue = value ? 'ALARM' : 'OK';
		if (state === alarm.state) {
			alarm.updatedAt = at;
			return false;
		}
		// The triggering alarm: the referenced alarm that changed most recently.
		const referenced = ruleNames(alarm.rule)
			.map((name) => alarms.get(name))
			.filter((a): a is Alarm => a !== undefined)
			.sort((a, b) => b.transitionedAt - a.transitionedAt);
		const trigger = referenced[0];
		const reason = trigger
			? `${trigger.arn} transitioned to ${trigger.state} at ${longDate(trigger.transitionedAt)}`
			: `The alarm rule evaluated to ${value ? 'TRUE' : 'FALSE'}`;
		const reasonData = JSON.stringify({
			triggeringAlarms: referenced.slice(0, 1).map((a) => ({arn: a.arn, state: {value: a.state, timestamp: dataDate(a.transitionedAt)}})),
		});
		transition(alarm, at, state, reason, reasonData);
		return true;
	}

	function evaluateAt(at: number) {
		const composites: CompositeAlarm[] = [];
		for (const alarm of alarms.values()) {
			if (alarm.createdAt > at) continue;
			if (alarm.type === 'MetricAlarm') evaluateMetricAlarm(alarm, at);
			else composites.push(alarm);
		}
		// Composites may reference composites: repeat until nothing changes.
		for (let pass = 0; pass < 10 && composites.length > 0; pass++) {
			let changed = false;
			for (const composite of composites) if (evaluateComposite(composite, at)) changed = true;
			if (!changed) break;
		}
	}

	function evaluate() {
		const now = clock.now();
		const due = Math.floor(now / MINUTE) * MINUTE;
		if (due <= lastEvaluated) return;
		// A clock jump of more than a day evaluates only the last day.
		let at = Math.max(lastEvaluated + MINUTE, due - 1440 * MINUTE);
		for (; at <= due; at += MINUTE) evaluateAt(at);
		lastEvaluated = due;
	}

	function sorted() {
		if (!sortedCache) {
			const metric: MetricAlarm[] = [];
			const composite: CompositeAlarm[] = [];
			for (const alarm of alarms.values()) {
				if (alarm.type === 'MetricAlarm') metric.push(alarm);
				else composite.push(alarm);
			}
			const byName = (a: Alarm, b: Alarm) =>
				a.config.AlarmName < b.config.AlarmName ? -1 : a.config.AlarmName > b.config.AlarmName ? 1 : 0;
			metric.sort(byName);
			composite.sort(byName);
			sortedCache = {metric, composite};
		}
		return sortedCache;
	}

	function newStatus(name: string, at: number): AlarmStatus {
		return {
			arn: arnOf(name),
			createdAt: at,
			configUpdatedAt: at,
			state: 'INSUFFICIENT_DATA',
			reason: 'Unchecked: Initial alarm creation',
			updatedAt: at,
			transitionedAt: at,
		};
	}

	const secs = (ms: number) => ms / 1000;

	function describeMetricAlarm(alarm: MetricAlarm): Record<string, unknown> {
		const c = alarm.config;
		const out: Record<string, unknown> = {
			AlarmName: c.AlarmName,
			AlarmArn: alarm.arn,
			AlarmDescription: c.AlarmDescription,
			AlarmConfigurationUpdatedTimestamp: secs(alarm.configUpdatedAt),
			ActionsEnabled: c.ActionsEnabled ?? true,
			OKActions: c.OKActions ?? [],
			AlarmActions: c.AlarmActions ?? [],
			InsufficientDataActions: c.InsufficientDataActions ?? [],
			StateValue: alarm.state,
			StateReason: alarm.reason,
			StateReasonData: alarm.reasonData,
			StateUpdatedTimestamp: secs(alarm.updatedAt),
			MetricName: c.MetricName,
			Namespace: c.Namespace,
			Statistic: c.Statistic,
			ExtendedStatistic: c.ExtendedStatistic,
			Dimensions: c.Metrics ? undefined : (c.Dimensions ?? []),
			Period: c.Period,
			Unit: c.Unit,
			EvaluationPeriods: c.EvaluationPeriods,
			DatapointsToAlarm: c.DatapointsToAlarm,
			Threshold: c.Threshold,
			ComparisonOperator: c.ComparisonOperator,
			TreatMissingData: c.TreatMissingData,
			Metrics: c.Metrics,
			ThresholdMetricId: c.ThresholdMetricId,
			StateTransitionedTimestamp: secs(alarm.transitionedAt),
		};
		for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
		return out;
	}

	function describeCompositeAlarm(alarm: CompositeAlarm): Record<string, unknown> {
		const c = alarm.config;
		const out: Record<string, unknown> = {
			ActionsEnabled: c.ActionsEnabled ?? true,
			AlarmActions: c.AlarmActions ?? [],
			AlarmArn: alarm.arn,
			AlarmConfigurationUpdatedTimestamp: secs(alarm.configUpdatedAt),
			AlarmDescription: c.AlarmDescription,
			AlarmName: c.AlarmName,
			AlarmRule: c.AlarmRule,
			InsufficientDataActions: c.InsufficientDataActions ?? [],
			OKActions: c.OKActions ?? [],
			StateReason: alarm.reason,
			StateReasonData: alarm.reasonData,
			StateUpdatedTimestamp: secs(alarm.updatedAt),
			StateValue: alarm.state,
			StateTransitionedTimestamp: secs(alarm.transitionedAt),
		};
		for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
		return out;
	}

	return {
		putMetricAlarm(input, opts) {
			validateMetricAlarm(input);
			const name = input.AlarmName;
			const existing = alarms.get(name);
			if (existing && existing.type !== 'MetricAlarm') {
				throw new SimError('InvalidParameterValueException', `The alarm ${name} is a composite alarm.`);
			}
			const at = opts?.createdAt ?? clock.now();
			let alarm: MetricAlarm;
			if (existing) {
				alarm = existing;
				alarm.config = structuredClone(input);
				alarm.configUpdatedAt = at;
			} else {
				alarm = {type: 'MetricAlarm', config: structuredClone(input), ...newStatus(name, at)};
				alarms.set(name, alarm);
				sortedCache = undefined;
			}
			configHistory(alarm, at, !existing);
		},
		putCompositeAlarm(input, opts) {
			required(input.AlarmName, 'AlarmName');
			required(input.AlarmRule, 'AlarmRule');
			if (input.AlarmRule.length > 10_240) throw invalid('AlarmRule', '(too long)');
			const rule = parseAlarmRule(input.AlarmRule);
			const missing = ruleNames(rule).filter((name) => !alarms.has(name));
			if (missing.length > 0) {
				throw new SimError(
					'ValidationException',
					`Could not save the composite alarm as alarms [${missing.join(', ')}] in the alarm rule do not exist`,
				);
			}
			const name = input.AlarmName;
			if (ruleNames(rule).includes(name)) throw new SimError('ValidationException', 'A composite alarm cannot reference itself.');
			const existing = alarms.get(name);
			if (existing && existing.type !== 'CompositeAlarm') {
				throw new SimError('InvalidParameterValueException', `The alarm ${name} is a metric alarm.`);
			}
			const at = opts?.createdAt ?? clock.now();
			let alarm: CompositeAlarm;
			if (existing) {
				alarm = existing;
				alarm.config = structuredClone(input);
				alarm.rule = rule;
				alarm.configUpdatedAt = at;
			} else {
				alarm = {type: 'CompositeAlarm', config: structuredClone(input), rule, ...newStatus(name, at)};
				alarms.set(name, alarm);
				sortedCache = undefined;
			}
			configHistory(alarm, at, !existing);
		},
		deleteAlarms(names) {
			const missing = names.filter((name) => !alarms.has(name));
			if (missing.length > 0) throw new SimError('ResourceNotFound', `Alarm(s) ${missing.join(', ')} not found.`, 404);
			for (const name of names) {
				const alarm = alarms.get(name)!;
				alarms.delete(name);
				addHistory({
					AlarmName: name,
					AlarmType: alarm.type,
					timestamp: clock.now(),
					HistoryItemType: 'ConfigurationUpdate',
					HistorySummary: `Alarm "${name}" deleted`,
					HistoryData: JSON.stringify({
						version: '1.0',
						type: 'Delete',
						deletedAlarm: alarm.type === 'MetricAlarm' ? describeMetricAlarm(alarm) : describeCompositeAlarm(alarm),
					}),
				});
			}
			sortedCache = undefined;
		},
		evaluate,
		setAlarmState(name, state, reason, reasonData) {
			const alarm = alarms.get(name);
			if (!alarm) throw new SimError('ResourceNotFound', `Alarm ${name} not found.`, 404);
			if (!ALARM_STATES.includes(state)) throw invalid('StateValue', state);
			transition(alarm, clock.now(), state, reason, reasonData);
		},
		get: (name) => alarms.get(name),
		metricAlarms: () => sorted().metric,
		compositeAlarms: () => sorted().composite,
		history: () => historyItems,
		describeMetricAlarm,
		describeCompositeAlarm,
		arnOf,
	};
}

/** The default alarm set over the AWS/IoT metrics; the default scenario makes them move. */
export function defaultAlarms(firstRule: {ruleName: string; actionType: string}): {
	metric: MetricAlarmInput[];
	composite: CompositeAlarmInput[];
} {
	const iot = (metricName: string, dimensions: AwsDimension[]) => ({
		Namespace: 'AWS/IoT',
		MetricName: metricName,
		Dimensions: dimensions,
		Statistic: 'Sum',
		Period: 60,
	});
	const iotStat = (metricName: string) => ({
		Metric: {Namespace: 'AWS/IoT', MetricName: metricName, Dimensions: [{Name: 'Protocol', Value: 'MQTT'}]},
	});
	return {
		metric: [
			{
				AlarmName: 'iot-connect-auth-errors',
				AlarmDescription: 'MQTT clients failing to authenticate (an auth-error burst).',
				...iot('Connect.AuthError', [{Name: 'Protocol', Value: 'MQTT'}]),
				EvaluationPeriods: 2,
				DatapointsToAlarm: 1,
				Threshold: 10,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'notBreaching',
			},
			{
				AlarmName: 'iot-publish-throttles',
				AlarmDescription: 'Inbound MQTT publishes being throttled.',
				...iot('PublishIn.Throttle', [{Name: 'Protocol', Value: 'MQTT'}]),
				EvaluationPeriods: 3,
				DatapointsToAlarm: 2,
				Threshold: 5,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'notBreaching',
			},
			{
				AlarmName: 'iot-rule-action-failures',
				AlarmDescription: `Rule ${firstRule.ruleName} failing to deliver to ${firstRule.actionType}.`,
				...iot('Failure', [
					{Name: 'RuleName', Value: firstRule.ruleName},
					{Name: 'ActionType', Value: firstRule.actionType},
				]),
				EvaluationPeriods: 2,
				DatapointsToAlarm: 2,
				Threshold: 5,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'notBreaching',
			},
			{
				AlarmName: 'iot-low-connect-rate',
				AlarmDescription: 'Almost no MQTT connects: the fleet may be offline.',
				...iot('Connect.Success', [{Name: 'Protocol', Value: 'MQTT'}]),
				EvaluationPeriods: 3,
				DatapointsToAlarm: 3,
				Threshold: 1,
				ComparisonOperator: 'LessThanThreshold',
				TreatMissingData: 'breaching',
			},
			{
				AlarmName: 'iot-http-connect-server-errors',
				AlarmDescription: 'Server errors on HTTP connects (rarely reports: INSUFFICIENT_DATA).',
				...iot('Connect.ServerError', [{Name: 'Protocol', Value: 'HTTP'}]),
				EvaluationPeriods: 1,
				DatapointsToAlarm: 1,
				Threshold: 0,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'missing',
			},
			{
				// Metric math: what share of MQTT connect attempts fail to authenticate.
				AlarmName: 'iot-auth-error-rate',
				AlarmDescription: 'More than a quarter of MQTT connect attempts fail to authenticate.',
				Metrics: [
					{Id: 'errors', MetricStat: {...iotStat('Connect.AuthError'), Period: 60, Stat: 'Sum'}, ReturnData: false},
					{Id: 'successes', MetricStat: {...iotStat('Connect.Success'), Period: 60, Stat: 'Sum'}, ReturnData: false},
					{Id: 'rate', Expression: '100 * errors / (errors + successes)', Label: 'Auth error rate (%)', ReturnData: true},
				],
				EvaluationPeriods: 3,
				DatapointsToAlarm: 2,
				Threshold: 25,
				ComparisonOperator: 'GreaterThanThreshold',
				TreatMissingData: 'notBreaching',
			},
			{
				// Anomaly detection: a rule action's deliveries outside the band the model expects.
				AlarmName: 'iot-rule-deliveries-anomaly',
				AlarmDescription: `Rule ${firstRule.ruleName} delivering to ${firstRule.actionType} outside its expected band (anomaly detection).`,
				Metrics: [
					{
						Id: 'm1',
						MetricStat: {
							Metric: {
								Namespace: 'AWS/IoT',
								MetricName: 'Success',
								Dimensions: [
									{Name: 'RuleName', Value: firstRule.ruleName},
									{Name: 'ActionType', Value: firstRule.actionType},
								],
							},
							Period: 60,
							Stat: 'Sum',
						},
						ReturnData: true,
					},
					{Id: 'ad1', Expression: 'ANOMALY_DETECTION_BAND(m1, 2)', Label: 'Success (expected)', ReturnData: true},
				],
				ThresholdMetricId: 'ad1',
				EvaluationPeriods: 3,
				DatapointsToAlarm: 2,
				ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
				TreatMissingData: 'missing',
			},
		],
		composite: [
			{
				AlarmName: 'iot-fleet-degraded',
				AlarmDescription: 'The fleet is degraded: auth errors or throttling.',
				AlarmRule: 'ALARM("iot-connect-auth-errors") OR ALARM("iot-publish-throttles")',
			},
		],
	};
}
