import { useEffect, useRef } from 'react';
import { unitMetricsOf } from '../live/entries';
import { useLiveScope } from '../live/useLive';
import { useNavigate } from '../router/useAppLocation';
import type { Route } from '../router/routes';
import { rankingPageCount } from '../screens/ranking/rankingPages';
import { useUnitDirectory } from '../units/UnitsContext';
import { nextStep, rotationSteps, spotlightUnit } from './rotation';

/** Moves an unattended wall to its next screen every `seconds` (rendered only with `?rotate=`). */
export function Rotation({ route, seconds }: { route: Route; seconds: number }) {
  const navigate = useNavigate();
  const { units } = useUnitDirectory();
  const province = useLiveScope('province');
  const cycle = useRef(0);
  // The latest inputs, read when the timer fires: the timer itself restarts only on a move.
  const latest = useRef({ route, province, units });
  latest.current = { route, province, units };

  useEffect(() => {
    const timer = setTimeout(() => {
      const { route: current, province: scope, units: all } = latest.current;
      const overdue = new Map<string, number>();
      if (scope.data)
        for (const [code, unit] of unitMetricsOf(scope.data.entries)) overdue.set(code, unit.overdue);
      const steps = rotationSteps(rankingPageCount(all.length), spotlightUnit(overdue, cycle.current));
      const next = nextStep(steps, current);
      if (next.screen === 'operations') cycle.current += 1;
      navigate(next, { replace: true });
    }, seconds * 1000);
    return () => clearTimeout(timer);
  }, [route, seconds, navigate]);

  return null;
}
