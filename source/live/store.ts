// One store the UI subscribes to (useSyncExternalStore). Updates replace the state object;
// listeners hear about them at most once per NOTIFY_DELAY, however many sources finished in
// it: the sources of one refresh cycle finish within milliseconds of each other, and their
// results cost one React render and one frame instead of three.
export type Listener = () => void;

/** ms: long enough to gather one refresh cycle's results, too short for a person to notice. */
export const NOTIFY_DELAY = 60;

export class Store<State> {
	private state: State;
	private readonly listeners = new Set<Listener>();
	private notifyScheduled = false;

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
		if (this.notifyScheduled) return;
		this.notifyScheduled = true;
		setTimeout(() => {
			this.notifyScheduled = false;
			for (const listener of this.listeners) listener();
		}, NOTIFY_DELAY);
	}
}
