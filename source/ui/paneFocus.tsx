// Lets a pane move the focus to another pane (the Resources pane's jump to a thing's logs).
import React, {createContext, useContext, type ReactNode} from 'react';
import type {PaneId} from '../config.js';

type FocusPane = (pane: PaneId) => void;

const PaneFocusContext = createContext<FocusPane>(() => undefined);

export function PaneFocusProvider({focusPane, children}: {focusPane: FocusPane; children: ReactNode}) {
	return <PaneFocusContext.Provider value={focusPane}>{children}</PaneFocusContext.Provider>;
}

export function usePaneFocus(): FocusPane {
	return useContext(PaneFocusContext);
}
