// The four panes, in tab order: the keys 1-4, the tab bar, --pane and the config file's `pane`.
export const PANES = ['alarms', 'metrics', 'logs', 'resources'] as const;
export type PaneId = (typeof PANES)[number];
