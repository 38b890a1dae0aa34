// One store the UI subscribes to (useSyncExternalStore). Updates replace the state object;
// listeners hear about them once per macrotask, however many sources finished in it, so a
// burst of results costs one React render.
export type Listener = () => void;

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
		setImmediate(() => {
			this.notifyScheduled = false;
			for (const listener of this.listeners) listener();
		});
	}
}
