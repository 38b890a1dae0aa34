// The part of React's scheduler (a dependency of Ink's reconciler, untyped) that the off-screen
// terminal uses to wait behind the work React has queued.
declare module 'scheduler' {
	export const unstable_IdlePriority: number;
	export function unstable_scheduleCallback(priority: number, callback: () => void): unknown;
}
