// Following CloudWatch log groups by live tail: LiveTailSession holds one StartLiveTail event
// stream and buffers what it pushes until the source drains it (one store update per tick).
import {DescribeLogGroupsCommand, StartLiveTailCommand, type StartLiveTailResponseStream} from '@aws-sdk/client-cloudwatch-logs';
import {toLogEvent} from '../model/iotLog.js';
import type {LogEvent} from '../model/types.js';
import type {AwsClients} from './clients.js';

/** The ARN of each log group (StartLiveTail takes ARNs, without the trailing `:*`). */
export async function logGroupArns(clients: AwsClients, groups: string[]): Promise<Map<string, string>> {
	const arns = new Map<string, string>();
	for (const group of groups) {
		let nextToken: string | undefined;
		do {
			const page = await clients.logs.send(new DescribeLogGroupsCommand({logGroupNamePrefix: group, nextToken}));
			const match = page.logGroups?.find((candidate) => candidate.logGroupName === group);
			const arn = match?.logGroupArn ?? match?.arn?.replace(/:\*$/, '');
			if (arn) {
				arns.set(group, arn);
				break;
			}
			nextToken = page.nextToken;
		} while (nextToken);
		if (!arns.has(group)) {
			const error = new Error(`Log group ${group} does not exist`);
			error.name = 'ResourceNotFoundException';
			throw error;
		}
	}
	return arns;
}

export type LiveTailDrain = {
	events: LogEvent[];
	/** CloudWatch sampled at least one update since the last drain. */
	sampled: boolean;
	/** Set once the stream has ended (the 3 h timeout, a break, or stop()); the error, if any. */
	ended: boolean;
	error?: unknown;
	/** Wall-clock ms of the last frame the stream brought (CloudWatch sends one about every second, events or not). */
	heardAt: number;
};

/** One StartLiveTail session: events pile up until drained; never prints anything. */
export class LiveTailSession {
	private pending: LogEvent[] = [];
	private sampled = false;
	private ended = false;
	private error: unknown;
	private heardAt = Date.now();
	private readonly abort = new AbortController();

	private constructor(
		private readonly groupByArn: Map<string, string>,
		private readonly maxPending: number,
	) {}

	/** Resolves once the session is open (the first response); rejects when it cannot start. */
	static async start(
		clients: AwsClients,
		options: {arns: Map<string, string>; filterPattern?: string; maxPending: number},
	): Promise<LiveTailSession> {
		const groupByArn = new Map([...options.arns].map(([group, arn]) => [arn, group]));
		const session = new LiveTailSession(groupByArn, options.maxPending);
		const response = await clients.logs.send(
			new StartLiveTailCommand({
				logGroupIdentifiers: [...options.arns.values()],
				logEventFilterPattern: options.filterPattern || undefined,
			}),
			{abortSignal: session.abort.signal},
		);
		if (!response.responseStream) throw new Error('StartLiveTail returned no stream');
		void session.consume(response.responseStream);
		return session;
	}

	private async consume(stream: AsyncIterable<StartLiveTailResponseStream>): Promise<void> {
		try {
			// An event without its group is one session's only group, or of an unknown group ('').
			const onlyGroup = this.groupByArn.size === 1 ? [...this.groupByArn.values()][0] : '';
			for await (const item of stream) {
				this.heardAt = Date.now();
				const update = item.sessionUpdate;
				if (!update) continue;
				if (update.sessionMetadata?.sampled) this.sampled = true;
				for (const raw of update.sessionResults ?? []) {
					const group =
						raw.logGroupIdentifier === undefined ? onlyGroup : (this.groupByArn.get(raw.logGroupIdentifier) ?? raw.logGroupIdentifier);
					this.pending.push(toLogEvent(raw, group, this.heardAt));
				}
				// Nobody drains (the app is paused): keep only what the buffer could hold.
				if (this.pending.length > this.maxPending * 2) this.pending = this.pending.slice(-this.maxPending);
			}
		} catch (error) {
			if (!this.abort.signal.aborted) this.error = error;
		} finally {
			this.ended = true;
		}
	}

	drain(): LiveTailDrain {
		const drained: LiveTailDrain = {
			events: this.pending,
			sampled: this.sampled,
			ended: this.ended,
			error: this.error,
			heardAt: this.heardAt,
		};
		this.pending = [];
		this.sampled = false;
		return drained;
	}

	stop(): void {
		this.abort.abort();
	}
}
