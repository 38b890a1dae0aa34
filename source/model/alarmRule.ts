// The alarms a composite alarm's AlarmRule names, in the order it names them: what its detail
// lists as its children. Not an evaluator: the rule's state is CloudWatch's to tell.

export type RuleChild = {
	/** The alarm's name (an ARN in the rule is reduced to the name it ends with). */
	name: string;
	/** The state the rule tests it for: ALARM, OK or INSUFFICIENT_DATA. */
	tests: string;
};

const STATE_FUNCTIONS = new Set(['ALARM', 'OK', 'INSUFFICIENT_DATA']);
const ALARM_ARN = /^arn:aws[^:]*:cloudwatch:[^:]*:\d*:alarm:(.+)$/;

/** Tokens of a rule: parentheses, commas, quoted strings (kept quoted) and words. */
function tokens(rule: string): string[] {
	return rule.match(/"(?:[^"\\]|\\.)*"?|'(?:[^'\\]|\\.)*'?|[(),]|[^\s(),"']+/g) ?? [];
}

const unquote = (token: string) =>
	/^["']/.test(token) ? token.slice(1, token.length > 1 && token.at(-1) === token[0] ? -1 : undefined).replace(/\\(.)/g, '$1') : token;

/**
 * The children of `ALARM("a") OR (OK(b) AND NOT INSUFFICIENT_DATA('arn:...:alarm:c'))`, each
 * once, first mention first. AT_LEAST(2, ALARM, (a, b)) names its alarms too.
 */
export function ruleChildren(rule: string): RuleChild[] {
	const list = tokens(rule);
	const out: RuleChild[] = [];
	const seen = new Set<string>();
	const add = (token: string | undefined, tests: string) => {
		if (token === undefined || token === '(' || token === ')' || token === ',') return;
		const raw = unquote(token).trim();
		const name = ALARM_ARN.exec(raw)?.[1] ?? raw;
		if (name === '' || seen.has(name)) return;
		seen.add(name);
		out.push({name, tests});
	};
	for (let index = 0; index < list.length; index++) {
		const word = list[index].toUpperCase();
		if (STATE_FUNCTIONS.has(word) && list[index + 1] === '(') {
			add(list[index + 2], word);
			index += 2;
		} else if (word === 'AT_LEAST' && list[index + 1] === '(') {
			// AT_LEAST(M, STATE, (alarm, alarm, ...))
			const tests = (list[index + 4] ?? '').toUpperCase().replace(/^NOT_/, 'not ');
			let at = index + 5;
			while (at < list.length && list[at] !== '(') at++;
			for (at++; at < list.length && list[at] !== ')'; at++) add(list[at], tests);
			index = at;
		}
	}
	return out;
}
