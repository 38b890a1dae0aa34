// One store the UI subscribes to (useSyncExternalStore). Updates replace the state object;
// listeners hear about them at most once per NOTIFY_DELAY, and not at all while a refresh
// cycle holds the store: the sources of one cycle start together and finish tens of
// milliseconds apart, and their results cost one React render and one frame instead of three.
export type Listener = () => void;

/** ms: long enough to gather updates that arrive together, too short for a person to notice. */
export const NOTIFY_DELAY = 60;
/** ms: the longest a hold delays what is already there (a slow source must not stall the rest). */
export const MAX_HOLD = 1000;

export class Store<State> {
	private state: State;
	private readonly listeners = new Set<Listener>();
	private notifyTimer: NodeJS.Timeout | undefined;
	private pending = false;
	private readonly holds = new Set<symbol>();

	constructor(initial: State) {
		this.state = initial;
	}

	getSnapshot = (): State => this.state;

	subscribe = (listener: Listener): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	update(change: (state: State) => State): void {
		const next = change(this.state);
		if (next === this.state) return;
		this.state = next;
		this.pending = true;
		this.schedule(NOTIFY_DELAY);
	}

	/** Tells the listeners now (on the next tick) what is pending, unless a hold defers it. */
	notifyNow(): void {
		this.schedule(0);
	}

	/**
	 * Defers notifications until every hold is released (or MAX_HOLD has passed): the engine
	 * holds the store while one refresh cycle's sources run. Returns the release; calling it
	 * twice is harmless.
	 */
	hold(maxMs = MAX_HOLD): () => void {
		const token = Symbol('hold');
		this.holds.add(token);
		const release = () => {
			clearTimeout(timer);
			if (!this.holds.delete(token)) return;
			if (this.holds.size === 0) this.schedule(0);
		};
		const timer = setTimeout(release, maxMs);
		timer.unref?.();
		return release;
	}

	private schedule(delay: number): void {
		if (!this.pending || this.holds.size > 0) return;
		if (this.notifyTimer !== undefined) {
			if (delay > 0) return;
			clearTimeout(this.notifyTimer);
		}
		this.notifyTimer = setTimeout(() => {
			this.notifyTimer = undefined;
			if (!this.pending || this.holds.size > 0) return;
			this.pending = false;
			for (const listener of this.listeners) listener();
		}, delay);
	}
}
