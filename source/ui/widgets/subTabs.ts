// A pane's sub-tab bar: the tabs' names in a row, the active one inverse and bold. Resources
// (Things, Certificates, ...) and Alarms (Alarms, Changes, Health) draw theirs the same way.
import type {Line} from './line.js';

export type SubTab = {title: string; /** A mark after the title (`1 open`), in its colour. */ mark?: {text: string; color?: string}};

export function subTabsLine(tabs: readonly SubTab[], active: number): Line {
	const line: Line = [];
	for (const [index, tab] of tabs.entries()) {
		const selected = index === active;
		line.push({text: ` ${tab.title} `, inverse: selected, bold: selected, color: selected ? 'cyan' : undefined});
		if (tab.mark) line.push({text: `${tab.mark.text} `, color: tab.mark.color});
		line.push({text: ' '});
	}
	return line;
}
