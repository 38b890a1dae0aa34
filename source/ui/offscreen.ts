// An off-screen terminal for Ink: a stdout that records what the app writes, and a stdin
// that never types (Ink still wants raw mode for its input hook). Snapshots and the soak run
// draw the real App into these.
import {EventEmitter} from 'node:events';

export class OffscreenStdout extends EventEmitter {
	isTTY = true;
	/** Every write, in order (debug-mode renders write one whole frame each). */
	frames: string[] = [];
	bytes = 0;
	constructor(
		public columns: number,
		public rows: number,
		private readonly keepFrames = true,
	) {
		super();
	}

	write = (chunk: string) => {
		this.bytes += Buffer.byteLength(chunk);
		if (this.keepFrames) this.frames.push(chunk);
		return true;
	};
}

export class SilentStdin extends EventEmitter {
	isTTY = true;
	private pending: string | null = null;
	/** Keys as a terminal would send them (screenshots of a view a key opens). */
	type(text: string) {
		this.pending = text;
		this.emit('readable');
	}

	setRawMode() {}
	setEncoding() {}
	read() {
		const {pending} = this;
		this.pending = null;
		return pending;
	}

	ref() {}
	unref() {}
	resume() {}
	pause() {}
}
