import React from 'react';
import {sanitizeText} from '../terminal/sanitize.js';
import type {Line} from './widgets/line.js';
import {Panel} from './widgets/Panel.js';

type Props = {title: string; width: number; height: number; focused: boolean; children: React.ReactNode};
type State = {error?: Error};

/**
 * A pane that throws while rendering shows its error in its own box; the other panes and
 * the app keep running. (React offers error boundaries only as class components.)
 */
export class PaneBoundary extends React.Component<Props, State> {
	override state: State = {};

	static getDerivedStateFromError(error: Error): State {
		return {error};
	}

	override render() {
		const {error} = this.state;
		if (!error) return this.props.children;
		const lines: Line[] = [
			[{text: `⚠ This pane failed to draw: ${sanitizeText(error.message, 300)}`, color: 'red'}],
			[{text: 'The other panes keep working; please report this with the log file.', dim: true}],
		];
		return (
			<Panel title={this.props.title} width={this.props.width} height={this.props.height} focused={this.props.focused} lines={lines} />
		);
	}
}
