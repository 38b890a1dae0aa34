import {useStdout} from 'ink';
import {useEffect, useRef} from 'react';

/**
 * `--bell`: rings the terminal bell when an alarm enters ALARM (the alarms slice counts the
 * entries). BEL goes through Ink's own stdout writer, never behind its back.
 */
export function useAlarmBell(enteredAlarm: number, enabled: boolean): void {
	const {write} = useStdout();
	const heard = useRef(enteredAlarm);
	useEffect(() => {
		if (enteredAlarm > heard.current && enabled) write('\u0007');
		heard.current = enteredAlarm;
	}, [enteredAlarm, enabled, write]);
}
