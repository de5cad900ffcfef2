import { useCallback, useMemo } from 'react';
import { useWorkflows } from '../../api/useWorkflows';

/** A step's label as the workflow names it ("Editor approval"), falling back to its id. */
export function useStepLabel(): (workflowId: string, nodeId: string) => string {
  const workflows = useWorkflows();
  const labels = useMemo(() => {
    const map = new Map<string, string>();
    for (const w of workflows.data ?? []) {
      for (const n of w.graph?.nodes ?? []) {
        if (n.label) map.set(`${w.id}/${n.id}`, n.label);
      }
    }
    return map;
  }, [workflows.data]);
  return useCallback(
    (workflowId, nodeId) => labels.get(`${workflowId}/${nodeId}`) ?? nodeId,
    [labels],
  );
}
