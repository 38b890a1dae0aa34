// A small deterministic generator for randomized tests: the same cases on every run.
export function seededRandom(seed: number): {random(): number; below(count: number): number; pick<T>(items: readonly T[]): T} {
	let state = seed;
	const random = () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
	const below = (count: number) => Math.floor(random() * count);
	return {random, below, pick: (items) => items[below(items.length)]!};
}
