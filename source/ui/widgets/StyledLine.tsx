import {Text} from 'ink';
import React from 'react';
import type {Line} from './line.js';

/** Renders a fitted line's segments as nested Text (no layout of its own). */
export function StyledLine({line}: {line: Line}) {
	return (
		<>
			{line.map((segment, index) =>
				segment.color || segment.backgroundColor || segment.bold || segment.dim || segment.inverse ? (
					<Text
						key={index}
						color={segment.color}
						backgroundColor={segment.backgroundColor}
						bold={segment.bold}
						dimColor={segment.dim}
						inverse={segment.inverse}
					>
						{segment.text}
					</Text>
				) : (
					<Text key={index}>{segment.text}</Text>
				),
			)}
		</>
	);
}
