// The last result of a pure function, kept while it is called with the same arguments (by
// identity): a key reducer and the pane that draws the next frame share one sort of 100,000
// rows instead of making one each.
export function memoLast<Args extends readonly unknown[], Result>(compute: (...args: Args) => Result): (...args: Args) => Result {
	let last: {args: Args; result: Result} | undefined;
	return (...args: Args) => {
		if (last && last.args.length === args.length && last.args.every((value, index) => Object.is(value, args[index]))) return last.result;
		const result = compute(...args);
		last = {args, result};
		return result;
	};
}
