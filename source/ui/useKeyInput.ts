// The app's one input listener. Ink's App reads stdin and emits each input event (a run of
// plain text, an escape sequence) on its internal emitter; the events of one read become
// keys and pastes (inputParser.ts) and reach the handler together, once per read, so that
// the App applies them in order to one state and renders once. Ink's useInput would call a
// handler per event with the closure of the last render: keys read together acted on stale
// state.
import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';
import {parseInput, type InputKey, type InputState} from './inputParser.js';

export function useKeyInput(onKeys: (keys: InputKey[]) => void): void {
	const {internal_eventEmitter: events, setRawMode, isRawModeSupported} = useStdin();
	const handler = useRef(onKeys);
	handler.current = onKeys;
	useEffect(() => {
		if (!isRawModeSupported) return;
		setRawMode(true);
		return () => setRawMode(false);
	}, [isRawModeSupported, setRawMode]);
	useEffect(() => {
		let state: InputState = {};
		let queued: InputKey[] = [];
		let scheduled = false;
		const onInput = (event: string) => {
			const parsed = parseInput(state, event);
			state = parsed.state;
			queued.push(...parsed.keys);
			if (scheduled || queued.length === 0) return;
			scheduled = true;
			// Ink emits the events of one read one after another, synchronously: gather them.
			queueMicrotask(() => {
				scheduled = false;
				const keys = queued;
				queued = [];
				if (keys.length > 0) handler.current(keys);
			});
		};
		events.on('input', onInput);
		return () => {
			events.off('input', onInput);
		};
	}, [events]);
}
